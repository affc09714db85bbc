// Which container instances of a pod version have ended, read as the kubelet serves their logs
// (pkg/kubelet/kubelet_pods.go, validateContainerLogStatus): `previous=true` answers with
// lastState.terminated's container; without it, a terminated container that has not been
// restarted is state.terminated's. Each instance is named the way the timeline model numbers its
// runs (lib/timeline/container-history.ts): the attempt (1 for the first run) and its containerID,
// or its start and end when the kubelet gave no containerID. Pure; never throws.
import type { ContainerStateTerminated, ContainerStatus, Pod } from "../k8s/types";

export interface EndedInstance {
  container: string;
  /** Which instance: its containerID, else "<startedAt>|<finishedAt>" (the same in state and lastState). */
  instance: string;
  /** Where the kubelet had it when this version was written: lastState (previous=true) or state. */
  previous: boolean;
  /** The run's number as the timeline model counts it (1 for the first run). */
  attempt: number;
  exitCode: number | null;
  signal: number | null;
  reason: string | null;
  startedAt: number | null;
  finishedAt: number | null;
  /**
   * Did not end by plan (LIFELINE_LOGS=failures): non-zero or a signal, or, for a container the
   * kubelet restarts whatever its exit code (restartPolicy Always: a regular container of an
   * Always pod, a sidecar), any end but its pod's deletion: the kubelet restarts it as a "failed
   * container" (BackOff "Back-off restarting failed container", kuberuntime_manager.go
   * doBackOff), e.g. killed for a failed liveness or startup probe and exited 0 on SIGTERM.
   */
  failed: boolean;
  /**
   * A terminated state the kubelet is about to restart (restartPolicy Always, or OnFailure after
   * a failure; the pod not being deleted): asked for without `previous` the kubelet may already
   * serve the new instance's log, so it is fetched once lastState names it (`previous=true`).
   */
  restarting: boolean;
}

// Waiting reasons the kubelet sets while no newer container exists yet (as the model reads them).
const CREATED_WAITING = new Set(["", "ContainerCreating", "PodInitializing"]);

function time(text: unknown): number | null {
  if (typeof text !== "string") return null;
  const t = Date.parse(text);
  return Number.isFinite(t) ? t : null;
}

function count(n: unknown): number | null {
  return typeof n === "number" && Number.isFinite(n) ? n : null;
}

/** The key a terminated state names its container by. */
export function instanceKey(t: ContainerStateTerminated): string | null {
  if (typeof t.containerID === "string" && t.containerID) return t.containerID;
  const s = typeof t.startedAt === "string" ? t.startedAt : "";
  const f = typeof t.finishedAt === "string" ? t.finishedAt : "";
  return s || f ? `${s}|${f}` : null;
}

function ended(
  container: string,
  t: ContainerStateTerminated,
  previous: boolean,
  attempt: number,
): EndedInstance | null {
  const instance = instanceKey(t);
  if (!instance) return null;
  const exitCode = count(t.exitCode);
  const signal = count(t.signal) || null;
  return {
    container,
    instance,
    previous,
    attempt,
    exitCode,
    signal,
    reason: typeof t.reason === "string" && t.reason ? t.reason : null,
    startedAt: time(t.startedAt),
    finishedAt: time(t.finishedAt),
    failed: (exitCode !== null && exitCode !== 0) || signal !== null,
    restarting: false,
  };
}

/**
 * How the kubelet restarts a container: its own restartPolicy (a sidecar's Always, 1.34's
 * per-container policy), else an init container's OnFailure (Never in a Never pod), an ephemeral
 * container's Never, else the pod's (default Always).
 */
export type RestartPolicy = "Always" | "OnFailure" | "Never";

