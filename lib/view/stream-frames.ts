// The live stream (GET /api/stream) as every view reads it: the path from a view's state, the
// event names, and applyFrame, the one reducer that folds what arrives into rows and the
// connection's state (headlamp's KubeList.applyUpdate is the model). Pure: the EventSource, its
// reconnects and the clock are the client's (components/useStream.ts).

import type { SortKey } from "../rows/order";
import type { ViewWindow } from "../rows/row-view";

/** The server's events (lib/stream/hub.ts): the current rows, the deltas, the heartbeat, resync. */
export const FRAME = {
  /**
   * `{ pods: Row[] }`: the rows the stream stands for now; replaces what came before. The workload
   * channel's is `{ workloads: Row[], omitted }`.
   */
  snapshot: "snapshot",
  /** `{ uid, row }`: the pod's current row. */
  pod: "pod",
  /** `{ uid, row }`: the workload's current row (the workload channel, `channel=workloads`). */
  workload: "workload",
  /** `{ omitted }`: the workload kinds not listed changed (the workload channel). */
  omitted: "omitted",
  /** `{ uid, row }`: the pod left the live set; `row` is its last one, marked Deleted. */
  removed: "removed",
  /**
   * `{ pods: Row[], window }`: a windowed stream's rows changed (lib/live/views.ts): `window.uids`
   * are its rows now, in order; `pods` the ones that are new or changed (the others are kept).
   */
  window: "window",
  /** `{}` every 15 s: the stream is alive while nothing changes. */
  ping: "ping",
  /**
   * `{ reason }`: this stream missed changes (a Last-Event-ID no longer kept: a snapshot follows;
   * a subscriber that fell behind: the stream ends). The rows are behind until the next snapshot.
   */
  resync: "resync",
  /**
   * `{ reason, retryMs }`: the server is going away (SIGTERM) and ends the stream; the client opens
   * a fresh one after `retryMs`, to whichever server answers. The rows stay as they are meanwhile.
   */
  goodbye: "goodbye",
} as const;

/** Every event the server sends, and the EventSource's own `open` and `error`. */
export const STREAM_EVENTS = [
  FRAME.snapshot,
  FRAME.pod,
  FRAME.workload,
  FRAME.omitted,
  FRAME.removed,
  FRAME.window,
  FRAME.ping,
  FRAME.resync,
  FRAME.goodbye,
  "open",
  "error",
] as const;

/** `refused`: the client asked why the server refused the stream (the sentence, or null). */
export type FrameType = (typeof STREAM_EVENTS)[number] | "refused";

export interface Frame {
  type: FrameType;
  /** The event's data, parsed (undefined when it did not parse or there is none). */
  data?: unknown;
  /** When it arrived (Date.now()); the state's lastFrameAt. */
  at?: number;
}

/** What a view streams: namespaces, a label selector, one pod. */
export interface StreamQuery {
  namespaces?: readonly string[];
  selector?: string;
  pod?: string;
}

/** The stream's path for a view (the page's early script and the view must agree on it). */
export function streamPath({ namespaces = [], selector = "", pod = "" }: StreamQuery): string {
  const q = new URLSearchParams();
  if (namespaces.length) q.set("namespace", namespaces.join(","));
  if (selector) q.set("selector", selector);
  if (pod) q.set("pod", pod);
  const s = q.toString();
  return s ? `/api/stream?${s}` : "/api/stream";
}

/** The workload channel for these namespaces (none: every one the reader may see). */
export function workloadStreamPath(namespaces: readonly string[]): string {
  const q = new URLSearchParams({ channel: "workloads" });
  if (namespaces.length) q.set("namespace", namespaces.join(","));
  return `/api/stream?${q}`;
}

/** What the live overview streams: its query, and where its window of rows starts and how many. */
export interface OverviewStreamQuery {
  namespaces: readonly string[];
  selector: string;
  status: string;
  node: string;
  search: string;
  sort: SortKey;
  desc: boolean;
  window: string;
  /** No removed pod's last row (`removed=0`): the kiosk, whose window then does not matter. */
  noRemoved?: boolean;
}

/** Rows a windowed stream asks for when the page opens (more than the tallest screen holds). */
export const FIRST_WINDOW_ROWS = 120;

