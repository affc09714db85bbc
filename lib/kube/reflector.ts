// List, then watch, one resource path for as long as it runs: re-watch from the last version when a
// watch ends, relist on 410 Gone and on "Too large resource version" (a cluster started afresh
// behind the same address) and reconcile (what vanished meanwhile is reported DELETED, so no
// timeline stays open forever), back off (capped, exponential) on errors, and say how it is doing.
import type { Observation as K8sObservation, WatchEventType } from "../k8s/types";
import { log } from "../log/logger";
import type { KubeClient, WatchEvent } from "./client";
import {
  isTooLargeError,
  isTooLargeResourceVersion,
  KubeError,
  type StatusLike,
} from "./kube-error";

export type WatchType = WatchEventType;

/** Any object the reflector lists and watches, read loosely (it checks only its metadata). */
export type Watched = Record<string, unknown> & {
  metadata?: { uid?: string; name?: string; namespace?: string; resourceVersion?: string };
};

/** What the reflector delivers: lib/k8s's one Observation, of any object, with its kind. */
export type Observation = K8sObservation<Watched> & { kind: string };

export interface ReflectorState {
  path: string;
  /**
   * "forbidden": an optional resource (nodes) the credentials may not read (403); asked again every
   * few minutes, so a role bound later is picked up, and not a connection problem.
   */
  phase: "syncing" | "connected" | "retrying" | "forbidden" | "stopped";
  /** Epoch ms of the last phase change. */
  since: number;
  lastError: string | null;
  /** Status of the last failure (401 and 403 need a person, not a retry loop's patience). */
  lastStatus: number | null;
  lists: number;
  watches: number;
  /** The version the reflector is caught up to (from the last list, event or bookmark). */
  resourceVersion: string;
  /**
   * How the whole state is fetched: "watch-list" (a watch with sendInitialEvents, as client-go's
   * WatchListClient) until the server shows it does not serve it, then "list" (page by page) for good.
   */
  initialState?: "watch-list" | "list";
}

/** Why a watch (or a list) was started again: a small fixed set, for metrics. */
export type RestartReason =
  /** The server ended the watch normally (its timeout). */
  | "ended"
  /** 410 Gone: the version was compacted away; relist. */
  | "expired"
  /** The server has not reached our version (a cluster met afresh); relist. */
  | "too_large_resource_version"
  /** The connection was cut. */
  | "connection_lost"
  /** 403 on a resource Lifeline can do without (nodes): asked again every few minutes. */
  | "forbidden"
  /** Any other failure: retried after a back-off. */
  | "error";

/** What the reflector does, told as it happens (lib/metrics counts it). `type` is the server's word, unchecked. */
export type ReflectorActivity =
  | { what: "event"; type: string }
  | { what: "listed"; lists: number }
  | { what: "restart"; reason: RestartReason };

export interface ReflectorOptions {
  client: KubeClient;
  path: string;
  kind: string;
  now: () => number;
  onObservation(o: Observation): void;
  /** On each phase change, and on each failed attempt while retrying. */
  onState?(state: ReflectorState): void;
  /** After every (re)list, with the uids of the objects the cluster listed: for reconciling stored history. */
  onListed?(uids: string[]): void;
  /** Each watch event received, each list done, each restart and why (for metrics). */
  onActivity?(a: ReflectorActivity): void;
  /** Waits between retries; injectable so tests need not sleep. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** Lifeline works without this resource (nodes): a 403 is the "forbidden" state, not a retry loop. */
  optional?: boolean;
  /** How often an optional resource that was forbidden is asked for again (default 5 minutes). */
  forbiddenRecheckMs?: number;
  /** Server-side watch timeout; the watch is simply reopened when it ends. */
  watchTimeoutSeconds?: number;
  pageSize?: number;
  /**
   * Fetch the whole state as a watch-list (default) or as a paged list. A server that does not serve
   * watch-lists is met with one attempt, and listed page by page from then on.
   */
  initialState?: "watch-list" | "list";
  /**
   * What to remember of each object between versions (default: all of it). The reflector needs
   * only the key and resourceVersion; objects it reports DELETED after a relist are what it kept.
   */
  retain?: (item: Item) => Item;
}

/** Keeps the identity of an object and nothing else: a tombstone to report it DELETED with. */
export function tombstone(item: Item): Item {
  const m = item.metadata ?? {};
  return {
    metadata: {
      uid: m.uid,
      name: m.name,
      namespace: m.namespace,
      resourceVersion: m.resourceVersion,
    },
  };
}

