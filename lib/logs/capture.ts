// Captures the end of each run's log when Lifeline observes a container instance end
// (exits.ts): a bounded queue, at most LIFELINE_LOG_RATE fetches started per second (a sliding
// second, never a burst above it), the text redacted (redact.ts) and kept with the run in the
// history store (lib/store/log-tails.ts). What could not be fetched says why on the run (why.ts).
// docs/live-pipeline.md#captured-logs.
import type { Pod } from "../k8s/types";
import { lineCount, type LogTails, type RunKey } from "../store/log-tails";
import { anyEnded, containerStatuses, endedOf, type EndedInstance } from "./exits";
import { ForbiddenNamespaces, PROBE_FIRST_MS, type ForbiddenState } from "./forbidden";
import { RecentlyFetched } from "./recent";
import { redactLog } from "./redact-lines";
import { defaultSchedule, Wake, type Schedule } from "./wake";
import type { LogSettings } from "./settings";
import { WHY, whyRefused, type WhyCode } from "./why";

/** GET /api/v1/namespaces/{namespace}/pods/{pod}/log with these parameters. */
export interface LogRequest {
  namespace: string;
  pod: string;
  container: string;
  previous: boolean;
  tailLines: number;
  limitBytes: number;
}

/** Fetches a log's text; throws an error with the HTTP `status` (0: no answer) and the API server's message. */
export type LogFetcher = (req: LogRequest) => Promise<string>;

export interface CaptureState {
  mode: LogSettings["mode"];
  /** Runs waiting to be fetched, and fetches under way. */
  queued: number;
  fetching: number;
  captured: number;
  /** Runs not captured since the start, by why (why.ts). */
  skipped: Partial<Record<WhyCode, number>>;
  /** Namespaces where the credentials may not get pods/log (a 403): only a probe now and then (forbidden.ts). */
  forbidden: ForbiddenState[];
}

export interface CaptureOptions {
  settings: LogSettings;
  fetch: LogFetcher;
  tails: LogTails;
  now: () => number;
  /** Runs `fn` after `ms` (default setTimeout, unref'd); tests pass a manual one. */
  schedule?: Schedule;
  log?: (level: "info" | "warn" | "error", line: string, fields?: Record<string, unknown>) => void;
}

interface Pending extends RunKey, EndedInstance {
  namespace: string;
  pod: string;
  /** Seen already ended at the pod's first observation (a start's backlog): the least useful. */
  backlog: boolean;
  queuedAt: number;
  /** The order it was queued in (ties of queuedAt). */
  seq: number;
  /** Sent to a forbidden namespace to see whether the 403 still holds (forbidden.ts). */
  probe?: boolean;
  /** Its container had a fetch started in the last minute when it was queued (recent.ts). */
  repeat: boolean;
}

/** How long a terminated instance about to be restarted waits for its restart (see held). */
export const HOLD_MS = 30_000;

/** What a container's status named last: its lastState and terminated state's instances. */
type Seen = { last: string | null; term: string | null };

/**
 * How useful a capture is: a live run before a start's backlog, a failure before a success, a
 * container not fetched in the last minute before one that was (so a crash loop or a churn does
 * not take every fetch). The queue keeps one list per rank, in the order queued: fetched from the
 * highest rank, newest first (the kubelet still serves it: an old run of a container that
 * restarts often is superseded before a first-in-first-out turn comes); dropped from the lowest,
 * oldest first.
 */
function rank(p: Pending): number {
  return (p.backlog ? 0 : 4) + (p.failed ? 2 : 0) + (p.repeat ? 0 : 1);
}