/**
 * The live overview's windowed stream (GET /api/stream?limit=…): the server filters and sorts, and
 * sends the rows at [offset, offset + limit) and the counts (lib/live/views.ts). The page's early
 * script and the overview must agree on it: the same order of parameters, defaults left out.
 */
export function overviewStreamPath(
  q: OverviewStreamQuery,
  offset = 0,
  limit = FIRST_WINDOW_ROWS,
): string {
  const p = new URLSearchParams();
  if (q.namespaces.length) p.set("namespace", q.namespaces.join(","));
  if (q.selector) p.set("selector", q.selector);
  if (q.status) p.set("status", q.status);
  if (q.node) p.set("node", q.node);
  if (q.search.trim()) p.set("search", q.search.trim());
  if (q.sort !== "problems") p.set("sort", q.sort);
  if (q.desc) p.set("desc", "1");
  if (q.noRemoved) p.set("removed", "0");
  else if (q.window !== "1h") p.set("window", q.window);
  if (offset) p.set("offset", String(offset));
  p.set("limit", String(limit));
  return `/api/stream?${p}`;
}

/**
 * The kiosk's stream: its namespaces and selector, problems first, the first `limit` rows, and no
 * removed pod (`removed=0`: the kiosk draws none, and its counts of the healthy left out of its
 * cards must not hold pods that are gone).
 */
export function kioskStreamPath(namespaces: string[], selector: string, limit: number): string {
  const q = { namespaces, selector, status: "", node: "", search: "", desc: false };
  return overviewStreamPath({ ...q, sort: "problems", window: "1h", noRemoved: true }, 0, limit);
}

export interface StreamRow {
  uid: string;
  /** A pod row's; a workload row has none (a removed workload leaves). */
  deletedAt?: number | null;
}

export interface StreamState<Row extends StreamRow = StreamRow> {
  /** By uid. A new Map whenever a row changes (a view compares it to know). */
  rows: ReadonlyMap<string, Row>;
  /**
   * true: a removed pod stays, its last row marked Deleted (the overview draws it until its window
   * leaves it), and a snapshot keeps those; false: a removed pod leaves (the kiosk).
   */
  keepRemoved: boolean;
  /**
   * `connecting` until it opens; `open` (opened, or a snapshot came); `down` after an error, or a
   * resync (the rows are behind), until it opens again.
   */
  connection: "connecting" | "open" | "down";
  /** A snapshot came since the last resync: the rows are the server's. */
  synced: boolean;
  /** A snapshot came once (this state's whole life). */
  loaded: boolean;
  /** The server said resync and no snapshot came since: a client opens a fresh stream. */
  resync: boolean;
  /** Why the server refused the stream, as the client learnt it; null once a snapshot comes. */
  refused: string | null;
  /** `at` of the last frame the server sent (any, a ping too); null before the first. */
  lastFrameAt: number | null;
  /** A windowed stream's: where its rows stand in the whole, and the counts (null for a stream of every row). */
  window: ViewWindow | null;
  /** Counts snapshots and deltas: a view that re-reads on each change compares it. */
  changes: number;
  /** The workload channel's kinds not listed (GET /api/workloads' `omitted`); null before it says. */
  omitted: Record<string, unknown>[] | null;
}

