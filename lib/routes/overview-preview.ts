// The overview's first screen, worked out on the server for the page's HTML: the rows a live
// overview would show first (the URL's filters and sort), so an engineer sees them before the
// page's JavaScript has loaded. Only for a live view, only once the cluster is synced, and only
// what the request's access may see; anything unreadable means no preview (the page then loads
// as it would without one and shows the error in its own words).
import { accessOf, listScope } from "@/lib/auth/request";
import { PRESETS, type OverviewState } from "@/lib/view/overview";
import { rowAt, type PodRow } from "../rows/pod-row";
import type { ViewCounts } from "../rows/row-view";
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

/**
 * A live view's query: the overview's filters and sort, and how long removed pods stay (the
 * overview's window; 0 for the kiosk).
 */
export type PreviewQuery = Pick<
  OverviewState,
  "namespaces" | "selector" | "status" | "node" | "search" | "sort" | "desc"
> & { windowMs: number };

/**
 * The first `count` rows of the live view for `q` at the cluster's clock, and its counts; null when
 * there is none to read at once (not synced, not readable by this request, a first query at
 * 150,000 pods). Shared by the overview's and the kiosk's first screens.
 */
export async function peekPreview(
  headers: Headers,
  q: PreviewQuery,
  count: number,
): Promise<{ rows: PodRow[]; total: number; all: number; counts: ViewCounts; at: number } | null> {
  try {
    const access = accessOf(headers);
    const l = await live();
    const scope = listScope(access, namespaceListParam(q.namespaces.join(",")));
    if (!l.synced) return null;
    const at = l.now();
    const labels = selectorParam(q.selector);
    // The first rows of the live view for this query (lib/live/views.ts): the same rows, order and
    // counts as the stream's first frame (removed pods still in the window included). Below 20,000
    // pods a view is loaded for it at once; above, only one already loaded is read (the first load
    // of a query at 150,000 pods shows no preview rather than sort them all while the request
    // waits; the default queries are kept loaded, lib/live/kept-views.ts).
    const peek = l.views.peek(
      {
        filter: { ...scope, labels },
        selector: q.selector,
        status: q.status,
        node: q.node,
        search: q.search,
        sort: q.sort,
        desc: q.desc,
        windowMs: q.windowMs,
      },
      count,
    );
    return peek && { ...peek, rows: peek.rows.map((r) => rowAt(r, at)), at };
  } catch {
    return null;
  }
}

export async function overviewPreview(
  headers: Headers,
  state: OverviewState,
  count: number,
): Promise<OverviewPreview | null> {
  if (state.from !== null) return null;
  const peek = await peekPreview(headers, { ...state, windowMs: PRESETS[state.window] }, count);
  return peek && { rows: peek.rows, shown: peek.total, total: peek.all, at: peek.at };
}