export class LogCapture {
  private readonly seen = new Map<string, Map<string, Seen>>();
  private seq = 0;
  /** Entries queued per pod uid (a pod with none is not scanned for). */
  private readonly queuedOf = new Map<string, number>();
  /** When the queue was last swept for entries that waited too long. */
  private swept = -Infinity;
  /** Waiting runs by rank (see rank), each list in the order queued. */
  private ranks: Pending[][] = [[], [], [], [], [], [], [], []];
  /** Containers with a fetch started in the last minute (bounded). */
  private readonly recent = new RecentlyFetched();
  private size = 0;
  /** When the last fetches started (at most `perSecond` of them): the sliding second. */
  private starts: number[] = [];
  private fetching = 0;
  private captured = 0;
  private readonly skipped: Partial<Record<WhyCode, number>> = {};
  private readonly forbidden = new ForbiddenNamespaces();
  private closed = false;
  private readonly wake: Wake;
  private readonly log;

  constructor(private readonly o: CaptureOptions) {
    this.wake = new Wake(o.schedule ?? defaultSchedule, () => this.pump());
    this.log = o.log ?? (() => {});
  }

  /** A pod version as the watch delivered it: queues the instances it shows ended for the first time. */
  observe(type: string, pod: Pod): void {
    if (this.o.settings.mode === "off" || this.closed) return;
    const uid = pod?.metadata?.uid;
    const namespace = pod?.metadata?.namespace;
    const name = pod?.metadata?.name;
    if (!uid || !namespace || !name) return;
    if (type === "DELETED") {
      this.seen.delete(uid);
      return;
    }
    // Most versions of most pods show no ended instance: nothing is allocated for them.
    if (!anyEnded(pod)) return;
    let known = this.seen.get(uid);
    const firstSight = !known && type === "ADDED";
    let changed = false;
    for (const { cs, policy, deleting } of containerStatuses(pod)) {
      const ends = endedOf(cs, policy, deleting);
      if (!ends.length) continue;
      known ??= new Map();
      const before = known.get(cs.name!) ?? { last: null, term: null };
      const now: Seen = {
        last: ends.find((e) => e.previous)?.instance ?? null,
        term: ends.find((e) => !e.previous)?.instance ?? null,
      };
      if (before.last === now.last && before.term === now.term) continue;
      known.set(cs.name!, now);
      changed = true;
      // Queued instances of this container the kubelet no longer serves.
      if (this.queuedOf.has(uid))
        this.dropWhere(
          (p) =>
            p.uid === uid &&
            p.container === cs.name &&
            p.instance !== now.last &&
            p.instance !== now.term,
          "superseded",
        );
      for (const e of ends) {
        if (e.instance === before.last || e.instance === before.term) continue;
        // Queued while it was terminated, now lastState (restarted): held no longer.
        if (
          e.previous &&
          this.queuedOf.has(uid) &&
          this.ranks.some((l) => l.some((p) => p.uid === uid && p.instance === e.instance))
        )
          continue;
        if (this.o.settings.mode === "failures" && !e.failed) continue;
        this.enqueue({
          ...e,
          uid,
          namespace,
          pod: name,
          backlog: firstSight,
          repeat: this.recent.has(uid, e.container, this.o.now()),
          queuedAt: this.o.now(),
          seq: this.seq++,
        });
      }
    }
    if (known?.size && !this.seen.has(uid)) this.seen.set(uid, known);
    if (changed) this.pump();
  }

  state(scope: readonly string[] | null = null): CaptureState {
    return {
      mode: this.o.settings.mode,
      queued: this.size,
      fetching: this.fetching,
      captured: this.captured,
      skipped: { ...this.skipped },
      forbidden: this.forbidden.list(scope),
    };
  }

  /** Stops: what still waits says so on its run. */
  close(): void {
    this.closed = true;
    this.wake.stop();
    this.dropWhere(() => true, "stopped");
  }

