"use client";
// The overview's rows in the DOM: the block on screen (RowLayer), one pod's row (Row), and a lane
// as elements for the server-rendered first screen (ElementLane). The canvas under them paints
// what most rows show (paint-rows.ts); a row carries text only under the pointer or focus.
import { memo, useImperativeHandle, useLayoutEffect, useRef, useState, type Ref } from "react";
import { flushSync } from "react-dom";
import { useI18n } from "@/components/I18n";
import type { PodRow } from "@/lib/rows/pod-row";
import type { Rows } from "./usePodRows";
import { laneOf } from "@/lib/view/overview";
import { LANE, lanePercentBoxes } from "@/lib/view/lanes";
import type { RowCells } from "@/lib/view/row-cells";
import type { Tz } from "@/lib/text/format";
import { PALETTE } from "@/lib/view/palette";

export const ROW_H = 28;
/** The grid's header row (column names and the time axis). */
export const HEADER_H = 44;

export const podHref = (r: PodRow, tz: Tz) =>
  `/pods/${encodeURIComponent(r.namespace)}/${encodeURIComponent(r.name)}?uid=${encodeURIComponent(r.uid)}${tz === "utc" ? "&tz=utc" : ""}`;

export interface RowLayerHandle {
  /** Shows the block starting at row `first`; `also` runs in the same synchronous render. */
  scrollTo(first: number, also: (() => void) | null): void;
}

interface RowLayerProps {
  ref: Ref<RowLayerHandle>;
  /** In order; a hole is a row of a live window still on its way (lib/live/views.ts). */
  rows: Rows;
  slots: number;
  cells(row: PodRow): RowCells;
  focus: number;
  hover: number | null;
  tz: Tz;
  onFocusRow(index: number): void;
  open(href: string): void;
  /** The server's first screen: every row with text, and lanes as elements (there is no canvas yet). */
  lanes: LaneWindow | null;
}

interface LaneWindow {
  from: number;
  to: number;
  now: number;
  live: boolean;
}

// The DOM rows of the block on screen. Its own state, so a scroll re-renders this and not the page.
export const RowLayer = memo(function RowLayer({
  ref,
  rows,
  slots,
  cells,
  focus,
  hover,
  tz,
  onFocusRow,
  open,
  lanes,
}: RowLayerProps) {
  const [top, setTop] = useState(0);
  const shown = useRef(0);
  useImperativeHandle(
    ref,
    () => ({
      scrollTo(next, also) {
        if (next === shown.current && !also) return;
        shown.current = next;
        // Rendered in this frame, so the rows never lag the scroll.
        flushSync(() => {
          setTop(next);
          also?.();
        });
      },
    }),
    [],
  );
  const first = Math.max(0, Math.min(top, rows.length - slots));
  const last = Math.min(rows.length, first + slots);
  const out = [];
  for (let i = first; i < last; i++) {
    const r = rows[i];
    out.push(
      <Row
        key={i % slots}
        raw={r}
        c={r ? cells(r) : null}
        index={i}
        focused={i === focus}
        full={lanes !== null || i === focus || i === hover}
        lanes={lanes}
        tz={tz}
        onFocusRow={onFocusRow}
        open={open}
      />,
    );
  }
  return out;
});

interface RowProps {
  /** Absent: a row of a live window that has not come yet (its place, focusable, said to be loading). */
  raw: PodRow | undefined;
  c: RowCells | null;
  index: number;
  focused: boolean;
  /** Cells with text (the pointer's row, the focused row); otherwise one element with an accessible name. */
  full: boolean;
  lanes: LaneWindow | null;
  tz: Tz;
  onFocusRow(index: number): void;
  open(href: string): void;
}

