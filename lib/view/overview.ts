// The overview's pure parts: its state in the URL, which pods are in trouble, sorting, filtering,
// and each pod's lane (phase, readiness, restarts) over a window. No DOM, no clock.
import type { PodRow } from "../rows/pod-row";
import { readTime } from "../text/time";
import type { Tz } from "../text/format";

export const PRESETS = {
  "15m": 15 * 60_000,
  "1h": 3_600_000,
  "6h": 6 * 3_600_000,
  "24h": 86_400_000,
  "7d": 7 * 86_400_000,
} as const;
export type Preset = keyof typeof PRESETS;
export { SORT_KEYS, sortRows, filterRows, type SortKey, type RowFilters } from "../rows/order";
import { SORT_KEYS, type SortKey } from "../rows/order";

export interface OverviewState {
  namespaces: string[];
  selector: string;
  status: string;
  node: string;
  search: string;
  window: Preset;
  /** A frozen window; both null in live mode (the window ends now and follows it). */
  from: number | null;
  to: number | null;
  sort: SortKey;
  desc: boolean;
  tz: Tz;
}

export const DEFAULT_STATE: OverviewState = {
  namespaces: [],
  selector: "",
  status: "",
  node: "",
  search: "",
  window: "1h",
  from: null,
  to: null,
  sort: "problems",
  desc: false,
  tz: "local",
};

const isPreset = (v: string | null): v is Preset => v !== null && Object.hasOwn(PRESETS, v);

/** A moment in a URL (from, to, at): epoch milliseconds or an ISO date; null when neither. One reader for every view. */
export function urlTime(v: string | null): number | null {
  return readTime(v);
}

