// Pure layout of one pod timeline: d3 computes the scale, this turns the model into boxes.
// React (components/timeline) draws them; nothing here touches the DOM.
import { scaleUtc, utcFormat } from "d3";
import type { ContainerTimeline, PodTimeline } from "../timeline/types";

export interface Box {
  x: number;
  width: number;
  fill: string;
  kind: string;
  /** Short text drawn inside when it fits. */
  label?: string;
  /** Full text for the tooltip and screen readers. */
  title: string;
  /** Draw hatched: waiting, back-off, reconstructed. */
  hatched?: boolean;
}

export interface Tick {
  x: number;
  kind: string;
  fill: string;
  title: string;
}

export interface Bracket {
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
const BACKOFF_TOLERANCE_MS = 5000;

function statusFill(status: string): string {
  if (status === "Running" || status === "Completed") return status === "Running" ? PALETTE.blue : PALETTE.green;
  if (status.startsWith("Init:") && /^Init:\d+\/\d+$/.test(status)) return PALETTE.sky;
  if (status === "Pending" || status === "ContainerCreating" || status === "PodInitializing") return PALETTE.orange;
  if (status === "Terminating") return PALETTE.purple;
  return PALETTE.vermillion;
}

function runFill(exitCode: number | null, reason: string | null): string {
  if (exitCode === null) return PALETTE.blue;
  if (reason === "OOMKilled") return PALETTE.purple;
  return exitCode === 0 ? PALETTE.green : PALETTE.vermillion;
}

/** Short Go-like duration for labels: 10s, 1m20s, 5m0s. */
export function shortDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${s % 60}s`;
  return `${Math.floor(m / 60)}h${m % 60}m`;
}

const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

function containerLabel(c: ContainerTimeline): string {
  return `${c.kind === "main" ? "" : `${c.kind} `}${c.name}`;
}

/** Lays out a timeline over [start, end] in a box `width` pixels wide. */
export function layoutTimeline(tl: PodTimeline, now: number, width = 960): TimelineLayout {
  const gutter = 200;
  const start = tl.createdAt ?? tl.observedFrom ?? now;
  const lastEnd = tl.deletedAt ?? now;
  const end = Math.max(lastEnd, start + 1000);
  const x = scaleUtc().domain([start, end]).range([gutter, width - 12]).clamp(true);
  const px = (t: number | null) => x(t ?? end);
  const span = (s: number, e: number | null) => Math.max(1, px(e) - px(s));
  const rows: Row[] = [];
  let y = 24;
  const addRow = (id: string, label: string, boxes: Box[], ticks: Tick[] = [], brackets: Bracket[] = []) => {
    if (brackets.length > 0) y += BRACKET_SPACE;
    rows.push({ id, label, y, height: ROW, boxes, ticks, brackets });
    y += ROW + GAP;
  };

  addRow(
    "phase",
    "Phase",
    tl.phases.map((p) => ({
      x: px(p.start), width: span(p.start, p.end), fill: PHASE_FILL[p.phase] ?? PALETTE.grey, kind: "phase", label: p.phase,
      title: `Phase ${p.phase} from ${iso(p.start)}${p.end === null ? " (still)" : ` to ${iso(p.end)}`}`,
    })),
  );
  addRow(
    "status",
    "kubectl STATUS",
    tl.status.map((s) => ({
      x: px(s.start), width: span(s.start, s.end), fill: statusFill(s.status), kind: "status", label: s.status,
      title: `STATUS ${s.status} from ${iso(s.start)}${s.end === null ? " (still)" : ` to ${iso(s.end)}`}`,
    })),
  );
  const types = [...new Set(tl.conditions.map((c) => c.type))];
  for (const type of types) {
    addRow(
      `condition-${type}`,
      type,
      tl.conditions.filter((c) => c.type === type).map((c) => ({
        x: px(c.start), width: span(c.start, c.end), kind: "condition",
        fill: c.status === "True" ? PALETTE.green : c.status === "False" ? PALETTE.grey : PALETTE.yellow,
        hatched: c.status !== "True", label: c.status,
        title: `${type}=${c.status}${c.reason ? ` (${c.reason})` : ""} from ${iso(c.start)}${c.message ? `: ${c.message}` : ""}`,
      })),
    );
  }
  for (const c of tl.containers) {
    const boxes: Box[] = [
      ...c.waiting.map((w) => ({
        x: px(w.start), width: span(w.start, w.end), fill: PALETTE.orange, kind: "waiting", hatched: true, label: w.reason,
        title: `${c.name} waiting: ${w.reason} from ${iso(w.start)}${w.message ? ` — ${w.message}` : ""}`,
      })),
      ...c.runs.map((r) => ({
        x: px(r.start), width: span(r.start, r.end), fill: runFill(r.exitCode, r.reason), kind: "run",
        label: r.end === null ? `#${r.attempt}` : `#${r.attempt} exit ${r.exitCode ?? "?"}`,
        title: `${c.name} run #${r.attempt} from ${iso(r.start)}${r.end === null ? " (running)" : ` to ${iso(r.end)}, exit code ${r.exitCode}${r.reason ? ` (${r.reason})` : ""}`}`,
      })),
    ];
    const ticks: Tick[] = c.probes.map((p) => ({
      x: px(p.at), kind: `probe-${p.probe}`, fill: p.probe === "liveness" ? PALETTE.vermillion : p.probe === "readiness" ? PALETTE.yellow : PALETTE.purple,
      title: `${p.probe} probe ${p.outcome}${p.count > 1 ? ` ×${p.count}` : ""} at ${iso(p.at)}: ${p.message}`,
    }));
    const brackets: Bracket[] = c.backoffs.map((b) => {
      const announced = b.announcedDelayMs;
      const observed = b.observedDelayMs;
      const differs = announced !== null && observed !== null && Math.abs(observed - announced) > BACKOFF_TOLERANCE_MS;
      const label = announced !== null ? shortDuration(announced) : observed !== null ? shortDuration(observed) : "…";
      return {
        x1: px(b.start), x2: px(b.end), label, differs,
        title: `Back-off before run #${b.beforeAttempt}: announced ${announced === null ? "—" : shortDuration(announced)}, observed ${observed === null ? "still waiting" : shortDuration(observed)}`,
      };
    });
    addRow(`container-${c.name}`, containerLabel(c), boxes, ticks, brackets);
    if (c.ready.length > 0) {
      addRow(
        `ready-${c.name}`,
        `${c.name} ready`,
        c.ready.map((r) => ({
          x: px(r.start), width: span(r.start, r.end), fill: PALETTE.green, kind: "ready",
          title: `${c.name} ready from ${iso(r.start)}${r.end === null ? "" : ` to ${iso(r.end)}`}`,
        })),
      );
    }
  }
  addRow(
    "markers",
    "Events",
    [],
    tl.markers.map((m) => ({
      x: px(m.at), kind: m.kind,
      fill: m.kind === "scheduled" || m.kind === "pulled" || m.kind === "created" ? PALETTE.sky : m.kind === "pulling" ? PALETTE.grey : PALETTE.vermillion,
      title: `${m.kind}${m.container ? ` (${m.container})` : ""} at ${iso(m.at)}${m.count ? ` ×${m.count}` : ""}: ${m.message}`,
    })),
  );
  const format = utcFormat("%H:%M:%S");
  return {
    width,
    height: y + 20,
    gutter,
    rows,
    axis: x.ticks(6).map((d) => ({ x: x(d), label: format(d) })),
    observedFromX: tl.reconstructed && tl.observedFrom !== null ? px(tl.observedFrom) : null,
    nowX: px(now),
  };
}
