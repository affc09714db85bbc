// The overview queries the server holds from its first sync on, whether a browser streams them or
// not: the ones most pages open. The overview at `/` with no filters (its window is the hour, or
// 15 minutes while Lifeline's history is shorter: lib/view/default-window.ts), and the kiosk at
// `/kiosk` with none. A query's view is otherwise loaded by its first stream, which at 150,000
// pods sorts every row before the page can draw (seconds on a busy server); a kept view is in
// order already, so the page's first screen (lib/routes/overview-preview.ts) and the stream's
// first frame are read off it. Each costs one view's memory (~16 MiB at 150,000 pods) and its share of each change.
import { overviewWindowParams } from "../routes/params";
import type { WindowQuery } from "./views";

/**
 * The paths the browsers open for these queries (lib/view/stream-frames.ts: `overviewStreamPath` of
 * the overview's default state with its two default windows, `kioskStreamPath` with no filters),
 * but for `limit`, which is not part of the query. lib/routes/stream-route.test.ts checks they are
 * still the ones opened.
 */
export const KEPT_STREAM_PATHS: readonly string[] = [
  "/api/stream?limit=1",
  "/api/stream?window=15m&limit=1",
  "/api/stream?removed=0&limit=1",
];

/**
 * The kept queries, read from those paths by the stream route's own parameters, for a reader who
 * sees every namespace Lifeline watches (a viewer scoped to namespaces asks other queries).
 */
export function keptQueries(): Omit<WindowQuery, "offset" | "limit">[] {
  return KEPT_STREAM_PATHS.map((path) => {
    const q = new URL(path, "http://lifeline.invalid").searchParams;
    const w = overviewWindowParams(q);
    if (!w) throw new Error(`${path} is not a windowed stream`);
    return {
      filter: { namespaces: null, scoped: false, pod: undefined, labels: undefined },
      selector: q.get("selector") ?? "",
      status: w.status,
      node: w.node,
      search: w.search,
      sort: w.sort,
      desc: w.desc,
      windowMs: w.windowMs,
    };
  });
}
