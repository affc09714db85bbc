// A workload's timeline from what the store keeps: its versions, the versions of the objects it
// owns (ReplicaSets, ControllerRevisions, Jobs) and its pods' timelines. Revisions with what
// changed, counts as step series, conditions as intervals, rollouts as intervals with their
// outcome and evidence, pods grouped by revision, why the current rollout is stuck, a CronJob's
// runs and missed schedules, and the workload's health. Pure: `now` comes in, no I/O; nothing in
// the input makes it throw (what it cannot read becomes a warning). docs/workloads.md.
import { workloadFactsOfTimeline, workloadHealth } from "../health/workload";
import { parseTime } from "../k8s/time";
import { cronTimeline } from "./cron";
import { podGroups, stuckExplanation } from "./pods";
import { revisionOwners, revisionsOf } from "./revisions";
import { rolloutsOf } from "./rollouts";
import { conditionSpans, countSeries, COUNT_NAMES, replicaChanges } from "./series";
import type { WorkloadTimeline, WorkloadTimelineInput, WorkloadWarning } from "./types";
import { WORKLOAD_KINDS, type WorkloadVersion } from "./workload-state";

const ROLLING = new Set(["Deployment", "StatefulSet", "DaemonSet"]);

/** Versions that can be read, oldest first; the rest become warnings. */
function cleanVersions(raw: unknown, warnings: WorkloadWarning[]): WorkloadVersion[] {
  const out: WorkloadVersion[] = [];
  let bad = 0;
  for (const v of Array.isArray(raw) ? raw : []) {
    const ok =
      v &&
      typeof v === "object" &&
      typeof v.observedAt === "number" &&
      Number.isFinite(v.observedAt) &&
      (v.deleted === true ||
        (v.state &&
          typeof v.state === "object" &&
          (WORKLOAD_KINDS as readonly string[]).includes(v.state.kind) &&
          v.state.counts &&
          typeof v.state.counts === "object"));
    if (ok)
      out.push({
        observedAt: v.observedAt,
        deleted: v.deleted === true,
        state: v.deleted === true ? (v.state ?? null) : v.state,
      });
    else bad++;
  }
  if (bad) warnings.push({ code: "bad-version", params: { n: bad } });
  return out.sort((a, b) => a.observedAt - b.observedAt);
}

function overlaps(start: number | null, end: number | null, w: { from: number; to: number }) {
  return (start ?? -Infinity) <= w.to && (end ?? Infinity) >= w.from;
}

/** The workload's timeline at `now`. */
export function buildWorkloadTimeline(input: WorkloadTimelineInput): WorkloadTimeline {
  const warnings: WorkloadWarning[] = [];
  const now = typeof input?.now === "number" && Number.isFinite(input.now) ? input.now : 0;
  const versions = cleanVersions(input?.versions, warnings);
  const owned = Array.isArray(input?.owned)
    ? input.owned.map((h) =>
        h && typeof h === "object" ? { ...h, versions: cleanVersions(h.versions, []) } : h,
      )
    : [];
  const pods = Array.isArray(input?.pods) ? input.pods.filter((p) => p && p.timeline) : [];
  const states = versions.filter((v) => v.state && !v.deleted);
  const last = states[states.length - 1]?.state ?? null;
  const anyState = last ?? versions.find((v) => v.state)?.state ?? null;
  // Nothing to read a workload from (no version, or only its deletion).
  if (!anyState) warnings.push({ code: "no-versions" });
  const kind = anyState?.kind ?? null;
  const owners = revisionOwners(owned);
  if (kind && ROLLING.has(kind) && !owners.length) warnings.push({ code: "no-owned" });
  const revisions = kind && ROLLING.has(kind) ? revisionsOf(owners) : [];
  for (const o of owners) {
    if (!kind || !ROLLING.has(kind)) continue;
    if (!o.numbers.length) warnings.push({ code: "unknown-revision", params: { name: o.name } });
    else if (!o.template) warnings.push({ code: "no-template", params: { name: o.name } });
  }
  const rollouts = kind && ROLLING.has(kind) ? rolloutsOf(versions, owners, revisions, now) : [];
  const lastRollout = rollouts[rollouts.length - 1];
  const current =
    kind === "CronJob"
      ? ([...owners].sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0)).pop()?.name ?? null)
      : // A pending change has no revision yet: the pods of the one it left are still current.
        ((lastRollout?.pending ? lastRollout.fromName : lastRollout?.toName) ?? null);
  const grouped = podGroups(kind ?? "", pods, owners, current, now);
  if (grouped.unclaimed)
    warnings.push({ code: "pod-without-revision", params: { n: grouped.unclaimed } });
  const w = input?.window;
  const win = w && Number.isFinite(w.from) && Number.isFinite(w.to) ? w : null;
  const cron =
    kind === "CronJob" ? cronTimeline(versions, owners, now, warnings, win?.from ?? null) : null;
  const deleted = versions.find((v) => v.deleted);
  const first = versions[0];
  const out: WorkloadTimeline = {
    kind,
    namespace: anyState?.namespace ?? null,
    name: anyState?.name ?? null,
    uid: anyState?.uid ?? null,
    createdAt: parseTime(anyState?.creationTimestamp) ?? first?.observedAt ?? null,
    deletedAt: deleted?.observedAt ?? null,
    observedFrom: first?.observedAt ?? null,
    revisions,
    replicaChanges: replicaChanges(versions),
    counts: countSeries(versions),
    conditions: conditionSpans(versions),
    rollouts,
    pods: grouped.groups,
    stuck: stuckExplanation(last, lastRollout, pods, owners, now),
    cronJob: cron,
    health: { level: "ok", reason: null },
    warnings,
  };
  out.health = workloadHealth(workloadFactsOfTimeline(out, now), now);
  if (win) {
    const w = win;
    for (const n of COUNT_NAMES)
      out.counts[n] = out.counts[n].filter((s) => overlaps(s.start, s.end, w));
    out.conditions = out.conditions.filter((c) => overlaps(c.start, c.end, w));
    out.rollouts = out.rollouts.filter((r) => overlaps(r.start, r.end, w));
    out.replicaChanges = out.replicaChanges.filter((c) => overlaps(c.at, c.at, w));
    if (out.cronJob) {
      out.cronJob.runs = out.cronJob.runs.filter((r) =>
        overlaps(r.scheduledAt ?? r.start, r.end, w),
      );
      out.cronJob.missed = out.cronJob.missed.filter((t) => overlaps(t, t, w));
      out.cronJob.skipped = out.cronJob.skipped.filter((s) => overlaps(s.at, s.at, w));
    }
  }
  return out;
}
