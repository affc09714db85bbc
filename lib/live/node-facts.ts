// The cluster's nodes as they stand now, as far as their pods' health goes: each node's Ready
// status and since when, and whether the node controller has tainted it unreachable or not-ready.
// Fed by the collector's Node observations; in memory only (the store keeps nodes' history).
import type { Node } from "../k8s/types";
import type { NodeReadiness } from "../health";
import { nodeTroubled } from "../health";
import type { Observation } from "../kube/reflector";

const UNREACHABLE = "node.kubernetes.io/unreachable";
const NOT_READY = "node.kubernetes.io/not-ready";

/** A node's state from its object; never throws on a partial one. */
export function nodeReadinessOf(node: Node): NodeReadiness {
  const conditions = Array.isArray(node?.status?.conditions) ? node.status!.conditions! : [];
  const ready = conditions.find((c) => c?.type === "Ready");
  const since = Date.parse(
    typeof ready?.lastTransitionTime === "string" ? ready.lastTransitionTime : "",
  );
  const taints = Array.isArray(node?.spec?.taints) ? node.spec!.taints! : [];
  return {
    ready: typeof ready?.status === "string" ? ready.status : "",
    since: Number.isFinite(since) ? since : null,
    unreachable: taints.some((t) => t?.key === UNREACHABLE),
    notReady: taints.some((t) => t?.key === NOT_READY),
  };
}

/** What a pod's row carries about a node object (e.g. the store's, as it stood at a window's end): its state when not plainly Ready, else null. */
export function troubledOf(node: Node | null | undefined): NodeReadiness | null {
  if (!node) return null;
  const s = nodeReadinessOf(node);
  return nodeTroubled(s) ? s : null;
}

const same = (a: NodeReadiness | undefined, b: NodeReadiness | undefined) =>
  a === b ||
  (!!a &&
    !!b &&
    a.ready === b.ready &&
    a.since === b.since &&
    a.unreachable === b.unreachable &&
    a.notReady === b.notReady);

export class NodeFacts {
  private readonly nodes = new Map<string, NodeReadiness>();

  /** Takes a Node observation; returns the node's name when its state changed, else null. */
  observe(o: Observation): string | null {
    if (o.kind !== "Node") return null;
    const name = o.object?.metadata?.name;
    if (typeof name !== "string" || !name) return null;
    const before = this.nodes.get(name);
    const after = o.type === "DELETED" ? undefined : nodeReadinessOf(o.object as Node);
    if (same(before, after)) return null;
    if (after) this.nodes.set(name, after);
    else this.nodes.delete(name);
    return name;
  }

  /** The node's state, when known. */
  get(name: string | null | undefined): NodeReadiness | undefined {
    return name ? this.nodes.get(name) : undefined;
  }

  /** What a pod's row carries about its node: the state when the node is not plainly Ready, else null. */
  troubled(name: string | null | undefined): NodeReadiness | null {
    const s = this.get(name);
    return nodeTroubled(s) ? s : null;
  }

  /** Nodes whose Ready is not True (or that are tainted so), by name. */
  notReady(): string[] {
    return [...this.nodes]
      .filter(([, s]) => nodeTroubled(s))
      .map(([n]) => n)
      .sort();
  }

  get size(): number {
    return this.nodes.size;
  }
}