/** Reads the overview's state from a query string; anything unreadable falls back to the default. */
export function readState(
  q: URLSearchParams,
  fallbackWindow: Preset = DEFAULT_STATE.window,
): OverviewState {
  const from = urlTime(q.get("from"));
  const to = urlTime(q.get("to"));
  const frozen = from !== null && to !== null && to > from;
  const sort = q.get("sort") ?? "";
  return {
    namespaces: (q.get("namespace") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    selector: q.get("selector") ?? "",
    status: q.get("status") ?? "",
    node: q.get("node") ?? "",
    search: q.get("search") ?? "",
    window: isPreset(q.get("window")) ? (q.get("window") as Preset) : fallbackWindow,
    from: frozen ? from : null,
    to: frozen ? to : null,
    sort: (SORT_KEYS as readonly string[]).includes(sort) ? (sort as SortKey) : "problems",
    desc: q.get("desc") === "1",
    tz: q.get("tz") === "utc" ? "utc" : "local",
  };
}

/** The query string for a state, defaults left out so links stay short (the window when it is `fallbackWindow`). */
export function writeState(
  s: OverviewState,
  fallbackWindow: Preset = DEFAULT_STATE.window,
): URLSearchParams {
  const q = new URLSearchParams();
  if (s.namespaces.length) q.set("namespace", s.namespaces.join(","));
  if (s.selector) q.set("selector", s.selector);
  if (s.status) q.set("status", s.status);
  if (s.node) q.set("node", s.node);
  if (s.search) q.set("search", s.search);
  if (s.from !== null && s.to !== null) {
    q.set("from", new Date(s.from).toISOString());
    q.set("to", new Date(s.to).toISOString());
  } else if (s.window !== fallbackWindow) q.set("window", s.window);
  if (s.sort !== "problems") q.set("sort", s.sort);
  if (s.desc) q.set("desc", "1");
  if (s.tz !== "local") q.set("tz", s.tz);
  return q;
}

/** The overview's two links: live (the window follows now) and frozen (the window on screen now, absolute). */
export function shareQueries(
  s: OverviewState,
  now: number,
): { live: URLSearchParams; frozen: URLSearchParams } {
  const [from, to] = windowRange(s, now);
  return {
    live: writeState({ ...s, from: null, to: null }),
    frozen: writeState({ ...s, from, to }),
  };
}

export function windowRange(s: OverviewState, now: number): [number, number] {
  return s.from !== null && s.to !== null ? [s.from, s.to] : [now - PRESETS[s.window], now];
}

/** Zooms [from, to] by `factor` (<1 in, >1 out) about `at`, keeping at least a minute and at most the longest preset. */
export function zoomWindow(
  [from, to]: [number, number],
  factor: number,
  at = (from + to) / 2,
): [number, number] {
  const span = Math.min(PRESETS["7d"] * 4, Math.max(60_000, (to - from) * factor));
  const left = (at - from) / (to - from);
  const start = at - span * left;
  return [Math.round(start), Math.round(start + span)];
}

export function panWindow([from, to]: [number, number], fraction: number): [number, number] {
  const d = Math.round((to - from) * fraction);
  return [from + d, to + d];
}

// ---- Lanes ----

export interface LaneSegment {
  start: number;
  end: number;
  phase: string;
  status: string;
  /** Before Lifeline saw the pod: its state is assumed from the first observation. */
  unobserved: boolean;
  /**
   * Watched, but its changes were dropped for the lane's count limit (RECENT_LIMIT): what the
   * pod was then is not known here (status and phase are empty). Drawn in a neutral fill.
   */
  unkept?: boolean;
}

export interface Lane {
  segments: LaneSegment[];
  ready: { start: number; end: number }[];
  restarts: { at: number; count: number }[];
}

/** A pod's lane from its row: each change the server saw, from creation to deletion or `now`. */
export function laneOf(r: PodRow, now: number): Lane {
  const end = r.deletedAt ?? now;
  const changes = r.recent.filter((c) => c.status !== "Deleted");
  const lane: Lane = { segments: [], ready: [], restarts: [] };
  if (changes.length === 0) {
    const start = r.createdAt ?? end;
    if (end > start)
      lane.segments.push({
        start,
        end,
        phase: r.phase || "Unknown",
        status: r.status,
        unobserved: true,
      });
    return lane;
  }
  const first = changes[0];
  // Watched before the first kept change: that stretch's changes were dropped for the count limit.
  const watched =
    r.watchedFrom !== undefined && r.watchedFrom < first.start
      ? Math.max(r.watchedFrom, r.createdAt ?? r.watchedFrom)
      : first.start;
  if (r.createdAt !== null && r.createdAt < watched)
    lane.segments.push({
      start: r.createdAt,
      end: watched,
      phase: first.phase || "Unknown",
      status: first.status,
      unobserved: true,
    });
  if (watched < first.start)
    lane.segments.push({
      start: watched,
      end: first.start,
      phase: "",
      status: "",
      unobserved: false,
      unkept: true,
    });
  changes.forEach((c, i) => {
    const stop = Math.max(c.start, i + 1 < changes.length ? changes[i + 1].start : end);
    lane.segments.push({
      start: c.start,
      end: stop,
      phase: c.phase || "Unknown",
      status: c.status,
      unobserved: false,
    });
    if (c.ready) {
      const last = lane.ready[lane.ready.length - 1];
      if (last && last.end === c.start) last.end = stop;
      else lane.ready.push({ start: c.start, end: stop });
    }
    if (i > 0 && c.restarts > changes[i - 1].restarts)
      lane.restarts.push({ at: c.start, count: c.restarts });
  });
  return lane;
}

/** The segment of a lane at time `t` (binary search: segments are in time order), or null. */
export function segmentAt(lane: Lane, t: number): LaneSegment | null {
  const s = lane.segments;
  let lo = 0;
  let hi = s.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (s[mid].end <= t && !(s[mid].end === t && mid === s.length - 1)) lo = mid + 1;
    else if (s[mid].start > t) hi = mid - 1;
    else return s[mid];
  }
  return null;
}

/** The restart closest to `t` within `tolerance` ms, or null. */
export function restartNear(
  lane: Lane,
  t: number,
  tolerance: number,
): { at: number; count: number } | null {
  let best: { at: number; count: number } | null = null;
  for (const r of lane.restarts)
    if (Math.abs(r.at - t) <= tolerance && (!best || Math.abs(r.at - t) < Math.abs(best.at - t)))
      best = r;
  return best;
}
