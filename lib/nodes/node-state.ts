// What Lifeline keeps of a node: its identity and the parts whose changes matter to the pods on
// it — conditions (without lastHeartbeatTime, which the kubelet renews every 10–40 s), taints and
// unschedulable (cordon). Two observations with the same state are the same version, so a
// heartbeat stores nothing. Pure; never throws on a malformed object.
import type { Node } from "../k8s/types";

export interface NodeConditionState {
  type: string;
  status: string;
  reason: string | null;
  message: string | null;
  lastTransitionTime: string | null;
}

export interface NodeTaintState {
  key: string;
  value: string | null;
  effect: string;
  timeAdded: string | null;
}

export interface NodeState {
  name: string;
  uid: string | null;
  creationTimestamp: string | null;
  unschedulable: boolean;
  conditions: NodeConditionState[];
  taints: NodeTaintState[];
}

const text = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The node's state as stored, or null when it has no name. */
export function nodeState(node: Node | null | undefined): NodeState | null {
  if (!node || typeof node !== "object") return null;
  const name = text(node.metadata?.name);
  if (!name) return null;
  const conditions: NodeConditionState[] = [];
  for (const c of list(node.status?.conditions) as Record<string, unknown>[]) {
    if (!c || typeof c !== "object" || !text(c.type)) continue;
    conditions.push({
      type: String(c.type),
      status: text(c.status) ?? "Unknown",
      reason: text(c.reason),
      message: text(c.message),
      lastTransitionTime: text(c.lastTransitionTime),
    });
  }
  const taints: NodeTaintState[] = [];
  for (const t of list(node.spec?.taints) as Record<string, unknown>[]) {
    if (!t || typeof t !== "object" || !text(t.key)) continue;
    taints.push({
      key: String(t.key),
      value: text(t.value),
      effect: text(t.effect) ?? "",
      timeAdded: text(t.timeAdded),
    });
  }
  taints.sort((a, b) =>
    a.key + a.effect < b.key + b.effect ? -1 : a.key + a.effect > b.key + b.effect ? 1 : 0,
  );
  return {
    name,
    uid: text(node.metadata?.uid),
    creationTimestamp: text(node.metadata?.creationTimestamp),
    unschedulable: node.spec?.unschedulable === true,
    conditions,
    taints,
  };
}

/** A Node object carrying a stored state (for code that reads nodes, such as the pod timeline). */
export function nodeOfState(s: NodeState): Node {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: s.name,
      uid: s.uid ?? undefined,
      creationTimestamp: s.creationTimestamp ?? undefined,
    },
    spec: {
      unschedulable: s.unschedulable || undefined,
      taints: s.taints.map((t) => ({
        key: t.key,
        value: t.value ?? undefined,
        effect: t.effect,
        timeAdded: t.timeAdded,
      })),
    },
    status: {
      conditions: s.conditions.map((c) => ({
        type: c.type,
        status: c.status,
        reason: c.reason ?? undefined,
        message: c.message ?? undefined,
        lastTransitionTime: c.lastTransitionTime,
      })),
    },
  };
}
