"use client";
// Draws a laid-out pod timeline as SVG. d3 did the maths (lib/view); React owns every element.
// Interactive when given handlers: hover and keyboard show an item, click selects it.
import { forwardRef, useState, type KeyboardEvent } from "react";
import { PALETTE } from "@/lib/view/palette";
import type { Box, Item, Row, Tick, TimelineLayout } from "@/lib/view/timeline-types";

/** A run of under a second (`echo; exit 1`) stays wide enough to see and to click for its log;
 * its tooltip gives the exact times. */
const MIN_RUN_PX = 3;

export type Picked = {
  item: Item & { explain?: string; title: string };
  row: string;
  x: number;
  y: number;
};

interface Props {
  layout: TimelineLayout;
  /** Accessible name: the pod and what it is doing. */
  label: string;
  summary: string;
  onHover?: (picked: Picked | null) => void;
  onSelect?: (picked: Picked) => void;
  /** A time to mark with a line (the event row clicked). */
  focusX?: number | null;
  /** Items whose [start, end] contains this range are drawn emphasised. */
  highlight?: { start: number; end: number } | null;
  reconstructedTitle?: string;
  nowTitle?: string;
  trackLabel?: (row: Row) => string;
  /** The track picked last (kept in the URL as ?track=), drawn with a tinted band. */
  selectedRow?: string | null;
}

const TEXT = "currentColor";

function tickPath(t: Tick, y: number): string {
  const b = y + 9;
  switch (t.shape) {
    case "square":
      return `M${t.x - 3.5},${b - 3.5} h7 v7 h-7 z`;
    case "diamond":
      return `M${t.x},${b - 5} l5,5 l-5,5 l-5,-5 z`;
    case "cross":
      return `M${t.x - 5},${b - 5} l10,10 M${t.x + 5},${b - 5} l-10,10`;
    case "bar":
      return `M${t.x - 1},${y - 2} h2 v22 h-2 z`;
    case "down":
    case "down-open":
      return `M${t.x - 5},${b - 5} h10 l-5,9 z`;
    default:
      return `M${t.x},${b - 5} l5,9 h-10 z`;
  }
}

const overlaps = (i: Item, h: { start: number; end: number } | null | undefined) =>
  !!h && i.start <= h.end && (i.end ?? Infinity) >= h.start;

