// The kiosk's pure parts: what the URL asks for, how many cards fit a screen, which page is shown,
// and whether the data on screen is fresh. No DOM, no clock.
import { parseDuration } from "../text/duration";
import type { Tz } from "../text/format";
import { PRESETS, type Preset } from "./overview";
import type { PodRow } from "../rows/pod-row";
import type { ViewWindow } from "../rows/row-view";

/**
 * The kiosk's first cards in the page's HTML (lib/routes/kiosk-preview.ts): what the stream's first
 * frame would hold, shown until that frame comes.
 */
export interface KioskPreview {
  /** The first rows in the kiosk's order. */
  rows: PodRow[];
  /** As the stream's first frame would say it (offset 0). */
  window: ViewWindow;
  /** The moment the rows stand for (the cluster's clock): the cards' "now" until the page runs. */
  at: number;
}

export interface KioskOptions {
  namespaces: string[];
  selector: string;
  /** Time per page when there is more than one; 0: no cycling. */
  cycleMs: number;
  /** Data older than this is marked stale. */
  staleMs: number;
  /** The span of each card's strip. */
  window: Preset;
  /** The clock's zone: the browser's, or UTC (`tz=utc`, as the other views write it). */
  tz: Tz;
  /** What a card is (`group=workload`): a pod, or a workload (components/kiosk/WorkloadCard.tsx). */
  group: KioskGroup;
  /** What in the URL could not be read (shown on screen; the defaults are used instead). */
  problems: string[];
}

export const KIOSK_GROUPS = ["pod", "workload"] as const;
export type KioskGroup = (typeof KIOSK_GROUPS)[number];

const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function duration(
  q: URLSearchParams,
  key: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = q.get(key);
  if (raw === null || raw === "") return fallback;
  if (key === "cycle" && (raw === "0" || raw === "off")) return 0;
  try {
    const ms = parseDuration(raw, key);
    if (ms < min || ms > max)
      throw new Error(`${key} must be between ${min / 1000}s and ${max / 1000}s`);
    return ms;
  } catch (err) {
    problems.push(
      `${(err as Error).message.replace(/, not ".*"$/, "")} (got "${raw.slice(0, 20)}").`,
    );
    return fallback;
  }
}

