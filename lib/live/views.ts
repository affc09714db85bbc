// The live overview's windowed streams: a browser asks for the rows at [offset, offset + limit) of
// its query (filters and sort) and gets them, their total and the filters' choices, then a frame
// whenever any of that changes, and nothing for changes outside its rows. At 150,000 pods the
// browser no longer receives (and sorts) 150,000 rows to draw 40. Each distinct query is one
// RowView (lib/rows/row-view.ts) shared by the streams that ask for it, kept in order change by
// change; it is dropped a minute after its last stream closes.
import { matches, type Filter, type StreamHub, type Sink, frame } from "../stream/hub";
import { rowAt, type PodRow } from "../rows/pod-row";
import { sortClock, SORT_CLOCK_MS, type SortKey } from "../rows/order";
import { RowView, type ViewCounts, type ViewWindow } from "../rows/row-view";
import { drain } from "../rows/sliced-sort";

/** What a windowed stream asks for (GET /api/stream?limit=…). */
export interface WindowQuery {
  /** Access, namespaces, label selector: the hub's filter. */
  filter: Filter;
  /** The selector's text (the filter holds it as a function; the key needs its words). */
  selector: string;
  status: string;
  node: string;
  search: string;
  sort: SortKey;
  desc: boolean;
  /** The overview's window: a removed pod's row stays this long after its deletion. */
  windowMs: number;
  offset: number;
  limit: number;
}

interface Stream {
  offset: number;
  limit: number;
  out: { send(text: string): void; readonly gone: boolean; cancel(): void };
  /** What it was last sent: each row by uid (rows are replaced, never changed in place), their order, the counts. */
  sent: Map<string, PodRow> | null;
  uids: string[];
  total: number;
  /** Each count's JSON as last sent (a frame carries only the counts that changed: the node list is long). */
  counts: Record<string, string>;
}

interface Held {
  view: RowView;
  streams: Set<Stream>;
  idleSince: number | null;
  /** Kept without streams (the queries most pages open: `keep`): never idle, never made room for. */
  kept: boolean;
  dirty: boolean;
  reclocking: boolean;
  /** The counts' JSON for the view's version (worked out once per flush, not once per stream). */
  countsFor: { version: number; json: Record<string, string>; counts: ViewCounts } | null;
}

export interface ViewsOptions {
  hub: StreamHub<PodRow>;
  /** Every row a view may show: the current pods and the removed ones still kept. */
  rows: () => PodRow[];
  now: () => number;
  /** Runs work on a later turn (default setImmediate). */
  schedule?: (fn: () => void) => void;
  /** Rows keyed or sorted per step while a view loads or reclocks (default 500). */
  slice?: number;
  /**
   * Steps run per turn of the event loop until this much time has gone (default 4 ms; 0: one step
   * a turn). A turn that keys or sorts for 40 ms holds every watch line and frame behind it.
   */
  turnMs?: number;
  /** How long a view without streams is kept (a scroll reopens its stream at once). */
  idleMs?: number;
  setInterval?: (fn: () => void, ms: number) => { clear(): void };
  /** The least time between two rounds of frames (default 25 ms: at most 40 frames a second a stream). */
  gapMs?: number;
}

/** Loaded views without streams kept at most (each holds every row of its base: ~15 MB at 150,000). */
const MAX_IDLE = 4;
/** Views held at most, with or without streams: past it a new query is refused (503) until one goes. */
export const MAX_VIEWS = 24;
/** Rows per step of a view's load or reclock (lib/rows/row-view.ts), several steps per turn (`turnMs`). */
const SLICE = 500;
/** Below this many rows a page's preview loads its view at once (a few milliseconds), above it never. */
const PEEK_LOADS_BELOW = 20_000;

export class Views {
  private readonly held = new Map<string, Held>();
  private flushing = false;
  private lastFlush = -Infinity;
  private readonly timer: { clear(): void };

  constructor(private readonly o: ViewsOptions) {
    const every =
      o.setInterval ??
      ((fn, ms) => {
        const t = setInterval(fn, ms);
        t.unref?.();
        return { clear: () => clearInterval(t) };
      });
    this.timer = every(() => this.reclock(), SORT_CLOCK_MS);
  }

  /** Views held now (for tests and metrics). */
  get size(): number {
    return this.held.size;
  }

  /**
   * Whether a stream for `q` can be served: its view is held, or there is room for one (views
   * nobody streams make room, the oldest first). False past MAX_VIEWS: each holds every row of its
   * base and takes every change, so a reader cannot make the server hold a view per query.
   */
  admit(q: WindowQuery): boolean {
    if (this.held.has(keyOf(q)) || this.held.size < MAX_VIEWS) return true;
    const idle = [...this.held].filter(([, h]) => !h.streams.size && !h.kept);
    idle.sort((a, b) => (a[1].idleSince ?? 0) - (b[1].idleSince ?? 0));
    if (!idle.length) return false;
    this.held.delete(idle[0][0]);
    return true;
  }

