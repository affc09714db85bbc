// The workload health rule's facts from what a list row has (the current state: counts and
// conditions), for lists of thousands of workloads where building each one's timeline would cost
// too much. It reads the same facts workloadFactsOfTimeline reads, from the conditions' own times:
// since when fewer are available than desired is Available's lastTransitionTime when Available is
// False (MinimumReplicasUnavailable), else unknown (counted from now); a rollout is open while
// Progressing is True with a reason other than NewReplicaSetAvailable, or False (stalled).
// Missed CronJob schedules need the history: the list does not count them.
import { parseTime } from "../k8s/time";
import type { WorkloadCondition, WorkloadCounts, WorkloadKind } from "../workloads/workload-state";
import type { WorkloadFacts } from "./workload";

export interface WorkloadRowFacts {
  kind: WorkloadKind;
  counts: WorkloadCounts;
  conditions: WorkloadCondition[];
  paused: boolean;
  deleted?: boolean;
}

const TIMED_OUT = "ProgressDeadlineExceeded";

export function workloadFactsOfRow(row: WorkloadRowFacts, now: number): WorkloadFacts {
  const cond = (type: string) => (row.conditions ?? []).find((c) => c.type === type);
  const counts = row.counts ?? ({} as WorkloadCounts);
  // A Job's "desired" is its completions, not pods that must stay up (as workloadFactsOfTimeline).
  const desired = row.kind === "Job" || row.kind === "CronJob" ? null : counts.desired;
  const available = counts.available;
  let shortSince: number | null = null;
  if (desired != null && available != null && available < desired) {
    const av = cond("Available");
    shortSince = av && av.status !== "True" ? (parseTime(av.lastTransitionTime) ?? now) : now;
  }
  const progressing = cond("Progressing");
  let rollout: WorkloadFacts["rollout"] = null;
  if (
    progressing &&
    (progressing.status === "False" || progressing.reason !== "NewReplicaSetAvailable")
  ) {
    const since = parseTime(progressing.lastTransitionTime) ?? now;
    rollout = {
      since,
      stalledAt: progressing.status === "False" && progressing.reason === TIMED_OUT ? since : null,
      message: progressing.message,
      paused: row.paused,
    };
  } else if (row.paused) rollout = { since: now, stalledAt: null, message: null, paused: true };
  let lastRun: WorkloadFacts["lastRun"] = null;
  if (row.kind === "Job") {
    const failed = cond("Failed");
    const complete = cond("Complete");
    if (failed?.status === "True")
      lastRun = {
        result: "Failed",
        reason: failed.reason,
        at: parseTime(failed.lastTransitionTime),
      };
    else if (complete?.status === "True")
      lastRun = { result: "Complete", reason: null, at: parseTime(complete.lastTransitionTime) };
  }
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
