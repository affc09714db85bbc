// What the pod's node says of itself: its Ready condition, and when it stopped being Ready while
// the pod was on it, a node-lost marker. Pure; never throws on a partial node.
import { parseTime } from "../k8s/time";
import type { Node } from "../k8s/types";
import { list } from "./list";
import type { Marker, NodeReady } from "./types";

/** The Ready condition of the pod's node (`podNode`), when that node's object is known. */
export function nodeReadyOf(
  node: Node | null | undefined,
  podNode: string | null,
): NodeReady | null {
  if (!node || typeof node !== "object" || !podNode || node.metadata?.name !== podNode) return null;
  const ready = list(node.status?.conditions).find((c) => c?.type === "Ready");
  const status = ready?.status;
  if (status !== "True" && status !== "False" && status !== "Unknown") return null;
  return {
    node: podNode,
    status,
    reason: ready?.reason || null,
    message: ready?.message || null,
    since: parseTime(ready?.lastTransitionTime),
  };
}

/**
 * A node-lost marker when the pod's node is not Ready since after the pod was scheduled
 * (`scheduled`), unless `markers` already has one within a minute of it (from the events).
 */
export function nodeLostMarker(
  node: Node | null | undefined,
  podNode: string | null,
  scheduled: number | null,
  markers: readonly Marker[],
): Marker | null {
  if (!node || node.metadata?.name !== podNode) return null;
  const ready = list(node.status?.conditions).find((c) => c?.type === "Ready");
  if (!ready || ready.status === "True") return null;
  const at = parseTime(ready.lastTransitionTime);
  if (at === null || (scheduled !== null && at < scheduled)) return null;
  if (markers.some((m) => m.kind === "node-lost" && Math.abs(m.at - at) < 60_000)) return null;
  return {
    kind: "node-lost",
    at,
    message:
      ready.message ||
      `Node ${podNode} is ${ready.status === "Unknown" ? "unreachable" : "not ready"}.`,
  };
}