export const PodTimelineChart = forwardRef<SVGSVGElement, Props>(function PodTimelineChart(
  {
    layout,
    label,
    summary,
    onHover,
    onSelect,
    focusX,
    highlight,
    reconstructedTitle,
    nowTitle,
    trackLabel,
    selectedRow,
  },
  ref,
) {
  const { width, height, gutter, rows, axis } = layout;
  const interactive = Boolean(onHover || onSelect);
  const [cursor, setCursor] = useState<Record<string, number>>({});
  const items = (row: Row) =>
    [...row.boxes, ...row.brackets.map((b) => ({ ...b, x: b.x1 })), ...row.ticks].sort(
      (a, b) => a.start - b.start,
    );
  const pick = (
    item: Item & { title: string },
    x: number,
    row: Row,
    target: Element | null,
  ): Picked => {
    const r = target?.closest("svg")?.getBoundingClientRect();
    const scale = r ? r.width / width : 1;
    return {
      item,
      row: row.id,
      x: (r?.left ?? 0) + x * scale,
      y: (r?.top ?? 0) + (row.y + row.height) * scale,
    };
  };
  const onRowKey = (e: KeyboardEvent<SVGGElement>, row: Row, index: number) => {
    const list = items(row);
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const groups = (
        e.currentTarget.ownerSVGElement ?? e.currentTarget.closest("svg")
      )?.querySelectorAll<SVGGElement>("g[data-row]");
      const next = groups?.[index + (e.key === "ArrowDown" ? 1 : -1)];
      next?.focus();
      return;
    }
    if ((e.key === "ArrowRight" || e.key === "ArrowLeft") && list.length) {
      e.preventDefault();
      e.stopPropagation();
      const cur = cursor[row.id] ?? -1;
      const i =
        e.key === "ArrowRight"
          ? Math.min(list.length - 1, cur + 1)
          : Math.max(0, cur < 0 ? list.length - 1 : cur - 1);
      setCursor({ ...cursor, [row.id]: i });
      onHover?.(pick(list[i], list[i].x, row, e.currentTarget));
    }
    // Enter or Space picks the item under the cursor; before any arrow key, a container track's
    // latest run (its last item is often a back-off or a waiting box, which has no log), else the
    // track's last item. Arrows then step on from what was picked.
    if ((e.key === "Enter" || e.key === " ") && list.length) {
      e.preventDefault();
      const lastRun = list.findLastIndex((it) => "kind" in it && it.kind === "run");
      const i = cursor[row.id] ?? (lastRun >= 0 ? lastRun : list.length - 1);
      if (cursor[row.id] === undefined) setCursor({ ...cursor, [row.id]: i });
      onSelect?.(pick(list[i], list[i].x, row, e.currentTarget));
    }
  };
  const boxEl = (row: Row, b: Box, i: number, activeItem: Item | undefined) => {
    const hot =
      overlaps(b, highlight) &&
      (b.kind === "run" || b.kind === "waiting" || b.kind === "status" || b.kind === "terminating");
    const active = activeItem === b;
    return (
      <g
        key={i}
        data-kind={b.kind}
        data-label={b.label}
        onMouseEnter={
          onHover ? (e) => onHover(pick(b, b.x + b.width / 2, row, e.currentTarget)) : undefined
        }
        onMouseLeave={onHover ? () => onHover(null) : undefined}
        onClick={
          onSelect ? (e) => onSelect(pick(b, b.x + b.width / 2, row, e.currentTarget)) : undefined
        }
        style={onSelect ? { cursor: "pointer" } : undefined}
      >
        <rect
          x={b.x}
          y={row.y}
          width={b.kind === "run" ? Math.max(MIN_RUN_PX, b.width) : b.width}
          height={row.height}
          fill={b.fill}
          rx={2}
          stroke={hot || active ? TEXT : "none"}
          strokeWidth={hot || active ? 1.5 : 0}
        >
          <title>{b.title}</title>
        </rect>
        {b.hatched && (
          <rect
            x={b.x}
            y={row.y}
            width={b.width}
            height={row.height}
            fill="url(#hatch)"
            pointerEvents="none"
          />
        )}
        {b.text && (
          // A halo of what lies behind (the fill, or the page past the box) keeps hatching from under the glyphs.
          <text
            x={b.textX}
            y={row.y + row.height - 5}
            fontSize={10}
            pointerEvents="none"
            paintOrder="stroke"
            strokeWidth={3}
            strokeLinejoin="round"
            data-text-on={b.textOn}
            {...(b.textOn === "fill"
              ? { fill: b.ink, stroke: b.fill }
              : {
                  className:
                    "fill-slate-900 stroke-white dark:fill-slate-100 dark:stroke-slate-950",
                })}
          >
            {b.text}
          </text>
        )}
      </g>
    );
  };
  return (
    <svg
      ref={ref}
      role="img"
      aria-label={label}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      className="max-w-full text-slate-700 select-none dark:text-slate-200"
      data-testid="pod-timeline"
    >
      <title>{label}</title>
      <desc>{summary}</desc>
      <defs>
        <pattern
          id="hatch"
          width="6"
          height="6"
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <line x1="0" y1="0" x2="0" y2="6" stroke="black" strokeOpacity="0.35" strokeWidth="3" />
        </pattern>
        <clipPath id="plot">
          <rect x={gutter - 6} y={0} width={width - gutter + 6} height={height} />
        </clipPath>
      </defs>
      {layout.observedFromX !== null && (
        <rect
          x={gutter}
          y={0}
          width={Math.max(0, layout.observedFromX - gutter)}
          height={height - 20}
          fill="url(#hatch)"
          opacity={0.25}
          data-kind="reconstructed"
        >
          <title>
            {reconstructedTitle ??
              "Reconstructed from the object and events: Lifeline was not watching yet"}
          </title>
        </rect>
      )}
      {axis.map((t) => (
        <g key={t.x} transform={`translate(${t.x},0)`} aria-hidden>
          <line y1={14} y2={height - 20} stroke={TEXT} strokeOpacity={0.12} />
          <text y={10} fontSize={10} textAnchor="middle" fill={TEXT}>
            {t.label}
          </text>
        </g>
      ))}
      {rows.map((row, index) => (
        <g
          key={row.id}
          data-row={row.id}
          data-selected={row.id === selectedRow ? "true" : undefined}
          tabIndex={interactive ? 0 : undefined}
          role={interactive ? "group" : undefined}
          aria-label={interactive ? (trackLabel ? trackLabel(row) : row.label) : undefined}
          onKeyDown={interactive ? (e) => onRowKey(e, row, index) : undefined}
          onBlur={interactive ? () => onHover?.(null) : undefined}
          className="outline-none focus:[&>rect.track-bg]:opacity-100"
        >
          <rect
            className="track-bg"
            x={0}
            y={row.y - 3}
            width={width}
            height={row.height + 6}
            fill={PALETTE.sky}
            opacity={row.id === selectedRow ? 1 : 0}
            pointerEvents="none"
            fillOpacity={0.15}
          />
          <text
            x={gutter - 8}
            y={row.y + row.height - 5}
            fontSize={11}
            textAnchor="end"
            fill={TEXT}
          >
            {row.label}
          </text>
          <g clipPath="url(#plot)">
            {(() => {
              const activeItem =
                interactive && cursor[row.id] !== undefined
                  ? items(row)[cursor[row.id]]
                  : undefined;
              // Runs last, so a wait that begins the second a run ended is not drawn over it.
              const order = row.boxes.map((b, i) => [b, i] as const);
              order.sort(([a], [b]) => Number(a.kind === "run") - Number(b.kind === "run"));
              return order.map(([b, i]) => boxEl(row, b, i, activeItem));
            })()}
            {row.brackets.map((br, i) => (
              <g
                key={`b${i}`}
                data-kind="backoff"
                data-label={br.label}
                data-differs={br.differs ? "true" : undefined}
                onMouseEnter={
                  onHover
                    ? (e) => onHover(pick(br, (br.x1 + br.x2) / 2, row, e.currentTarget))
                    : undefined
                }
                onMouseLeave={onHover ? () => onHover(null) : undefined}
              >
                <path
                  d={`M${br.x1},${row.y - 2} v-5 H${br.x2} v5`}
                  fill="none"
                  stroke={br.differs ? PALETTE.vermillion : TEXT}
                  strokeWidth={br.differs ? 2 : 1.2}
                  strokeDasharray={br.differs ? "4 2" : undefined}
                >
                  <title>{br.title}</title>
                </path>
                <rect
                  x={br.x1}
                  y={row.y - 14}
                  width={Math.max(2, br.x2 - br.x1)}
                  height={12}
                  fill="transparent"
                />
                {br.x2 - br.x1 > br.label.length * 6 && (
                  <text
                    x={(br.x1 + br.x2) / 2}
                    y={row.y - 9}
                    fontSize={9}
                    textAnchor="middle"
                    fill={br.differs ? PALETTE.vermillion : TEXT}
                    pointerEvents="none"
                  >
                    {br.differs ? `${br.label}!` : br.label}
                  </text>
                )}
              </g>
            ))}
            {row.ticks.map((t, i) => (
              <g
                key={`t${i}`}
                data-kind={t.kind}
                onMouseEnter={
                  onHover ? (e) => onHover(pick(t, t.x, row, e.currentTarget)) : undefined
                }
                onMouseLeave={onHover ? () => onHover(null) : undefined}
                onClick={onSelect ? (e) => onSelect(pick(t, t.x, row, e.currentTarget)) : undefined}
              >
                {t.span !== undefined && t.span > 1 && (
                  <rect
                    x={t.x - t.span}
                    y={row.y + 7}
                    width={t.span}
                    height={4}
                    fill={t.fill}
                    opacity={0.6}
                  />
                )}
                <path
                  d={
                    row.id === "markers" && !t.shape
                      ? `M${t.x},${row.y + row.height + 1} l-4,-7 h8 z`
                      : tickPath(t, row.y)
                  }
                  fill={t.shape === "cross" || t.shape === "down-open" ? "none" : t.fill}
                  stroke={
                    t.shape === "cross" || t.shape === "down-open"
                      ? t.fill
                      : overlaps(t, highlight)
                        ? TEXT
                        : "none"
                  }
                  strokeWidth={t.shape === "cross" ? 2.5 : t.shape === "down-open" ? 1.5 : 1}
                >
                  <title>{t.title}</title>
                </path>
                {row.id === "markers" && !t.shape && (
                  <line
                    x1={t.x}
                    x2={t.x}
                    y1={row.y}
                    y2={row.y + row.height - 6}
                    stroke={t.fill}
                    strokeWidth={1.5}
                  />
                )}
                {t.label && (
                  <text x={t.x + 6} y={row.y + 6} fontSize={8} fill={TEXT} pointerEvents="none">
                    {t.label}
                  </text>
                )}
              </g>
            ))}
          </g>
        </g>
      ))}
      {focusX !== null && focusX !== undefined && (
        <line
          x1={focusX}
          x2={focusX}
          y1={14}
          y2={height - 20}
          stroke={TEXT}
          strokeWidth={1.5}
          data-kind="focus"
        />
      )}
      <line
        x1={layout.nowX}
        x2={layout.nowX}
        y1={14}
        y2={height - 20}
        stroke={PALETTE.vermillion}
        strokeDasharray="3 3"
        data-kind="now"
      >
        <title>{nowTitle ?? "now"}</title>
      </line>
    </svg>
  );
});
