// The workload page's content as plain data, from the workload timeline (lib/workloads): a track
// of rollouts coloured by outcome, a band of revisions with what each changed, one track per
// condition, a CronJob's runs with its missed schedules as ticks, the counts as step series, and
// the pods grouped by revision, each with its lane as the overview draws it. Pure: `now` is
// passed in; the component draws the result.
import type { Translate } from "../i18n";
import type { PodRow } from "../rows/pod-row";
import { formatDuration } from "../text/format";
import type {
  CountName,
  PodRef,
  Rollout,
  RolloutOutcome,
  Step,
  TemplateChanges,
  WorkloadTimeline,
} from "../workloads/types";
import { laneOf, type Lane } from "./overview";
import { conditionFill, PALETTE } from "./palette";

export interface WorkloadBox {
  start: number;
  end: number;
  fill: string;
  hatched: boolean;
  label: string;
  detail: string;
}

export interface WorkloadTrack {
  key: string;
  label: string;
  boxes: WorkloadBox[];
  ticks: { at: number; detail: string }[];
}

export interface WorkloadPodLine {
  ref: PodRef;
  row: PodRow | null;
  lane: Lane | null;
}

export interface WorkloadGroup {
  key: string;
  /** The revision, or the Job (a CronJob's run); "" for a Job's own pods (the heading says it). */
  title: string;
  current: boolean;
  /** The mark beside the current group: "current" (revision), "latest run" (a CronJob's newest Job). */
  badge: string | null;
  pods: WorkloadPodLine[];
}

export interface WorkloadPage {
  tracks: WorkloadTrack[];
  counts: { name: CountName; steps: Step[] }[];
  /** The largest count in the window (the chart's height), at least 1. */
  maxCount: number;
  groups: WorkloadGroup[];
  /** The pods' heading: by revision, by Job for a CronJob (its runs), plain for a Job. */
  podsTitle: string;
}

export const OUTCOME_FILL: Record<RolloutOutcome, { fill: string; hatched: boolean }> = {
  complete: { fill: PALETTE.green, hatched: false },
  "in-progress": { fill: PALETTE.blue, hatched: false },
  stalled: { fill: PALETTE.vermillion, hatched: true },
  paused: { fill: PALETTE.orange, hatched: true },
  superseded: { fill: PALETTE.grey, hatched: false },
  "rolled-back": { fill: PALETTE.purple, hatched: false },
};

// A condition whose True is bad (a Job's Failed, a ReplicaSet's ReplicaFailure) and the
// Deployment's Progressing, whose False is the stall.
const BAD_WHEN_TRUE = new Set(["Failed", "FailureTarget", "ReplicaFailure"]);

function conditionBox(type: string, status: string, reason: string | null) {
  if (BAD_WHEN_TRUE.has(type))
    return status === "True"
      ? { fill: PALETTE.vermillion, hatched: true }
      : { fill: PALETTE.grey, hatched: false };
  if (type === "Suspended" && status === "True") return { fill: PALETTE.orange, hatched: true };
  if (status === "False") return { fill: PALETTE.vermillion, hatched: true };
  if (type === "Progressing" && status === "True" && reason !== "NewReplicaSetAvailable")
    return { fill: PALETTE.blue, hatched: false };
  return { fill: conditionFill(status), hatched: status !== "True" };
}

/** What a revision changed, one phrase each, in the page's words. */
export function changeLines(c: TemplateChanges | null, t: Translate): string[] {
  if (!c) return [];
  const out: string[] = [];
  for (const i of c.images)
    out.push(
      t("wl.change.image", { container: i.container, from: i.from ?? "—", to: i.to ?? "—" }),
    );
  for (const n of c.containersAdded) out.push(t("wl.change.added", { container: n }));
  for (const n of c.containersRemoved) out.push(t("wl.change.removed", { container: n }));
  for (const e of c.env) {
    const parts = [...e.added.map((n) => `+${n}`), ...e.removed.map((n) => `−${n}`)];
    out.push(t("wl.change.env", { container: e.container, names: parts.join(" ") }));
  }
  for (const r of c.resources)
    out.push(
      t("wl.change.resource", {
        container: r.container,
        what: `${r.field}.${r.resource}`,
        from: r.from ?? "—",
        to: r.to ?? "—",
      }),
    );
  if (c.restartedAt) out.push(t("wl.change.restarted"));
  if (c.otherFields) out.push(t("wl.change.other"));
  return out;
}

function clip(start: number | null, end: number | null, from: number, to: number) {
  const s = Math.max(start ?? from, from);
  const e = Math.min(end ?? to, to);
  return e >= s && (end ?? to) >= from && (start ?? from) <= to ? { start: s, end: e } : null;
}

