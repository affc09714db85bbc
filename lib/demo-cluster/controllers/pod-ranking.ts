// Which pods a ReplicaSet deletes first when it scales down: kube's ActivePodsWithRanks.Less
// (pkg/controller/controller_utils.go) with the LogarithmicScaleDown and PodDeletionCost features
// on (their defaults), ranked by getPodsRankedByRelatedPodsOnSameNode (pkg/controller/replicaset/replica_set.go).
import { parseTime } from "../../k8s/time";
import type { Pod } from "../../k8s/types";
import type { KubeObject } from "../api-server/store";

const DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";
const PHASE_RANK: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

const podOf = (p: KubeObject) => p as unknown as Pod;

function readyCondition(p: KubeObject) {
  return podOf(p).status?.conditions?.find((c) => c.type === "Ready");
}

const ready = (p: KubeObject) => readyCondition(p)?.status === "True";

function deletionCost(p: KubeObject): number {
  const n = Number(p.metadata.annotations?.[DELETION_COST]);
  return Number.isInteger(n) ? n : 0;
}

function maxRestarts(p: KubeObject): number {
  return Math.max(0, ...(podOf(p).status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
}

/** logarithmicRankDiff: compares how long ago each time was on a log2 scale of nanoseconds. */
function logRankDiff(t1: number, t2: number, now: number): number {
  const rank = (t: number) => {
    const d = (now - t) * 1e6;
    return d > 0 ? Math.floor(Math.log2(d)) : -1;
  };
  return rank(t1) - rank(t2);
}

/** Negative when `a` should be deleted before `b`. `rank` counts related pods on the same node. */
function compare(a: KubeObject, b: KubeObject, rank: Map<KubeObject, number>, now: number): number {
  const nodeA = podOf(a).spec?.nodeName ?? "";
  const nodeB = podOf(b).spec?.nodeName ?? "";
  // 1. Unassigned < assigned.
  if (nodeA !== nodeB && (!nodeA || !nodeB)) return nodeA ? 1 : -1;
  // 2. PodPending < PodUnknown < PodRunning.
  const phaseA = PHASE_RANK[podOf(a).status?.phase ?? ""] ?? 0;
  const phaseB = PHASE_RANK[podOf(b).status?.phase ?? ""] ?? 0;
  if (phaseA !== phaseB) return phaseA - phaseB;
  // 3. Not ready < ready.
  if (ready(a) !== ready(b)) return ready(a) ? 1 : -1;
  // 4. Lower pod-deletion-cost < higher.
  if (deletionCost(a) !== deletionCost(b)) return deletionCost(a) - deletionCost(b);
  // 5. Doubled up (more related pods on the same node) < not.
  const rankA = rank.get(a) ?? 0;
  const rankB = rank.get(b) ?? 0;
  if (rankA !== rankB) return rankB - rankA;
  const uid = () => ((a.metadata.uid ?? "") < (b.metadata.uid ?? "") ? -1 : 1);
  // 6. Ready for a shorter time < longer (in log2 buckets; same bucket: by uid).
  if (ready(a) && ready(b)) {
    const ta = parseTime(readyCondition(a)?.lastTransitionTime);
    const tb = parseTime(readyCondition(b)?.lastTransitionTime);
    if (ta !== tb) {
      if (ta === null || tb === null) return ta === null ? -1 : 1;
      const diff = logRankDiff(ta, tb, now);
      return diff === 0 ? uid() : diff;
    }
  }
  // 7. More container restarts < fewer.
  if (maxRestarts(a) !== maxRestarts(b)) return maxRestarts(b) - maxRestarts(a);
  // 8. Newer < older (log2 buckets; same bucket: by uid).
  const ca = parseTime(a.metadata.creationTimestamp);
  const cb = parseTime(b.metadata.creationTimestamp);
  if (ca !== cb) {
    if (ca === null || cb === null) return ca === null ? -1 : 1;
    const diff = logRankDiff(ca, cb, now);
    return diff === 0 ? uid() : diff;
  }
  return 0;
}

/**
 * The `count` pods of `pods` to delete first. `related` are the active pods of every ReplicaSet
 * with the same owner (a Deployment's old and new ReplicaSets), whose count per node ranks a pod.
 */
export function podsToDelete(
  pods: KubeObject[],
  related: KubeObject[],
  count: number,
  now: number,
): KubeObject[] {
  if (count >= pods.length) return [...pods];
  const perNode = new Map<string, number>();
  for (const p of related) {
    const node = podOf(p).spec?.nodeName;
    if (node) perNode.set(node, (perNode.get(node) ?? 0) + 1);
  }
  const rank = new Map<KubeObject, number>();
  for (const p of pods) {
    const node = podOf(p).spec?.nodeName;
    rank.set(p, node ? (perNode.get(node) ?? 0) : 0);
  }
  return [...pods].sort((a, b) => compare(a, b, rank, now)).slice(0, count);
}
