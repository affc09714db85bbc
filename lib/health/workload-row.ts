// The workload health rule's facts from what a list row has (the current state: counts and
// conditions), for lists of thousands of workloads where building each one's timeline would cost
// too much. It reads the same facts workloadFactsOfTimeline reads, from the conditions' own times:
// since when fewer are available than desired is Available's lastTransitionTime when Available is
// False (MinimumReplicasUnavailable), else when the collector first saw the shortfall (the row's
// shortSince, from the stored versions when it began before a restart), else unknown; a Deployment's
// rollout is open while Progressing is True with a reason other than NewReplicaSetAvailable, or
// False (stalled); a StatefulSet's or DaemonSet's while the row's rolloutSince says (they have no
// Progressing). A rollout's start is always rolloutSince (lib/live/rollout-since.ts says why).
// A CronJob's last run is its newest finished Job among the rows. Missed schedules need the
// history: the list does not count them.
import { parseTime } from "../k8s/time";
import type { WorkloadCondition, WorkloadCounts, WorkloadKind } from "../workloads/workload-state";
import type { WorkloadFacts } from "./workload";

export interface WorkloadRowFacts {
  kind: WorkloadKind;
  counts: WorkloadCounts;
  conditions: WorkloadCondition[];
  paused: boolean;
  deleted?: boolean;
  /** Since when fewer are available than desired, as observed (GET /api/workloads' rows carry it). */
  shortSince?: number | null;
  /** Since when its current rollout has been open, as observed (GET /api/workloads' rows carry it). */
  rolloutSince?: number | null;
}

const TIMED_OUT = "ProgressDeadlineExceeded";

/** A finished Job's result from its conditions (Failed or Complete True), else null. */
function jobRun(job: Pick<WorkloadRowFacts, "conditions">): WorkloadFacts["lastRun"] {
  const c = (type: string) =>
    (job.conditions ?? []).find((x) => x.type === type && x.status === "True");
  const failed = c("Failed");
  if (failed)
    return { result: "Failed", reason: failed.reason, at: parseTime(failed.lastTransitionTime) };
  const complete = c("Complete");
  if (complete)
    return { result: "Complete", reason: null, at: parseTime(complete.lastTransitionTime) };
  return null;
}

/**
 * The facts from a list row at `now`. `jobs`: for a CronJob, the rows of the Jobs it owns (its last
 * finished one is its last run).
 */
export function workloadFactsOfRow(
  row: WorkloadRowFacts,
  now: number,
  jobs: readonly Pick<WorkloadRowFacts, "conditions">[] = [],
): WorkloadFacts {
  let lastJob: Pick<WorkloadRowFacts, "conditions"> | null = null;
  let lastAt = -Infinity;
  for (const j of jobs) {
    const at = jobRun(j)?.at ?? null;
    if (at !== null && at > lastAt) [lastJob, lastAt] = [j, at];
  }
  const cond = (type: string) => (row.conditions ?? []).find((c) => c.type === type);
  const counts = row.counts ?? ({} as WorkloadCounts);
  // A Job's "desired" is its completions, not pods that must stay up (as workloadFactsOfTimeline).
  const desired = row.kind === "Job" || row.kind === "CronJob" ? null : counts.desired;
  const available = counts.available;
  let shortSince: number | null = null;
  if (desired != null && available != null && available < desired) {
    // Available's own time when it is False; otherwise (a StatefulSet, DaemonSet or ReplicaSet has
    // no Available condition, and a Deployment's stays True within maxUnavailable) since when the
    // observations say, as the timeline's counts do; without them unknown, not "0s".
    const av = cond("Available");
    shortSince =
      av && av.status === "False"
        ? parseTime(av.lastTransitionTime)
        : typeof row.shortSince === "number" && Number.isFinite(row.shortSince)
          ? row.shortSince
          : null;
  }
  const progressing = cond("Progressing");
  // Progressing's lastTransitionTime is not the rollout's start: the controller keeps it True
  // across rollouts (rollout-since.ts). The start is the observed one; unknown, it is `now` (no
  // "rolling out for" yet rather than a wrong one).
  const observed =
    typeof row.rolloutSince === "number" && Number.isFinite(row.rolloutSince)
      ? row.rolloutSince
      : null;
  let rollout: WorkloadFacts["rollout"] = null;
  if (
    row.kind === "Deployment" &&
    progressing &&
    (progressing.status === "False" || progressing.reason !== "NewReplicaSetAvailable")
  ) {
    // False is a transition (True → False ProgressDeadlineExceeded): its time is when it stalled.
    const stalledAt =
      progressing.status === "False" && progressing.reason === TIMED_OUT
        ? (parseTime(progressing.lastTransitionTime) ?? now)
        : null;
    rollout = {
      since: Math.min(observed ?? now, stalledAt ?? now),
      stalledAt,
      message: progressing.message,
      paused: row.paused,
    };
  } else if ((row.kind === "StatefulSet" || row.kind === "DaemonSet") && observed !== null) {
    // No Progressing condition: open while kubectl rollout status would wait (the collector's).
    rollout = { since: observed, stalledAt: null, message: null, paused: false };
  } else if (row.paused) rollout = { since: now, stalledAt: null, message: null, paused: true };
  let lastRun: WorkloadFacts["lastRun"] = null;
  if (row.kind === "CronJob" && lastJob) lastRun = jobRun(lastJob);
  if (row.kind === "Job") lastRun = jobRun(row);
  return {
    deleted: row.deleted === true,
    desired: desired ?? null,
    available: available ?? null,
    shortSince,
    rollout,
    lastRun,
    missed: 0,
  };
}

/** The rows of the Jobs a CronJob row owns (its runs), among a list's rows. */
export function ownedJobs<
  T extends { kind: string; namespace: string; owner: { kind: string; name: string } | null },
>(rows: readonly T[], cron: { kind: string; namespace: string; name: string }): T[] {
  if (cron.kind !== "CronJob") return [];
  return rows.filter(
    (j) =>
      j.kind === "Job" &&
      j.namespace === cron.namespace &&
      j.owner?.kind === "CronJob" &&
      j.owner.name === cron.name,
  );
}