type Item = Observation["object"];

export class Reflector {
  private readonly known = new Map<string, Item>();
  private resourceVersion = "";
  private readonly abort = new AbortController();
  private running: Promise<void> | null = null;
  /** Why the watch said to relist (an ERROR event), if it did. */
  private gone: "expired" | "too_large_resource_version" | false = false;
  /** While a watch-list streams the initial state: what it has listed so far. */
  private initial: { seen: Set<string>; uids: string[] } | null = null;
  /** Set when the server answered a watch-list as a plain watch: that watch is cut and we list. */
  private ignored: AbortController | null = null;
  readonly state: ReflectorState;

  constructor(private readonly opts: ReflectorOptions) {
    this.state = {
      path: opts.path,
      phase: "syncing",
      since: opts.now(),
      lastError: null,
      lastStatus: null,
      lists: 0,
      watches: 0,
      resourceVersion: "",
      initialState: opts.initialState ?? "watch-list",
    };
  }

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
    this.setPhase("stopped");
  }

  /** Objects as last seen, by uid. */
  items(): Item[] {
    return [...this.known.values()];
  }

  private async loop(): Promise<void> {
    let failures = 0;
    let quietCut = false;
    // The watch was lost (cut, or the server unreachable): the server met next may be another one.
    let lost = false;
    // A watch-list just failed with an answer from the server: the next attempt is a paged list.
    let listOnce = false;
    while (!this.abort.signal.aborted) {
      let before = Infinity;
      let streamed = false;
      try {
        if (!this.resourceVersion) {
          // A retry stays "retrying" (a re-check "forbidden") until it gets through; only a healthy
          // relist reads "syncing".
          if (this.state.phase !== "retrying" && this.state.phase !== "forbidden")
            this.setPhase("syncing");
          streamed = this.state.initialState === "watch-list" && !listOnce;
          if (!streamed) await this.relist();
        } else if (lost) {
          // Before resuming, ask whether the server has reached our version: a cluster started
          // afresh (a kind cluster recreated, etcd restored, the demo restarted without its state)
          // counts again from 1, and kube-apiserver's watch cache would take a watch from a version
          // it has not reached and wait for it silently while the old pods stay open. A one-item
          // list "not older than" it answers 504 "Too large resource version" instead (etcd3
          // store validateMinimumResourceVersion), and we relist, as client-go's reflector does.
          await this.opts.client.get(
            this.opts.path,
            {
              limit: "1",
              resourceVersion: this.resourceVersion,
              resourceVersionMatch: "NotOlderThan",
            },
            "list",
            this.abort.signal,
          );
        }
        lost = false;
        listOnce = false;
        // A watch-list is connected (and the failures forgotten) once its initial events are in.
        if (!streamed) this.setPhase("connected");
        if (!streamed) failures = 0;
        this.gone = false;
        this.state.watches++;
        before = this.received;
        if (streamed) this.initial = { seen: new Set(), uids: [] };
        const watching = await this.watchOnce(streamed);
        if (watching === "ignored") continue;
        if (this.state.phase === "connected") failures = 0;
        if (this.gone) this.resourceVersion = "";
        quietCut = false;
        if (!this.abort.signal.aborted)
          this.opts.onActivity?.({ what: "restart", reason: this.gone || "ended" });
      } catch (err) {
        if (this.abort.signal.aborted) break;
        const streaming = this.initial !== null;
        this.initial = null;
        if (streaming && watchListRefused(err)) {
          // 422 Invalid or 400 BadRequest: a server before 1.27, or with the WatchList feature off.
          this.listFromNowOn(err instanceof KubeError ? err.sentence() : String(err));
          continue;
        }
        if (streaming && err instanceof KubeError && err.status > 0 && !listOnce) {
          // Any other answer (403, 500…): list this once, as client-go falls back to its paged
          // list after a failed watch-list; if the list fails too, that failure is the one told.
          listOnce = true;
          continue;
        }
        listOnce = false;
        lost = true;
        this.opts.onActivity?.({ what: "restart", reason: restartReason(err) });
        if (isTooLargeError(err)) {
          // Our version is ahead of the server's: relist from scratch (client-go sets
          // isLastSyncResourceVersionUnavailable and lists with resourceVersion="").
          this.resourceVersion = "";
          continue;
        }
        const status = err instanceof KubeError ? err.status : 0;
        // A watch that was open and got cut (a load balancer's idle timeout, an apiserver going
        // away) is resumed at once; only a second cut with nothing received in between backs off.
        if (err instanceof KubeError && err.reason === "ConnectionLost") {
          const progressed = this.received > before;
          if (progressed || !quietCut) {
            quietCut = !progressed;
            continue;
          }
        }
        if (status === 410) {
          this.resourceVersion = "";
          continue;
        }
        this.state.lastError =
          err instanceof KubeError ? err.sentence() : String((err as Error)?.message ?? err);
        this.state.lastStatus = status || null;
        if (status === 403 && this.opts.optional) {
          // Not granted (a namespaced install has no nodes): said once, asked again now and then.
          failures = 0;
          this.setPhase("forbidden");
          await (this.opts.sleep ?? sleep)(
            this.opts.forbiddenRecheckMs ?? 5 * 60_000,
            this.abort.signal,
          );
          continue;
        }
        failures++;
        // Told on every failed attempt, not only the first (lib/live/watch-log.ts counts them).
        this.setPhase("retrying", true);
        const initial = this.opts.initialBackoffMs ?? 500;
        const delay = Math.min(
          this.opts.maxBackoffMs ?? 30_000,
          initial * 2 ** Math.min(failures - 1, 16),
        );
        await (this.opts.sleep ?? sleep)(delay, this.abort.signal);
      }
    }
  }

  /**
   * One watch: from the version reached, or (`streamed`) a watch-list from nothing, whose initial
   * events end with a bookmark annotated `k8s.io/initial-events-end` (client-go reflector.go
   * watchList). "ignored" when the server answered the watch-list as a plain watch.
   */
  private async watchOnce(streamed: boolean): Promise<"ended" | "ignored"> {
    const query: Record<string, string> = streamed
      ? {
          resourceVersion: "",
          resourceVersionMatch: "NotOlderThan",
          sendInitialEvents: "true",
          allowWatchBookmarks: "true",
          timeoutSeconds: String(this.opts.watchTimeoutSeconds ?? 300),
        }
      : {
          resourceVersion: this.resourceVersion,
          allowWatchBookmarks: "true",
          timeoutSeconds: String(this.opts.watchTimeoutSeconds ?? 300),
        };
    const cut = new AbortController();
    const stop = () => cut.abort();
    this.abort.signal.addEventListener("abort", stop, { once: true });
    this.ignored = streamed ? cut : null;
    try {
      await this.opts.client.watch(this.opts.path, query, (e) => this.handle(e), cut.signal);
    } catch (err) {
      if (!cut.signal.aborted || this.abort.signal.aborted) throw err;
    } finally {
      this.abort.signal.removeEventListener("abort", stop);
      this.ignored = null;
    }
    const unfinished = this.initial !== null;
    this.initial = null;
    // Cut by us (a change before the end marker), or ended without the marker (a server that does not
    // know sendInitialEvents serves a plain watch: the objects, and then changes): list instead.
    if (unfinished && !this.gone && !this.abort.signal.aborted) {
      this.listFromNowOn("the API server answered a watch-list as a plain watch");
      return "ignored";
    }
    return "ended";
  }

  /** The server does not serve watch-lists: list page by page from now on. */
  private listFromNowOn(why: string): void {
    this.state.initialState = "list";
    this.resourceVersion = "";
    log.info(
      { path: this.opts.path, reason: why },
      "the API server does not serve watch-lists (sendInitialEvents): listing page by page",
    );
  }

  /** One initial event of a watch-list: what a page's item is to a relist. */
  private initialEvent(e: WatchEvent): void {
    const initial = this.initial!;
    const annotations = (e.object.metadata as { annotations?: Record<string, string> })
      ?.annotations;
    if (e.type === "BOOKMARK" && annotations?.["k8s.io/initial-events-end"] === "true") {
      this.initial = null;
      this.synced(initial.seen, initial.uids, e.object.metadata?.resourceVersion ?? "");
      this.setPhase("connected");
      return;
    }
    if (e.type !== "ADDED") {
      // Only ADDED events come before the end marker; anything else is a plain watch's.
      this.ignored?.abort();
      return;
    }
    const item = e.object as Item;
    const key = keyOf(item);
    initial.seen.add(key);
    if (item.metadata?.uid) initial.uids.push(item.metadata.uid);
    const before = this.known.get(key);
    if (before && before.metadata?.resourceVersion === item.metadata?.resourceVersion) return;
    this.apply(before ? "MODIFIED" : "ADDED", item, this.opts.now());
  }

  private async relist(): Promise<void> {
    // Page by page: each page is reported and dropped before the next is fetched, so a list of
    // 150,000 pods never sits in memory whole.
    const seen = new Set<string>();
    const uids: string[] = [];
    let token = "";
    let version = "";
    do {
      const query: Record<string, string> = { limit: String(this.opts.pageSize ?? 500) };
      if (token) query.continue = token;
      const page = await this.opts.client.get<{
        metadata?: { resourceVersion?: string; continue?: string };
        items?: Item[];
      }>(this.opts.path, query, "list", this.abort.signal);
      const now = this.opts.now();
      for (const item of page.items ?? []) {
        if (!item || typeof item !== "object") continue;
        const key = keyOf(item);
        seen.add(key);
        if (item.metadata?.uid) uids.push(item.metadata.uid);
        const before = this.known.get(key);
        if (before && before.metadata?.resourceVersion === item.metadata?.resourceVersion) continue;
        this.apply(before ? "MODIFIED" : "ADDED", item, now);
      }
      token = page.metadata?.continue ?? "";
      version ||= page.metadata?.resourceVersion ?? "";
    } while (token);
    this.synced(seen, uids, version);
  }

  /** The whole state is in (a list, or a watch-list's initial events): close what is gone. */
  private synced(seen: Set<string>, uids: string[], version: string): void {
    this.state.lists++;
    this.opts.onActivity?.({ what: "listed", lists: this.state.lists });
    // Gone while we were not watching: close them now, with what was kept of them.
    const now = this.opts.now();
    for (const [key, last] of [...this.known]) if (!seen.has(key)) this.apply("DELETED", last, now);
    this.resourceVersion = this.state.resourceVersion = version;
    this.opts.onListed?.(uids);
  }

  /** Watch events received (for telling a productive watch from one cut before it said anything). */
  private received = 0;

  private handle(e: WatchEvent): void {
    if (!e || typeof e !== "object" || !e.object || typeof e.object !== "object") return;
    this.received++;
    this.opts.onActivity?.({ what: "event", type: String(e.type) });
    if (e.type === "ERROR") {
      // 410 Gone (compacted), or "Too large resource version" (not reached yet): both relist.
      if ((e.object as { code?: number }).code === 410) this.gone = "expired";
      else if (isTooLargeResourceVersion(e.object as StatusLike))
        this.gone = "too_large_resource_version";
      return;
    }
    if (this.initial) return this.initialEvent(e);
    const rv = e.object.metadata?.resourceVersion;
    if (e.type === "BOOKMARK") {
      if (rv) this.resourceVersion = this.state.resourceVersion = rv;
      return;
    }
    if (e.type !== "ADDED" && e.type !== "MODIFIED" && e.type !== "DELETED") return;
    this.apply(e.type, e.object as Item, this.opts.now());
    if (rv) this.resourceVersion = this.state.resourceVersion = rv;
  }

  private apply(type: WatchType, object: Item, observedAt: number): void {
    const key = keyOf(object);
    if (type === "DELETED") this.known.delete(key);
    else this.known.set(key, this.opts.retain ? this.opts.retain(object) : object);
    this.opts.onObservation({
      kind: this.opts.kind,
      type,
      object: { ...object, kind: this.opts.kind },
      observedAt,
    });
  }

  /** `again`: tell onState even when the phase stays (another failed attempt while retrying). */
  private setPhase(phase: ReflectorState["phase"], again = false): void {
    if (this.state.phase === phase) {
      if (again) this.opts.onState?.({ ...this.state });
      return;
    }
    this.state.phase = phase;
    this.state.since = this.opts.now();
    if (phase === "connected") {
      this.state.lastError = null;
      this.state.lastStatus = null;
    }
    this.opts.onState?.({ ...this.state });
  }
}

/** How a server that does not serve watch-lists refuses one (its validation of the list options). */
function watchListRefused(err: unknown): boolean {
  return err instanceof KubeError && (err.status === 422 || err.status === 400);
}

/** Why a failed list or watch will be started again. */
function restartReason(err: unknown): RestartReason {
  if (isTooLargeError(err)) return "too_large_resource_version";
  if (!(err instanceof KubeError)) return "error";
  if (err.reason === "ConnectionLost") return "connection_lost";
  if (err.status === 410) return "expired";
  return err.status === 403 ? "forbidden" : "error";
}

function keyOf(o: Item): string {
  const m = o.metadata ?? {};
  return m.uid || `${m.namespace ?? ""}/${m.name ?? ""}`;
}

/** The default wait between retries: `ms`, or less if `signal` aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    // The listener goes when the wait ends either way: one per back-off would pile up on the
    // reflector's signal for as long as the cluster stays away.
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
