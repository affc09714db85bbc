// The overview's lanes as canvas work: boxes grouped by fill so each colour is one fill() call,
// boxes narrower than half a pixel skipped. Pure: the component hands the result to a 2D context.
import {
  PALETTE,
  phaseFill,
  phaseHatched,
  READY_FILL,
  statusFill,
  statusHatched,
  UNKEPT_FILL,
} from "./palette";
import type { Lane, LaneSegment } from "./overview";

/**
 * A lane stretch's fill: by kubectl STATUS when it is known, so a crash loop's CrashLoopBackOff
 * stretches (phase Running) and a waiting container's ImagePullBackOff (phase Pending) show as
 * back-off, ContainerCreating and Init:i/N as starting; by phase otherwise. The kiosk's strips
 * colour by the same rule (statusFill).
 */
export function segmentFill(s: Pick<LaneSegment, "phase" | "status" | "unkept">): string {
  if (s.unkept) return UNKEPT_FILL;
  return s.status && s.status !== "Unknown" ? statusFill(s.status) : phaseFill(s.phase);
}

/** Failure, back-off and waiting stretches are hatched as well as coloured (colour-blind safety). */
export function segmentHatched(s: Pick<LaneSegment, "phase" | "status" | "unkept">): boolean {
  if (s.unkept) return false;
  return s.status && s.status !== "Unknown"
    ? statusHatched(s.status)
    : phaseHatched(s.phase, "lanes");
}

/** The lanes' legend: what each fill stands for (message keys), in the order a pod meets them. */
export const LANE_LEGEND = [
  { key: "phase.Pending", fill: PALETTE.orange, hatched: true },
  { key: "lg.lane.init", fill: PALETTE.sky, hatched: false },
  { key: "phase.Running", fill: PALETTE.blue, hatched: false },
  { key: "phase.Succeeded", fill: PALETTE.green, hatched: false },
  { key: "lg.lane.backoff", fill: PALETTE.vermillion, hatched: true },
  { key: "lg.lane.terminating", fill: PALETTE.purple, hatched: false },
  { key: "phase.Unknown", fill: PALETTE.grey, hatched: true },
  { key: "lg.lane.unkept", fill: UNKEPT_FILL, hatched: false },
] as const;

/** Lane geometry inside one row. */
export const LANE = {
  phaseTop: 5,
  phaseHeight: 12,
  readyTop: 19,
  readyHeight: 3,
  tickWidth: 2,
} as const;

export interface Batches {
  /** fill → flat [x, y, w, h, …] */
  solid: Map<string, number[]>;
  /** Boxes drawn faint and hatched: what Lifeline did not see. */
  faint: Map<string, number[]>;
  /** Phases that are not Running/Succeeded get a pattern as well as a colour (colour-blind safety). */
  patterned: number[];
  ready: number[];
  restarts: number[];
  drawn: number;
  skipped: number;
}

const push = (
  m: Map<string, number[]>,
  fill: string,
  x: number,
  y: number,
  w: number,
  h: number,
) => {
  let a = m.get(fill);
  if (!a) m.set(fill, (a = []));
  a.push(x, y, w, h);
};

/**
 * Boxes for rows `first` … `first + lanes.length - 1`, each `rowHeight` tall, `top` px above the
 * canvas for the first; `x` maps a time to a pixel, `width` is the canvas' width.
 */
export function laneBatches(
  lanes: (Lane | null)[],
  x: (t: number) => number,
  width: number,
  rowHeight: number,
  top = 0,
): Batches {
  const b: Batches = {
    solid: new Map(),
    faint: new Map(),
    patterned: [],
    ready: [],
    restarts: [],
    drawn: 0,
    skipped: 0,
  };
  const clampX = (v: number) => Math.max(0, Math.min(width, v));
  lanes.forEach((lane, i) => {
    if (!lane) return;
    const y = top + i * rowHeight;
    for (const s of lane.segments) {
      const x1 = clampX(x(s.start));
      const x2 = clampX(x(s.end));
      const w = x2 - x1;
      if (w < 0.5) {
        b.skipped++;
        continue;
      }
      push(
        s.unobserved ? b.faint : b.solid,
        segmentFill(s),
        x1,
        y + LANE.phaseTop,
        w,
        LANE.phaseHeight,
      );
      if (segmentHatched(s)) b.patterned.push(x1, y + LANE.phaseTop, w, LANE.phaseHeight);
      b.drawn++;
    }
    for (const r of lane.ready) {
      const x1 = clampX(x(r.start));
      const w = clampX(x(r.end)) - x1;
      if (w < 0.5) {
        b.skipped++;
        continue;
      }
      b.ready.push(x1, y + LANE.readyTop, w, LANE.readyHeight);
      b.drawn++;
    }
    for (const r of lane.restarts) {
      const at = x(r.at);
      if (at < 0 || at > width) continue;
      b.restarts.push(at - LANE.tickWidth / 2, y + 2, LANE.tickWidth, rowHeight - 4);
      b.drawn++;
    }
  });
  return b;
}

/** One box of a lane in percent of the lane's width (the server-rendered first screen draws these as elements). */
export interface PercentBox {
  kind: "phase" | "ready" | "restart";
  left: number;
  width: number;
  fill: string;
  faint: boolean;
  patterned: boolean;
}

/** A lane over [from, to] as percent boxes: the same boxes laneBatches draws, boxes under 0.05 % left out. */
export function lanePercentBoxes(lane: Lane, from: number, to: number): PercentBox[] {
  const span = to - from;
  if (!(span > 0)) return [];
  // Three decimals: exact enough for any screen, and short in the HTML.
  const pct = (t: number) =>
    Math.round(Math.max(0, Math.min(100, ((t - from) / span) * 100)) * 1000) / 1000;
  const out: PercentBox[] = [];
  for (const s of lane.segments) {
    const left = pct(s.start);
    const width = Math.round((pct(s.end) - left) * 1000) / 1000;
    if (width < 0.05) continue;
    out.push({
      kind: "phase",
      left,
      width,
      fill: segmentFill(s),
      faint: s.unobserved,
      patterned: segmentHatched(s),
    });
  }
  for (const r of lane.ready) {
    const left = pct(r.start);
    const width = Math.round((pct(r.end) - left) * 1000) / 1000;
    if (width >= 0.05)
      out.push({ kind: "ready", left, width, fill: READY_FILL, faint: false, patterned: false });
  }
  for (const r of lane.restarts) {
    if (r.at < from || r.at > to) continue;
    out.push({
      kind: "restart",
      left: pct(r.at),
      width: 0,
      fill: "",
      faint: false,
      patterned: false,
    });
  }
  return out;
}
