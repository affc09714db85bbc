// Pure layout of one pod timeline: d3 computes the scale, this turns the model into boxes, ticks and
// brackets with their words. React (components/timeline) draws them; nothing here touches the DOM.
// Its parts: the layout's types (timeline-types.ts), its colours (palette.ts), its words
// (timeline-text.ts), a container's rows (container-rows.ts), probe and marker ticks
// (timeline-ticks.ts), and which labels fit (box-labels.ts).
import { isolate, plainDirection } from "../text/bidi";
import { scaleTime, scaleUtc, timeFormat, utcFormat } from "d3";
import { translator } from "../i18n";
import { CONDITION_ORDER } from "../timeline/conditions";
import type { ContainerTimeline, PodTimeline } from "../timeline/types";
import { fitBoxLabels, placeLabels } from "./box-labels";
import { containerRows } from "./container-rows";
import { formatTime, type Tz } from "../text/format";
import { nodeTrack } from "./node-track";
import {
  conditionFill,
  phaseFill,
  phaseHatched,
  PROBLEM_FILL,
  statusFill,
  statusHatched,
  TERMINATING_FILL,
} from "./palette";
import { generationText, itemText } from "./timeline-text";
import { markerTick } from "./timeline-ticks";
import type {
  Box,
  Bracket,
  Item,
  LayoutHelpers,
  LayoutOptions,
  MakeBox,
  Row,
  Tick,
  TimelineLayout,
} from "./timeline-types";

const ROW = 18;
const GAP = 8;
const BRACKET_SPACE = 14;