// One pod's row. Memoised: rows that stay on screen are left alone while scrolling. Without text
// (most rows: the canvas shows them) it is one element whose accessible name says it all.
const Row = memo(function Row({
  raw,
  c,
  index: i,
  focused,
  full,
  lanes,
  tz,
  onFocusRow,
  open,
}: RowProps) {
  const { t } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    // Focus is by position: when a re-sort moves the focused pod, the keyboard focus stays with the grid.
    if (!focused && el.current && document.activeElement === el.current)
      el.current.closest<HTMLElement>('[role="grid"]')?.focus();
  }, [focused, i]);
  if (!raw || !c)
    // The same element as the row it becomes (same component, same tag): focus stays on it when the row comes.
    return (
      <div
        ref={el}
        role="row"
        aria-rowindex={i + 2}
        aria-busy="true"
        data-index={i}
        data-coming=""
        aria-label={t("ov.rowLoading", { n: i + 1 })}
        tabIndex={focused ? 0 : -1}
        onFocus={() => onFocusRow(i)}
        className="ov-row focus:ring-2 focus:ring-sky-500 focus:ring-inset"
        style={{ top: i * ROW_H }}
      />
    );
  const href = podHref(raw, tz);
  const status = c.reason ? `${c.status} (${c.reason})` : c.status;
  return (
    <div
      ref={el}
      role="row"
      aria-rowindex={i + 2}
      data-index={i}
      data-pod={`${raw.namespace}/${raw.name}`}
      data-problem={c.score}
      data-health={c.level}
      data-status={c.status}
      aria-label={
        full
          ? undefined
          : `${raw.name}, ${raw.namespace}, ${status}, ${t("col.ready")} ${c.ready}, ${t("col.restarts")} ${c.restarts}, ${t("col.age")} ${c.age}, ${t("col.node")} ${c.node}`
      }
      tabIndex={focused ? 0 : -1}
      onFocus={() => onFocusRow(i)}
      onDoubleClick={() => open(href)}
      className="ov-row focus:ring-2 focus:ring-sky-500 focus:ring-inset"
      style={{ top: i * ROW_H }}
    >
      {full ? (
        <>
          <div role="gridcell" className="truncate px-2 font-mono text-xs">
            <a
              href={href}
              tabIndex={-1}
              className="hover:underline"
              title={`${raw.namespace}/${raw.name}`}
            >
              {raw.name}
            </a>
          </div>
          <div role="gridcell" className="truncate px-2 text-xs">
            {raw.namespace}
          </div>
          <div
            role="gridcell"
            className="truncate px-2 font-mono text-xs"
            data-testid="row-status"
            aria-label={status}
            title={c.title || undefined}
          >
            <span
              aria-hidden
              className="mr-1 inline-block h-2 w-2 rounded-full"
              style={{ background: c.statusColour }}
            />
            <bdi className={c.strong ? "font-semibold" : ""}>{c.status}</bdi>
            {c.reason && <bdi className="ml-1 text-[10px] text-slate-500">{c.reason}</bdi>}
          </div>
          <div role="gridcell" className="px-2 font-mono text-xs">
            {c.ready}
          </div>
          <div role="gridcell" className="truncate px-2 font-mono text-xs">
            {c.restarts}
          </div>
          <div role="gridcell" className="px-2 font-mono text-xs">
            {c.age}
          </div>
          <div role="gridcell" className="truncate px-2 text-xs">
            {c.node}
          </div>
          <div
            role="gridcell"
            className="relative h-full"
            aria-label={`${c.status}, ${t("col.restarts")} ${c.restarts}`}
          >
            {lanes && <ElementLane raw={raw} w={lanes} />}
          </div>
        </>
      ) : null}
    </div>
  );
});

// A lane as elements (the server-rendered first screen): the boxes the canvas draws, in percent.
function ElementLane({ raw, w }: { raw: PodRow; w: LaneWindow }) {
  const boxes = lanePercentBoxes(laneOf(raw, w.now), w.from, w.to);
  const nowAt = ((w.now - w.from) / (w.to - w.from)) * 100;
  return (
    <>
      {boxes.map((b, k) => (
        <span
          key={k}
          aria-hidden
          className={
            b.kind === "restart"
              ? "absolute bg-slate-900 dark:bg-slate-50"
              : b.patterned
                ? "ov-hatch absolute"
                : "absolute"
          }
          style={
            b.kind === "phase"
              ? {
                  left: `${b.left}%`,
                  width: `${b.width}%`,
                  top: LANE.phaseTop,
                  height: LANE.phaseHeight,
                  backgroundColor: b.fill,
                  opacity: b.faint ? 0.35 : undefined,
                }
              : b.kind === "ready"
                ? {
                    left: `${b.left}%`,
                    width: `${b.width}%`,
                    top: LANE.readyTop,
                    height: LANE.readyHeight,
                    background: b.fill,
                  }
                : {
                    left: `calc(${b.left}% - 1px)`,
                    width: LANE.tickWidth,
                    top: 2,
                    height: ROW_H - 4,
                  }
          }
        />
      ))}
      {w.live && nowAt >= 0 && nowAt <= 100 && (
        <span
          aria-hidden
          className="absolute top-0 h-full"
          style={{
            left: `min(${nowAt}%, calc(100% - 1px))`,
            width: 1,
            background: PALETTE.vermillion,
          }}
        />
      )}
    </>
  );
}
