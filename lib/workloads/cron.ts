// A CronJob's runs (its Jobs) and the schedule times no Job answered. A Job's scheduled time is the
// annotation the CronJob controller writes (`batch.kubernetes.io/cronjob-scheduled-timestamp`,
// pkg/controller/cronjob/utils.go getJobFromTemplate2), else its creation. Its result is its
// terminal condition (Complete, or Failed with BackoffLimitExceeded / DeadlineExceeded …: the Job
// controller's reasons). Missed: a schedule time after the CronJob was first seen, with no Job,
// while not suspended, not skipped by concurrencyPolicy Forbid, and past its starting deadline
// (startingDeadlineSeconds; without one, MISSED_GRACE_MS). croner computes the schedule, with
// day-of-month / day-of-week OR-ed as robfig/cron (the controller's parser) does. Pure.
import { Cron } from "croner";
import { parseTime } from "../k8s/time";
import type { RevisionOwner } from "./revisions";
import type { CronRun, CronTimeline, SkippedSchedule, WorkloadWarning } from "./types";
import type { WorkloadState, WorkloadVersion } from "./workload-state";

/** Without startingDeadlineSeconds, a schedule time with no Job this long after is missed. */
export const MISSED_GRACE_MS = 10_000;
/**
 * Schedule times are judged over the last day before `now`, or from the window's start (at most a
 * week back): a CronJob every minute kept for 30 days would otherwise cost 43,200 croner steps per
 * build (each ~0.1 ms here, more with a named zone).
 */
export const MISSED_LOOKBACK_MS = 86_400_000;
export const MISSED_LOOKBACK_MAX_MS = 7 * 86_400_000;
/** A schedule finer than a minute (croner allows seconds; Kubernetes does not) stops here. */
const MAX_TIMES = 20_000;
/** A Job created within this of a schedule time answers it (the annotation is exact; creation is not). */
const MATCH_MS = 1_000;

const fin = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** The Job's run: scheduled, started, ended, its result and how long it took. */
export function cronRun(owner: RevisionOwner): CronRun {
  const s = owner.state;
  const job = s?.job ?? null;
  const conditions = Array.isArray(s?.conditions) ? s.conditions : [];
  const done = conditions.find(
    (c) => c && (c.type === "Complete" || c.type === "Failed") && c.status === "True",
  );
  const start = parseTime(job?.startTime) ?? owner.createdAt;
  let end: number | null = null;
  let result: CronRun["result"] = "Unknown";
  if (done?.type === "Complete") {
    result = "Complete";
    end = parseTime(job?.completionTime) ?? parseTime(done.lastTransitionTime);
  } else if (done?.type === "Failed") {
    result = "Failed";
    end = parseTime(done.lastTransitionTime);
  } else if (job?.suspend) result = "Suspended";
  else if (owner.deletedAt === null) result = "Running";
  return {
    job: owner.name,
    uid: owner.uid,
    scheduledAt: parseTime(job?.scheduledAt) ?? owner.createdAt,
    start,
    end,
    result,
    reason: done?.reason ?? null,
    message: done?.message ?? null,
    durationMs: start !== null && end !== null ? Math.max(0, end - start) : null,
    deletedAt: owner.deletedAt,
  };
}

/** "CRON_TZ=Europe/Paris 0 * * * *": the zone prefix robfig/cron reads, split off. */
function splitZone(
  schedule: string,
  zone: string | null,
): { pattern: string; zone: string | null } {
  const m = /^(?:CRON_TZ|TZ)=(\S+)\s+(.*)$/.exec(schedule.trim());
  return m ? { pattern: m[2], zone: m[1] } : { pattern: schedule.trim(), zone };
}

function stateAt(versions: WorkloadVersion[], t: number): WorkloadState | null {
  let s: WorkloadState | null = null;
  for (const v of versions) if (v.observedAt <= t && v.state) s = v.state;
  return s;
}