type Phase = { start: number; end: number; outcome: RolloutOutcome };
const fin = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/**
 * A rollout as the phases it went through: paused while spec.paused held it (a template changed
 * while paused waits there until the resume), stalled from when Progressing turned False
 * (ProgressDeadlineExceeded's lastTransitionTime) until it left that reason, not from the
 * rollout's start; the rest in its outcome's colour (a still-open stalled or paused rollout was in
 * progress before). Timelines stored before these fields existed read as one phase.
 */
export function rolloutPhases(r: Rollout, now: number): Phase[] {
  const end = r.end ?? Math.max(now, r.start);
  const base: RolloutOutcome =
    r.outcome === "stalled" || r.outcome === "paused" ? "in-progress" : r.outcome;
  const marks: Phase[] = [];
  for (const p of Array.isArray(r.pausedSpans) ? r.pausedSpans : [])
    if (p && fin(p.start))
      marks.push({ start: p.start, end: fin(p.end) ? p.end : end, outcome: "paused" });
  if (fin(r.stalledAt))
    marks.push({
      start: r.stalledAt,
      end: fin(r.stalledUntil) ? r.stalledUntil : end,
      outcome: "stalled",
    });
  marks.sort((a, b) => a.start - b.start);
  const out: Phase[] = [];
  // Conditions' times are whole seconds: a gap under a second after a phase is that rounding (a
  // stall ending at its lastTransitionTime just before the undo observed), not a phase of its own.
  const gap = (from: number, to: number) => {
    const prev = out[out.length - 1];
    if (prev && to - from < 1000) prev.end = to;
    else out.push({ start: from, end: to, outcome: base });
  };
  let at = r.start;
  for (const m of marks) {
    const from = Math.max(m.start, at);
    const to = Math.min(m.end, end);
    if (!(to > from)) continue;
    if (from > at) gap(at, from);
    out.push({ start: from, end: to, outcome: m.outcome });
    at = to;
  }
  if (at < end || !out.length) gap(at, end);
  return out;
}

function rolloutText(r: Rollout, t: Translate, now: number): string {
  const what = r.pending
    ? t("wl.rollout.pending", { from: r.from ?? "?" })
    : r.from !== null
      ? t("wl.rollout.fromTo", { from: r.from, to: r.to ?? "?" })
      : t("wl.rollout.to", { to: r.to ?? "?" });
  const took = formatDuration((r.end ?? now) - r.start, "elapsed");
  // The stall stays in the story after a rollback, a newer rollout or a late completion: the last
  // evidence alone would say only how it ended.
  const stall = fin(r.stalledAt)
    ? r.evidence.find((e) => e.kind === "condition" && e.at === r.stalledAt)
    : undefined;
  const stalled =
    stall &&
    (fin(r.stalledUntil)
      ? t("wl.rollout.stalledFor", {
          after: formatDuration(stall.at - r.start, "elapsed"),
          for: formatDuration(r.stalledUntil - stall.at, "elapsed"),
          why: stall.text,
        })
      : t("wl.rollout.stalled", {
          after: formatDuration(stall.at - r.start, "elapsed"),
          why: stall.text,
        }));
  const last = r.evidence.at(-1);
  const why = last && last !== stall ? last.text : null;
  // A rollout held by spec.paused and then resumed: how long it waited.
  const heldMs = (Array.isArray(r.pausedSpans) ? r.pausedSpans : []).reduce(
    (n, p) => n + (fin(p?.end) && fin(p?.start) ? p.end - p.start : 0),
    0,
  );
  const held =
    r.outcome !== "paused" && heldMs > 0
      ? t("wl.rollout.pausedFor", { for: formatDuration(heldMs, "elapsed") })
      : null;
  return [what, t(`wl.outcome.${r.outcome}`), took, held, stalled, why].filter(Boolean).join(" · ");
}

