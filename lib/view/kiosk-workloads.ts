// The kiosk's workload cards (`/kiosk?group=workload`), as plain data: which workloads have a card
// (the /workloads list's: what no other workload owns, so a CronJob's Jobs are its runs and a
// Deployment's ReplicaSets its revisions), their order (problems first by the workload health rule
// over each row, lib/health/workload-row.ts, then namespace and name, as the list sorts), what
// each card says (availability as kubectl prints it, the rollout under way) and its strip over the
// window (from the workload's timeline, GET /api/workloads/{ns}/{kind}/{name}). Pure: `now` passed in.
import { healthRank, type Health } from "../health";
import type { MessageKey, Translate, Vars } from "../i18n";
import { workloadHealth, type WorkloadFacts } from "../health/workload";
import { ownedJobs, workloadFactsOfRow } from "../health/workload-row";
import { formatDuration } from "../text/format";
import type { RunResult, Step, WorkloadTimeline } from "../workloads/types";
import type { WorkloadCondition, WorkloadCounts, WorkloadKind } from "../workloads/workload-state";
import { PALETTE } from "./palette";
import { listedOnItsOwn } from "./workload-kinds";
import { OUTCOME_FILL, rolloutPhases } from "./workload-page";

/** What a card reads of a GET /api/workloads row (lib/routes/workloads.ts WorkloadRow). */
export interface KioskWorkloadRow {
  kind: WorkloadKind;
  namespace: string;
  name: string;
  counts: WorkloadCounts;
  conditions: WorkloadCondition[];
  owner: { kind: string; name: string } | null;
  revision: number | null;
  updateRevision?: string | null;
  paused: boolean;
  /** Since when its rollout has been open (WorkloadRow.rolloutSince), if one is. */
  rolloutSince?: number | null;
  job: { completions: number | null; succeeded: number; failed?: number; active?: number } | null;
}

export interface KioskWorkloadCard {
  /** kind/namespace/name: the card's identity and its detail's. */
  key: string;
  row: KioskWorkloadRow;
  facts: WorkloadFacts;
  health: Health;
  /** A CronJob's Jobs with a pod running now. */
  activeRuns: number;
}

export const workloadKey = (r: Pick<KioskWorkloadRow, "kind" | "namespace" | "name">) =>
  `${r.kind}/${r.namespace}/${r.name}`;

/** One card per top-level workload, failing first, then warning, then by namespace and name. */
export function workloadCards(rows: readonly KioskWorkloadRow[], now: number): KioskWorkloadCard[] {
  const cards: KioskWorkloadCard[] = [];
  for (const r of Array.isArray(rows) ? rows : []) {
    // The cards are the /workloads list's rows.
    if (!r || !listedOnItsOwn(r)) continue;
    const jobs = ownedJobs(rows, r);
    const facts = workloadFactsOfRow(r, now, jobs);
    cards.push({
      key: workloadKey(r),
      row: r,
      facts,
      health: workloadHealth(facts, now),
      activeRuns: jobs.filter((j) => (j.job?.active ?? 0) > 0).length,
    });
  }
  const name = (c: KioskWorkloadCard) => `${c.row.namespace}/${c.row.name}\u0000${c.row.kind}`;
  return cards.sort(
    (a, b) =>
      healthRank(b.health) - healthRank(a.health) ||
      (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0),
  );
}

export interface Phrase {
  key: MessageKey;
  vars: Vars;
}

/**
 * Availability as kubectl prints it: READY ready/desired (Deployment, StatefulSet, ReplicaSet; a
 * DaemonSet's READY of DESIRED), a Job's COMPLETIONS succeeded/completions (pkg/printers/
 * internalversion/printers.go printJob: "/1" when completions is unset), a CronJob's last run.
 */
export function availability(c: KioskWorkloadCard, now: number): Phrase {
  const r = c.row;
  if (r.kind === "Job" && r.job)
    return {
      key: "kiosk.wl.completions",
      vars: { succeeded: r.job.succeeded, completions: r.job.completions ?? 1 },
    };
  if (r.kind === "CronJob" || r.kind === "Job") {
    const run = c.facts.lastRun;
    if (!run) return { key: "kiosk.wl.noRun", vars: {} };
    return {
      key: run.result === "Failed" ? "kiosk.wl.lastRunFailed" : "kiosk.wl.lastRun",
      vars: {
        reason: run.reason ?? run.result,
        ago: run.at !== null ? formatDuration(Math.max(0, now - run.at), "elapsed") : "—",
      },
    };
  }
  const desired = r.counts?.desired;
  if (desired == null) return { key: "kiosk.wl.noCounts", vars: {} };
  return { key: "kiosk.wl.ready", vars: { ready: r.counts.ready ?? 0, desired } };
}