  private enqueue(p: Pending): void {
    if (this.size >= this.o.settings.queueMax && p.backlog) {
      // A start's backlog that finds no room (a large cluster's first sync): counted, no row (it
      // ended before Lifeline watched), and no scan of the queue for each of thousands.
      this.skipped["queue-full"] = (this.skipped["queue-full"] ?? 0) + 1;
      return;
    }
    // A forbidden namespace: skipped, but for a probe once one is due.
    const admit = this.forbidden.admit(p.namespace, this.o.now());
    if (admit === "no") return this.skip(p, "forbidden");
    if (admit === "probe") p.probe = true;
    if (this.size >= this.o.settings.queueMax) {
      // Full: the least useful goes (a backlog before a live run, a success before a failure),
      // the oldest among equals; maybe the newcomer itself.
      const lowest = this.ranks.findIndex((l) => l.length > 0);
      if (rank(p) < lowest) return this.skip(p, "queue-full");
      const worst = this.ranks[lowest].shift()!;
      this.size--;
      this.unqueued(worst);
      this.skip(worst, "queue-full");
    }
    this.ranks[rank(p)].push(p);
    this.size++;
    this.queuedOf.set(p.uid, (this.queuedOf.get(p.uid) ?? 0) + 1);
  }

  /** Bookkeeping of an entry taken off the queue. */
  private unqueued(p: Pending): void {
    const n = (this.queuedOf.get(p.uid) ?? 1) - 1;
    if (n > 0) this.queuedOf.set(p.uid, n);
    else this.queuedOf.delete(p.uid);
  }

  private dropWhere(test: (p: Pending) => boolean, why: WhyCode): void {
    this.ranks = this.ranks.map((list) => {
      if (!list.some(test)) return list;
      const keep: Pending[] = [];
      for (const p of list)
        if (test(p)) {
          this.size--;
          this.unqueued(p);
          this.skip(p, why);
        } else keep.push(p);
      return keep;
    });
  }

  /**
   * A terminated instance about to be restarted waits (at most HOLD_MS) for the version whose
   * lastState names it: fetched then with `previous=true`, it cannot be the new instance's log.
   */
  private held(p: Pending, now: number): boolean {
    return p.restarting && now - p.queuedAt < HOLD_MS && this.where(p) !== true;
  }

  /** Starts what the rate allows now, and sets a timer for the rest. */
  pump(): void {
    if (this.closed) return;
    const now = this.o.now();
    const { perSecond, maxWaitMs } = this.o.settings;
    // At most once a second: what waited too long goes.
    if (now - this.swept >= 1000) {
      this.swept = now;
      this.dropWhere((p) => now - p.queuedAt > maxWaitMs, "waited");
    }
    this.starts = this.starts.filter((t) => now - t < 1000);
    // Nothing may start now (a storm): the timer set then is enough, and nothing is scanned.
    if (this.starts.length >= perSecond || this.fetching >= perSecond) {
      if (this.starts.length >= perSecond) this.wake.set(this.starts[0] + 1000, now, false);
      return;
    }
    while (this.starts.length < perSecond && this.fetching < perSecond) {
      // The newest of the highest rank that is not held (held ones are the last 30 s's).
      let p: Pending | undefined;
      for (let r = this.ranks.length - 1; r >= 0 && !p; r--) {
        const list = this.ranks[r];
        let i = list.length - 1;
        while (i >= 0 && this.held(list[i], now)) i--;
        if (i >= 0) p = list.splice(i, 1)[0];
      }
      if (!p) break;
      this.size--;
      this.unqueued(p);
      // Captured already (by this process, or before Lifeline restarted): no fetch spent on it.
      if (this.o.tails.outcome(p.uid, p.container, p.instance) === "captured") continue;
      // Stamped when it starts, not when the pump began: a slow step before it (a pause, a
      // loaded machine) must not make the sliding second end early.
      this.starts.push(this.o.now());
      this.recent.note(p.uid, p.container, now);
      void this.fetchOne(p);
    }
    // Wake when the sliding second lets one more start (something is ready), or a hold ends.
    // Fetches under way at the limit wake it themselves when they end.
    let wake = Infinity;
    for (const p of this.ranks.flat())
      if (this.held(p, now)) wake = Math.min(wake, p.queuedAt + HOLD_MS);
      else if (this.starts.length >= perSecond) wake = Math.min(wake, this.starts[0] + 1000);
    this.wake.set(wake, now, true);
  }

