// List, then watch, one resource path for as long as it runs: re-watch from the last version when a
// watch ends, relist on 410 Gone and on "Too large resource version" (a cluster started afresh
// behind the same address) and reconcile (what vanished meanwhile is reported DELETED, so no
// timeline stays open forever), back off (capped, exponential) on errors, and say how it is doing.
import { log } from "../log/logger";
import type { LineReader, WatchEvent } from "./client";
import {
  isTooLargeError,
  isTooLargeResourceVersion,
  KubeError,
  type StatusLike,
} from "./kube-error";
import type {
  Item,
  ReflectorOptions,
  ReflectorState,
  RestartReason,
  WatchType,
} from "./reflector-types";
import { UnchangedVersions } from "./unchanged";
import type { LineFacts } from "./watch-line";
import { traceWatchEvent } from "./watch-trace";

export type {
  Observation,
  ReflectorActivity,
  ReflectorOptions,
  ReflectorState,
  RestartReason,
  Watched,
  WatchType,
} from "./reflector-types";

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
  /** With onUnchanged: each object's last version as its watch line's fingerprint. */
  private readonly unchanged: UnchangedVersions | null;
  private readonly readLine: LineReader | undefined;
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
    this.unchanged = opts.onUnchanged ? new UnchangedVersions() : null;
    this.readLine = this.unchanged?.reader((facts) => this.skip(facts));
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
        if ((status === 403 || status === 404) && this.opts.optional) {
          // Not granted (a namespaced install has no nodes), or not served (a cluster without the
          // resource's API): said once, asked again now and then.
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
      await this.opts.client.watch(
        this.opts.path,
        query,
        (e) => this.handle(e),
        cut.signal,
        this.readLine,
      );
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
  private initialEvent(e: WatchEvent, facts: LineFacts | null): void {
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
    this.apply(before ? "MODIFIED" : "ADDED", item, this.opts.now(), facts);
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
    const facts = this.unchanged?.take(e) ?? null;
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
    if (this.initial) return this.initialEvent(e, facts);
    const rv = e.object.metadata?.resourceVersion;
    if (e.type === "BOOKMARK") {
      if (rv) this.resourceVersion = this.state.resourceVersion = rv;
      return;
    }
    if (e.type !== "ADDED" && e.type !== "MODIFIED" && e.type !== "DELETED") return;
    this.apply(e.type, e.object as Item, this.opts.now(), facts);
    if (rv) this.resourceVersion = this.state.resourceVersion = rv;
  }

  /**
   * A MODIFIED line that repeats its pod's last version (lib/kube/unchanged.ts): told to
   * onUnchanged instead of parsed, and the version reached moves on. False (parse it) while a
   * watch-list's initial events stream, or when the pod is not known.
   */
  private skip(facts: LineFacts): boolean {
    const before = this.known.get(facts.uid);
    const previous = before?.metadata?.resourceVersion;
    if (this.initial || !before || !previous) return false;
    this.received++;
    this.opts.onActivity?.({ what: "event", type: "MODIFIED" });
    traceWatchEvent(this.opts.path, facts.resourceVersion);
    const now = {
      ...before,
      metadata: { ...before.metadata, resourceVersion: facts.resourceVersion },
    };
    this.known.set(facts.uid, now);
    this.resourceVersion = this.state.resourceVersion = facts.resourceVersion;
    this.opts.onUnchanged!({
      kind: this.opts.kind,
      type: "MODIFIED",
      object: { ...tombstone(now), kind: this.opts.kind },
      observedAt: this.opts.now(),
      unchanged: { previous },
    });
    return true;
  }

  /** `facts`: the watch line the object came in, when it did (a list's items have none). */
  private apply(
    type: WatchType,
    object: Item,
    observedAt: number,
    facts: LineFacts | null = null,
  ): void {
    const key = keyOf(object);
    if (type === "DELETED") this.known.delete(key);
    else this.known.set(key, this.opts.retain ? this.opts.retain(object) : object);
    this.unchanged?.delivered(key, type, facts);
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