export interface CardRollout {
  from: number | null;
  to: number | null;
  start: number;
  stalledAt: number | null;
  paused: boolean;
}

const OPEN = new Set(["in-progress", "stalled", "paused"]);

/**
 * The rollout under way. A Deployment's row says whether one is (Progressing), the timeline from
 * which revision to which; the timeline is read less often, so a rollout the row says has ended is
 * over even if the timeline still has it open. StatefulSets and DaemonSets have no Progressing
 * condition: their timeline alone says.
 */
export function cardRollout(
  c: KioskWorkloadCard,
  tl: Pick<WorkloadTimeline, "rollouts"> | null,
): CardRollout | null {
  const last = tl && Array.isArray(tl.rollouts) ? tl.rollouts.at(-1) : undefined;
  const open = last && OPEN.has(last.outcome) ? last : null;
  const fromRow = c.facts.rollout;
  if (c.row.kind === "Deployment") {
    if (!fromRow) return null;
    if (open)
      return {
        from: open.from,
        to: open.to,
        start: open.start,
        stalledAt: open.stalledAt ?? fromRow.stalledAt,
        paused: open.outcome === "paused" || fromRow.paused,
      };
    return {
      from: null,
      to: c.row.revision,
      start: fromRow.since,
      stalledAt: fromRow.stalledAt,
      paused: fromRow.paused,
    };
  }
  if (!open) return null;
  return {
    from: open.from,
    to: open.to,
    start: open.start,
    stalledAt: open.outcome === "stalled" ? open.stalledAt : null,
    paused: open.outcome === "paused",
  };
}

/** The rollout line: "revision 3 → 4 · 2m 10s · stalled for 1m". */
export function rolloutLine(r: CardRollout, now: number, t: Translate): string {
  const what =
    r.from !== null && r.to !== null
      ? t("kiosk.wl.rolloutFromTo", { from: r.from, to: r.to })
      : r.to !== null
        ? t("kiosk.wl.rolloutTo", { to: r.to })
        : t("kiosk.wl.rolloutUnder");
  const parts = [what, formatDuration(Math.max(0, now - r.start), "elapsed")];
  if (r.stalledAt !== null)
    parts.push(
      t("kiosk.wl.stalled", { d: formatDuration(Math.max(0, now - r.stalledAt), "elapsed") }),
    );
  else if (r.paused) parts.push(t("kiosk.wl.paused"));
  return parts.join(" · ");
}

export interface CardStripBox {
  start: number;
  end: number;
  fill: string;
  hatched: boolean;
  detail: string;
}

export interface CardStrip {
  /** Availability (a Deployment, StatefulSet, DaemonSet, ReplicaSet) or runs (a Job, CronJob). */
  boxes: CardStripBox[];
  /** The rollouts as a band under the boxes, by outcome. */
  under: { start: number; end: number; fill: string; detail: string }[];
  /** Missed schedule times. */
  ticks: { at: number; detail: string }[];
}

function valueAt(steps: readonly Step[] | undefined, t: number): number | null {
  let v: number | null = null;
  for (const s of Array.isArray(steps) ? steps : [])
    if (s && s.start <= t && (s.end === null || s.end > t)) v = s.value;
  return v;
}

const RUN_FILL: Record<RunResult, { fill: string; hatched: boolean }> = {
  Complete: { fill: PALETTE.green, hatched: false },
  Failed: { fill: PALETTE.vermillion, hatched: true },
  Running: { fill: PALETTE.blue, hatched: false },
  Suspended: { fill: PALETTE.orange, hatched: true },
  Unknown: { fill: PALETTE.grey, hatched: false },
};

