// The history's write path: observations wait here (50 ms or 500 at a time, one transaction per
// batch), and stay here while the disk refuses writes — full, read-only, failing — up to a bound
// in count and bytes. Past the bound the OLDEST go first, counted: what the cluster looks like now
// is what a history that resumes needs most, and the gap then sits at the start of the outage,
// reported, instead of its end. Retried with backoff (1 s, doubling, at most 30 s); once the disk
// takes writes again everything kept is written in order. One log line per change of state.
// Generic over what it holds, so tests can feed it anything; lib/live uses it with observations.
import { parseSize } from "./retention";
import { formatDuration } from "../text/format";

/** Why the disk refuses writes, for the banner's words; "other" carries the sentence only. */
export type FailureReason = "full" | "read-only" | "io" | "other";

export interface WriteState {
  state: "ok" | "failing";
  /** failing: when the first write of this outage failed; ok: when the last outage ended (null: none yet). */
  since: number | null;
  reason: FailureReason | null;
  /** SQLite's code (SQLITE_FULL, SQLITE_IOERR_WRITE, SQLITE_READONLY …) of the last failure, while failing. */
  code: string | null;
  /** The last failure as a sentence, while failing. */
  lastError: string | null;
  /** Waiting to be written, and their size as JSON (counted only while failing). */
  pending: number;
  pendingBytes: number;
  /** Dropped since the process started because the bound was reached (oldest first), and when the last one was. */
  dropped: number;
  lastDropAt: number | null;
  /** Set aside because the store refused them for a reason that is not the disk (a defect), since the start. */
  rejected: number;
  /** Failed attempts in this outage. */
  retries: number;
  limit: { items: number; bytes: number };
}

export interface WriteQueueOptions<T> {
  /** Writes a batch all or nothing (one transaction); throws what the store throws. */
  write(batch: T[]): void;
  /** An item's size in bytes, for the bound. */
  sizeOf(item: T): number;
  maxItems: number;
  maxBytes: number;
  /** The clock `since` and `lastDropAt` are stamped with. */
  now(): number;
  /** One line per change of state (a sentence, and how grave it is), for the server's log. */
  log?(line: string, level: "info" | "warn" | "error"): void;
  /** After each write attempt: how long it took, and how many items it wrote (0 when it failed). For metrics. */
  onWrite?(seconds: number, items: number): void;
  /** Written at most this many per transaction (default 500), and this long after the first waits (default 50 ms). */
  batch?: number;
  delayMs?: number;
}

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

/** The disk's condition behind an error SQLite gave, as a sentence; null when the error is not the disk's. */
export function storageFailure(
  err: unknown,
): { reason: FailureReason; code: string; sentence: string } | null {
  const code =
    typeof (err as { code?: unknown })?.code === "string" ? (err as { code: string }).code : "";
  const message = String((err as Error)?.message ?? err).replace(/\.+$/, "");
  const what = `(${code}: ${message})`;
  if (/^SQLITE_FULL/.test(code))
    return { reason: "full", code, sentence: `The disk holding the history is full ${what}.` };
  if (/^SQLITE_READONLY/.test(code))
    return {
      reason: "read-only",
      code,
      sentence: `The history file or its disk is read-only ${what}.`,
    };
  if (/^SQLITE_IOERR/.test(code))
    return {
      reason: "io",
      code,
      sentence: `The disk holding the history failed a read or write ${what}.`,
    };
  if (/^SQLITE_(CANTOPEN|BUSY|LOCKED|NOMEM|CORRUPT|NOTADB|PROTOCOL|PERM)/.test(code))
    return { reason: "other", code, sentence: `The history could not be written ${what}.` };
  return null;
}

