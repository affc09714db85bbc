// The Job controller's rules that read one pod or one Job and decide, without I/O: the pod failure
// policy (pkg/controller/job/pod_failure_policy.go), when a pod finished and how long the
// pod-recreation back-off still runs (backoff_utils.go), and the Job's condition list
// (job_controller.go newCondition / ensureJobConditionStatus).
import { formatTime, parseTime } from "../../k8s/time";
import type { Pod } from "../../k8s/types";
import type { KubeObject } from "../api-server/store";

export const JOB_TRACKING_FINALIZER = "batch.kubernetes.io/job-tracking";
/** job_controller.go DefaultJobPodFailureBackOff / MaxJobPodFailureBackOff (10 min since 1.28; 6 min before). */
export const POD_FAILURE_BACKOFF_MS = 10_000;
export const MAX_POD_FAILURE_BACKOFF_MS = 10 * 60_000;

export interface JobCondition {
  type: string;
  status: string;
  lastProbeTime: string;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

interface PolicyRule {
  action?: string;
  onExitCodes?: { containerName?: string; operator?: string; values?: number[] };
  onPodConditions?: { type?: string; status?: string }[];
}

export interface JobSpec {
  completions?: number | null;
  parallelism?: number;
  backoffLimit?: number;
  activeDeadlineSeconds?: number;
  suspend?: boolean;
  podReplacementPolicy?: string;
  podFailurePolicy?: { rules?: PolicyRule[] };
  completionMode?: string;
  template?: {
    metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
    spec?: Pod["spec"];
  };
}

export const podStatus = (p: KubeObject) => (p.status ?? {}) as NonNullable<Pod["status"]>;
export const phaseOf = (p: KubeObject) => podStatus(p).phase;
export const isReady = (p: KubeObject) =>
  !!podStatus(p).conditions?.some((c) => c.type === "Ready" && c.status === "True");
/** controller.FilterActivePods: neither finished nor being deleted. */
export const isActive = (p: KubeObject) =>
  !p.metadata.deletionTimestamp && phaseOf(p) !== "Succeeded" && phaseOf(p) !== "Failed";
/** controller.CountTerminatingPods. */
export const isTerminating = (p: KubeObject) =>
  !!p.metadata.deletionTimestamp && phaseOf(p) !== "Succeeded" && phaseOf(p) !== "Failed";

/** onlyReplaceFailedPods: podReplacementPolicy Failed (the default with a pod failure policy). */
export const onlyReplaceFailed = (spec: JobSpec) =>
  spec.podReplacementPolicy === "Failed" || !!spec.podFailurePolicy;

/** isPodFailed: Failed, or (unless only failed pods are replaced) deleted before it succeeded. */
export function isPodFailed(p: KubeObject, spec: JobSpec): boolean {
  if (phaseOf(p) === "Failed") return true;
  if (onlyReplaceFailed(spec)) return false;
  return !!p.metadata.deletionTimestamp && phaseOf(p) !== "Succeeded";
}

export interface PolicyMatch {
  /** The FailJob rule's message, else undefined. */
  failJob?: string;
  /** False for an Ignore rule: the failure does not count towards backoffLimit. */
  count: boolean;
  action?: string;
}

/** matchPodFailurePolicy: the first rule whose exit codes or pod conditions match decides. */
export function matchPodFailurePolicy(spec: JobSpec, pod: KubeObject): PolicyMatch {
  const rules = spec.podFailurePolicy?.rules;
  if (!Array.isArray(rules)) return { count: true };
  const status = podStatus(pod);
  const { namespace, name } = pod.metadata;
  for (const [index, rule] of rules.entries()) {
    let failJob: string | undefined;
    if (rule.onExitCodes) {
      const req = rule.onExitCodes;
      const values = Array.isArray(req.values) ? req.values : [];
      const matches = (code: number) =>
        req.operator === "In"
          ? values.includes(code)
          : req.operator === "NotIn"
            ? !values.includes(code)
            : false;
      const hit = [...(status.containerStatuses ?? []), ...(status.initContainerStatuses ?? [])]
        .filter((c) => c.state?.terminated)
        .find(
          (c) =>
            (!req.containerName || req.containerName === c.name) &&
            (c.state!.terminated!.exitCode ?? 0) !== 0 &&
            matches(c.state!.terminated!.exitCode ?? 0),
        );
      if (!hit) continue;
      failJob = `Container ${hit.name} for pod ${namespace}/${name} failed with exit code ${hit.state!.terminated!.exitCode ?? 0} matching ${rule.action} rule at index ${index}`;
    } else if (Array.isArray(rule.onPodConditions)) {
      const hit = (status.conditions ?? []).find((c) =>
        rule.onPodConditions!.some((p) => p.type === c.type && (p.status ?? "True") === c.status),
      );
      if (!hit) continue;
      failJob = `Pod ${namespace}/${name} has condition ${hit.type} matching ${rule.action} rule at index ${index}`;
    } else continue;
    if (rule.action === "Ignore") return { count: false, action: "Ignore" };
    if (rule.action === "Count") return { count: true, action: "Count" };
    if (rule.action === "FailJob") return { failJob, count: true, action: "FailJob" };
  }
  return { count: true };
}

/**
 * getFinishedTime: the latest container finish when every container has finished, else when
 * Ready went False, else the deletion time less the grace period, else the creation time.
 */
export function finishedTime(p: KubeObject): number {
  const status = podStatus(p);
  const containers = status.containerStatuses ?? [];
  if (containers.length && containers.every((c) => parseTime(c.state?.terminated?.finishedAt)))
    return Math.max(...containers.map((c) => parseTime(c.state!.terminated!.finishedAt)!));
  const ready = status.conditions?.find((c) => c.type === "Ready");
  const readyFalse = ready?.status === "False" ? parseTime(ready.lastTransitionTime) : null;
  if (readyFalse !== null) return readyFalse;
  const deleted = parseTime(p.metadata.deletionTimestamp);
  if (deleted !== null) return deleted - (p.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
  return parseTime(p.metadata.creationTimestamp) ?? 0;
}

export interface BackoffRecord {
  failuresAfterLastSuccess: number;
  lastFailureTime: number | null;
}

/** backoffStore.newBackoffRecord: consecutive failures since the last success, and the last one's time. */
export function nextBackoffRecord(
  old: BackoffRecord,
  newSucceeded: KubeObject[],
  newFailed: KubeObject[],
): BackoffRecord {
  const failed = newFailed.map(finishedTime).sort((a, b) => a - b);
  if (!newSucceeded.length) {
    if (!failed.length) return old;
    return {
      failuresAfterLastSuccess: old.failuresAfterLastSuccess + failed.length,
      lastFailureTime: failed[failed.length - 1],
    };
  }
  const lastSuccess = Math.max(...newSucceeded.map(finishedTime));
  const after = failed.filter((t) => t > lastSuccess);
  return {
    failuresAfterLastSuccess: after.length,
    lastFailureTime: after.length ? after[after.length - 1] : null,
  };
}

/** getRemainingTimeForFailuresCount: 10 s doubling per consecutive failure, capped, from the last failure. */
export function backoffRemaining(record: BackoffRecord, now: number): number {
  if (!record.failuresAfterLastSuccess || record.lastFailureTime === null) return 0;
  let delay = POD_FAILURE_BACKOFF_MS;
  for (let i = 1; i < record.failuresAfterLastSuccess; i++) {
    delay *= 2;
    if (delay >= MAX_POD_FAILURE_BACKOFF_MS) {
      delay = MAX_POD_FAILURE_BACKOFF_MS;
      break;
    }
  }
  const elapsed = now - record.lastFailureTime;
  return delay < elapsed ? 0 : delay - elapsed;
}

/** pastBackoffLimitOnFailure: under OnFailure, the restarts of running and pending pods count. */
export function pastBackoffLimitOnFailure(spec: JobSpec, pods: KubeObject[]): boolean {
  if (spec.template?.spec?.restartPolicy !== "OnFailure") return false;
  let restarts = 0;
  for (const p of pods) {
    const s = podStatus(p);
    if (s.phase !== "Running" && s.phase !== "Pending") continue;
    for (const c of [...(s.initContainerStatuses ?? []), ...(s.containerStatuses ?? [])])
      restarts += c.restartCount ?? 0;
  }
  const limit = spec.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

export function newCondition(
  type: string,
  status: string,
  reason: string,
  message: string,
  now: number,
): JobCondition {
  const t = formatTime(now);
  return { type, status, lastProbeTime: t, lastTransitionTime: t, reason, message };
}

export const findCondition = (list: JobCondition[], type: string) =>
  list.find((c) => c.type === type);

export const hasTrueCondition = (list: JobCondition[], type: string) =>
  findCondition(list, type)?.status === "True";

/**
 * ensureJobConditionStatus: replaces a condition whose status, reason or message differ, appends
 * a missing one unless it would be False. Returns whether the list changed.
 */
export function ensureCondition(
  list: JobCondition[],
  type: string,
  status: string,
  reason: string,
  message: string,
  now: number,
): boolean {
  const i = list.findIndex((c) => c.type === type);
  if (i >= 0) {
    const c = list[i];
    if (c.status === status && c.reason === reason && c.message === message) return false;
    list[i] = newCondition(type, status, reason, message, now);
    return true;
  }
  if (status === "False") return false;
  list.push(newCondition(type, status, reason, message, now));
  return true;
}

/** An Indexed Job's pods carry their index here (annotation, and label since PodIndexLabel). */
export const COMPLETION_INDEX = "batch.kubernetes.io/job-completion-index";

/** getCompletionIndex: the pod's index when it is a whole number below `completions`, else null. */
export function completionIndex(
  p: KubeObject,
  completions: number | null | undefined,
): number | null {
  const text = p.metadata.annotations?.[COMPLETION_INDEX];
  if (text === undefined || !/^\d+$/.test(text)) return null;
  const i = Number(text);
  return completions != null && i < completions ? i : null;
}

/** parseIndexesFromString: "0-2,4" → {0, 1, 2, 4}, ignoring what is malformed or out of range. */
export function parseIndexes(text: unknown, completions: number): Set<number> {
  const out = new Set<number>();
  if (typeof text !== "string") return out;
  for (const part of text.split(",")) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) continue;
    const to = Number(m[2] ?? m[1]);
    for (let i = Number(m[1]); i <= to && i < completions; i++) out.add(i);
  }
  return out;
}

/** orderedIntervals.String(): ascending, runs of consecutive indexes as "a-b". */
export function formatIndexes(set: Set<number>): string {
  const sorted = [...set].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(",");
}
