// A time window's rows, read from the history store (GET /api/pods?from&to, snapshots): each pod
// alive at some point in the window, deleted ones included, as it stood at the window's end, with
// its lane over the window from the stored versions.
import type { HistoryStore } from "../store/history-store";
import type { Filter } from "../stream/hub";
import { podRow, RECENT_MS, windowLane, type PodRow, type RowFilter } from "../rows/pod-row";
import { troubledOf, type NodeFacts } from "./node-facts";

export type HistoryFilter = Filter & RowFilter & { from?: number; to?: number; limit: number };

/**
 * Pods the store knows that were alive at some point in [from, to] (deleted ones included), newest
 * first; `nodes` is the node state now, for a window that ends now. The caller flushes first.
 */
export function historyRows(
  store: HistoryStore,
  nodes: NodeFacts,
  filter: HistoryFilter,
  now: number,
): { rows: PodRow[]; truncated: boolean } {
  const records = store.pods({
    namespace: filter.namespace,
    namespaces: filter.namespaces,
    name: filter.pod,
    node: filter.node,
    status: filter.status,
    search: filter.search?.toLowerCase(),
    labels: filter.labels,
    from: filter.from,
    to: filter.to,
    limit: filter.limit + 1,
  });
  // The window's end: each row says what was true then (its status, readiness and restarts, its
  // ages counted to it), not what came after.
  const end = Math.min(now, filter.to ?? now);
  const start = Math.min(end, filter.from ?? end - RECENT_MS);
  const rows = records.slice(0, filter.limit).map((r) => {
    // The lane over the window from the stored versions (not the live row's last changes), and
    // the pod as it stood at the window's end, in one walk.
    const window = windowLane(store.versionsIn(r.uid, start, end));
    const recent = window.recent;
    const gone = r.deletedAt !== null && r.deletedAt <= end;
    const pod = (gone ? undefined : window.pod) ?? store.latest(r.uid)!;
    if (gone)
      return { ...podRow(pod, r.deletedAt!, r.deletedAt, recent), watchedFrom: r.firstSeen };
    // The node as it stood at the window's end: now from memory, earlier from the store's history.
    const nodeName = pod.spec?.nodeName;
    const nodeState =
      end >= now
        ? nodes.troubled(nodeName)
        : nodeName
          ? troubledOf(store.nodes.at(nodeName, end))
          : null;
    // Deleted after the window: alive at its end, though its lane still runs on to the deletion.
    return {
      ...podRow(pod, end, null, recent, nodeState),
      deletedAt: r.deletedAt,
      watchedFrom: r.firstSeen,
    };
  });
  return { rows, truncated: records.length > filter.limit };
}
