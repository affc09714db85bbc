// Pure layout of one pod timeline: d3 computes the scale, this turns the model into boxes, ticks and
// brackets with their words. React (components/timeline) draws them; nothing here touches the DOM.
import { isolate, plainDirection } from "../text/bidi";
import { scaleTime, scaleUtc, timeFormat, utcFormat } from "d3";
import { translator, type MessageKey, type Translate } from "../i18n";
import { inkOn } from "./contrast";
import type { NodeTimeline } from "../nodes/node-timeline";
import { restartDecision } from "../timeline/container-history";
import type {
  ContainerTimeline,
  Marker,
  PodTimeline,
  ProbeResult,
  ProbeType,
  Run,
} from "../timeline/types";
import { nodeTrack } from "./node-track";

/** One thing on the timeline, with what a tooltip says about it. */
export interface Item {
  /** What it is, in words ("nginx run #3, exit code 137 (OOMKilled)"). */
  what: string;
  start: number;
  /** null: still going at the layout's `now`; equal to start: an instant. */
  end: number | null;
  /** The API's message, if any. */
  message?: string | null;
  /** Container the item belongs to, for highlighting its events. */
  container?: string | null;
}

export interface Box extends Item {
  x: number;
  width: number;
  fill: string;
  kind: string;
  /** Short text drawn inside when it fits. */
  label?: string;
  /** Full text for the SVG title (screen readers, the stories page). */
  title: string;
  /** Draw hatched: waiting, not True, reconstructed. */
  hatched?: boolean;
  /** The kubectl status / reason this box stands for: "Why is it like this?" explains it. */
  explain?: string;
  /** Shorter forms of `label`, longest first, drawn when it has no room. */
  short?: string[];
  /** The text drawn (`label` or a shorter form of it) and where; none when nothing fits. */
  text?: string;
  textX?: number;
  /**
   * Where the drawn text sits: inside the box ("fill": `ink` on the fill, haloed with the fill so
   * hatching never runs under a glyph), or running on past it ("page": the page's own ink, haloed
   * with the page's background). Either way AA contrast in both themes (lib/view/contrast).
   */
  textOn?: "fill" | "page";
  ink?: string;
}

export interface Tick extends Item {
  x: number;
  kind: string;
  fill: string;
  title: string;
  /** triangle (liveness, default), square (readiness), diamond (startup), cross (a kill), down / down-open (a node taint added / removed). */
  shape?: "triangle" | "square" | "diamond" | "cross" | "bar" | "down" | "down-open";
  /** A count drawn beside it (×3, 2/3). */
  label?: string;
  /** A pull's bar width in px (for `pulled` markers with a duration). */
  span?: number;
}

export interface Bracket extends Item {
  x1: number;
  x2: number;
  label: string;
  title: string;
  /** Announced and observed delays disagree by more than the tolerance. */
  differs: boolean;
}

export interface Row {
  id: string;
  label: string;
  y: number;
  height: number;
  boxes: Box[];
  ticks: Tick[];
  brackets: Bracket[];
}

export interface TimelineLayout {
  width: number;
  height: number;
  gutter: number;
  rows: Row[];
  axis: { x: number; label: string }[];
  /** x of the first observation: what lies left of it was reconstructed. */
  observedFromX: number | null;
  nowX: number;
  /** The time domain drawn. */
  domain: [number, number];
}

export interface LayoutOptions {
  width?: number;
  /** Time domain; default the pod's whole life up to now (or deletion). */
  domain?: [number, number];
  t?: Translate;
  /** Axis and titles in UTC (default) or the browser's zone. */
  tz?: "utc" | "local";
  /** The pod's node over time: drawn as the node track (Ready, taints) under STATUS. */
  node?: NodeTimeline | null;
}

// Okabe–Ito: distinguishable with the common colour-vision deficiencies.
export const PALETTE = {
  blue: "#0072B2",
  sky: "#56B4E9",
  green: "#009E73",
  orange: "#E69F00",
  vermillion: "#D55E00",
  purple: "#CC79A7",
  yellow: "#F0E442",
  grey: "#999999",
} as const;

