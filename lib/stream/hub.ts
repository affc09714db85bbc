// Fan-out of pod deltas to stream subscribers: monotonic ids, a replay window for Last-Event-ID,
// per-subscriber filters, heartbeats, and a bound on what a slow subscriber may have queued
// (past it, the subscriber is told to resync and dropped, never buffered without limit).

export interface PodDelta<Row = unknown> {
  id: number;
  /** "pod": the row is the pod's current summary; "removed": the pod left the live set. */
  type: "pod" | "removed";
  uid: string;
  namespace: string;
  name: string;
  labels: Record<string, string>;
  /** The pod version this delta comes from (opaque, as the API gave it). */
  resourceVersion?: string;
  row: Row | null;
}

export interface Filter {
  namespace?: string;
  /** Only these namespaces; null or absent: all. */
  namespaces?: readonly string[] | null;
  /**
   * A subscriber with limited access (a viewer token): its frames carry no event ids and no
   * resourceVersions, which count every change in the cluster (their gaps would tell it how much
   * happens where it may not look).
   */
  scoped?: boolean;
  pod?: string;
  labels?: (labels: Record<string, string>) => boolean;
}

export interface Sink {
  /** Writes one SSE frame; returns false when the consumer's buffer is full. */
  write(frame: string): boolean;
  close(): void;
}

export interface HubOptions {
  replay?: number;
  /** Frames a subscriber may have pending (write returned false) before it is dropped. */
  maxPending?: number;
  setInterval?: (fn: () => void, ms: number) => { clear(): void };
  heartbeatMs?: number;
  /** For metrics: when the change being published was observed (on the caller's clock). */
  observedAt?(): number | undefined;
  /**
   * For metrics: each delta written to a subscriber (live or replayed), with when its change was
   * observed; each subscriber dropped for lagging.
   */
  onDeltaSent?(observedAt: number | undefined): void;
  onDropped?(): void;
  /** Spreads the goodbye's reconnection delays (default Math.random). */
  random?: () => number;
  /** Rows of a RowsSnapshot serialised per turn of the event loop (default 1,000). */
  snapshotSlice?: number;
  /** Runs the next slice of a snapshot on a later turn (default setImmediate). */
  schedule?: (fn: () => void) => void;
}

interface Subscriber {
  filter: Filter;
  /** Gets the pod deltas that match its filter; false for one that writes its own frames (attach). */
  deltas: boolean;
  sink: Sink;
  pending: number;
  /** While its snapshot is still being sent: the frames that came meanwhile, sent after it. */
  backlog: string[] | null;
  /** Cancelled, dropped or closed: a snapshot still being sent stops. */
  gone: boolean;
}

/**
 * A snapshot of many rows, sent a slice per turn of the event loop: at 50,000 pods a snapshot is
 * 21 MB of JSON and took about a second to serialise and encode, during which no other stream got
 * a delta. The rows are taken when the subscriber subscribes (rows are replaced, never changed in
 * place, so later slices still read that moment's state); `present` makes each row what is sent
 * (its AGE at that moment). On the wire it is the same frame as `{ [key]: rows.map(present) }`.
 */
export class RowsSnapshot<T = unknown> {
  constructor(
    readonly rows: readonly T[],
    readonly present: (row: T) => unknown = (row) => row,
    readonly key = "pods",
  ) {}

  /** The whole snapshot at once (JSON.stringify calls it: a small one is sent as one frame). */
  toJSON(): Record<string, unknown> {
    return { [this.key]: this.rows.map(this.present) };
  }
}

