// One live overview query held in order on the server: the rows that pass its filters, sorted as
// the overview sorts them (lib/rows/order.ts), kept sorted change by change (a bisection and a
// splice of one chunk each: lib/rows/chunked-order.ts) instead of sorted whole for every browser
// and every change. What the windowed stream sends (lib/live/views.ts) is a slice of it plus its
// counts. Pure: the clock comes in.
import { nodeTroubled } from "../health";
import { healthRankUntil } from "../health/rank-until";
import { compareKeyed, sortValue, type SortKey } from "./order";
import { drain, firstOf, sortInSlices } from "./sliced-sort";
import { ChunkedOrder } from "./chunked-order";
import type { PodRow } from "./pod-row";

export interface ViewQuery {
  /** The rows the query stands on (access, namespaces, label selector): what its counts count. */
  base: (r: PodRow) => boolean;
  /** The overview's own filters, on top of `base`: a STATUS, a node, part of the name. */
  status: string;
  node: string;
  search: string;
  sort: SortKey;
  desc: boolean;
  /**
   * A removed pod's last row stays while it was deleted less than this long ago (the lane's
   * window); 0: a removed pod leaves the view at once (the kiosk, which draws no removed pod and
   * must not count one among the healthy).
   */
  keepRemovedMs: number;
}

/** What a windowed overview shows beside its rows. */
export interface ViewCounts {
  /** Rows on `base` (the "of M" of "N of M"). */
  all: number;
  /** The STATUS values and nodes among them (the filters' choices), sorted. */
  statuses: string[];
  nodes: string[];
  /** Nodes not Ready under the rows that pass every filter. */
  nodesNotReady: string[];
  /**
   * A view in problems-first order only: the rows that pass every filter by health (lib/health),
   * and the namespaces with failing or warning rows, the most failing first (a kiosk that cannot
   * show every pod in trouble shows these).
   */
  health?: { failing: number; warning: number; ok: number; namespaces: NamespaceTrouble[] };
}

/** A namespace's rows in trouble: [namespace, failing, warning]. */
export type NamespaceTrouble = [string, number, number];

/** A windowed stream's frame beside its rows (lib/live/views.ts): where they stand and what surrounds them. */
export interface ViewWindow {
  offset: number;
  /** Rows that pass every filter. */
  total: number;
  /** The rows' uids in order: the client keeps the rows it already has for the others. */
  uids: string[];
  counts: ViewCounts;
}

interface Entry {
  row: PodRow;
  value: string | number;
  /** It passes every filter: it is in the order. */
  placed: boolean;
}

const bump = (m: Map<string, number>, k: string, by: number) => {
  const n = (m.get(k) ?? 0) + by;
  if (n > 0) m.set(k, n);
  else m.delete(k);
};

/**
 * A row's health rank (lib/health) and the clocks it holds for, shared by the views: each reads it
 * for every row on every reclock and for each change, and the server keeps three problems-first
 * views (lib/live/kept-views.ts). The rank holds from the clock it was worked out at until the
 * row's next moment (lib/health/rank-until.ts): a reclock works out again only the rows whose
 * moment has come, not all 150,000. Rows are never changed in place, so the row says it all.
 */
const healthAt = new WeakMap<PodRow, { from: number; until: number; rank: number }>();

/** Rows known in order before a new view has sorted the rest (the most a window may ask for). */
export const FIRST_KNOWN = 500;

export class RowView {
  /** Rows on `base`, by uid (one map: at 150,000 rows each growth of a map rehashes for ~40 ms). */
  private readonly rows = new Map<string, Entry>();
  private readonly statuses = new Map<string, number>();
  private readonly nodes = new Map<string, number>();
  private readonly troubled = new Map<string, number>();
  /** Problems-first only: rows by health rank (0 ok, 1 warning, 2 failing), and in trouble by namespace. */
  private readonly ranks = [0, 0, 0];
  private readonly trouble = new Map<string, [number, number]>();
  /** The entries that pass every filter, in order. */
  private order: ChunkedOrder<Entry>;
  private readonly by: (a: Entry, b: Entry) => number;
  private readonly search: string;
  /** The moment the order is judged at (lib/rows/order's sortClock). */
  clock: number;
  /** Counts every change to the rows, their order or the counts. */
  version = 0;
  /** Loaded (see `load`): until then changes wait in `waiting`. */
  ready = false;
  private waiting: Map<string, PodRow | null> | null = new Map();

  constructor(
    readonly query: ViewQuery,
    clock: number,
  ) {
    this.clock = clock;
    this.by = compareKeyed(query.sort, query.desc);
    this.order = new ChunkedOrder(this.by);
    this.search = query.search.trim().toLowerCase();
  }

