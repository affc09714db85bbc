// The kiosk's "nodes not Ready" when it shows workloads (`/kiosk?group=workload`): the nodes that
// run pods in the wall's namespaces now (GET /api/nodes?namespace=…) whose Ready is not True or
// that the node controller has tainted unreachable or not-ready — the rule the pod kiosk counts by
// (lib/health nodeTroubled, over the readiness lib/live/node-facts.ts reads from a Node). Pure.
import { nodeTroubled, type NodeReadiness } from "../health";
import type { NodeTimeline } from "../nodes/node-timeline";

const UNREACHABLE = "node.kubernetes.io/unreachable";
const NOT_READY = "node.kubernetes.io/not-ready";

/** A row of GET /api/nodes, as far as this reads it (a partial or malformed one counts as not troubled). */
export type NodeRowIn = Partial<Pick<NodeTimeline, "name" | "deletedAt" | "ready" | "taints">> & {
  pods?: number;
};

/** The node's readiness at the answer's moment; null when Lifeline knows nothing of it. */
function readinessOf(n: NodeRowIn): NodeReadiness | null {
  const open = (key: string) =>
    Array.isArray(n.taints) && n.taints.some((t) => t?.key === key && t.end === null);
  const unreachable = open(UNREACHABLE);
  const notReady = open(NOT_READY);
  const ready = n.ready && typeof n.ready.status === "string" ? n.ready : null;
  if (!ready && !unreachable && !notReady) return null;
  return {
    ready: ready?.status ?? "",
    since: ready && Number.isFinite(ready.since) ? ready.since : null,
    unreachable,
    notReady,
  };
}

/** The names, sorted, of the nodes under pods now (not deleted) that are not Ready. */
export function nodesNotReady(rows: unknown): string[] {
  if (!Array.isArray(rows)) return [];
  const out = new Set<string>();
  for (const n of rows as NodeRowIn[]) {
    if (!n || typeof n.name !== "string" || !n.name) continue;
    if (typeof n.pods !== "number" || n.pods <= 0 || (n.deletedAt ?? null) !== null) continue;
    if (nodeTroubled(readinessOf(n))) out.add(n.name);
  }
  return [...out].sort();
}