const PHASE_FILL: Record<string, string> = {
  Pending: PALETTE.orange,
  Running: PALETTE.blue,
  Succeeded: PALETTE.green,
  Failed: PALETTE.vermillion,
  Unknown: PALETTE.grey,
};

const ROW = 18;
const GAP = 8;
const BRACKET_SPACE = 14;
/** Announced and observed back-off may differ by the kubelet's sync delay; beyond this, say so. */
export const BACKOFF_TOLERANCE_MS = 5000;
/** The order the kubelet sets them in (docs/pod-lifecycle.md §4); others follow by first appearance. */
const CONDITION_ORDER = [
  "PodScheduled",
  "PodReadyToStartContainers",
  "Initialized",
  "ContainersReady",
  "Ready",
  "DisruptionTarget",
];

export function statusFill(status: string): string {
  if (status === "Running") return PALETTE.blue;
  if (status === "Completed") return PALETTE.green;
  if (/^Init:\d+\/\d+$/.test(status)) return PALETTE.sky;
  if (status === "Pending" || status === "ContainerCreating" || status === "PodInitializing")
    return PALETTE.orange;
  if (status === "Terminating" || status === "Deleted") return PALETTE.purple;
  return PALETTE.vermillion;
}

/** Failure states get a pattern as well as a colour. */
export function statusHatched(status: string): boolean {
  return (
    statusFill(status) === PALETTE.vermillion ||
    status === "Pending" ||
    status === "ContainerCreating"
  );
}

function runFill(exitCode: number | null, reason: string | null): string {
  if (exitCode === null) return PALETTE.blue;
  if (reason === "OOMKilled") return PALETTE.purple;
  return exitCode === 0 ? PALETTE.green : PALETTE.vermillion;
}

const PROBE_FILL: Record<ProbeType, string> = {
  liveness: PALETTE.vermillion,
  readiness: PALETTE.yellow,
  startup: PALETTE.purple,
};
const PROBE_SHAPE: Record<ProbeType, Tick["shape"]> = {
  liveness: "triangle",
  readiness: "square",
  startup: "diamond",
};

/** Short Go-like duration for labels: 10s, 1m20s, 5m0s. */
export function shortDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${s % 60}s`;
  return `${Math.floor(m / 60)}h${m % 60}m`;
}

/** "2026-11-20 09:00:05" in UTC or the local zone (with its offset). */
export function formatTime(ms: number, tz: "utc" | "local"): string {
  const d = new Date(ms);
  if (tz === "utc")
    return d
      .toISOString()
      .replace("T", " ")
      .replace(/\.\d+Z$/, " UTC");
  const p = (n: number) => String(n).padStart(2, "0");
  const off = -d.getTimezoneOffset();
  const zone = `UTC${off >= 0 ? "+" : "−"}${p(Math.floor(Math.abs(off) / 60))}:${p(Math.abs(off) % 60)}`;
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} ${zone}`;
}

/** The sentence an item's tooltip and SVG title open with. */
export function itemText(item: Item, now: number, tz: "utc" | "local", t: Translate): string {
  const f = (ms: number) => formatTime(ms, tz);
  if (item.end === item.start) return t("tt.at", { what: item.what, t: f(item.start) });
  if (item.end === null)
    return t("tt.open", {
      what: item.what,
      from: f(item.start),
      d: shortDuration(Math.max(0, now - item.start)),
    });
  return t("tt.span", {
    what: item.what,
    from: f(item.start),
    to: f(item.end),
    d: shortDuration(item.end - item.start),
  });
}

function containerLabel(c: ContainerTimeline, t: Translate): string {
  return t(
    c.kind === "init"
      ? "tr.init"
      : c.kind === "sidecar"
        ? "tr.sidecar"
        : c.kind === "ephemeral"
          ? "tr.ephemeral"
          : "tr.main",
    { name: c.name },
  );
}

/**
 * The probe results as groups of indices: each streak of consecutive failures (as probeStreaks
 * counts them) is one group, every other result a group of its own; in order of their first result.
 */