/** The CronJob's runs, missed and skipped schedule times, and the next one. */
export function cronTimeline(
  versions: WorkloadVersion[],
  owners: RevisionOwner[],
  now: number,
  warnings: WorkloadWarning[],
  windowFrom: number | null = null,
): CronTimeline {
  const states = versions.map((v) => v.state).filter((s): s is WorkloadState => !!s);
  const last = states[states.length - 1] ?? null;
  const cj = last?.cronJob ?? null;
  const runs = owners
    .filter((o) => o.kind === "Job" || o.state?.kind === "Job")
    .map(cronRun)
    .sort((a, b) => (a.scheduledAt ?? 0) - (b.scheduledAt ?? 0) || a.job.localeCompare(b.job));
  const out: CronTimeline = {
    schedule: cj?.schedule ?? null,
    timeZone: cj?.timeZone ?? null,
    runs,
    missed: [],
    skipped: [],
    nextScheduleAt: null,
  };
  if (!cj?.schedule) return out;
  const { pattern, zone } = splitZone(cj.schedule, cj.timeZone);
  let cron: Cron;
  try {
    // Without spec.timeZone the controller uses kube-controller-manager's zone: UTC is assumed.
    // A fixed offset for UTC: croner's named-zone arithmetic is several times slower.
    const utc = !zone || zone === "UTC" || zone === "Etc/UTC";
    cron = new Cron(pattern, {
      paused: true,
      mode: "5-part",
      ...(utc ? { utcOffset: 0 } : { timezone: zone }),
    });
  } catch {
    warnings.push({ code: "bad-schedule", params: { schedule: cj.schedule } });
    return out;
  }
  const first = versions.find((v) => v.state);
  const createdAt = parseTime(first?.state?.creationTimestamp);
  let from = first?.observedAt ?? now;
  if (createdAt !== null && from - createdAt <= 2_000) from = createdAt;
  else if (createdAt !== null) warnings.push({ code: "missed-before-observed" });
  const deleted = versions.find((v) => v.deleted)?.observedAt ?? null;
  const until = Math.min(now, deleted ?? Infinity);
  const judgeFrom = Math.max(
    from,
    windowFrom !== null
      ? Math.max(windowFrom, until - MISSED_LOOKBACK_MAX_MS)
      : until - MISSED_LOOKBACK_MS,
  );
  const skipped: SkippedSchedule[] = [];
  let t = cron.nextRun(new Date(judgeFrom))?.getTime() ?? null;
  for (let i = 0; t !== null && t <= until; i++) {
    if (i >= MAX_TIMES) {
      warnings.push({ code: "too-many-schedules", params: { n: MAX_TIMES } });
      break;
    }
    const at = t;
    t = cron.nextRun(new Date(at))?.getTime() ?? null;
    if (runs.some((r) => r.scheduledAt !== null && Math.abs(r.scheduledAt - at) < MATCH_MS))
      continue;
    const s = stateAt(versions, at);
    if (s?.cronJob?.suspend) {
      skipped.push({ at, why: "suspended" });
      continue;
    }
    if (
      (s?.cronJob?.concurrencyPolicy ?? cj.concurrencyPolicy) === "Forbid" &&
      runs.some(
        (r) =>
          r.start !== null &&
          r.start < at &&
          (r.end === null ? r.result === "Running" : r.end > at),
      )
    ) {
      skipped.push({ at, why: "forbid" });
      continue;
    }
    const deadline = fin(s?.cronJob?.startingDeadlineSeconds ?? cj.startingDeadlineSeconds);
    if (now < at + (deadline !== null ? deadline * 1000 : MISSED_GRACE_MS)) continue;
    out.missed.push(at);
  }
  out.skipped = skipped;
  if (!cj.suspend && deleted === null)
    out.nextScheduleAt = cron.nextRun(new Date(now))?.getTime() ?? null;
  return out;
}