export class WriteQueue<T> {
  /** Kept items from `head` on (a deque without shifting the array on every drop). */
  private items: T[] = [];
  private head = 0;
  /** Sizes of the items, parallel to `items`, measured only while failing. */
  private sizes: number[] = [];
  private bytes = 0;
  private failing: {
    since: number;
    reason: FailureReason;
    code: string;
    sentence: string;
    retries: number;
    droppedBefore: number;
    loggedDrop: boolean;
  } | null = null;
  private lastRecovery: number | null = null;
  private dropped = 0;
  private lastDropAt: number | null = null;
  private rejected = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private retryAt = 0;
  private closed = false;

  constructor(private readonly opts: WriteQueueOptions<T>) {}

  get length(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
    if (this.failing) {
      const size = this.opts.sizeOf(item);
      this.sizes.push(size);
      this.bytes += size;
      this.bound();
      return;
    }
    this.sizes.push(0);
    if (this.length >= (this.opts.batch ?? 500)) this.flush();
    else this.timer ??= this.schedule(this.opts.delayMs ?? 50);
  }

  /**
   * Writes what is kept, in order, a batch per transaction. While the disk refuses writes this is
   * a no-op until the next retry is due (reads call it; they must not hammer a full disk), unless
   * `retry`. True when nothing is left waiting.
   */
  flush(opts: { retry?: boolean } = {}): boolean {
    if (this.failing && !opts.retry && Date.now() < this.retryAt) return false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const size = this.opts.batch ?? 500;
    while (this.length) {
      const batch = this.items.slice(this.head, this.head + size);
      const { done, err } = this.tryWrite(batch);
      this.take(done);
      if (this.failing) this.written += done;
      if (err) {
        this.fail(err);
        return false;
      }
    }
    if (this.failing) this.recover();
    return true;
  }

  state(): WriteState {
    const f = this.failing;
    return {
      state: f ? "failing" : "ok",
      since: f ? f.since : this.lastRecovery,
      reason: f?.reason ?? null,
      code: f?.code ?? null,
      lastError: f?.sentence ?? null,
      pending: this.length,
      pendingBytes: f ? this.bytes : 0,
      dropped: this.dropped,
      lastDropAt: this.lastDropAt,
      rejected: this.rejected,
      retries: f?.retries ?? 0,
      limit: { items: this.opts.maxItems, bytes: this.opts.maxBytes },
    };
  }

  /** No more timers (the pipeline stops); what is kept stays readable through state(). */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * Writes a batch. `done`: how many of its items are finished with (written, or set aside);
   * `err`: the disk's failure that stopped it, if one did.
   */
  private tryWrite(batch: T[]): { done: number; err: unknown } {
    try {
      this.write(batch);
      return { done: batch.length, err: null };
    } catch (err) {
      if (storageFailure(err)) return { done: 0, err };
    }
    // Not the disk: an item the store cannot take (a defect). Write them one at a time and set
    // aside the ones it refuses, so one bad object never blocks the history.
    for (let i = 0; i < batch.length; i++) {
      try {
        this.write([batch[i]]);
      } catch (err) {
        if (storageFailure(err)) return { done: i, err };
        this.rejected++;
        this.opts.log?.(
          `an observation could not be stored and is set aside (${(err as Error)?.message ?? err}); the rest is written.`,
          "error",
        );
      }
    }
    return { done: batch.length, err: null };
  }

  /** One transaction, timed for onWrite. */
  private write(batch: T[]): void {
    const start = performance.now();
    let items = 0;
    try {
      this.opts.write(batch);
      items = batch.length;
    } finally {
      this.opts.onWrite?.((performance.now() - start) / 1000, items);
    }
  }