export function probeGroups(
  probes: ProbeResult[],
  runs: { start: number }[],
  periodMs: (p: ProbeType) => number,
): number[][] {
  const groups: number[][] = [];
  const last = new Map<ProbeType, { at: number; group: number[] | null }>();
  probes.forEach((p, i) => {
    const prev = last.get(p.probe);
    const runStart = runs
      .filter((r) => r.start <= p.at)
      .reduce((m, r) => Math.max(m, r.start), -Infinity);
    const continues =
      prev?.group &&
      p.outcome === "failure" &&
      prev.at >= runStart &&
      p.at - prev.at <= 2 * periodMs(p.probe) * Math.max(1, p.count);
    let group: number[] | null = null;
    if (continues) (group = prev.group!).push(i);
    else groups.push(p.outcome === "failure" ? (group = [i]) : [i]);
    last.set(p.probe, { at: p.at, group });
  });
  return groups;
}

/**
 * Consecutive failures up to each probe result: counts add up while failures follow each other
 * within two periods; a new run (the container restarted) or a longer gap starts again.
 */
export function probeStreaks(
  probes: ProbeResult[],
  runs: { start: number }[],
  periodMs: (p: ProbeType) => number,
): number[] {
  const last = new Map<ProbeType, { at: number; streak: number }>();
  return probes.map((p) => {
    const prev = last.get(p.probe);
    const runStart = runs
      .filter((r) => r.start <= p.at)
      .reduce((m, r) => Math.max(m, r.start), -Infinity);
    const continues =
      prev &&
      p.outcome === "failure" &&
      prev.at >= runStart &&
      p.at - prev.at <= 2 * periodMs(p.probe) * Math.max(1, p.count);
    const streak = p.outcome !== "failure" ? 0 : (continues ? prev!.streak : 0) + p.count;
    last.set(p.probe, { at: p.at, streak });
    return streak;
  });
}

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
  const box = (i: Item, rest: Omit<Box, keyof Item | "x" | "width" | "title">): Box => ({
    ...i,
    ...rest,
    x: px(i.start),
    width: span(i.start, i.end),
    title: title(i),
  });

  addRow(
    "phase",
    t("tr.phase"),
    tl.phases.map((p) =>
      box(
        { what: t("tt.phase", { phase: p.phase }), start: p.start, end: p.end },
        {
          fill: PHASE_FILL[p.phase] ?? PALETTE.grey,
          kind: "phase",
          label: p.phase,
          explain: p.phase,
          hatched: p.phase === "Failed" || p.phase === "Unknown",
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
    const n = nodeTrack(o.node, { t, px, box, title });
    // A node Lifeline holds nothing of (not watched, or pruned) gets no empty track.
    if (n.boxes.length || n.ticks.length) addRow("node", n.label, n.boxes, n.ticks);
  }
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
              fill:
                c.status === "True"
                  ? PALETTE.green
                  : c.status === "False"
                    ? PALETTE.grey
                    : PALETTE.yellow,
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
  )) {
    const boxes: Box[] = [
      ...c.waiting.map((w) =>
        box(
          {
            what: t("tt.waiting", { name: c.name, reason: isolate(w.reason) }),
            start: w.start,
            end: w.end,
            message: w.message,
            container: c.name,
          },
          {
            fill: PALETTE.orange,
            kind: "waiting",
            hatched: true,
            label: plainDirection(w.reason),
            explain: w.reason,
          },
        ),
      ),
      ...c.runs.map((r) =>
        box(
          {
            what:
              t("tt.run", { name: c.name, n: r.attempt }) +
              t("tt.sep") +
              (r.end === null
                ? t("tt.running")
                : `${t("tt.exit", { code: r.exitCode ?? "?" })}${r.signal ? t("tt.sep") + t("tt.signal", { n: r.signal }) : ""}${r.reason ? ` (${isolate(r.reason)})` : ""}`) +
              restartText(c, r, t),
            start: r.start,
            end: r.end,
            message: r.message,
            container: c.name,
          },
          // Solid, failed or not: hatching is for waiting (the back-off beside a failed run) and what is not True.
          {
            fill: runFill(r.exitCode, r.reason),
            kind: "run",
            label:
              r.end === null
                ? `#${r.attempt}`
                : `#${r.attempt} exit ${r.exitCode ?? "?"}${r.reason && r.reason !== "Error" && r.reason !== "Completed" ? ` ${plainDirection(r.reason)}` : ""}`,
            short:
              r.end === null ? [] : [`#${r.attempt} exit ${r.exitCode ?? "?"}`, `#${r.attempt}`],
            explain:
              r.end === null
                ? undefined
                : (r.reason ?? (r.exitCode ? `ExitCode:${r.exitCode}` : "Completed")),
          },
        ),
      ),
    ];
    const brackets: Bracket[] = c.backoffs.map((b) => {
      const announced = b.announcedDelayMs;
      const observed = b.observedDelayMs;
      const differs =
        announced !== null &&
        observed !== null &&
        Math.abs(observed - announced) > BACKOFF_TOLERANCE_MS;
      const label =
        announced !== null
          ? shortDuration(announced)
          : observed !== null
            ? shortDuration(observed)
            : "…";
      const item: Item = {
        what:
          t("tt.backoff", {
            n: b.beforeAttempt,
            a: announced === null ? t("tt.backoff.unknown") : shortDuration(announced),
            o: observed === null ? t("tt.backoff.waiting") : shortDuration(observed),
          }) + (differs ? ` — ${t("tt.backoff.differs")}` : ""),
        start: b.start,
        end: b.end,
        container: c.name,
      };
      return { ...item, x1: px(b.start), x2: px(b.end), label, differs, title: title(item) };
    });
    const progress = c.kind === "init" ? ` (${inits.indexOf(c) + 1}/${inits.length})` : "";
    addRow(`container-${c.name}`, containerLabel(c, t) + progress, boxes, [], brackets);
    if (c.ready.length > 0) {
      addRow(
        `ready-${c.name}`,
        t("tr.ready", { name: c.name }),
        c.ready.map((r) =>
          box(
            {
              what: t("tt.ready", { name: c.name }),
              start: r.start,
              end: r.end,
              container: c.name,
            },
            { fill: PALETTE.green, kind: "ready" },
          ),
        ),
      );
    }
    const kills = probeKills.filter((m) => m.container === c.name);
    if (c.probes.length > 0 || kills.length > 0) {
      const periodMs = (p: ProbeType) => (c.probeConfig[p]?.periodSeconds ?? 10) * 1000;
      const streaks = probeStreaks(c.probes, c.runs, periodMs);
      const probeText = (p: ProbeResult) =>
        t("tt.probe", {
          probe: t(`probe.${p.probe}` as MessageKey),
          outcome: t(`outcome.${p.outcome}` as MessageKey),
        });
      const ticks: Tick[] = probeGroups(c.probes, c.runs, periodMs).flatMap((group) => {
        const first = c.probes[group[0]];
        const last = c.probes[group[group.length - 1]];
        const threshold = c.probeConfig[first.probe]?.failureThreshold ?? 3;
        const total = group.reduce((n, i) => n + c.probes[i].count, 0);
        if (first.outcome === "failure" && total > threshold && last.at > first.at) {
          // Failing past its threshold for a while (a readiness probe down for minutes): one stretch with its count.
          const item: Item = {
            what: `${probeText(first)} ${t("tt.probe.count", { n: total })}`,
            start: first.at,
            end: last.at,
            message: last.message,
            container: c.name,
          };
          return [
            {
              ...item,
              x: px(last.at),
              span: px(last.at) - px(first.at),
              kind: `probe-${first.probe}`,
              fill: PROBE_FILL[first.probe],
              shape: PROBE_SHAPE[first.probe],
              label: `×${total}`,
              title: title(item),
            },
          ];
        }
        return group.map((i) => {
          const p = c.probes[i];
          const item: Item = {
            what: `${probeText(p)}${p.count > 1 ? ` ${t("tt.probe.count", { n: p.count })}` : ""}${p.outcome === "failure" ? `; ${t("tt.probe.streak", { n: streaks[i], th: threshold })}` : ""}`,
            start: p.at,
            end: p.at,
            message: p.message,
            container: c.name,
          };
          return {
            ...item,
            x: px(p.at),
            kind: `probe-${p.probe}`,
            fill: PROBE_FILL[p.probe],
            shape: PROBE_SHAPE[p.probe],
            label:
              p.outcome === "failure"
                ? `${Math.min(streaks[i], threshold)}/${threshold}`
                : undefined,
            title: title(item),
          };
        });
      });
      for (const k of kills) {
        const item: Item = {
          what: `${t("mk.probe-kill")} — ${t("tt.probe.kill")}`,
          start: k.at,
          end: k.at,
          message: k.message,
          container: c.name,
        };
        ticks.push({
          ...item,
          x: px(k.at),
          kind: "probe-kill",
          fill: PALETTE.vermillion,
          shape: "cross",
          title: title(item),
        });
      }
      addRow(`probes-${c.name}`, t("tr.probes", { name: c.name }), [], ticks);
    }
  }
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
              fill: PALETTE.vermillion,
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
          fill: PALETTE.purple,
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
    tl.markers.map((m) => markerTick(m, px, x, title, t)),
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

/** Box labels are drawn at 10 px: about this many px a character. */
export const BOX_CHAR_PX = 6;

/**
 * Picks each box's drawn text: its label, or the longest shorter form that fits. A run's text may
 * run on past the run into the waiting after it (back-off), up to the next run; other boxes keep
 * theirs inside. Texts never overlap; a box's text moves right past the one before when its box
 * still holds it. Boxes are annotated in place (and returned).
 */
export function fitBoxLabels(boxes: Box[], right: number): Box[] {
  const sorted = [...boxes].sort((a, b) => a.x - b.x);
  const runs = sorted.filter((b) => b.kind === "run");
  let free = -Infinity;
  for (const b of sorted) {
    if (!b.label) continue;
    const next = b.kind === "run" ? runs.find((r) => r.x > b.x) : undefined;
    const end = b.kind === "run" ? Math.min(next?.x ?? right, right) : b.x + b.width;
    const x = Math.max(b.x + 4, free);
    const text = [b.label, ...(b.short ?? [])].find((l) => x + l.length * BOX_CHAR_PX + 2 <= end);
    if (!text) continue;
    b.text = text;
    b.textX = x;
    b.textOn = x + text.length * BOX_CHAR_PX + 2 <= b.x + b.width ? "fill" : "page";
    b.ink = b.textOn === "fill" ? inkOn(b.fill) : undefined;
    free = x + text.length * BOX_CHAR_PX + 3;
  }
  return boxes;
}

/**
 * Drops tick labels that would overlap the label before them (ticks in time order, labels about
 * `charWidth` px a character plus a gap); returns the ticks with `label` kept only where it fits.
 */
export function placeLabels(ticks: Tick[], charWidth = 5, gap = 3): Tick[] {
  let free = -Infinity;
  return [...ticks]
    .sort((a, b) => a.x - b.x)
    .map((t) => {
      if (!t.label) return t;
      const left = t.x + 6;
      if (left < free) return { ...t, label: undefined };
      free = left + t.label.length * charWidth + gap;
      return t;
    });
}

/** 24-hour axis labels: seconds for spans under 10 minutes, the date once a span passes a day. */
export function axisFormat(spanMs: number, tz: "utc" | "local"): (d: Date) => string {
  const f = tz === "utc" ? utcFormat : timeFormat;
  return f(spanMs < 10 * 60_000 ? "%H:%M:%S" : spanMs < 86_400_000 ? "%H:%M" : "%b %d %H:%M");
}

function kindOrder(c: ContainerTimeline): number {
  return c.kind === "init" ? 0 : c.kind === "sidecar" ? 1 : c.kind === "main" ? 2 : 3;
}

/** ", observedGeneration 3" when the API stated one (1.33+). */
function generationText(observedGeneration: number | undefined, t: Translate): string {
  return observedGeneration === undefined
    ? ""
    : t("tt.sep") + t("tt.observedGeneration", { n: observedGeneration });
}

/**
 * For a container with its own restartPolicy or restartPolicyRules (KEP-5307): what the kubelet
 * does with a finished run's exit code. Sidecars (init containers with Always) need no words.
 */
function restartText(c: ContainerTimeline, r: Run, t: Translate): string {
  if (
    r.end === null ||
    r.exitCode === null ||
    c.kind === "sidecar" ||
    (c.restartRules.length === 0 && c.restartPolicy === null)
  )
    return "";
  const rule = c.restartRules.find(
    (x) =>
      (x.operator === "In" && x.values.includes(r.exitCode!)) ||
      (x.operator === "NotIn" && !x.values.includes(r.exitCode!)),
  );
  if (rule?.action === "Restart")
    return (
      t("tt.sep") + t("tt.restart.rule", { op: rule.operator, values: rule.values.join(", ") })
    );
  if (rule || c.restartPolicy === null) return "";
  const decision = restartDecision(r.exitCode, [], c.restartPolicy, null);
  return decision === null
    ? ""
    : t("tt.sep") +
        t(decision === "restart" ? "tt.restart.policy" : "tt.restart.stop", {
          policy: c.restartPolicy,
        });
}

const RESIZE_FILL: Partial<Record<Marker["kind"], string>> = {
  "spec-changed": PALETTE.sky,
  "resize-requested": PALETTE.sky,
  "resize-pending": PALETTE.orange,
  "resize-in-progress": PALETTE.sky,
  resized: PALETTE.green,
};

/** What a marker adds to its name: the pending reason, resize old → new, the generation step. */
function markerDetail(m: Marker, t: Translate): string {
  let out = m.reason ? ` (${isolate(m.reason)})` : "";
  for (const c of m.changes ?? []) {
    const field = t(c.field === "requests" ? "tt.resize.requests" : "tt.resize.limits");
    const none = t("tt.resize.none");
    out +=
      t("tt.sep") +
      t("tt.resize.change", {
        resource: m.container ? c.resource : `${c.container} ${c.resource}`,
        field,
        from: c.from ?? none,
        to: c.to ?? none,
      });
  }
  if (m.generation)
    out +=
      t("tt.sep") + t("tt.generation", { from: m.generation.from ?? "?", to: m.generation.to });
  return out;
}

function markerTick(
  m: Marker,
  px: (v: number | null) => number,
  x: (d: number) => number,
  title: (i: Item) => string,
  t: Translate,
): Tick {
  const resizeFill =
    m.kind === "resize-pending" && m.reason === "Infeasible"
      ? PALETTE.vermillion
      : RESIZE_FILL[m.kind];
  const fill =
    resizeFill ??
    (m.kind === "scheduled" || m.kind === "pulled" || m.kind === "created"
      ? PALETTE.sky
      : m.kind === "pulling"
        ? PALETTE.grey
        : PALETTE.vermillion);
  const what = `${t(`mk.${m.kind}` as MessageKey)}${m.container ? ` (${m.container})` : ""}${m.count && m.count > 1 ? ` ×${m.count}` : ""}${m.durationMs ? `${t("tt.sep")}${t("tt.pullTook", { d: shortDuration(m.durationMs) })}` : ""}${markerDetail(m, t)}`;
  const item: Item = {
    what,
    start: m.at,
    end: m.at,
    message: m.message,
    container: m.container ?? null,
  };
  const span =
    m.kind === "pulled" && m.durationMs ? Math.max(0, x(m.at) - x(m.at - m.durationMs)) : undefined;
  return {
    ...item,
    x: px(m.at),
    kind: m.kind,
    fill,
    title: title(item),
    span,
    label: m.count && m.count > 1 ? `×${m.count}` : undefined,
  };
}