  /**
   * Holds the view of `q` from now on, with or without streams, loaded a slice per turn: the
   * queries most pages open (the overview's and the kiosk's defaults, lib/live/kept-views.ts), so
   * their first frame and the page's first screen need no sort of every row at 150,000 pods.
   */
  keep(q: Omit<WindowQuery, "offset" | "limit">): void {
    const query = { ...q, offset: 0, limit: 0 };
    const key = keyOf(query);
    const h = this.held.get(key) ?? this.hold(key, query);
    h.kept = true;
    h.idleSince = null;
  }

  /** Opens a windowed stream on `sink` (after `admit`). */
  subscribe(q: WindowQuery, sink: Sink): { cancel(): void } {
    const out = this.o.hub.attach(sink);
    if (!out) return { cancel: () => {} };
    const key = keyOf(q);
    const held = this.held.get(key) ?? this.hold(key, q);
    const s: Stream = {
      offset: q.offset,
      limit: q.limit,
      out,
      sent: null,
      uids: [],
      total: -1,
      counts: {},
    };
    held.streams.add(s);
    held.idleSince = null;
    this.send(held, s);
    return {
      cancel: () => {
        out.cancel();
        held.streams.delete(s);
        if (!held.streams.size) this.idle(key, held);
      },
    };
  }

  /**
   * The first `limit` rows of a query's view, its total and the rows on its base, when the view is
   * held and loaded; below PEEK_LOADS_BELOW rows a view is loaded for it at once (then kept as an
   * idle one). Otherwise null: the page's first screen at 150,000 pods does not sort them all while
   * the request waits (its stream, opened by the page, loads the view).
   */
  peek(
    q: Omit<WindowQuery, "offset" | "limit">,
    limit: number,
  ): { rows: PodRow[]; total: number; all: number; counts: ViewCounts } | null {
    const query = { ...q, offset: 0, limit };
    const key = keyOf(query);
    let h = this.held.get(key);
    if (!h) {
      const rows = this.o.rows();
      if (rows.length >= PEEK_LOADS_BELOW || !this.admit(query)) return null;
      h = this.hold(key, query, rows);
      this.idle(key, h);
    }
    if (!h.view.ready) return null;
    const counts = h.view.counts();
    return { rows: h.view.slice(0, limit), total: h.view.total, all: counts.all, counts };
  }

  /** A pod's new row (a removed pod's last, marked Deleted). */
  changed(row: PodRow): void {
    for (const h of this.held.values()) {
      h.view.upsert(row);
      if (h.view.ready && h.streams.size) h.dirty = true;
    }
    this.later();
  }

  /** A pod no view may show any more. */
  forget(uid: string): void {
    for (const h of this.held.values()) {
      h.view.remove(uid);
      if (h.view.ready && h.streams.size) h.dirty = true;
    }
    this.later();
  }

  close(): void {
    this.timer.clear();
    this.held.clear();
  }

  /**
   * A view nobody streams: one still loading is dropped at once (its load stops: a search typed
   * letter by letter opens a query per pause); a loaded one is kept a minute for a stream that
   * comes back (a scroll), and only the newest MAX_IDLE of those (each holds every row of its base).
   */
  private idle(key: string, h: Held): void {
    if (h.kept) return;
    if (!h.view.ready) {
      this.held.delete(key);
      return;
    }
    h.idleSince = this.o.now();
    const idle = [...this.held].filter(([, x]) => x.idleSince !== null);
    idle.sort((a, b) => a[1].idleSince! - b[1].idleSince!);
    for (const [k] of idle.slice(0, Math.max(0, idle.length - MAX_IDLE))) this.held.delete(k);
  }

  /** Holds a view for `q`, loaded a slice per turn; with `now`, loaded from those rows at once. */
  private hold(key: string, q: WindowQuery, now?: PodRow[]): Held {
    const view = new RowView(
      {
        base: (r) => matches(q.filter, r),
        status: q.status,
        node: q.node,
        search: q.search,
        sort: q.sort,
        desc: q.desc,
        keepRemovedMs: q.windowMs,
      },
      sortClock(this.o.now()),
    );
    const h: Held = {
      view,
      streams: new Set(),
      idleSince: null,
      kept: false,
      dirty: false,
      reclocking: false,
      countsFor: null,
    };
    this.held.set(key, h);
    if (now) {
      drain(view.load(now, Infinity));
      return h;
    }
    this.drive(
      view.load(this.o.rows(), this.o.slice ?? SLICE),
      () => {
        for (const s of h.streams) this.send(h, s);
      },
      // Dropped while loading (nobody waits for it any more, or the server closed): stop.
      () => this.held.get(key) === h,
    );
    return h;
  }