  private take(n: number): void {
    for (let i = 0; i < n; i++) this.bytes -= this.sizes[this.head + i];
    this.head += n;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.sizes = this.sizes.slice(this.head);
      this.head = 0;
    }
    if (!this.length) {
      this.items = [];
      this.sizes = [];
      this.head = 0;
      this.bytes = 0;
    }
  }

  private fail(err: unknown): void {
    const f = storageFailure(err)!;
    const prev = this.failing;
    if (!prev) {
      // From now on sizes count: measure what is already kept.
      this.bytes = 0;
      for (let i = this.head; i < this.items.length; i++)
        this.bytes += this.sizes[i] = this.opts.sizeOf(this.items[i]);
      this.failing = {
        ...f,
        since: this.opts.now(),
        retries: 1,
        droppedBefore: this.dropped,
        loggedDrop: false,
      };
      this.opts.log?.(
        `the history cannot be written: ${f.sentence} Keeping up to ${this.opts.maxItems} observations (${mib(this.opts.maxBytes)}) in memory, the oldest dropped past that, and retrying; they are written in order once the disk takes writes again.`,
        "error",
      );
    } else {
      prev.retries++;
      if (prev.code !== f.code)
        this.opts.log?.(`the history still cannot be written, now: ${f.sentence}`, "error");
      Object.assign(prev, { reason: f.reason, code: f.code, sentence: f.sentence });
    }
    this.bound();
    const wait = Math.min(
      MAX_RETRY_MS,
      FIRST_RETRY_MS * 2 ** Math.min(10, this.failing!.retries - 1),
    );
    this.retryAt = Date.now() + wait;
    if (this.timer) clearTimeout(this.timer);
    this.timer = this.schedule(wait, true);
  }

  private recover(): void {
    const f = this.failing!;
    const now = this.opts.now();
    const dropped = this.dropped - f.droppedBefore;
    this.failing = null;
    this.lastRecovery = now;
    this.retryAt = 0;
    this.bytes = 0;
    this.opts.log?.(
      `the history is written again after ${formatDuration(now - f.since, "took")}: ${this.written} kept observations written; ${dropped} dropped (the oldest, past the bound).`,
      "info",
    );
    this.written = 0;
  }

  /** Counted between a failure and the recovery, for the recovery's log line. */
  private written = 0;

  /** Over the bound: drop the oldest, count them. Always keeps the newest one. */
  private bound(): void {
    const f = this.failing;
    if (!f) return;
    while (
      this.length > 1 &&
      (this.length > this.opts.maxItems || this.bytes > this.opts.maxBytes)
    ) {
      this.bytes -= this.sizes[this.head];
      this.head++;
      this.dropped++;
      this.lastDropAt = this.opts.now();
      if (!f.loggedDrop) {
        f.loggedDrop = true;
        this.opts.log?.(
          `more observations wait than the bound keeps (${this.opts.maxItems} or ${mib(this.opts.maxBytes)}): the oldest are dropped from now on and counted in /api/cluster (store.dropped).`,
          "warn",
        );
      }
    }
    if (this.head > 1024 && this.head * 2 > this.items.length) this.take(0);
  }

  private schedule(ms: number, retry = false): ReturnType<typeof setTimeout> | null {
    if (this.closed) return null;
    const t = setTimeout(() => {
      this.timer = null;
      this.flush({ retry });
    }, ms);
    t.unref?.();
    return t;
  }
}

function mib(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(bytes < 1024 ** 2 ? 2 : 0)} MiB`;
}

/**
 * The bound from the environment: LIFELINE_PENDING_MAX observations (default 100000) and
 * LIFELINE_PENDING_SIZE of them as JSON (default 64MiB); throws a sentence naming the variable.
 */
export function pendingBoundFrom(env: Record<string, string | undefined>): {
  maxItems: number;
  maxBytes: number;
} {
  const text = env.LIFELINE_PENDING_MAX;
  const maxItems = text ? Number(text) : 100_000;
  if (!Number.isInteger(maxItems) || maxItems < 1)
    throw new Error(
      `LIFELINE_PENDING_MAX must be a whole number of observations such as 100000, not "${String(text).slice(0, 40)}"`,
    );
  return {
    maxItems,
    maxBytes: parseSize(env.LIFELINE_PENDING_SIZE || "64MiB", "LIFELINE_PENDING_SIZE"),
  };
}
