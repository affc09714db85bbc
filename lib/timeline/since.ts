// When did the state a pod object shows begin? Answers from the object's own timestamps.
import type { ContainerStatus, Pod } from "../k8s/types";
import { parseTime } from "../k8s/time";
import { list } from "./list";

function maxOf(values: (number | null)[]): number | null {
  let best: number | null = null;
  for (const v of values) if (v !== null && (best === null || v > best)) best = v;
  return best;
}

function startOf(cs: ContainerStatus | null | undefined): number | null {
  return parseTime(cs?.state?.running?.startedAt) ?? parseTime(cs?.state?.terminated?.startedAt);
}

function finishOf(cs: ContainerStatus | null | undefined): number | null {
  return parseTime(cs?.state?.terminated?.finishedAt);
}

/** When deletion was requested: deletionTimestamp minus the grace period it was given. */
export function deletionRequestedAt(pod: Pod): number | null {
  const deadline = parseTime(pod.metadata?.deletionTimestamp);
  if (deadline === null) return null;
  const grace = pod.metadata?.deletionGracePeriodSeconds;
  return typeof grace === "number" && Number.isFinite(grace) ? deadline - grace * 1000 : deadline;
}

/** The earliest start any main container is known to have had. */
export function firstMainStart(pod: Pod): number | null {
  let first: number | null = null;
  for (const cs of list(pod.status?.containerStatuses)) {
    first = earlier(first, startOf(cs));
    first = earlier(first, parseTime(cs?.lastState?.terminated?.startedAt));
  }
  return first;
}

/** The earlier of two times (null: unknown). */
function earlier(a: number | null, b: number | null): number | null {
  return b !== null && (a === null || b < a) ? b : a;
}

/** The later of two times (null: unknown). */
function later(a: number | null, b: number | null): number | null {
  return b !== null && (a === null || b > a) ? b : a;
}

function latestOfStatuses(
  statuses: readonly ContainerStatus[],
  best: number | null,
): number | null {
  for (const cs of statuses) {
    if (!cs) continue;
    best = later(best, startOf(cs));
    best = later(best, finishOf(cs));
    best = later(best, parseTime(cs.lastState?.terminated?.finishedAt));
  }
  return best;
}

/** The latest moment the object proves something happened (a floor for states of unknown age). */
export function latestKnownTransition(pod: Pod): number | null {
  const status = pod.status ?? {};
  let best = later(parseTime(pod.metadata?.creationTimestamp), deletionRequestedAt(pod));
  for (const c of list(status.conditions)) best = later(best, parseTime(c?.lastTransitionTime));
  best = latestOfStatuses(list(status.initContainerStatuses), best);
  return latestOfStatuses(list(status.containerStatuses), best);
}

/** When the pod entered `phase`, from the object; null when it does not say. */
export function phaseSince(pod: Pod, phase: string): number | null {
  const main = list(pod.status?.containerStatuses);
  switch (phase) {
    case "Pending":
      return parseTime(pod.metadata?.creationTimestamp);
    case "Running":
      return firstMainStart(pod);
    case "Succeeded":
    case "Failed": {
      const finished = maxOf(main.map(finishOf));
      if (finished !== null) return finished;
      const disruption = list(pod.status?.conditions).find(
        (c) => c?.type === "DisruptionTarget" && c.status === "True",
      );
      return parseTime(disruption?.lastTransitionTime);
    }
    default:
      return null;
  }
}

const INIT_PROGRESS = /^Init:(\d+)\/\d+$/;

/** When the pod's kubectl STATUS became `status`, from the object; null when it does not say. */
export function statusSince(pod: Pod, status: string): number | null {
  const init = list(pod.status?.initContainerStatuses);
  const main = list(pod.status?.containerStatuses);
  if (status === "Terminating") return deletionRequestedAt(pod);
  if (status === "Running" || status === "NotReady") return maxOf(main.map(startOf));
  if (status === "PodInitializing") return maxOf(init.map(finishOf));
  if (status === "Pending") return parseTime(pod.metadata?.creationTimestamp);
  const progress = INIT_PROGRESS.exec(status);
  if (progress) {
    const i = Number(progress[1]);
    return startOf(init[i]) ?? (i > 0 ? finishOf(init[i - 1]) : null);
  }
  const initReason = status.startsWith("Init:") ? status.slice(5) : null;
  const pool = initReason !== null ? init : main;
  const reason = initReason ?? status;
  if (reason.endsWith("BackOff") || reason === "RunContainerError") {
    return maxOf(
      pool
        .filter((cs) => cs?.state?.waiting?.reason === reason)
        .map((cs) => parseTime(cs?.lastState?.terminated?.finishedAt)),
    );
  }
  const terminated = pool.filter((cs) => {
    const term = cs?.state?.terminated;
    if (!term) return false;
    return (
      term.reason === reason ||
      reason === `ExitCode:${term.exitCode ?? 0}` ||
      reason === `Signal:${term.signal}`
    );
  });
  if (terminated.length > 0) return maxOf(terminated.map(finishOf));
  return null;
}

/**
 * The kubectl statuses a pod first met mid-life must have gone through before, as far as its
 * times prove: Pending, then Init:i/N as each init container started, PodInitializing once the
 * last one finished, and Running from the latest main container run's start.
 */
export function reconstructedStatuses(pod: Pod): { status: string; start: number }[] {
  const out: { status: string; start: number }[] = [];
  const created = parseTime(pod.metadata?.creationTimestamp);
  if (created !== null) out.push({ status: "Pending", start: created });
  initSteps(pod, out);
  const running = latestMainRunStart(pod);
  if (running !== null) out.push({ status: "Running", start: running });
  return out;
}

function initSteps(pod: Pod, out: { status: string; start: number }[]): void {
  const specInit = list(pod.spec?.initContainers);
  const init = list(pod.status?.initContainerStatuses);
  if (specInit.length === 0) return;
  let allDone = init.length === specInit.length;
  let lastFinish: number | null = null;
  for (let i = 0; i < init.length; i++) {
    const cs = init[i];
    const started = startOf(cs) ?? parseTime(cs?.lastState?.terminated?.startedAt);
    if (started !== null) out.push({ status: `Init:${i}/${specInit.length}`, start: started });
    const sidecar = specInit.find((c) => c?.name === cs?.name)?.restartPolicy === "Always";
    const finished = finishOf(cs);
    const done = sidecar ? cs?.started === true : cs?.state?.terminated?.exitCode === 0;
    if (!done) allDone = false;
    if (finished !== null) lastFinish = finished;
    else if (sidecar && started !== null) lastFinish = Math.max(lastFinish ?? started, started);
  }
  if (allDone && lastFinish !== null) out.push({ status: "PodInitializing", start: lastFinish });
}

/** The start of the latest run of any main container (the current one, or the one that just ended). */
export function latestMainRunStart(pod: Pod): number | null {
  return maxOf(
    list(pod.status?.containerStatuses).map((cs) =>
      cs?.state?.waiting ? parseTime(cs.lastState?.terminated?.startedAt) : startOf(cs),
    ),
  );
}
