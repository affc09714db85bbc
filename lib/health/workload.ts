// One rule for a workload's health, beside the pod rule (index.ts) and built the same way: ok,
// warning or failing with a reason key, first match wins, pure, never throws. The overview sorts
// workloads problems first by it; the workload page and the kiosk's cards say its reason. The
// facts come from the workload timeline (lib/workloads) or a row that carries the same fields.
import type { WorkloadTimeline } from "../workloads/types";
import { formatDuration } from "../text/format";
import type { Health } from ".";

/**
 * Fewer available than desired for longer than this is failing: the Deployment controller's
 * default progressDeadlineSeconds (600), the time Kubernetes itself gives a rollout to progress.
 */
export const UNAVAILABLE_TOO_LONG_MS = 600_000;
/** A rollout still open after this long (with no deadline of its own: StatefulSet, DaemonSet) is worth a look. */
export const ROLLOUT_TOO_LONG_MS = 600_000;
/** Missed schedule times within this long before `now` count. */
export const MISSED_WINDOW_MS = 3_600_000;

export interface WorkloadFacts {
  deleted: boolean;
  desired: number | null;
  available: number | null;
  /** Since when available has been below desired without a break (null: it is not). */
  shortSince: number | null;
  /** The last rollout when it is not finished. */
  rollout: {
    since: number;
    stalledAt: number | null;
    message: string | null;
    paused: boolean;
  } | null;
  /** A Job's result, or a CronJob's latest finished run. */
  lastRun: { result: string; reason: string | null; at: number | null } | null;
  /** Missed schedule times within MISSED_WINDOW_MS. */
  missed: number;
}

const fin = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const ok: Health = { level: "ok", reason: null };

/**
 * A workload's health at `now`. A DaemonSet's numberMisscheduled is not a fact here: the DaemonSet
 * controller keeps a daemon pod on a node that gained a NoSchedule taint it does not tolerate
 * (NodeShouldRunDaemonPod: shouldRun false, shouldContinueRunning true) and counts it misscheduled
 * by design, and deletes the others at once (podsShouldBeOnNode); it sets no condition or event for
 * it and `kubectl rollout status` ignores it (pkg/controller/daemon/daemon_controller.go). The pages
 * show the count (lib/view/workload-counts.ts) without calling it a problem.
 */
export function workloadHealth(f: WorkloadFacts, now: number): Health {
  if (!f || typeof f !== "object" || f.deleted) return ok;
  const r = f.rollout && typeof f.rollout === "object" ? f.rollout : null;
  if (r && fin(r.stalledAt) !== null)
    return {
      level: "failing",
      reason: { key: "health.workload.stalled", vars: { message: r.message ?? "" } },
    };
  if (f.lastRun?.result === "Failed")
    return {
      level: "failing",
      reason: { key: "health.workload.runFailed", vars: { reason: f.lastRun.reason ?? "Failed" } },
    };
  const desired = fin(f.desired);
  const available = fin(f.available);
  const since = fin(f.shortSince);
  if (desired !== null && available !== null && available < desired) {
    const long = since !== null && now - since > UNAVAILABLE_TOO_LONG_MS;
    return {
      level: long ? "failing" : "warning",
      reason: {
        key: "health.workload.unavailable",
        vars: {
          available,
          desired,
          d: since !== null ? formatDuration(now - since, "elapsed") : "—",
        },
      },
    };
  }
  if (r && r.paused)
    return { level: "warning", reason: { key: "health.workload.paused", vars: {} } };
  if (r && fin(r.since) !== null && now - r.since > ROLLOUT_TOO_LONG_MS)
    return {
      level: "warning",
      reason: {
        key: "health.workload.rolling",
        vars: { d: formatDuration(now - r.since, "elapsed") },
      },
    };
  if (fin(f.missed) && f.missed > 0)
    return { level: "warning", reason: { key: "health.workload.missed", vars: { n: f.missed } } };
  return ok;
}

/** The value of a step series at `t`. */
function valueAt(steps: { start: number; end: number | null; value: number | null }[], t: number) {
  let v: number | null = null;
  for (const s of Array.isArray(steps) ? steps : [])
    if (s && s.start <= t && (s.end === null || s.end > t)) v = s.value;
  return v;
}

/** The facts workloadHealth reads, from a workload timeline at `now`. */
export function workloadFactsOfTimeline(
  tl: Pick<
    WorkloadTimeline,
    "deletedAt" | "counts" | "rollouts" | "cronJob" | "kind" | "conditions"
  >,
  now: number,
): WorkloadFacts {
  const counts = tl?.counts ?? ({} as WorkloadTimeline["counts"]);
  const desired = valueAt(counts.desired, now);
  const available = valueAt(counts.available, now);
  // Walk back over the change points while available stays below desired.
  let shortSince: number | null = null;
  if (desired !== null && available !== null && available < desired) {
    const points = [...(counts.desired ?? []), ...(counts.available ?? [])]
      .map((s) => s.start)
      .filter((t) => t <= now)
      .sort((a, b) => b - a);
    shortSince = points[0] ?? null;
    for (const t of points) {
      const d = valueAt(counts.desired, t);
      const a = valueAt(counts.available, t);
      if (d === null || a === null || a >= d) break;
      shortSince = t;
    }
  }
  const rollouts = Array.isArray(tl?.rollouts) ? tl.rollouts : [];
  const last = rollouts[rollouts.length - 1];
  const open =
    last &&
    (last.outcome === "in-progress" || last.outcome === "stalled" || last.outcome === "paused");
  const progressing = (Array.isArray(tl?.conditions) ? tl.conditions : []).filter(
    (c) => c.type === "Progressing" && c.end === null,
  )[0];
  let lastRun: WorkloadFacts["lastRun"] = null;
  const runs = tl?.cronJob?.runs ?? [];
  for (const r of runs)
    if (r.result === "Complete" || r.result === "Failed")
      lastRun = { result: r.result, reason: r.reason, at: r.end };
  if (tl?.kind === "Job") {
    const failed = (Array.isArray(tl.conditions) ? tl.conditions : []).find(
      (c) => c.type === "Failed" && c.status === "True" && c.end === null,
    );
    if (failed) lastRun = { result: "Failed", reason: failed.reason, at: failed.start };
  }
  const missed = (tl?.cronJob?.missed ?? []).filter((t) => t > now - MISSED_WINDOW_MS).length;
  return {
    deleted: fin(tl?.deletedAt) !== null && tl.deletedAt! <= now,
    // A Job's "desired" is its completions, not pods that must stay up.
    desired: tl?.kind === "Job" || tl?.kind === "CronJob" ? null : desired,
    available,
    shortSince,
    rollout: open
      ? {
          since: last.start,
          stalledAt: last.outcome === "stalled" ? last.stalledAt : null,
          message: progressing?.message ?? null,
          paused: last.outcome === "paused",
        }
      : null,
    lastRun,
    missed,
  };
}