  /** A view loaded with `rows` at once (tests, small lists). */
  static of(query: ViewQuery, clock: number, rows: Iterable<PodRow>): RowView {
    const view = new RowView(query, clock);
    drain(view.load([...rows], Infinity));
    return view;
  }

  /**
   * Takes `rows` (the pods as they were when the view was asked for; changes since come through
   * `upsert` and `remove`, which wait until it is done), a slice per step: at 150,000 rows keying
   * and sorting took 0.5–1 s in one go.
   */
  *load(rows: readonly PodRow[], slice = 4000): Generator<void, void, void> {
    const picked: Entry[] = [];
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (this.query.base(r) && !this.expired(r)) {
        const e = this.entryOf(r);
        this.rows.set(r.uid, e);
        this.count(r, 1);
        if (e.placed) {
          picked.push(e);
          this.tally(e, 1);
        }
      }
      if ((i + 1) % slice === 0) yield;
    }
    // While the rest sorts, the first rows are already known (one pass): a page's first window need
    // not wait for the whole order (at 150,000 rows the sort took seconds on a busy server).
    this.first = { rows: firstOf(picked, FIRST_KNOWN, this.by), total: picked.length };
    yield;
    this.order = ChunkedOrder.from(
      yield* sortInSlices(picked, this.by, Number.isFinite(slice) ? slice : picked.length),
      this.by,
    );
    this.first = null;
    this.ready = true;
    const waiting = this.waiting ?? new Map<string, PodRow | null>();
    this.waiting = null;
    for (const [uid, row] of waiting) {
      if (row) this.upsert(row);
      else this.remove(uid);
    }
  }

  /** While loading: the first FIRST_KNOWN rows in order and the total, once every row is keyed. */
  private first: { rows: Entry[]; total: number } | null = null;

  /** The window [offset, offset + limit) can be read: loaded, or within the first rows known while it sorts. */
  readable(offset: number, limit: number): boolean {
    return this.ready || (this.first !== null && offset + limit <= this.first.rows.length);
  }

  /** Rows that pass every filter. */
  get total(): number {
    return this.ready ? this.order.length : (this.first?.total ?? 0);
  }

  /** The rows at [offset, offset + limit) in order (while loading, of the first rows known). */
  slice(offset: number, limit: number): PodRow[] {
    if (this.ready) return this.order.slice(offset, limit).map((e) => e.row);
    const first = this.first?.rows ?? [];
    const out: PodRow[] = [];
    const end = Math.min(first.length, offset + limit);
    for (let i = Math.max(0, offset); i < end; i++) out.push(first[i].row);
    return out;
  }

  counts(): ViewCounts {
    const out: ViewCounts = {
      all: this.rows.size,
      statuses: [...this.statuses.keys()].sort(),
      nodes: [...this.nodes.keys()].sort(),
      nodesNotReady: [...this.troubled.keys()].sort(),
    };
    if (this.query.sort === "problems")
      out.health = {
        failing: this.ranks[2],
        warning: this.ranks[1],
        ok: this.ranks[0],
        namespaces: [...this.trouble]
          .map(([ns, [f, w]]): NamespaceTrouble => [ns, f, w])
          .sort((a, b) => b[1] - a[1] || b[2] - a[2] || (a[0] < b[0] ? -1 : 1)),
      };
    return out;
  }

  /** A pod's current row (a removed pod's: its last, marked Deleted). */
  upsert(row: PodRow): void {
    if (this.waiting) return void this.waiting.set(row.uid, row);
    const old = this.rows.get(row.uid);
    if (!this.query.base(row) || this.expired(row)) {
      if (old) this.remove(row.uid);
      return;
    }
    this.version++;
    if (old) {
      this.count(old.row, -1);
      this.tally(old, -1);
    }
    this.count(row, 1);
    const entry = this.entryOf(row);
    this.tally(entry, 1);
    this.rows.set(row.uid, entry);
    const at = old?.placed ? this.order.locate(old) : null;
    if (!entry.placed) {
      if (at) this.order.removeAt(at);
      return;
    }
    if (at) {
      // The same place (most changes: the key did not move): replaced where it stands.
      const [before, after] = this.order.neighbours(at);
      if ((!before || this.by(before, entry) < 0) && (!after || this.by(entry, after) < 0)) {
        this.order.setAt(at, entry);
        return;
      }
      this.order.removeAt(at);
    }
    this.order.insert(entry);
  }

  /** The pod is gone from the view (out of access, or its removal is older than the window). */
  remove(uid: string): void {
    if (this.waiting) return void this.waiting.set(uid, null);
    const old = this.rows.get(uid);
    if (!old) return;
    this.version++;
    this.rows.delete(uid);
    this.count(old.row, -1);
    this.tally(old, -1);
    const at = old.placed ? this.order.locate(old) : null;
    if (at) this.order.removeAt(at);
  }

  /**
   * Moves the order's clock to `clock`: every row's key is worked out again (problem scores move
   * with time) and removed rows older than the window leave. A slice of `slice` rows per step, so
   * the caller can give the event loop back between steps; rows changed meanwhile are left as
   * their change placed them. Done when the generator returns.
   */
  *reclock(clock: number, slice = 5000): Generator<void, void, void> {
    if (!this.ready) return;
    const fromClock = this.clock;
    this.clock = clock;
    const seen = this.order.toArray();
    const moved: Entry[] = [];
    if (this.query.sort === "problems" && clock !== fromClock)
      for (let i = 0; i < seen.length; i++) {
        const e = seen[i];
        if (this.valueOf(e.row) !== e.value) moved.push(e);
        if ((i + 1) % slice === 0) yield;
      }
    // Removed rows older than the window: many at once (a namespace deleted an hour ago) leave in
    // one pass over the order, not a splice each.
    const expired: Entry[] = [];
    for (const e of this.rows.values()) if (this.expired(e.row)) expired.push(e);
    if (expired.length > 64) {
      this.version++;
      for (const e of expired) {
        this.rows.delete(e.row.uid);
        this.count(e.row, -1);
        this.tally(e, -1);
      }
      const gone = new Set(expired);
      this.order = ChunkedOrder.from(
        this.order.toArray().filter((e) => !gone.has(e)),
        this.by,
      );
    } else for (const e of expired) this.remove(e.row.uid);
    const live = moved.filter((e) => this.rows.get(e.row.uid) === e);
    if (!live.length) return;
    this.version++;
    if (live.length > 64) {
      // Many keys moved: out in one pass, sorted among themselves, merged back in one pass.
      const out = new Set(live);
      const rest = this.order.toArray().filter((e) => !out.has(e));
      for (const e of live) {
        this.tally(e, -1);
        e.value = this.valueOf(e.row);
        this.tally(e, 1);
      }
      live.sort(this.by);
      const merged: Entry[] = new Array<Entry>(rest.length + live.length);
      let i = 0;
      let j = 0;
      for (let k = 0; k < merged.length; k++)
        merged[k] =
          j >= live.length || (i < rest.length && this.by(rest[i], live[j]) <= 0)
            ? rest[i++]
            : live[j++];
      this.order = ChunkedOrder.from(merged, this.by);
      return;
    }
    for (const e of live) {
      const at = this.order.locate(e);
      if (at) this.order.removeAt(at);
      this.tally(e, -1);
      e.value = this.valueOf(e.row);
      this.tally(e, 1);
      this.order.insert(e);
    }
  }

  private expired(r: PodRow): boolean {
    if (r.deletedAt === null) return false;
    return this.query.keepRemovedMs <= 0 || r.deletedAt < this.clock - this.query.keepRemovedMs;
  }

  private passes(r: PodRow): boolean {
    const q = this.query;
    return (
      (!q.status || r.status === q.status) &&
      (!q.node || r.node === q.node) &&
      (!this.search || r.name.toLowerCase().includes(this.search))
    );
  }

  private entryOf(row: PodRow): Entry {
    const placed = this.passes(row);
    return { row, value: placed ? this.valueOf(row) : 0, placed };
  }

  private valueOf(r: PodRow): string | number {
    if (this.query.sort !== "problems") return sortValue(r, this.query.sort, this.clock);
    // The health rule per row, once per clock for every view (the kept views sort three ways by problems).
    const known = healthAt.get(r);
    if (known && known.from <= this.clock && this.clock < known.until) return known.rank;
    const { rank, until } = healthRankUntil(r, this.clock);
    healthAt.set(r, { from: this.clock, until, rank });
    return rank;
  }

  /** The health counts of a placed entry (problems-first: its value is its health rank). */
  private tally(e: Entry, by: 1 | -1): void {
    if (this.query.sort !== "problems" || !e.placed || typeof e.value !== "number") return;
    this.ranks[e.value] += by;
    if (e.value === 0) return;
    const ns = e.row.namespace;
    const t = this.trouble.get(ns) ?? [0, 0];
    t[e.value === 2 ? 0 : 1] += by;
    if (t[0] || t[1]) this.trouble.set(ns, t);
    else this.trouble.delete(ns);
  }

  private count(r: PodRow, by: 1 | -1): void {
    bump(this.statuses, r.status, by);
    if (r.node) bump(this.nodes, r.node, by);
    // A removed pod's row keeps the node state it last had: not a say on the node now.
    if (r.node && r.deletedAt === null && nodeTroubled(r.nodeState) && this.passes(r))
      bump(this.troubled, r.node, by);
  }
}
