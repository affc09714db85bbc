// The overview's first screen, worked out on the server for the page's HTML: the rows a live
// overview would show first (the URL's filters and sort), so an engineer sees them before the
// page's JavaScript has loaded. Only for a live view, only once the cluster is synced, and only
// what the request's access may see; anything unreadable means no preview (the page then loads
// as it would without one and shows the error in its own words).
import { accessOf, listScope } from "@/lib/auth/request";
import { PRESETS, type OverviewState } from "@/lib/view/overview";
import { rowAt, type PodRow } from "../rows/pod-row";
import { live } from "../live/start";
import { namespaceListParam, selectorParam } from "./params";

export interface OverviewPreview {
  /** The first rows in the overview's order. */
  rows: PodRow[];
  /** Rows after every filter, and before the overview's own filters (its "N of M"). */
  shown: number;
  total: number;
  /** The moment the rows stand for (the cluster's clock). */
  at: number;
}

export async function overviewPreview(
  headers: Headers,
  state: OverviewState,
  count: number,
): Promise<OverviewPreview | null> {
  if (state.from !== null) return null;
  try {
    const access = accessOf(headers);
    const l = await live();
    const scope = listScope(access, namespaceListParam(state.namespaces.join(",")));
    if (!l.synced) return null;
    const at = l.now();
    const labels = selectorParam(state.selector);
    // The first rows of the live overview's view for this query (lib/live/views.ts): the same rows,
    // order and counts as the stream's first frame (removed pods still in the window included).
    // Below 20,000 pods a view is loaded for it at once; above, only one already loaded is read (the
    // first load of a query at 150,000 pods shows no preview rather than sort them all while the
    // request waits).
    const peek = l.views.peek(
      {
        filter: { ...scope, labels },
        selector: state.selector,
        status: state.status,
        node: state.node,
        search: state.search,
        sort: state.sort,
        desc: state.desc,
        windowMs: PRESETS[state.window],
      },
      count,
    );
    return (
      peek && { rows: peek.rows.map((r) => rowAt(r, at)), shown: peek.total, total: peek.all, at }
    );
  } catch {
    return null;
  }
}