function policyOf(pod: Pod, name: string, kind: "init" | "main" | "ephemeral"): RestartPolicy {
  const spec = pod?.spec;
  const podPolicy = (spec?.restartPolicy as RestartPolicy | undefined) ?? "Always";
  if (kind === "ephemeral") return "Never";
  const list = kind === "init" ? spec?.initContainers : spec?.containers;
  const own = Array.isArray(list) ? list.find((c) => c?.name === name)?.restartPolicy : undefined;
  if (own === "Always" || own === "OnFailure" || own === "Never") return own;
  if (kind === "init") return podPolicy === "Never" ? "Never" : "OnFailure";
  return podPolicy;
}

/**
 * The ended instances one container status names (none, one or two). `policy`: the container's
 * restart policy (policyOf); `deleting`: its pod has a deletionTimestamp (the kubelet restarts
 * nothing then).
 */
export function endedOf(
  cs: ContainerStatus,
  policy: RestartPolicy = "Never",
  deleting = false,
): EndedInstance[] {
  if (!cs || typeof cs !== "object" || typeof cs.name !== "string" || !cs.name) return [];
  const out: EndedInstance[] = [];
  const rc = count(cs.restartCount) ?? 0;
  const state = cs.state ?? {};
  const terminated = state.terminated ?? null;
  const last = cs.lastState?.terminated ?? null;
  // A terminated container with no containerID: the kubelet serves lastState's log instead.
  if (terminated && typeof terminated === "object" && terminated.containerID) {
    const e = ended(cs.name, terminated, false, rc + 1);
    if (e) {
      // Ended while the pod was not being deleted: the kubelet restarts it, so not by plan.
      if (policy === "Always" && !deleting) e.failed = true;
      e.restarting = !deleting && (policy === "Always" || (policy === "OnFailure" && e.failed));
      out.push(e);
    }
  }
  if (last && typeof last === "object") {
    const waiting = state.waiting ?? null;
    const newerExists =
      !!state.running || !!terminated || (!!waiting && CREATED_WAITING.has(waiting.reason ?? ""));
    const e = ended(cs.name, last, true, newerExists ? Math.max(1, rc) : rc + 1);
    // lastState: the kubelet restarted it, which it does only while the pod is not being
    // deleted, so under Always it did not end by plan even if the pod is being deleted now.
    if (e && policy === "Always") e.failed = true;
    if (e && !out.some((o) => o.instance === e.instance)) out.push(e);
  }
  return out;
}

/** Whether any container status of the pod names an ended instance (a cheap first look). */
export function anyEnded(pod: Pod): boolean {
  const s = pod?.status;
  if (!s || typeof s !== "object") return false;
  return (
    ended1(s.containerStatuses) ||
    ended1(s.initContainerStatuses) ||
    ended1(s.ephemeralContainerStatuses)
  );
}

function ended1(list: ContainerStatus[] | null | undefined): boolean {
  if (!Array.isArray(list)) return false;
  for (const cs of list) if (cs?.lastState?.terminated || cs?.state?.terminated) return true;
  return false;
}

/**
 * Every container status of the pod (init, main, ephemeral), read loosely, with its restart
 * policy and whether the pod is being deleted (a pod being deleted restarts nothing).
 */
export function containerStatuses(
  pod: Pod,
): { cs: ContainerStatus; policy: RestartPolicy; deleting: boolean }[] {
  const s = pod?.status;
  if (!s || typeof s !== "object") return [];
  const deleting = !!pod.metadata?.deletionTimestamp;
  const out: { cs: ContainerStatus; policy: RestartPolicy; deleting: boolean }[] = [];
  const lists = [
    [s.initContainerStatuses, "init"],
    [s.containerStatuses, "main"],
    [s.ephemeralContainerStatuses, "ephemeral"],
  ] as const;
  for (const [list, kind] of lists)
    if (Array.isArray(list))
      for (const cs of list)
        if (cs && typeof cs === "object")
          out.push({ cs, policy: policyOf(pod, String(cs.name ?? ""), kind), deleting });
  return out;
}