  /** Runs a generator, steps for up to `turnMs` a turn, while `go()` holds, then `done`. */
  private drive(gen: Generator<void, void, void>, done: () => void, go = () => true): void {
    const schedule = this.o.schedule ?? ((fn: () => void) => void setImmediate(fn));
    const budget = this.o.turnMs ?? 4;
    const step = () => {
      const start = performance.now();
      do {
        if (!go()) return;
        if (gen.next().done) return done();
      } while (performance.now() - start < budget);
      this.early();
      schedule(step);
    };
    step();
  }

  /** Streams waiting for a view that loads get their first frame as soon as their rows are known. */
  private early(): void {
    for (const h of this.held.values())
      if (!h.view.ready) for (const s of h.streams) if (s.sent === null) this.send(h, s);
  }

  /** Frames go out on a later turn (changes that come together make one frame), at most one round per `gapMs`. */
  private later(): void {
    if (this.flushing) return;
    this.flushing = true;
    const wait = this.lastFlush + (this.o.gapMs ?? 25) - performance.now();
    const run = (fn: () => void) =>
      wait > 0
        ? void setTimeout(fn, wait).unref?.()
        : (this.o.schedule ?? ((f: () => void) => void setImmediate(f)))(fn);
    run(() => {
      this.flushing = false;
      this.lastFlush = performance.now();
      for (const h of this.held.values()) {
        if (!h.dirty) continue;
        h.dirty = false;
        for (const s of h.streams) this.send(h, s);
      }
    });
  }

  /** Every SORT_CLOCK_MS: problem scores move with time, removed rows leave their window; idle views go. */
  private reclock(): void {
    const now = this.o.now();
    for (const [key, h] of this.held) {
      if (h.idleSince !== null && now - h.idleSince > (this.o.idleMs ?? 60_000)) {
        this.held.delete(key);
        continue;
      }
      if (!h.view.ready || h.reclocking) continue;
      const before = h.view.version;
      h.reclocking = true;
      this.drive(h.view.reclock(sortClock(now), this.o.slice ?? SLICE), () => {
        h.reclocking = false;
        if (h.view.version === before) return;
        h.dirty = true;
        this.later();
      });
    }
  }

  private countsOf(h: Held): { json: Record<string, string>; counts: ViewCounts } {
    if (h.countsFor?.version !== h.view.version) {
      const counts = h.view.counts();
      const json: Record<string, string> = {};
      for (const [k, v] of Object.entries(counts)) json[k] = JSON.stringify(v);
      h.countsFor = { version: h.view.version, json, counts };
    }
    return h.countsFor;
  }

  /**
   * The stream's frame when its rows, their order, the total or the counts changed since it was
   * last sent: the rows that are new or changed, and the counts only when they changed (the client
   * keeps the last ones).
   */
  private send(h: Held, s: Stream): void {
    if (s.out.gone || !h.view.readable(s.offset, s.limit)) return;
    const rows = h.view.slice(s.offset, s.limit);
    const { json, counts } = this.countsOf(h);
    const first = s.sent === null;
    const fresh = rows.filter((r) => s.sent?.get(r.uid) !== r);
    const uids = rows.map((r) => r.uid);
    // The counts that changed since this stream's last frame (all of them in its first).
    const changed: Partial<ViewCounts> = {};
    for (const k of Object.keys(json) as (keyof ViewCounts)[])
      if (json[k] !== s.counts[k]) (changed as Record<string, unknown>)[k] = counts[k];
    const countsMoved = Object.keys(changed).length > 0;
    const moved =
      first ||
      fresh.length > 0 ||
      countsMoved ||
      h.view.total !== s.total ||
      uids.length !== s.uids.length ||
      uids.some((u, i) => u !== s.uids[i]);
    if (!moved) return;
    const now = this.o.now();
    const window: Omit<ViewWindow, "counts"> & { counts?: Partial<ViewCounts> } = {
      offset: s.offset,
      total: h.view.total,
      uids,
    };
    if (countsMoved) window.counts = changed;
    s.sent = new Map(rows.map((r) => [r.uid, r]));
    s.uids = uids;
    s.total = h.view.total;
    s.counts = json;
    const present = fresh.map((r) => rowAt(r, now));
    s.out.send(frame(first ? "snapshot" : "window", { pods: present, window }));
  }
}

/** One view per distinct query: everything but where the window stands. */
function keyOf(q: WindowQuery): string {
  const f = q.filter;
  return JSON.stringify([
    f.namespaces ? [...f.namespaces].sort() : null,
    f.namespace ?? null,
    f.pod ?? null,
    q.selector,
    q.status,
    q.node,
    q.search.trim().toLowerCase(),
    q.sort,
    q.desc,
    q.windowMs,
  ]);
}