export function workloadPage(input: {
  timeline: WorkloadTimeline;
  rows: readonly PodRow[];
  from: number;
  to: number;
  now: number;
  t: Translate;
}): WorkloadPage {
  const { timeline: tl, from, to, now, t } = input;
  const tracks: WorkloadTrack[] = [];

  if (tl.rollouts.length) {
    const boxes: WorkloadBox[] = [];
    for (const r of tl.rollouts) {
      const detail = rolloutText(r, t, now);
      for (const phase of rolloutPhases(r, now)) {
        const span = clip(phase.start, phase.end, from, to);
        if (!span) continue;
        boxes.push({
          ...span,
          ...OUTCOME_FILL[phase.outcome],
          label: t(`wl.outcome.${phase.outcome}`),
          detail,
        });
      }
    }
    tracks.push({ key: "rollouts", label: t("wl.track.rollouts"), boxes, ticks: [] });
  }

  if (tl.revisions.length) {
    const revs = [...tl.revisions].sort((a, b) => (a.firstSeen ?? 0) - (b.firstSeen ?? 0));
    const boxes: WorkloadBox[] = [];
    revs.forEach((r, i) => {
      // The last one lasts until the workload was deleted, not until now.
      const next = revs[i + 1]?.firstSeen ?? tl.deletedAt;
      const span = clip(r.firstSeen, next, from, to);
      if (!span) return;
      const changes = changeLines(r.changes, t);
      const label = r.number !== null ? t("wl.revision", { n: r.number }) : r.name;
      boxes.push({
        ...span,
        fill: i === revs.length - 1 ? PALETTE.sky : PALETTE.grey,
        hatched: false,
        label,
        detail: [label, r.name, r.changeCause, ...changes].filter(Boolean).join(" · "),
      });
    });
    tracks.push({ key: "revisions", label: t("wl.track.revisions"), boxes, ticks: [] });
  }

  const types = [...new Set(tl.conditions.map((c) => c.type))];
  for (const type of types) {
    const boxes: WorkloadBox[] = [];
    for (const c of tl.conditions) {
      if (c.type !== type) continue;
      const span = clip(c.start, c.end, from, to);
      if (!span) continue;
      boxes.push({
        ...span,
        ...conditionBox(type, c.status, c.reason),
        label: c.reason ?? c.status,
        detail: [`${type}=${c.status}`, c.reason, c.message].filter(Boolean).join(" · "),
      });
    }
    tracks.push({ key: `condition:${type}`, label: type, boxes, ticks: [] });
  }

  if (tl.cronJob) {
    const boxes: WorkloadBox[] = [];
    for (const run of tl.cronJob.runs) {
      const span = clip(run.start ?? run.scheduledAt, run.end, from, to);
      if (!span) continue;
      const fill =
        run.result === "Complete"
          ? { fill: PALETTE.green, hatched: false }
          : run.result === "Failed"
            ? { fill: PALETTE.vermillion, hatched: true }
            : run.result === "Running"
              ? { fill: PALETTE.blue, hatched: false }
              : { fill: PALETTE.grey, hatched: true };
      boxes.push({
        ...span,
        ...fill,
        label: run.result,
        detail: [run.job, run.result, run.reason, run.message].filter(Boolean).join(" · "),
      });
    }
    const ticks = tl.cronJob.missed
      .filter((at) => at >= from && at <= to)
      .map((at) => ({ at, detail: t("wl.missed") }));
    tracks.push({ key: "runs", label: t("wl.track.runs"), boxes, ticks });
  }

  // A Job has no available nor up-to-date pods (batch/v1 JobStatus: active, ready, succeeded, failed).
  const names: CountName[] =
    tl.kind === "Job" || tl.kind === "CronJob"
      ? ["desired", "ready"]
      : ["desired", "ready", "available", "updated"];
  let maxCount = 1;
  const counts = names.map((name) => {
    const steps = (tl.counts[name] ?? []).filter((s) => clip(s.start, s.end, from, to));
    for (const s of steps) if (s.value !== null) maxCount = Math.max(maxCount, s.value);
    return { name, steps };
  });

  const byUid = new Map(input.rows.map((r) => [r.uid, r]));
  const groups: WorkloadGroup[] = [];
  // Newest revision first: the pods the rollout is waiting on are read before the old ones.
  for (const g of [...tl.pods].reverse()) {
    const pods = g.pods
      .filter((p) => clip(p.start, p.end, from, to))
      .map((ref) => {
        const row = byUid.get(ref.uid) ?? null;
        return { ref, row, lane: row ? laneOf(row, Math.min(now, to)) : null };
      });
    if (!pods.length) continue;
    // A CronJob's pods are grouped by Job (its runs, not revisions); a Job's or a ReplicaSet's
    // are its own (a ReplicaSet is a revision of its Deployment, with none of its own).
    const own = tl.kind === "Job" || tl.kind === "ReplicaSet";
    const title = own
      ? ""
      : g.revision !== null
        ? t("wl.group.revision", { n: g.revision, name: g.name ?? "" })
        : (g.name ?? t("wl.group.none"));
    const badge = !g.current
      ? null
      : tl.kind === "CronJob"
        ? t("wl.group.latestRun")
        : t("wl.group.current");
    groups.push({
      key: `${g.name ?? "none"}:${g.revision}`,
      title,
      current: g.current,
      badge,
      pods,
    });
  }
  const n = groups.reduce((k, g) => k + g.pods.length, 0);
  const podsTitle =
    tl.kind === "CronJob"
      ? t("wl.pods.byJob", { n })
      : tl.kind === "Job" || tl.kind === "ReplicaSet"
        ? t("wl.pods.ofJob", { n })
        : t("wl.pods", { n });
  return { tracks, counts, maxCount, groups, podsTitle };
}
