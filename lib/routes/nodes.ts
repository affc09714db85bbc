// The cluster's nodes as GET /api/nodes answers: each node's conditions over time, taints and
// cordons (lib/nodes over the store's node history) and how many pods not terminated
// ran on it at the answer's moment (now, or the window's end). Scoped to namespaces (a viewer's, or those asked for), it names only the nodes that
// run pods there and counts only those pods: nothing about the rest of the cluster.
import { buildNodeTimeline, type NodeTimeline } from "../nodes/node-timeline";
import type { NodeAccess } from "../live/cluster-info";
import type { Live } from "../live/live";

const TERMINAL = new Set(["Succeeded", "Failed"]);

export interface NodeAnswerRow extends NodeTimeline {
  /** Pods on the node at the answer's moment, not terminated (within the namespaces asked for or allowed). */
  pods: number;
}

export interface NodesAnswer {
  nodes: NodeAnswerRow[];
  window: { from: number | null; to: number | null };
  /** The moment the answer stands for: now, or the window's end. */
  at: number;
  /** Whether Lifeline may see nodes now: "forbidden" (a namespaced install) says why `nodes` has only what was stored before, or nothing. */
  access: NodeAccess;
}

export function nodesAnswer(
  l: Live,
  q: { namespaces: readonly string[] | null; from?: number; to?: number },
): NodesAnswer {
  l.flush(); // read what has just been observed, not only what the last batch wrote
  const at = Math.min(l.now(), q.to ?? Infinity);
  // Pods on each node at the answer's moment that have not terminated (what `kubectl describe node`
  // counts): the current rows for now, the store's pods alive then for a window that ended earlier.
  const pods = new Map<string, number>();
  const add = (node: string | null) => node && pods.set(node, (pods.get(node) ?? 0) + 1);
  if (at >= l.now()) {
    for (const r of l.storedRows({ namespaces: q.namespaces }))
      if (!TERMINAL.has(r.phase)) add(r.node);
  } else {
    for (const r of l.store.pods({ namespaces: q.namespaces ?? undefined, from: at, to: at })) {
      if (r.deletedAt !== null && r.deletedAt <= at) continue;
      // A phase never leaves Succeeded or Failed: only a pod that ended since may still have run then.
      if (TERMINAL.has(r.phase) && TERMINAL.has(l.store.podAt(r.uid, at)?.status?.phase ?? r.phase))
        continue;
      add(r.node);
    }
  }
  let names: Set<string>;
  if (q.namespaces) {
    // Only nodes that run (or, in a window, ran) pods in these namespaces.
    names = new Set(pods.keys());
    if (q.from !== undefined || q.to !== undefined) {
      for (const r of l.store.pods({ namespaces: q.namespaces, from: q.from, to: q.to }))
        if (r.node) names.add(r.node);
    }
  } else names = new Set([...l.store.nodes.names(), ...pods.keys()]);
  const nodes: NodeAnswerRow[] = [];
  for (const name of [...names].sort()) {
    const tl = buildNodeTimeline({
      name,
      versions: l.store.nodes.versions(name),
      now: at,
      until: q.to,
      from: q.from,
    });
    const count = pods.get(name) ?? 0;
    // A node deleted before the window, or not there yet at its end, is not part of it.
    if (
      !q.namespaces &&
      count === 0 &&
      (tl.observedFrom === null ||
        (tl.deletedAt !== null && q.from !== undefined && tl.deletedAt < q.from))
    )
      continue;
    nodes.push({ ...tl, pods: count });
  }
  return { nodes, window: { from: q.from ?? null, to: q.to ?? null }, at, access: l.nodeAccess() };
}
