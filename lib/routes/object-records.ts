// Whether Lifeline has any record of a workload or a node, for their pages' 404 (as the pod page's
// everSeen): false only when it surely has none. The first lists have arrived (every watch the
// collector may run has listed once), the kind is not refused where it is asked for, and the store
// holds nothing by that name. Anything less sure counts as seen, and the page says what it knows.
import type { Live } from "../live/live";
import type { WorkloadKind } from "../workloads/workload-state";

/** A workload of this kind and name in this namespace was ever stored (or Lifeline cannot tell). */
export function workloadEverSeen(
  l: Live,
  q: { namespace: string; kind: WorkloadKind; name: string },
): boolean {
  if (!l.synced) return true;
  // A kind Lifeline may not list there, or one the cluster does not serve: not a record's absence.
  if (l.workloadAccess([q.namespace]).some((d) => d.kind === q.kind)) return true;
  l.flush();
  return l.store.workloads.named(q.namespace, q.kind, q.name).length > 0;
}

/**
 * A node of this name was ever stored, or a pod ran on it. A reader limited to `namespaces` knows a
 * node only by their pods on it, as GET /api/nodes answers them: whether it exists is not told.
 */
export function nodeEverSeen(l: Live, name: string, namespaces: readonly string[] | null): boolean {
  if (!l.synced) return true;
  l.flush();
  if (namespaces === null && l.store.nodes.versions(name).length > 0) return true;
  return l.store.pods({ node: name, namespaces, limit: 1 }).length > 0;
}
