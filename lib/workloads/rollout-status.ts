// kubectl rollout status, line by line, on a stored workload state: the model's "complete" is
// kubectl's "successfully rolled out" (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/
// rollout_status.go: DeploymentStatusViewer, DaemonSetStatusViewer, StatefulSetStatusViewer).
// The Deployment controller's reason strings are those of pkg/controller/deployment/util/
// deployment_util.go. Pure; never throws on a partial state.
import type { WorkloadCondition, WorkloadState } from "./workload-state";

/** deployment_util.go TimedOutReason: Progressing False once progressDeadlineSeconds passed without progress. */
export const TIMED_OUT_REASON = "ProgressDeadlineExceeded";
/** deployment_util.go PausedDeployReason: Progressing Unknown while spec.paused (sync.go checkPausedConditions). */
export const PAUSED_REASON = "DeploymentPaused";
/** deployment_util.go NewRSAvailableReason: Progressing True when the rollout completed. */
export const NEW_RS_AVAILABLE_REASON = "NewReplicaSetAvailable";

export interface RolloutStatus {
  /** kubectl's done: it would stop waiting with exit 0. */
  done: boolean;
  /** What kubectl prints (without the trailing newline). */
  message: string;
  /** kubectl's error (a Deployment past its progress deadline, a strategy it cannot follow), else null. */
  error: string | null;
}

const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);

/** The condition of `type`, as deploymentutil.GetDeploymentCondition finds it. */
export function conditionOf(
  state: WorkloadState | null | undefined,
  type: string,
): WorkloadCondition | null {
  const list = Array.isArray(state?.conditions) ? state.conditions : [];
  return list.find((c) => c && c.type === type) ?? null;
}

/** DeploymentTimedOut as far as the stored state tells it: the controller's own condition says so. */
export function deploymentTimedOut(state: WorkloadState | null | undefined): boolean {
  return conditionOf(state, "Progressing")?.reason === TIMED_OUT_REASON;
}

/** kubectl rollout status for a Deployment, DaemonSet or StatefulSet state; null for other kinds. */
export function rolloutStatus(state: WorkloadState | null | undefined): RolloutStatus | null {
  if (!state || typeof state !== "object") return null;
  const name = typeof state.name === "string" ? state.name : "";
  const c = state.counts ?? ({} as WorkloadState["counts"]);
  const generation = num(state.generation);
  const observed = num(state.observedGeneration);
  const wait = (message: string): RolloutStatus => ({ done: false, message, error: null });
  switch (state.kind) {
    case "Deployment": {
      if (generation > observed)
        return wait("Waiting for deployment spec update to be observed...");
      if (deploymentTimedOut(state))
        return {
          done: false,
          message: "",
          error: `deployment "${name}" exceeded its progress deadline`,
        };
      // spec.replicas defaults to 1; workloadState keeps null only for a malformed value.
      const replicas = typeof c.desired === "number" ? c.desired : null;
      const updated = num(c.updated);
      if (replicas !== null && updated < replicas)
        return wait(
          `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...`,
        );
      if (num(c.current) > updated)
        return wait(
          `Waiting for deployment "${name}" rollout to finish: ${num(c.current) - updated} old replicas are pending termination...`,
        );
      if (num(c.available) < updated)
        return wait(
          `Waiting for deployment "${name}" rollout to finish: ${num(c.available)} of ${updated} updated replicas are available...`,
        );
      return { done: true, message: `deployment "${name}" successfully rolled out`, error: null };
    }
    case "DaemonSet": {
      // The API server defaults updateStrategy.type to RollingUpdate.
      const type = state.strategy?.type ?? "RollingUpdate";
      if (type !== "RollingUpdate")
        return {
          done: true,
          message: "",
          error: "rollout status is only available for RollingUpdate strategy type",
        };
      if (generation > observed)
        return wait("Waiting for daemon set spec update to be observed...");
      const desired = num(c.desired);
      if (num(c.updated) < desired)
        return wait(
          `Waiting for daemon set "${name}" rollout to finish: ${num(c.updated)} out of ${desired} new pods have been updated...`,
        );
      if (num(c.available) < desired)
        return wait(
          `Waiting for daemon set "${name}" rollout to finish: ${num(c.available)} of ${desired} updated pods are available...`,
        );
      return { done: true, message: `daemon set "${name}" successfully rolled out`, error: null };
    }
    case "StatefulSet": {
      const type = state.strategy?.type ?? "RollingUpdate";
      if (type !== "RollingUpdate")
        return {
          done: true,
          message: "",
          error: "rollout status is only available for RollingUpdate strategy type",
        };
      if (observed === 0 || generation > observed)
        return wait("Waiting for statefulset spec update to be observed...");
      const replicas = typeof c.desired === "number" ? c.desired : null;
      if (replicas !== null && num(c.ready) < replicas)
        return wait(`Waiting for ${replicas - num(c.ready)} pods to be ready...`);
      // rollingUpdate is set (the API server defaults partition to 0 with it): the partition decides.
      const partition = state.strategy?.partition ?? null;
      if (partition !== null) {
        if (replicas !== null && num(c.updated) < replicas - partition)
          return wait(
            `Waiting for partitioned roll out to finish: ${num(c.updated)} out of ${replicas - partition} new pods have been updated...`,
          );
        return {
          done: true,
          message: `partitioned roll out complete: ${num(c.updated)} new pods have been updated...`,
          error: null,
        };
      }
      if (state.updateRevision !== state.currentRevision)
        return wait(
          `waiting for statefulset rolling update to complete ${num(c.updated)} pods at revision ${state.updateRevision ?? ""}...`,
        );
      // kubectl prints status.currentReplicas, which the stored state does not keep: replicas stands in.
      return {
        done: true,
        message: `statefulset rolling update complete ${num(c.current)} pods at revision ${state.currentRevision ?? ""}...`,
        error: null,
      };
    }
    default:
      return null;
  }
}

/**
 * Whether the rollout this state serves has ended well. kubectl answers "done" with an error for a
 * strategy it cannot follow (OnDelete): the controller's own view stands in (a StatefulSet's
 * currentRevision reaching updateRevision, every DaemonSet pod updated and available).
 */
export function rolloutDone(state: WorkloadState | null | undefined): boolean {
  const s = rolloutStatus(state);
  if (!s) return false;
  if (!s.error) return s.done;
  if (!s.done || !state) return false;
  const c = state.counts;
  if (num(state.generation) > num(state.observedGeneration)) return false;
  if (state.kind === "StatefulSet")
    return !!state.updateRevision && state.updateRevision === state.currentRevision;
  return num(c?.updated) >= num(c?.desired) && num(c?.available) >= num(c?.desired);
}