/** Lays out a timeline over its domain in a box `width` pixels wide. */
export function layoutTimeline(
  tl: PodTimeline,
  now: number,
  widthOrOptions: number | LayoutOptions = 960,
): TimelineLayout {
  const o: LayoutOptions =
    typeof widthOrOptions === "number" ? { width: widthOrOptions } : widthOrOptions;
  const width = o.width ?? 960;
  const t = o.t ?? translator("en");
  const tz = o.tz ?? "utc";
  const gutter = Math.min(200, Math.max(120, Math.round(width * 0.2)));
  const lifeStart = tl.createdAt ?? tl.observedFrom ?? now;
  const lifeEnd = Math.max(tl.deletedAt ?? now, lifeStart + 1000);
  const [start, end] = o.domain ?? [lifeStart, lifeEnd];
  const x = (tz === "utc" ? scaleUtc() : scaleTime())
    .domain([start, end])
    .range([gutter, width - 12])
    .clamp(true);
  const liveEnd = tl.deletedAt ?? now;
  const px = (v: number | null) => x(v ?? liveEnd);
  const span = (s: number, e: number | null) => Math.max(1, px(e) - px(s));
  const visible = (s: number, e: number | null) => (e ?? liveEnd) >= start && s <= end;
  // Cluster text inside our sentences is isolated (lib/text/bidi): an RLO in it stays in it.
  const title = (i: Item) =>
    itemText(i, now, tz, t) + (i.message ? ` — ${isolate(i.message)}` : "");
  const rows: Row[] = [];
  let y = 24;
  const addRow = (
    id: string,
    label: string,
    boxes: Box[],
    ticks: Tick[] = [],
    brackets: Bracket[] = [],
  ) => {
    if (brackets.length > 0) y += BRACKET_SPACE;
    rows.push({
      id,
      label,
      y,
      height: ROW,
      boxes: fitBoxLabels(
        boxes.filter((b) => visible(b.start, b.end)),
        width - 12,
      ),
      ticks: placeLabels(ticks.filter((k) => visible(k.start, k.end))),
      brackets: brackets.filter((b) => visible(b.start, b.end)),
    });
    y += ROW + GAP;
  };
  const box: MakeBox = (i, rest) => ({
    ...i,
    ...rest,
    x: px(i.start),
    width: span(i.start, i.end),
    title: title(i),
  });
  const helpers: LayoutHelpers = { t, px, box, title };

  addRow(
    "phase",
    t("tr.phase"),
    tl.phases.map((p) =>
      box(
        { what: t("tt.phase", { phase: p.phase }), start: p.start, end: p.end },
        {
          fill: phaseFill(p.phase),
          kind: "phase",
          label: p.phase,
          explain: p.phase,
          hatched: phaseHatched(p.phase, "pod"),
        },
      ),
    ),
  );
  addRow(
    "status",
    t("tr.status"),
    tl.status.map((s) =>
      box(
        {
          what:
            t("tt.status", { status: isolate(s.status) }) + generationText(s.observedGeneration, t),
          start: s.start,
          end: s.end,
        },
        {
          fill: statusFill(s.status),
          kind: "status",
          label: plainDirection(s.status),
          explain: s.status,
          hatched: statusHatched(s.status),
        },
      ),
    ),
  );
  if (o.node) {
    const n = nodeTrack(o.node, helpers);
    // A node Lifeline holds nothing of (not watched, or pruned) gets no empty track.
    if (n.boxes.length || n.ticks.length) addRow("node", n.label, n.boxes, n.ticks);
  }
  // The kubelet's order (CONDITION_ORDER); others follow by first appearance.
  const types = [...new Set(tl.conditions.map((c) => c.type))].sort((a, b) => {
    const ia = CONDITION_ORDER.indexOf(a);
    const ib = CONDITION_ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
  });
  for (const type of types) {
    addRow(
      `condition-${type}`,
      type,
      tl.conditions
        .filter((c) => c.type === type)
        .map((c) =>
          box(
            {
              what:
                t("tt.condition", { type, status: c.status }) +
                (c.reason ? ` (${isolate(c.reason)})` : "") +
                generationText(c.observedGeneration, t),
              start: c.start,
              end: c.end,
              message: c.message,
            },
            {
              kind: "condition",
              fill: conditionFill(c.status),
              hatched: c.status !== "True",
              label: c.status,
              explain: c.reason ?? undefined,
            },
          ),
        ),
    );
  }
  const probeKills = tl.markers.filter((m) => m.kind === "probe-kill");
  const inits = tl.containers.filter((c) => c.kind === "init");
  for (const c of [...tl.containers].sort(
    (a, b) => kindOrder(a) - kindOrder(b) || a.order - b.order,
  ))
    for (const r of containerRows(c, inits, probeKills, helpers))
      addRow(r.id, r.label, r.boxes, r.ticks, r.brackets);
  if (tl.terminating) {
    const tm = tl.terminating;
    const item: Item = {
      what:
        t("tt.terminating") +
        (tm.gracePeriodSeconds !== null && tm.deadline !== null
          ? `${t("tt.sep")}${t("tt.grace", { s: tm.gracePeriodSeconds, t: formatTime(tm.deadline, tz) })}`
          : ""),
      start: tm.start,
      end: tm.end,
    };
    const ticks: Tick[] =
      tm.deadline !== null
        ? [
            {
              what: t("mk.grace-exceeded"),
              start: tm.deadline,
              end: tm.deadline,
              x: px(tm.deadline),
              kind: "grace-deadline",
              fill: PROBLEM_FILL,
              shape: "bar",
              title: itemText(
                { what: t("mk.grace-exceeded"), start: tm.deadline, end: tm.deadline },
                now,
                tz,
                t,
              ),
            },
          ]
        : [];
    addRow(
      "termination",
      t("tr.termination"),
      [
        box(item, {
          fill: TERMINATING_FILL,
          kind: "terminating",
          hatched: true,
          label: "Terminating",
          explain: "Terminating",
        }),
      ],
      ticks,
    );
  }
  addRow(
    "markers",
    t("tr.events"),
    [],
    tl.markers.map((m) => markerTick(m, x, helpers)),
  );
  const format = axisFormat(end - start, tz);
  return {
    width,
    height: y + 20,
    gutter,
    rows,
    axis: x.ticks(6).map((d) => ({ x: x(d), label: format(d) })),
    observedFromX:
      tl.reconstructed && tl.observedFrom !== null && tl.observedFrom > start
        ? px(tl.observedFrom)
        : null,
    nowX: px(now),
    domain: [start, end],
  };
}

/** 24-hour axis labels: seconds for spans under 10 minutes, the date once a span passes a day. */
export function axisFormat(spanMs: number, tz: Tz): (d: Date) => string {
  const f = tz === "utc" ? utcFormat : timeFormat;
  return f(spanMs < 10 * 60_000 ? "%H:%M:%S" : spanMs < 86_400_000 ? "%H:%M" : "%b %d %H:%M");
}

function kindOrder(c: ContainerTimeline): number {
  return c.kind === "init" ? 0 : c.kind === "sidecar" ? 1 : c.kind === "main" ? 2 : 3;
}
