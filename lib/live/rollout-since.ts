// Since when a workload's current rollout has been open, from what the collector observed. The
// Deployment's Progressing condition cannot say: the controller keeps it True across rollouts and
// SetDeploymentCondition keeps lastTransitionTime while the status stays the same, changing only
// reason, message and lastUpdateTime (pkg/controller/deployment/util/deployment_util.go); progress.go
// syncRolloutStatus renews lastUpdateTime on every bit of progress (ReplicaSetUpdated), and
// lastUpdateTime is not stored (workload-state.ts). StatefulSets and DaemonSets have no such
// condition at all. So a rollout is open while `kubectl rollout status` would wait
// (rollout-status.ts, kubectl/pkg/polymorphichelpers/rollout_status.go), and it began at the first
// observation of that wait for the revision it rolls to: a Deployment's
// deployment.kubernetes.io/revision, a StatefulSet's status.updateRevision, a DaemonSet's
// generation (its status names no revision). A version whose spec the controller has not yet
// observed (generation > observedGeneration) is the start of the next rollout, whatever revision it
// still shows. A wait after the same revision was rolled out (a pod lost later) is not a rollout:
// the workload page's model (lib/workloads/rollouts.ts) does not reopen one either. Pure.
import { rolloutDone } from "../workloads/rollout-status";
import type { WorkloadState, WorkloadVersion } from "../workloads/workload-state";

const ROLLING_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet"]);

/** Not yet observed by its controller: the key it shows is the previous rollout's. */
const unobserved = (s: WorkloadState) =>
  typeof s.generation === "number" &&
  (typeof s.observedGeneration !== "number" || s.generation > s.observedGeneration);

/** The revision the workload rolls to, or null when the state does not say yet (unobserved). */
export function rolloutKey(s: WorkloadState | null | undefined): string | null {
  if (!s || !ROLLING_KINDS.has(s.kind) || unobserved(s)) return null;
  if (s.kind === "Deployment") return typeof s.revision === "number" ? `r${s.revision}` : null;
  if (s.kind === "StatefulSet") return s.updateRevision ?? null;
  return typeof s.generation === "number" ? `g${s.generation}` : null;
}

/** Whether `kubectl rollout status` would wait on this state (a paused Deployment's too). */
export function rolloutWaiting(s: WorkloadState | null | undefined): boolean {
  return !!s && ROLLING_KINDS.has(s.kind) && !rolloutDone(s);
}

/**
 * When the rollout open at `at` began, from the stored versions (oldest first): the first of the
 * waiting versions for the same revision before `at`, or `at` itself; null when that revision had
 * already rolled out (a later dip, not a rollout).
 */
export function rolloutStreakStart(
  versions: readonly WorkloadVersion[],
  at: number,
  key: string | null,
): number | null {
  let since = at;
  for (let i = versions.length - 1; i >= 0; i--) {
    const v = versions[i];
    if (v.observedAt > at) continue;
    if (v.deleted || !v.state) break;
    const k = rolloutKey(v.state);
    // Another revision's versions (an unobserved one is this rollout's start, never another's).
    if (k !== null && k !== key) break;
    // Unobserved versions always wait, so this one is the same revision, already rolled out.
    if (!rolloutWaiting(v.state)) return null;
    since = Math.min(since, v.observedAt);
  }
  return since;
}