export function kioskOptions(q: URLSearchParams): KioskOptions {
  const problems: string[] = [];
  const namespaces: string[] = [];
  const given = (q.get("namespaces") ?? q.get("namespace") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = given.filter((ns) => !(ns.length <= 63 && NAMESPACE.test(ns)));
  namespaces.push(...given.filter((ns) => !bad.includes(ns)));
  if (bad.length && !namespaces.length) {
    // Left out, none would be left and the wall would show every namespace: it asks for them as
    // given, and the server's sentence says why nothing comes.
    namespaces.push(...bad.map((ns) => ns.slice(0, 253)));
    for (const ns of bad) problems.push(`"${ns.slice(0, 40)}" is not a namespace name.`);
  } else
    for (const ns of bad)
      problems.push(`"${ns.slice(0, 40)}" is not a namespace name; it is left out.`);
  const w = q.get("window");
  if (w && !(w in PRESETS))
    problems.push(
      `window "${w.slice(0, 10)}" is not one of ${Object.keys(PRESETS).join(", ")}; 1h is used.`,
    );
  const g = q.get("group");
  const group: KioskGroup = g === "workload" ? "workload" : "pod";
  if (g && !(KIOSK_GROUPS as readonly string[]).includes(g))
    problems.push(
      `group "${g.slice(0, 20)}" is not one of ${KIOSK_GROUPS.join(", ")}; pod is used.`,
    );
  // GET /api/workloads reads no label selector (a pod's labels are not its owner's).
  const selector = (q.get("selector") ?? "").slice(0, 500);
  if (group === "workload" && selector)
    problems.push(`selector picks pods; it is not used with group=workload.`);
  return {
    namespaces,
    selector: group === "workload" ? "" : selector,
    cycleMs: duration(q, "cycle", 20_000, 5_000, 600_000, problems),
    staleMs: duration(q, "stale", 30_000, 2_000, 3600_000, problems),
    window: w && w in PRESETS ? (w as Preset) : "1h",
    tz: q.get("tz") === "utc" ? "utc" : "local",
    group,
    problems,
  };
}

export interface KioskGrid {
  /** The kiosk's unit (CSS px per rem): 16 at 1080 lines, 32 at 2160. */
  unit: number;
  cols: number;
  rows: number;
  perPage: number;
}

/** Cards of at least 24 × 7.5 units under a 5-unit header, filling a `width` × `height` screen. */
export function kioskGrid(width: number, height: number): KioskGrid {
  const unit = Math.max(12, Math.min(48, Math.round((height / 1080) * 16)));
  const gap = unit * 0.75;
  const cols = Math.max(1, Math.floor((width - gap) / (unit * 24 + gap)));
  const rows = Math.max(1, Math.floor((height - unit * 5 - gap) / (unit * 7.5 + gap)));
  return { unit, cols, rows, perPage: cols * rows };
}

export function pageCount(items: number, perPage: number): number {
  return Math.max(1, Math.ceil(items / Math.max(1, perPage)));
}

export type Freshness =
  | { state: "live" }
  | { state: "connecting" }
  | { state: "stale"; since: number | null; why: "stream" | "cluster" };

/** The server pings every 15 s: three missed pings and an open stream is presumed dead (a half-open connection). */
export const SILENT_STREAM_MS = 45_000;

export function streamAlive(open: boolean, lastMessageAt: number | null, now: number): boolean {
  return open && lastMessageAt !== null && now - lastMessageAt <= SILENT_STREAM_MS;
}

/**
 * The data is current while the stream is alive and the server is connected to the cluster (no
 * change means nothing happened). Once either fails, it is as of the last moment both held
 * (`lastGoodAt`), and stale when that is more than `staleMs` ago; never current yet, it is
 * "connecting" until `staleMs` after start, then stale. When the server says the cluster is
 * unreachable (`clusterLostAt`, on the browser's clock), it is stale at once.
 */
export function freshness(
  s: {
    now: number;
    startedAt: number;
    lastGoodAt: number | null;
    streamAlive: boolean;
    clusterOk: boolean;
    clusterLostAt?: number | null;
  },
  staleMs: number,
): Freshness {
  if (s.streamAlive && s.clusterOk) return { state: "live" };
  // The server says the cluster is unreachable (past LIFELINE_UNREACHABLE_AFTER), since `clusterLostAt`
  // on this clock: stale now, as of the last good moment or the loss, not after waiting `staleMs`.
  if (s.clusterLostAt != null)
    return { state: "stale", since: s.lastGoodAt ?? s.clusterLostAt, why: "cluster" };
  // Never current yet: connecting, for as long as the limit.
  if (s.lastGoodAt === null && s.now - s.startedAt <= staleMs) return { state: "connecting" };
  if (s.lastGoodAt !== null && s.now - s.lastGoodAt <= staleMs) return { state: "live" };
  return { state: "stale", since: s.lastGoodAt, why: s.streamAlive ? "cluster" : "stream" };
}

/**
 * The wall's word on the history being written (GET /api/cluster's `store`): nothing while it is;
 * amber while the disk refuses writes and what was seen waits in memory; red once some was dropped.
 */
export function storeBadge(
  store: { state: "ok" | "failing"; dropped?: number } | undefined,
): { key: "kiosk.storeFailing" | "kiosk.storeLosing"; tone: "warn" | "error" } | null {
  if (store?.state !== "failing") return null;
  return store.dropped
    ? { key: "kiosk.storeLosing", tone: "error" }
    : { key: "kiosk.storeFailing", tone: "warn" };
}
