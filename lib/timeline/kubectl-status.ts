import type { Container, ContainerStatus, Pod, PodCondition } from "../k8s/types";
import { humanDuration, parseTime } from "../k8s/time";
import { list } from "./list";

/** The STATUS, READY, RESTARTS and AGE cells `kubectl get pods` prints for a pod. */
export interface KubectlStatus {
  status: string;
  ready: string;
  restarts: string;
  age: string;
  /** The plain restart count behind `restarts`. */
  restartCount: number;
  /** Epoch ms of the latest restart kubectl knows of (lastState.terminated.finishedAt), or null. */
  lastRestartAt: number | null;
}

/** The API's strings and numbers, or the Go zero value when a malformed object has something else. */
const str = (value: unknown): string => (typeof value === "string" ? value : "");
const int = (value: unknown): number =>
  typeof value === "number" && Number.isFinite(value) ? value : 0;

function isSidecar(container: Container | undefined): boolean {
  return container?.restartPolicy === "Always";
}

/** The spec container of that name (init container lists are short: a scan beats a Map). */
function specByName(containers: readonly Container[], name: string): Container | undefined {
  for (const c of containers) if (c?.name === name) return c;
  return undefined;
}

function conditionTrue(conditions: readonly PodCondition[], type: string): boolean {
  for (const c of conditions) if (c?.type === type && c.status === "True") return true;
  return false;
}

function count(status: ContainerStatus): number {
  return int(status.restartCount);
}

function lastFinishedAt(status: ContainerStatus): number | null {
  return parseTime(status.lastState?.terminated?.finishedAt);
}

/** kubectl's translateTimestampSince. */
function since(ms: number | null, now: number): string {
  return ms === null ? "<unknown>" : humanDuration(now - ms);
}

interface Columns {
  status: string;
  readyContainers: number;
  totalContainers: number;
  restarts: number;
  lastRestart: number | null;
}

/**
 * Computes kubectl's columns exactly as printPod does (pkg/printers/internalversion/printers.go),
 * sidecars included. `pod` is the plain API JSON; `now` is epoch ms. Never throws.
 */
export function kubectlStatus(pod: Pod | null | undefined, now: number): KubectlStatus {
  const c = columns(pod, true);
  return {
    status: c.status,
    ready: `${c.readyContainers}/${c.totalContainers}`,
    restarts: restartsText(c.restarts, c.lastRestart, now),
    age: ageText(parseTime(pod?.metadata?.creationTimestamp), now),
    restartCount: c.restarts,
    lastRestartAt: c.lastRestart,
  };
}

/** kubectl's RESTARTS cell: "5 (2m10s ago)", or just the count when nothing says when. */
export function restartsText(restarts: number, lastRestartAt: number | null, now: number): string {
  return restarts !== 0 && lastRestartAt !== null
    ? `${restarts} (${since(lastRestartAt, now)} ago)`
    : String(restarts);
}

/** kubectl's AGE cell for a creation time (epoch ms, or null when unknown). */
export function ageText(createdAt: number | null, now: number): string {
  return since(createdAt, now);
}

/** Just kubectl's STATUS string: what the timeline tracks on every update. */
export function kubectlStatusText(pod: Pod | null | undefined): string {
  return columns(pod, false).status;
}

/** `times`: read when the latest restart was (the STATUS text alone does not need it). */
function columns(pod: Pod | null | undefined, times: boolean): Columns {
  const spec = pod?.spec ?? {};
  const status = pod?.status ?? {};
  const conditions = list(status.conditions);
  const specContainers = list(spec.containers);
  const specInit = list(spec.initContainers);

  let restarts = 0;
  let sidecarRestarts = 0;
  let totalContainers = specContainers.length;
  let readyContainers = 0;
  let lastRestart: number | null = null;
  let lastSidecarRestart: number | null = null;

  const phase = str(status.phase);
  let reason = phase;
  if (str(status.reason)) reason = str(status.reason);
  for (const condition of conditions) {
    if (condition?.type === "PodScheduled" && condition.reason === "SchedulingGated") {
      reason = "SchedulingGated";
    }
  }

  for (const container of specInit) if (isSidecar(container)) totalContainers++;

  let initializing = false;
  const initStatuses = list(status.initContainerStatuses);
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    if (!cs) continue;
    const sidecar = isSidecar(specByName(specInit, str(cs.name)));
    restarts += count(cs);
    const finished = times ? lastFinishedAt(cs) : null;
    if (finished !== null && (lastRestart === null || lastRestart < finished))
      lastRestart = finished;
    if (sidecar) {
      sidecarRestarts += count(cs);
      if (finished !== null && (lastSidecarRestart === null || lastSidecarRestart < finished)) {
        lastSidecarRestart = finished;
      }
    }
    const terminated = cs.state?.terminated;
    const waiting = cs.state?.waiting;
    if (terminated && int(terminated.exitCode) === 0) continue;
    if (sidecar && cs.started === true) {
      if (cs.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      if (!str(terminated.reason)) {
        reason = int(terminated.signal)
          ? `Init:Signal:${int(terminated.signal)}`
          : `Init:ExitCode:${int(terminated.exitCode)}`;
      } else {
        reason = `Init:${str(terminated.reason)}`;
      }
    } else if (waiting && str(waiting.reason) && waiting.reason !== "PodInitializing") {
      reason = `Init:${str(waiting.reason)}`;
    } else {
      reason = `Init:${i}/${specInit.length}`;
    }
    initializing = true;
    break;
  }

  const initialized = conditionTrue(conditions, "Initialized");
  if (!initializing || initialized) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = list(status.containerStatuses);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      if (!cs) continue;
      restarts += count(cs);
      const finished = times ? lastFinishedAt(cs) : null;
      if (finished !== null && (lastRestart === null || lastRestart < finished))
        lastRestart = finished;
      const waiting = cs.state?.waiting;
      const terminated = cs.state?.terminated;
      if (waiting && str(waiting.reason)) {
        reason = str(waiting.reason);
      } else if (terminated && str(terminated.reason)) {
        reason = str(terminated.reason);
      } else if (terminated) {
        reason = int(terminated.signal)
          ? `Signal:${int(terminated.signal)}`
          : `ExitCode:${int(terminated.exitCode)}`;
      } else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    if (reason === "Completed" && hasRunning) {
      reason = conditionTrue(conditions, "Ready") ? "Running" : "NotReady";
    }
  }

  const deleting = !!pod?.metadata?.deletionTimestamp;
  if (deleting && status.reason === "NodeLost") {
    reason = "Unknown";
  } else if (deleting && phase !== "Succeeded" && phase !== "Failed") {
    reason = "Terminating";
  }

  return { status: reason, readyContainers, totalContainers, restarts, lastRestart };
}
