"use client";
// One pod on the kiosk's wall: status, readiness and restarts in large type, and its strip over the window.
import { memo } from "react";
import { useI18n } from "@/components/I18n";
import { isolateVars } from "@/lib/text/bidi";
import type { PodRow } from "@/lib/rows/pod-row";
import { formatDuration } from "@/lib/text/format";
import { healthRank, podHealth } from "@/lib/health";
import { laneOf } from "@/lib/view/overview";
import {
  NEUTRAL,
  READY_FILL,
  statusFill,
  UNKEPT_FILL,
  VERMILLION_ON_DARK,
} from "@/lib/view/palette";

/** One pod: status, readiness and restarts in large type, and its strip over the window. */
export const Card = memo(function Card({
  row: r,
  now,
  windowMs,
}: {
  row: PodRow;
  now: number;
  windowMs: number;
  bucket: number;
}) {
  const { t } = useI18n();
  const health = podHealth(r, now);
  const fill = statusFill(r.status);
  const bad = health.level === "failing";
  const lane = laneOf(r, now);
  const start = now - windowMs;
  const x = (v: number) => Math.max(0, Math.min(1000, ((v - start) / windowMs) * 1000));
  return (
    <article
      className={`flex min-w-0 flex-col justify-between overflow-hidden rounded-[0.4em] border-l-[0.5em] bg-slate-900 px-[0.6em] py-[0.35em] leading-tight ${bad ? "ring-2 ring-vermillion" : health.level === "warning" ? "ring-1 ring-amber-300" : ""}`}
      style={{ borderLeftColor: fill }}
      data-testid="kiosk-card"
      data-status={r.status}
      data-problem={healthRank(health)}
      data-health={health.level}
    >
      <div className="flex items-baseline gap-[0.5em]">
        <span className="truncate text-[1.3em] font-semibold">{r.name}</span>
        <span className="ml-auto shrink-0 text-[0.95em] text-slate-400">{r.namespace}</span>
      </div>
      {/* The status has the card's whole width (the longest, CreateContainerConfigError, fits a 24-unit card); the figures go below. */}
      <div className="flex items-baseline gap-[0.6em] leading-tight whitespace-nowrap">
        <span
          className="truncate text-[1.35em] font-bold"
          style={{ color: bad ? VERMILLION_ON_DARK : NEUTRAL.slate200 }}
          data-testid="kiosk-status"
        >
          {bad && "⚠ "}
          <bdi>{r.status}</bdi>
        </span>
      </div>
      <div className="flex items-baseline gap-[0.6em] whitespace-nowrap">
        <span className="truncate text-[1em] text-slate-300 tabular-nums">
          {t("col.ready")} {r.ready} · ↻ {r.restartCount} ·{" "}
          {r.createdAt !== null ? formatDuration(now - r.createdAt, "elapsed") : "—"}
        </span>
      </div>
      <svg
        viewBox="0 0 1000 20"
        preserveAspectRatio="none"
        className="h-[0.9em] w-full shrink-0"
        aria-hidden
      >
        <rect x={0} y={0} width={1000} height={13} fill={NEUTRAL.slate800} />
        {lane.segments
          .filter((s) => s.end > start)
          .map((s, i) => (
            <rect
              key={i}
              x={x(s.start)}
              y={0}
              width={Math.max(1, x(s.end) - x(s.start))}
              height={13}
              fill={s.unkept ? UNKEPT_FILL : statusFill(s.status)}
              opacity={s.unobserved ? 0.4 : 1}
            />
          ))}
        {lane.ready
          .filter((s) => s.end > start)
          .map((s, i) => (
            <rect
              key={`r${i}`}
              x={x(s.start)}
              y={15}
              width={Math.max(1, x(s.end) - x(s.start))}
              height={5}
              fill={READY_FILL}
            />
          ))}
        {lane.restarts
          .filter((s) => s.at > start)
          .map((s, i) => (
            <rect
              key={`x${i}`}
              x={x(s.at) - 2}
              y={0}
              width={4}
              height={20}
              fill={NEUTRAL.slate50}
            />
          ))}
      </svg>
      <div className="truncate text-[0.95em] text-slate-400">
        {health.reason ? t(health.reason.key, isolateVars(health.reason.vars)) : t("kiosk.healthy")}
        {r.node ? ` · ${r.node}` : ""}
      </div>
    </article>
  );
});
