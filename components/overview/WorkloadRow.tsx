"use client";
// One workload on the overview by workload: a button that opens it to its pods, its health (the
// workload rule's level and reason), kind, namespace/name (a link to its page), READY as kubectl
// prints it and its lane (lib/view/kiosk-workloads.ts cardStrip: availability against desired with
// the rollouts beneath, or a CronJob's runs). Opened, one row per pod of the workload's answer
// (GET /api/workloads/{ns}/{kind}/{name}'s `rows`) with its lane, as the workload page draws them.
import Link from "next/link";
import { memo, useMemo } from "react";
import { useI18n } from "@/components/I18n";
import { PodLane } from "@/components/lanes/PodLane";
import { Strip } from "@/components/lanes/Strip";
import type { WorkloadAnswer } from "@/components/workloads/useWorkloadFeed";
import { healthRank } from "@/lib/health";
import { cardStrip, type KioskWorkloadCard } from "@/lib/view/kiosk-workloads";
import { laneOf } from "@/lib/view/overview";
import { cellsAt, type RowCells } from "@/lib/view/row-cells";
import { readyText } from "@/lib/view/overview-workloads";
import { KIND_PATH } from "@/lib/view/workload-kinds";
import { PALETTE } from "@/lib/view/palette";

const TONE = {
  failing: "font-semibold text-red-700 dark:text-red-300",
  warning: "text-amber-800 dark:text-amber-300",
  ok: "",
} as const;

export const WorkloadRow = memo(function WorkloadRow({
  card: c,
  answer,
  open,
  toggle,
  from,
  to,
  now,
  when,
}: {
  card: KioskWorkloadCard;
  /** Its timeline and pods over the window; null until read. */
  answer: WorkloadAnswer | null;
  open: boolean;
  toggle: (key: string) => void;
  from: number;
  to: number;
  now: number;
  when: (ms: number) => string;
}) {
  const { t } = useI18n();
  // The pods overview's own cells: the same status, problem and tooltip for the same pod.
  const cells = useMemo(() => cellsAt(false, now, t), [now, t]);
  const r = c.row;
  const name = `${r.namespace}/${r.name}`;
  const level = c.health.level;
  const reason = c.health.reason ? t(c.health.reason.key, c.health.reason.vars) : t("wl.health.ok");
  const strip = cardStrip(answer?.timeline ?? null, from, to, now, t);
  const runs = r.kind === "CronJob" || r.kind === "Job";
  const describe = (what: string, start: number, end: number) =>
    start === end ? `${what} · ${when(start)}` : `${what} · ${when(start)} → ${when(end)}`;
  const dot =
    level === "failing" ? PALETTE.vermillion : level === "warning" ? PALETTE.orange : PALETTE.green;
  return (
    <tbody
      data-testid="workload-row"
      data-kind={r.kind}
      data-workload={name}
      data-health={level}
      data-problem={healthRank(c.health)}
      data-open={open}
    >
      <tr className="border-b border-slate-200 dark:border-slate-800">
        <td className="py-1">
          <button
            type="button"
            aria-expanded={open}
            aria-label={t(open ? "ovw.collapse" : "ovw.expand", { name })}
            onClick={() => toggle(c.key)}
            className="w-6 rounded hover:bg-slate-100 dark:hover:bg-slate-800"
            data-testid="workload-expand"
          >
            {open ? "▾" : "▸"}
          </button>
        </td>
        <td
          className={`truncate py-1 pr-3 ${TONE[level]}`}
          title={reason}
          data-testid="workload-health"
        >
          <span
            aria-hidden
            className="mr-1 inline-block h-2 w-2 rounded-full"
            style={{ background: dot }}
          />
          {reason}
        </td>
        <td className="truncate py-1 pr-3">{r.kind}</td>
        <td className="truncate py-1 pr-3">
          {/* No prefetch: Next observes every prefetching link on screen and asks the server for
              its page as it scrolls in; hundreds of rows made that a third of a scroll frame. */}
          <Link
            prefetch={false}
            className="font-medium hover:underline"
            href={`/workloads/${encodeURIComponent(r.namespace)}/${KIND_PATH[r.kind]}/${encodeURIComponent(r.name)}`}
            data-testid="workload-link"
          >
            <bdi>{name}</bdi>
          </Link>
        </td>
        <td className="py-1 pr-3 text-right tabular-nums" data-testid="workload-ready">
          {readyText(r)}
        </td>
        <td className="py-1" data-testid="workload-lane" data-read={answer !== null}>
          {answer?.timeline ? (
            <Strip
              boxes={strip.boxes}
              under={strip.under}
              ticks={strip.ticks}
              from={from}
              to={to}
              label={t(runs ? "ovw.stripRuns" : "ovw.strip", {
                name,
                from: when(from),
                to: when(to),
              })}
            />
          ) : answer?.error ? (
            <span className="text-xs text-red-700 dark:text-red-300">
              {t("ovw.laneError", { error: answer.error })}
            </span>
          ) : (
            <span className="text-xs text-slate-500">{t("ovw.noLane")}</span>
          )}
        </td>
      </tr>
      {open && !answer?.timeline && (
        <tr>
          <td />
          <td colSpan={5} className="py-1 text-xs text-slate-500" aria-busy={!answer?.error}>
            {answer?.error ? t("ovw.laneError", { error: answer.error }) : t("ovw.podsLoading")}
          </td>
        </tr>
      )}
      {open && answer?.timeline && answer.rows.length === 0 && (
        <tr>
          <td />
          <td colSpan={5} className="py-1 text-xs text-slate-500" data-testid="workload-no-pods">
            {t("wl.noPods")}
          </td>
        </tr>
      )}
      {open &&
        answer?.rows.map((p) => (
          <tr
            key={p.uid}
            className="border-b border-slate-100 bg-slate-50 dark:border-slate-900 dark:bg-slate-900"
            data-testid="workload-pod"
          >
            <td />
            <PodStatusCell cells={cells(p)} />
            <td className="py-0.5 pr-3 text-xs text-slate-500">Pod</td>
            <td className="truncate py-0.5 pr-3 pl-3">
              <Link
                prefetch={false}
                className="text-sm hover:underline"
                href={`/pods/${encodeURIComponent(p.namespace)}/${encodeURIComponent(p.name)}?uid=${encodeURIComponent(p.uid)}`}
                title={`${p.name} · ${p.status}`}
              >
                <bdi>{p.name}</bdi>
              </Link>
            </td>
            <td className="py-0.5 pr-3 text-right text-xs tabular-nums">{p.ready}</td>
            <td className="py-0.5">
              <PodLane
                lane={laneOf(p, now)}
                from={from}
                to={to}
                label={`${p.name}: ${p.status}`}
                describe={describe}
              />
            </td>
          </tr>
        ))}
      {open && answer?.podsTruncated && (
        <tr>
          <td />
          <td colSpan={5} className="py-1 text-xs text-slate-500">
            {t("ovw.podsTruncated", { n: answer.rows.length })}
          </td>
        </tr>
      )}
    </tbody>
  );
});

function PodStatusCell({ cells: c }: { cells: RowCells }) {
  return (
    <td
      className="truncate py-0.5 pr-3 text-xs"
      data-testid="workload-pod-status"
      title={c.title || undefined}
    >
      <bdi className={c.strong ? "font-semibold" : ""}>{c.status}</bdi>
      {c.reason && <bdi className="ml-1 text-[10px] text-slate-500">{c.reason}</bdi>}
    </td>
  );
}
