"use client";
// The overview grid's header row: a column per kubectl column (a click sorts by it, again
// reverses, a third time goes back to problems first) and the lane column with its time axis.
import { type Ref, useMemo } from "react";
import { scaleTime, scaleUtc } from "d3";
import { useI18n } from "@/components/I18n";
import type { Tz } from "@/lib/text/format";
import type { OverviewState, SortKey } from "@/lib/view/overview";
import { axisFormat } from "@/lib/view/timeline-layout";
import { HEADER_H } from "./RowLayer";

// The grid's columns (and a row's box) are the class `ov-row` in app/globals.css: the same for the
// header and every row, and not repeated in the HTML of the server-rendered rows.
export const COLS: {
  key: SortKey;
  label:
    | "col.name"
    | "col.namespace"
    | "col.status"
    | "col.ready"
    | "col.restarts"
    | "col.age"
    | "col.node";
}[] = [
  { key: "name", label: "col.name" },
  { key: "namespace", label: "col.namespace" },
  { key: "status", label: "col.status" },
  { key: "ready", label: "col.ready" },
  { key: "restarts", label: "col.restarts" },
  { key: "age", label: "col.age" },
  { key: "node", label: "col.node" },
];

export function GridHeader({
  ref,
  sort,
  desc,
  tz,
  from,
  to,
  update,
}: {
  /** The header row: its cells' offsets are the grid's columns. */
  ref: Ref<HTMLDivElement>;
  sort: SortKey;
  desc: boolean;
  tz: Tz;
  from: number;
  to: number;
  update: (p: Partial<OverviewState>) => void;
}) {
  const { t } = useI18n();
  // Tick positions in percent of the lane column: right before its width is measured (the server's HTML).
  const axis = useMemo(() => {
    const s = (tz === "utc" ? scaleUtc() : scaleTime()).domain([from, to]).range([0, 100]);
    const fmt = axisFormat(to - from, tz);
    return s.ticks(5).map((d) => ({ x: s(d), label: fmt(d) }));
  }, [from, to, tz]);
  return (
    <div
      ref={ref}
      role="row"
      aria-rowindex={1}
      className="ov-cols sticky top-0 z-10 grid items-end border-b border-slate-200 bg-white text-xs dark:border-slate-800 dark:bg-slate-950"
      style={{ height: HEADER_H }}
    >
      {COLS.map((c) => (
        <div
          key={c.key}
          role="columnheader"
          aria-sort={sort === c.key ? (desc ? "descending" : "ascending") : "none"}
          className="px-2 pb-1"
        >
          <button
            type="button"
            className="font-medium whitespace-nowrap hover:underline"
            onClick={() =>
              update(
                sort === c.key
                  ? desc
                    ? { sort: "problems", desc: false }
                    : { desc: true }
                  : { sort: c.key, desc: false },
              )
            }
            title={t("ov.sort.by", { column: t(c.label) })}
            data-testid={`sort-${c.key}`}
          >
            {t(c.label)}
            {sort === c.key ? (desc ? " ▼" : " ▲") : ""}
          </button>
        </div>
      ))}
      <div role="columnheader" className="relative h-full" aria-label={t("ov.lanes")}>
        <span className="absolute top-0.5 left-1 font-medium">{t("col.lane")}</span>
        {axis.map((a) => (
          // The server renders in its own time zone; the browser's local times replace these at once.
          <span
            key={a.x}
            suppressHydrationWarning
            className="absolute bottom-1 -translate-x-1/2 text-[10px] whitespace-nowrap text-slate-500"
            style={{ left: `${a.x}%` }}
          >
            {a.label}
          </span>
        ))}
      </div>
    </div>
  );
}