  /** Which way the kubelet serves the instance now: previous, current, or not at all. */
  private where(p: Pending): boolean | null {
    const seen = this.seen.get(p.uid)?.get(p.container);
    if (!seen) return p.previous; // the pod is gone: as last seen
    if (seen.last === p.instance) return true;
    if (seen.term === p.instance) return false;
    return null;
  }

  private async fetchOne(p: Pending): Promise<void> {
    this.fetching++;
    try {
      if (!p.probe && this.forbidden.has(p.namespace)) return this.skip(p, "forbidden");
      const previous = this.where(p);
      if (previous === null) return this.skip(p, "superseded");
      const { tailLines, limitBytes } = this.o.settings;
      let text: string;
      try {
        text = await this.o.fetch({
          namespace: p.namespace,
          pod: p.pod,
          container: p.container,
          previous,
          tailLines,
          limitBytes,
        });
      } catch (err) {
        if (this.closed) return; // the store may be closed already
        return this.failed(p, err as { status?: number; message?: string });
      }
      if (this.closed) return;
      // The container restarted again while the answer was on its way: whose log it is is unsure.
      if (previous && this.where(p) === null) return this.skip(p, "superseded");
      if (Buffer.byteLength(text) > limitBytes)
        text = Buffer.from(text).subarray(-limitBytes).toString("utf8");
      const kept = redactLog(text, this.o.settings.redactions);
      const lines = lineCount(kept);
      this.write(() =>
        this.o.tails.put(
          p,
          kept,
          lines >= tailLines || Buffer.byteLength(text) >= limitBytes,
          this.o.now(),
        ),
      );
      this.captured++;
      this.allowed(p.namespace);
    } finally {
      this.fetching--;
      this.pump();
    }
  }

  private failed(p: Pending, err: { status?: number; message?: string }): void {
    const status = typeof err?.status === "number" ? err.status : 0;
    const message = String(err?.message ?? err).slice(0, 500);
    if (status === 403) {
      const said = this.forbidden.refused(p.namespace, this.o.now(), message);
      if (said === "new") {
        this.log(
          "warn",
          `Lifeline may not read container logs in namespace ${p.namespace} (403 Forbidden): grant "get" on pods/log to keep each run's last lines; runs there say "${WHY.forbidden}" until it is granted (tried again with a run ending there after ${PROBE_FIRST_MS / 60_000} min, then less often, at least hourly)`,
          { namespace: p.namespace, err: message },
        );
        this.dropWhere((q) => q.namespace === p.namespace, "forbidden");
      }
      return this.skip(p, "forbidden");
    }
    // The kubelet's 400 and the pod's 404 come after the API server authorized the request.
    if (status === 400 || status === 404) this.allowed(p.namespace);
    const { why, detail } = whyRefused(status, message);
    this.skip(p, why, detail);
  }

  private skip(p: Pending, why: WhyCode, detail: string | null = null): void {
    if (p.probe) this.forbidden.probeLost(p.namespace);
    p.probe = false;
    this.skipped[why] = (this.skipped[why] ?? 0) + 1;
    this.write(() => this.o.tails.skip(p, why, detail, this.o.now()));
  }

  /** The API server authorized a request in `namespace`: a namespace forbidden before is no more. */
  private allowed(namespace: string): void {
    if (this.forbidden.size && this.forbidden.allowed(namespace))
      this.log("info", `Lifeline may read container logs in namespace ${namespace} again`, {
        namespace,
      });
  }

  private writeFailing = false;

  /** A disk that refuses writes loses the tail (said once until it writes again), not the pipeline. */
  private write(fn: () => void): void {
    try {
      fn();
      this.writeFailing = false;
    } catch (err) {
      if (!this.writeFailing)
        this.log("error", "a captured log could not be written to the history store", { err });
      this.writeFailing = true;
    }
  }
}