export function frame(event: string, data: unknown, id?: number): string {
  return `${id !== undefined ? `id: ${id}\n` : ""}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function matches(
  filter: Filter,
  d: { namespace: string; name: string; labels: Record<string, string> },
): boolean {
  return (
    (!filter.namespace || filter.namespace === d.namespace) &&
    (!filter.namespaces || filter.namespaces.includes(d.namespace)) &&
    (!filter.pod || filter.pod === d.name) &&
    (!filter.labels || filter.labels(d.labels))
  );
}

/**
 * A delta as a scoped subscriber gets it: no event id and no resourceVersion (both count every
 * change in the cluster; their gaps would tell how much happens where it may not look).
 */
function scopedDelta<Row>(d: PodDelta<Row>): Omit<PodDelta<Row>, "resourceVersion"> {
  const out: PodDelta<Row> = { ...d, id: 0 };
  delete out.resourceVersion;
  return out;
}

const PING = "event: ping\ndata: {}\n\n";

/** A browser told goodbye comes back after 1 s to 3 s (each its own delay: not all at once). */
export const GOODBYE_RETRY_MS = { min: 1000, spread: 2000 };

/**
 * The last frame of a stream whose server is going away: the SSE `retry:` field sets how long a
 * browser waits before it reconnects by itself, and the event says so to the page's client
 * (components/useStream.ts), which opens a fresh stream after `retryMs`, to whichever server answers.
 */
export function goodbyeFrame(retryMs: number): string {
  return `retry: ${retryMs}\n${frame("goodbye", { reason: "this server is shutting down; connect again", retryMs })}`;
}

/** A stream that writes its own frames (StreamHub.attach). */
export interface Attached {
  send(text: string): void;
  /**
   * Writes part of a frame (a snapshot written a slice per turn): whatever is sent meanwhile, a
   * heartbeat included, waits until `whole()` (it would land inside the frame), as a sliced
   * snapshot's backlog does.
   */
  part(text: string): void;
  /** The frame `part` began is complete: what waited goes out. */
  whole(): void;
  readonly gone: boolean;
  cancel(): void;
}

export class StreamHub<Row = unknown> {
  private seq = 0;
  private readonly window: PodDelta<Row>[] = [];
  private readonly subscribers = new Set<Subscriber>();
  /** When each delta's change was observed (kept off the delta: it is not sent). */
  private readonly observedAt = new WeakMap<PodDelta<Row>, number>();
  private readonly heartbeat: { clear(): void } | null;

  constructor(private readonly opts: HubOptions = {}) {
    const every =
      opts.setInterval ??
      ((fn, ms) => {
        const t = setInterval(fn, ms);
        t.unref?.();
        return { clear: () => clearInterval(t) };
      });
    this.heartbeat = every(() => this.beat(), opts.heartbeatMs ?? 15_000);
  }

  get lastId(): number {
    return this.seq;
  }

  get size(): number {
    return this.subscribers.size;
  }

  publish(delta: Omit<PodDelta<Row>, "id">): PodDelta<Row> {
    const d = { ...delta, id: ++this.seq };
    const observedAt = this.opts.observedAt?.();
    if (observedAt !== undefined) this.observedAt.set(d, observedAt);
    this.window.push(d);
    if (this.window.length > (this.opts.replay ?? 10_000)) this.window.shift();
    // One frame text for every subscriber (serialised once, not once per subscriber).
    let text: string | null = null;
    let scopedText: string | null = null;
    for (const s of [...this.subscribers]) {
      if (!s.deltas || !matches(s.filter, d)) continue;
      this.send(
        s,
        s.filter.scoped
          ? (scopedText ??= frame(d.type, scopedDelta(d)))
          : (text ??= frame(d.type, d, d.id)),
      );
      this.opts.onDeltaSent?.(observedAt);
    }
    return d;
  }

  /**
   * Adds a subscriber. With `lastEventId` inside the replay window it first gets every matching
   * delta after it; otherwise `snapshot()` supplies its first frame (the current rows) and the id
   * it stands for.
   */
  subscribe(
    filter: Filter,
    sink: Sink,
    lastEventId: number | null,
    snapshot: () => unknown,
  ): { cancel(): void } {
    if (this.closed || this.leaving) {
      // Shutting down: a stream opened now would keep the server from closing.
      if (this.leaving) sink.write(goodbyeFrame(this.retryMs()));
      sink.close();
      return { cancel: () => {} };
    }
    const sub: Subscriber = { filter, sink, deltas: true, pending: 0, backlog: null, gone: false };
    const oldest = this.window.length ? this.window[0].id - 1 : this.seq;
    const scoped = !!filter.scoped;
    if (!scoped && lastEventId !== null && lastEventId >= oldest && lastEventId <= this.seq) {
      for (const d of this.window)
        if (d.id > lastEventId && matches(filter, d)) {
          this.send(sub, frame(d.type, d, d.id));
          this.opts.onDeltaSent?.(this.observedAt.get(d));
        }
    } else {
      if (lastEventId !== null && !scoped)
        this.send(
          sub,
          frame("resync", {
            reason: `event ${lastEventId} is no longer kept; here is a fresh snapshot`,
          }),
        );
      const data = snapshot();
      const id = scoped ? undefined : this.seq;
      if (data instanceof RowsSnapshot && data.rows.length > this.sliceSize) {
        // Subscribed before the first slice: what is published meanwhile waits in its backlog.
        this.subscribers.add(sub);
        this.sendSliced(sub, data, id);
        return { cancel: () => this.forget(sub) };
      }
      this.send(sub, frame("snapshot", data, id));
    }
    this.subscribers.add(sub);
    return { cancel: () => this.forget(sub) };
  }

  /**
   * Adds a stream that gets no pod deltas: its owner writes its frames through `send` (the
   * windowed overview, lib/live/views.ts). It shares the rest: heartbeats, the bound on what it may
   * have pending, the goodbye and the close. Null while shutting down (the sink is then closed).
   */
  attach(sink: Sink): Attached | null {
    if (this.closed || this.leaving) {
      if (this.leaving) sink.write(goodbyeFrame(this.retryMs()));
      sink.close();
      return null;
    }
    const sub: Subscriber = {
      filter: {},
      sink,
      deltas: false,
      pending: 0,
      backlog: null,
      gone: false,
    };
    this.subscribers.add(sub);
    return {
      send: (text) => void (!sub.gone && this.send(sub, text)),
      part: (text) => {
        if (sub.gone) return;
        sub.backlog ??= [];
        sub.sink.write(text);
      },
      whole: () => {
        const backlog = sub.backlog ?? [];
        sub.backlog = null;
        for (const f of backlog) if (!sub.gone) this.send(sub, f);
      },
      get gone() {
        return sub.gone;
      },
      cancel: () => this.forget(sub),
    };
  }

  private get sliceSize(): number {
    return Math.max(1, this.opts.snapshotSlice ?? 1000);
  }

  private forget(sub: Subscriber): void {
    sub.gone = true;
    this.subscribers.delete(sub);
  }

  /** Sends a RowsSnapshot as one frame written a slice per turn, then the frames that came meanwhile. */
  private sendSliced(sub: Subscriber, snap: RowsSnapshot, id: number | undefined): void {
    sub.backlog = [];
    const schedule = this.opts.schedule ?? ((fn: () => void) => void setImmediate(fn));
    const { rows, present } = snap;
    let i = 0;
    const step = () => {
      if (sub.gone) return;
      const end = Math.min(i + this.sliceSize, rows.length);
      let text =
        i === 0
          ? `${id !== undefined ? `id: ${id}\n` : ""}event: snapshot\ndata: {${JSON.stringify(snap.key)}:[`
          : ",";
      for (let first = i; i < end; i++)
        text += (i > first ? "," : "") + JSON.stringify(present(rows[i]));
      if (i < rows.length) {
        sub.sink.write(text);
        schedule(step);
        return;
      }
      sub.sink.write(`${text}]}\n\n`);
      const backlog = sub.backlog ?? [];
      sub.backlog = null;
      for (const f of backlog) if (!sub.gone) this.send(sub, f);
    };
    step();
  }

  private closed = false;
  private leaving = false;

  private retryMs(): number {
    return (
      GOODBYE_RETRY_MS.min +
      Math.floor((this.opts.random ?? Math.random)() * GOODBYE_RETRY_MS.spread)
    );
  }

  /**
   * The server is going away (SIGTERM, after the drain delay): every stream gets the goodbye frame
   * and ends, and so does any opened from now on. Publishing goes on (the store still writes).
   */
  goodbye(): void {
    this.leaving = true;
    this.heartbeat?.clear();
    for (const s of this.subscribers) {
      s.gone = true;
      // In the middle of a snapshot's frame a goodbye would be read as part of it: just end.
      if (!s.backlog) s.sink.write(goodbyeFrame(this.retryMs()));
      s.sink.close();
    }
    this.subscribers.clear();
  }

  close(): void {
    this.closed = true;
    this.heartbeat?.clear();
    for (const s of this.subscribers) {
      s.gone = true;
      s.sink.close();
    }
    this.subscribers.clear();
  }

  private beat(): void {
    // An event, not a comment: a browser's EventSource can see it, so a client knows the stream is
    // alive when nothing changes (the kiosk marks its data stale without it).
    for (const s of [...this.subscribers]) this.send(s, PING);
  }

  private send(s: Subscriber, text: string): void {
    if (s.backlog) {
      // Its snapshot is still on its way. Past what a reconnect could replay it is closed instead
      // (nothing can be written inside the snapshot's frame); the browser then connects afresh.
      s.backlog.push(text);
      if (s.backlog.length > (this.opts.replay ?? 10_000)) {
        this.forget(s);
        this.opts.onDropped?.();
        s.sink.close();
      }
      return;
    }
    if (s.sink.write(text)) {
      s.pending = 0;
      return;
    }
    s.pending++;
    if (s.pending > (this.opts.maxPending ?? 1000)) {
      this.forget(s);
      this.opts.onDropped?.();
      s.sink.write(
        frame("resync", {
          reason: "this stream fell too far behind; reconnect for a fresh snapshot",
        }),
      );
      s.sink.close();
    }
  }
}