export function emptyStream<Row extends StreamRow>(keepRemoved: boolean): StreamState<Row> {
  return {
    rows: new Map(),
    keepRemoved,
    connection: "connecting",
    synced: false,
    loaded: false,
    resync: false,
    refused: null,
    lastFrameAt: null,
    window: null,
    changes: 0,
    omitted: null,
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const isRow = (v: unknown): v is StreamRow => isObject(v) && typeof v.uid === "string";
const isStrings = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === "string");
const isCounts = (v: unknown): v is ViewWindow["counts"] =>
  isObject(v) &&
  Number.isInteger(v.all) &&
  isStrings(v.statuses) &&
  isStrings(v.nodes) &&
  isStrings(v.nodesNotReady);
/** A window as a frame has it: its counts only when they changed (`counts` may be absent). */
const isWindowPart = (v: unknown): v is Omit<ViewWindow, "counts"> & { counts?: unknown } =>
  isObject(v) &&
  Number.isInteger(v.offset) &&
  Number.isInteger(v.total) &&
  isStrings(v.uids) &&
  (v.counts === undefined || isObject(v.counts));
const isWindow = (v: unknown): v is ViewWindow => isWindowPart(v) && isCounts(v.counts);

/** Applies one frame; never throws on malformed data (a frame it cannot read changes no rows). */
export function applyFrame<Row extends StreamRow>(
  state: StreamState<Row>,
  frame: Frame,
): StreamState<Row> {
  return applyFrames(state, [frame]);
}

/**
 * Applies frames in order, copying the rows once for the whole batch (a view applies what came in
 * the last 250 ms in one pass: thousands of deltas cost one copy, not one each).
 */
export function applyFrames<Row extends StreamRow>(
  state: StreamState<Row>,
  frames: readonly Frame[],
): StreamState<Row> {
  if (!frames.length) return state;
  const s = { ...state };
  let rows: Map<string, Row> | null = null;
  const edit = () => (rows ??= new Map(s.rows));
  for (const f of frames) {
    const data = f.data;
    if (f.type !== "open" && f.type !== "error" && f.type !== "refused")
      s.lastFrameAt = f.at ?? s.lastFrameAt;
    switch (f.type) {
      case "open":
        s.connection = "open";
        break;
      case "error":
        s.connection = "down";
        break;
      case "refused":
        if (typeof data === "string" || data === null) s.refused = data;
        break;
      case FRAME.resync:
        s.resync = true;
        s.synced = false;
        s.connection = "down";
        break;
      case FRAME.snapshot: {
        const list = !isObject(data)
          ? null
          : Array.isArray(data.pods)
            ? data.pods
            : Array.isArray(data.workloads)
              ? data.workloads
              : null;
        if (!list || !isObject(data)) break;
        const m = edit();
        for (const [uid, r] of m) if (!s.keepRemoved || r.deletedAt == null) m.delete(uid);
        for (const p of list) if (isRow(p)) m.set(p.uid, p as Row);
        if (Array.isArray(data.omitted)) s.omitted = data.omitted.filter(isObject);
        s.window = isWindow(data.window) ? data.window : null;
        Object.assign(s, { connection: "open", synced: true, loaded: true, resync: false });
        s.refused = null;
        s.changes++;
        break;
      }
      case FRAME.window: {
        if (!isObject(data) || !Array.isArray(data.pods) || !isWindowPart(data.window)) break;
        // A frame carries the counts that changed; the others are the last ones.
        const counts = { ...s.window?.counts, ...(data.window.counts as object | undefined) };
        if (!isCounts(counts)) break;
        // The rows now are the window's: the new ones from the frame, the others as they were.
        const fresh = new Map<string, Row>();
        for (const p of data.pods) if (isRow(p)) fresh.set(p.uid, p as Row);
        const before = rows ?? s.rows;
        const m = new Map<string, Row>();
        for (const uid of data.window.uids) {
          const r = fresh.get(uid) ?? before.get(uid);
          if (r) m.set(uid, r);
        }
        rows = m;
        s.window = { ...data.window, counts };
        s.changes++;
        break;
      }
      case FRAME.omitted:
        if (isObject(data) && Array.isArray(data.omitted))
          s.omitted = data.omitted.filter(isObject);
        break;
      case FRAME.pod:
      case FRAME.workload:
      case FRAME.removed: {
        if (!isObject(data) || typeof data.uid !== "string") break;
        // The pod changed even when its row cannot be read (a view that re-fetches still should).
        s.changes++;
        if (isRow(data.row) && (f.type !== FRAME.removed || s.keepRemoved))
          edit().set(data.uid, data.row as Row);
        else if (f.type === FRAME.removed) edit().delete(data.uid);
        break;
      }
    }
  }
  if (rows) s.rows = rows;
  return s;
}

/** Forgets the removed pods deleted before `before` (they left the view's window). */
export function forgetRemoved<Row extends StreamRow>(
  state: StreamState<Row>,
  before: number,
): StreamState<Row> {
  let rows: Map<string, Row> | null = null;
  for (const [uid, r] of state.rows)
    if (r.deletedAt != null && r.deletedAt < before) (rows ??= new Map(state.rows)).delete(uid);
  return rows ? { ...state, rows } : state;
}
