"use client";
// One workload on the kiosk's wall (`?group=workload`): kind and namespace/name, its availability
// in large type as kubectl prints it, the rollout under way, its health rule's reason, and a strip
// of the window: available against desired (or a CronJob's runs) with its rollouts beneath.
import { memo } from "react";
import { useI18n } from "@/components/I18n";
import { Strip } from "@/components/lanes/Strip";
import { healthRank } from "@/lib/health";
import { isolateVars } from "@/lib/text/bidi";
import {
  availability,
  cardRollout,
  cardStrip,
  rolloutLine,
  type KioskWorkloadCard,
} from "@/lib/view/kiosk-workloads";
import { NEUTRAL, PALETTE, VERMILLION_ON_DARK } from "@/lib/view/palette";
import type { WorkloadTimeline } from "@/lib/workloads/types";

export const WorkloadCard = memo(function WorkloadCard({
  card: c,
  timeline,
  now,
  windowMs,
  window,
  unit,
}: {
  card: KioskWorkloadCard;
  /** Its timeline over the window; null until read. */
  timeline: WorkloadTimeline | null;
  now: number;
  windowMs: number;
  /** The window's name ("1h"), for the strip's label. */
  window: string;
  /** The kiosk's unit in px (the strip's height scales with it). */
  unit: number;
}) {
  const { t } = useI18n();
  const r = c.row;
  const level = c.health.level;
  const bad = level === "failing";
  const avail = availability(c, now);
  const availText = t(avail.key, isolateVars(avail.vars));
  const rollout = cardRollout(c, timeline);
  const runs = r.kind === "CronJob" || r.kind === "Job";
  const second = rollout
    ? rolloutLine(rollout, now, t)
    : runs
      ? c.activeRuns > 0
        ? t("kiosk.wl.activeRuns", { n: c.activeRuns })
        : ""
      : r.revision !== null
        ? t("kiosk.wl.revision", { n: r.revision })
        : t("kiosk.wl.noRollout");
  const reason = c.health.reason
    ? t(c.health.reason.key, isolateVars(c.health.reason.vars))
    : t("kiosk.healthy");
  const from = now - windowMs;
  const strip = cardStrip(timeline, from, now, now, t);
  const edge = bad ? PALETTE.vermillion : level === "warning" ? PALETTE.orange : PALETTE.green;
  return (
    <article
      className={`flex min-w-0 flex-col justify-between overflow-hidden rounded-[0.4em] border-l-[0.5em] bg-slate-900 px-[0.6em] py-[0.35em] leading-tight ${bad ? "ring-2 ring-vermillion" : level === "warning" ? "ring-1 ring-amber-300" : ""}`}
      style={{ borderLeftColor: edge }}
      aria-label={t("kiosk.wl.card", {
        kind: r.kind,
        namespace: r.namespace,
        name: r.name,
        state: [availText, second, reason].filter(Boolean).join(" · "),
      })}
      data-testid="kiosk-card"
      data-kind={r.kind}
      data-workload={`${r.namespace}/${r.name}`}
      data-problem={healthRank(c.health)}
      data-health={level}
      data-rollout={rollout ? (rollout.stalledAt !== null ? "stalled" : "open") : "none"}
    >
      <div className="flex items-baseline gap-[0.5em]">
        <bdi className="truncate text-[1.3em] font-semibold">{`${r.namespace}/${r.name}`}</bdi>
        <span className="ml-auto shrink-0 text-[0.95em] text-slate-400">{r.kind}</span>
      </div>
      <div
        className="truncate text-[1.35em] leading-tight font-bold whitespace-nowrap tabular-nums"
        style={{ color: bad ? VERMILLION_ON_DARK : NEUTRAL.slate200 }}
        data-testid="kiosk-availability"
      >
        {bad && "⚠ "}
        {availText}
      </div>
      <div
        className={`truncate text-[1em] whitespace-nowrap tabular-nums ${rollout?.stalledAt != null ? "font-semibold text-amber-300" : "text-slate-300"}`}
        data-testid="kiosk-rollout"
      >
        {second || "\u00a0"}
      </div>
      <div className="shrink-0 bg-slate-800">
        <Strip
          boxes={strip.boxes}
          under={strip.under}
          ticks={strip.ticks}
          from={from}
          to={now}
          height={Math.max(8, Math.round(unit * 0.6))}
          label={t(runs ? "kiosk.wl.stripRuns" : "kiosk.wl.strip", { window })}
        />
      </div>
      <div className="truncate text-[0.95em] text-slate-400" data-testid="kiosk-reason">
        {reason}
      </div>
    </article>
  );
});