/** Available against desired over [from, to], or a CronJob's runs, with the rollouts under them. */
export function cardStrip(
  tl: WorkloadTimeline | null,
  from: number,
  to: number,
  now: number,
  t: Translate,
): CardStrip {
  const out: CardStrip = { boxes: [], under: [], ticks: [] };
  if (!tl || typeof tl !== "object" || !(to > from)) return out;
  const clip = (s: number, e: number) =>
    e > from && s < to ? { start: Math.max(s, from), end: Math.min(e, to) } : null;
  if (tl.kind === "CronJob") {
    for (const r of tl.cronJob?.runs ?? []) {
      const span = clip(r.start ?? r.scheduledAt ?? now, r.end ?? now);
      if (!span) continue;
      out.boxes.push({
        ...span,
        ...(RUN_FILL[r.result] ?? RUN_FILL.Unknown),
        detail: `${r.job}: ${r.result}${r.reason ? ` (${r.reason})` : ""}`,
      });
    }
    for (const at of tl.cronJob?.missed ?? [])
      if (at >= from && at <= to) out.ticks.push({ at, detail: t("kiosk.wl.missed") });
  }
  if (tl.kind === "Job") {
    // A Job's run: its pods running (status.active), then Complete or Failed (its conditions).
    for (const s of tl.counts?.current ?? []) {
      const span = s.value ? clip(s.start, s.end ?? now) : null;
      if (span) out.boxes.push({ ...span, ...RUN_FILL.Running, detail: t("kiosk.wl.running") });
    }
    for (const c of Array.isArray(tl.conditions) ? tl.conditions : []) {
      if (c.status !== "True" || (c.type !== "Complete" && c.type !== "Failed")) continue;
      const span = clip(c.start, c.end ?? now);
      if (span)
        out.boxes.push({
          ...span,
          ...RUN_FILL[c.type],
          detail: `${c.type}${c.reason ? ` (${c.reason})` : ""}`,
        });
    }
  }
  if (tl.kind !== "CronJob" && tl.kind !== "Job") {
    const counts = tl.counts ?? ({} as WorkloadTimeline["counts"]);
    const points = [
      ...new Set(
        [from, ...(counts.desired ?? []), ...(counts.available ?? [])]
          .map((p) => (typeof p === "number" ? p : p?.start))
          .filter((p): p is number => typeof p === "number" && p >= from && p < to),
      ),
    ].sort((a, b) => a - b);
    points.forEach((p, i) => {
      const d = valueAt(counts.desired, p);
      const a = valueAt(counts.available, p);
      if (d === null || a === null) return;
      const end = Math.min(points[i + 1] ?? to, now);
      if (end <= p) return;
      const short = a < d;
      const last = out.boxes.at(-1);
      const detail = t("kiosk.wl.availableOf", { available: a, desired: d });
      if (last && last.end === p && last.detail === detail) last.end = end;
      else
        out.boxes.push({
          start: p,
          end,
          fill: !short ? PALETTE.green : a === 0 ? PALETTE.vermillion : PALETTE.orange,
          hatched: short,
          detail,
        });
    });
    for (const r of Array.isArray(tl.rollouts) ? tl.rollouts : [])
      for (const ph of rolloutPhases(r, now)) {
        const span = clip(ph.start, ph.end);
        if (!span) continue;
        const what = r.pending
          ? t("wl.rollout.pending", { from: r.from ?? "?" })
          : r.from !== null
            ? t("kiosk.wl.rolloutFromTo", { from: r.from, to: r.to ?? "?" })
            : t("kiosk.wl.rolloutTo", { to: r.to ?? "?" });
        out.under.push({
          ...span,
          fill: OUTCOME_FILL[ph.outcome].fill,
          detail: `${what}: ${t(`wl.outcome.${ph.outcome}`)}`,
        });
      }
  }
  return out;
}

/**
 * A number that changes when the row says something the timeline would draw differently (a new
 * revision, a rollout begun or ended, counts, a run): the card reads its timeline again then.
 */
export function rowSignature(r: KioskWorkloadRow): string {
  const p = (r.conditions ?? []).map((c) => `${c.type}=${c.status}:${c.reason}`).join(",");
  const n = r.counts ?? ({} as WorkloadCounts);
  return [
    r.revision,
    r.updateRevision ?? "",
    r.paused,
    r.rolloutSince ?? "",
    p,
    n.desired,
    n.updated,
    n.available,
    r.job ? `${r.job.succeeded}/${r.job.failed ?? 0}/${r.job.active ?? 0}` : "",
  ].join("|");
}
