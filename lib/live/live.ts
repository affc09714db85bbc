// The server's one live pipeline: connection → collector → history store → stream hub. Started
// once per process by live() (start.ts), shared by the route handlers through globalThis.
import { join, relative, resolve } from "node:path";
import { DemoCluster, ScaledClock, type DemoClusterOptions } from "../demo-cluster";
import { demoOptionsFrom } from "./demo-options";
import { KubeClient } from "../kube/client";
import { log } from "../log/logger";
import { Collector, type CollectorState } from "../kube/collector";
import {
  kubeConfigFor,
  loadKubeConfig,
  planConnection,
  type ConnectionPlan,
} from "../kube/connection";
import { readClusterIdentity, serverIdentity } from "../kube/identity";
import type { Observation } from "../kube/reflector";
import type { Pod } from "../k8s/types";
import { clusterHistory, dropStaleClusters, rememberedCluster } from "../store/data-dir";
import { HistoryStore } from "../store/history-store";
import { lockDataDir, type DataDirLock } from "../store/lock";
import { enforceRetention, retentionFrom, type RetentionPolicy } from "../store/retention";
import { pendingBoundFrom, storageFailure, WriteQueue } from "../store/write-queue";
import { RowsSnapshot, StreamHub, type Filter } from "../stream/hub";
import { metrics as processMetrics, type Metrics } from "../metrics/metrics";
import { firstRows, rowAt, type PodRow, type RowFilter } from "../rows/pod-row";
import { clusterInfo, nodeAccess, type ClusterInfo, type NodeAccess } from "./cluster-info";
import { historyRows, type HistoryFilter } from "./history-rows";
import { NodeFacts } from "./node-facts";
import { unreachableAfterFrom } from "./reachability";
import { WatchLog } from "./watch-log";
import type { Views } from "./views";
import { keptQueries } from "./kept-views";
import { LiveRows } from "./live-rows";
import { LiveWorkloads } from "./live-workloads";
import { WorkloadStreams } from "./workload-stream";
import { workloadsAnswer, workloadsOmitted } from "../routes/workloads";
import { scopedDenials, workloadAccess, type WorkloadDenial } from "./workload-access";
import { isWorkloadKind } from "../kube/workload-resources";
import type { LogCapture } from "../logs/capture";
import { logCaptureFor } from "../logs/start";
import { logFollowsFor, type LogFollows } from "../logs/follow";

export class Live {
  readonly hub = new StreamHub<PodRow>({
    observedAt: () => this.observing,
    onDeltaSent: (at) => this.metrics.deltaSent(at === undefined ? null : this.now() - at),
    onDropped: () => this.metrics.subscriberDropped(),
  });
  /** When the change being published was observed (the hub keeps it with each delta, for metrics). */
  private observing: number | undefined;
  /** Where this pipeline's metrics go (the process's, unless a test passes its own). */
  private metrics: Metrics = processMetrics();
  /** The cluster's nodes now (Ready, since when, unreachable): each row carries its node's when it is not Ready. */
  readonly nodes = new NodeFacts();
  /** The workloads now (their states), what each owns, and the pods each owns. */
  readonly workloads = new LiveWorkloads((uid) => this.store.workloads.versionsIn(uid));
  /** The workload channel's streams (GET /api/stream?channel=workloads); it feeds `workloads`. */
  readonly workloadStreams = new WorkloadStreams({
    hub: this.hub,
    workloads: this.workloads,
    answer: (q) => workloadsAnswer(this, q),
    omitted: (q) => workloadsOmitted(this, q),
  });
  /** The rows of the pods now (and of those removed lately), and the overview's windowed streams. */
  private readonly podRows = new LiveRows(this.hub, this.nodes, () => this.now());
  get views(): Views {
    return this.podRows.views;
  }
  private ready = false;
  private listedOnce = false;
  private scopesListed = 0;
  private listedUids = new Set<string>();
  private get scopes(): number {
    return this.namespaces?.length || 1;
  }

  private constructor(
    readonly plan: ConnectionPlan,
    readonly store: HistoryStore,
    private readonly collector: Collector,
    private readonly server: string,
    private readonly context: string | null,
    private readonly demo: DemoCluster | null,
    private readonly namespaces: string[] | null,
    /** The clock observations are stamped with (the demo cluster's, when tests drive it). */
    readonly now: () => number,
    private readonly retention: RetentionPolicy,
    private readonly speed = 1,
    bound: { maxItems: number; maxBytes: number } = pendingBoundFrom({}),
    private readonly unreachableAfterMs = unreachableAfterFrom({}),
  ) {
    this.writes = new WriteQueue<Observation>({
      write: (batch) => this.store.observeMany(batch),
      sizeOf: (o) => JSON.stringify(o.object).length,
      ...bound,
      now: this.now,
      log: (line, level) => log[level](line),
      onWrite: (seconds, items) => this.metrics.storeWrite(seconds, items),
    });
  }

  /**
   * Observations on their way to the store: written 50 ms or 500 at a time, kept (bounded) and
   * retried while the disk refuses writes.
   */
  readonly writes: WriteQueue<Observation>;

  static async start(
    env: Record<string, string | undefined> = process.env,
    opts: StartOptions = {},
  ): Promise<Live> {
    const retention = retentionFrom(env);
    const bound = pendingBoundFrom(env);
    const unreachableAfterMs = unreachableAfterFrom(env);
    const plan = planConnection(env);
    // One writer per data folder: refused here, before anything starts or writes.
    const dataDir = resolve(env.LIFELINE_DATA_DIR || "data");
    const lock = lockDataDir(dataDir);
    let demo: DemoCluster | null = null;
    let store: HistoryStore | null = null;
    try {
      let kc;
      let speed = 1;
      if (plan.mode === "demo") {
        const fromEnv = demoOptionsFrom(env);
        speed = fromEnv.clock instanceof ScaledClock ? fromEnv.clock.speed : 1;
        opts = { ...opts, demo: { ...fromEnv, ...opts.demo } };
        demo = await DemoCluster.start(opts.demo ?? {});
        kc = kubeConfigFor(demo.url);
      } else kc = loadKubeConfig(plan);
      const client = new KubeClient(kc);
      const now = opts.now ?? (opts.demo?.clock ? () => opts.demo!.clock!.now() : Date.now);
      const context = plan.mode === "demo" ? "lifeline-demo" : kc.getCurrentContext() || null;
      // One history per cluster: a data folder that meets another cluster keeps the first one's apart.
      const read = await readClusterIdentity(client, client.server, context);
      const identity =
        read ??
        rememberedCluster(dataDir, client.server, context) ??
        serverIdentity(client.server, context);
      const history = clusterHistory(dataDir, identity);
      if (history.adopted)
        log.info(
          { from: join(dataDir, "history.db"), file: history.file, cluster: identity.id },
          `the history an earlier version kept is now cluster ${identity.id}'s`,
        );
      if (!read)
        log.warn(
          { cluster: identity.id, server: client.server },
          `the cluster's identity cannot be read now; keeping to the history of cluster ${identity.id}, last opened through ${client.server}`,
        );
      for (const id of dropStaleClusters(dataDir, identity.id, retention.maxAgeMs))
        log.info(
          { cluster: id },
          `dropped the history of cluster ${id}, not opened for longer than LIFELINE_RETENTION`,
        );
      store = new HistoryStore(history.file);
      const namespaces = (env.LIFELINE_NAMESPACES ?? "")
        .split(",")
        .map((n) => n.trim())
        .filter(Boolean);
      // The callbacks run only once the collector has started, after `live` exists.
      const collector = new Collector({
        client,
        namespaces: namespaces.length ? namespaces : null,
        now,
        onObservation: (o) => live.observe(o),
        // Pod versions that repeat the one before (lib/kube/unchanged.ts): the history only.
        onUnchanged: (o) => live.writes.push(o),
        onState: (s) => live.onState(s),
        onPodsListed: (uids) => live.onPodsListed(uids),
        onWorkloadsListed: (kind, ns, uids) => live.onWorkloadsListed(kind, ns, uids),
        onActivity: (kind, path, a) => live.metrics.watchActivity(kind, path, a, now()),
        sleep: opts.sleep,
      });
      const live: Live = new Live(
        plan,
        store,
        collector,
        client.server,
        context,
        demo,
        namespaces.length ? namespaces : null,
        now,
        retention,
        speed,
        bound,
        unreachableAfterMs,
      );
      live.dataLock = lock;
      live.logs = logCaptureFor(env, client, store, now);
      live.follows = logFollowsFor(env, client, namespaces.length ? namespaces : null);
      live.cluster = {
        cluster: identity.id,
        identifiedBy: identity.source,
        verified: !!read,
        file: relative(dataDir, history.file),
      };
      if (opts.metrics) live.metrics = opts.metrics;
      log.info(
        {
          server: client.server,
          ...(demo ? { kubeconfig: demo.kubeconfigPath } : {}),
          cluster: identity.id,
          file: history.file,
        },
        `${plan.reason}; API at ${client.server}; history of cluster ${identity.id}`,
      );
      await collector.start();
      // Read at each scrape: /api/cluster's facts, the clock, the store's size.
      live.detachMetrics = live.metrics.attach(live);
      live.retentionTimer = setInterval(
        () => live.enforceRetention(),
        opts.retentionEveryMs ?? 10 * 60_000,
      );
      live.retentionTimer.unref?.();
      return live;
    } catch (err) {
      store?.close();
      await demo?.stop().catch(() => {});
      lock.release();
      throw err;
    }
  }

  private detachMetrics = () => {};
  /** Captures the end of each run's log (lib/logs); null when LIFELINE_LOGS=off. */
  logs: LogCapture | null = null;
  /** Live tails on demand (lib/logs/follow.ts); null when LIFELINE_LOGS=off. */
  follows: LogFollows | null = null;

  /** This process's hold on the data folder, and the cluster whose history it writes. */
  private dataLock: DataDirLock | null = null;
  private cluster: NonNullable<ClusterInfo["history"]> | null = null;

  private retentionTimer: NodeJS.Timeout | null = null;

  /** Applies LIFELINE_RETENTION and LIFELINE_RETENTION_SIZE now (also every 10 minutes in the background). */
  enforceRetention(): ReturnType<typeof enforceRetention> | null {
    try {
      this.flush();
      const r = enforceRetention(this.store, this.retention, this.now());
      if (r.pods || r.events || r.workloads)
        log.info(
          { pods: r.pods, events: r.events, workloads: r.workloads, usedBytes: r.usedBytes },
          `retention dropped ${r.pods} ended pod(s), ${r.events} event(s) and ${r.workloads} deleted workload(s); the store uses ${(r.usedBytes / 1048576).toFixed(1)} MiB`,
        );
      return r;
    } catch (err) {
      log.error({ err }, "retention could not run");
      return null;
    }
  }

  /** stop() was called: requests get a 503 instead of a pipeline that no longer runs. */
  stopped = false;

  async stop(): Promise<void> {
    this.stopped = true;
    this.follows?.close();
    this.detachMetrics();
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    await this.collector.stop();
    this.flush(true);
    this.logs?.close();
    this.writes.close();
    const lost = this.writes.state().pending;
    if (lost)
      log.error(
        { lost },
        `stopping with ${lost} observation(s) the disk did not take; they are lost`,
      );
    this.workloadStreams.close();
    this.hub.close();
    this.podRows.close();
    this.store.close();
    this.dataLock?.release();
    await this.demo?.stop();
  }

  /**
   * The pipeline's state (cluster-info.ts). With a `scope` (a viewer's namespaces) it tells nothing
   * about the rest of the cluster nor the server's files or addresses.
   */
  info(scope: readonly string[] | null = null): ClusterInfo {
    return clusterInfo(
      {
        plan: this.plan,
        server: this.server,
        context: this.context,
        ready: this.ready,
        now: this.now(),
        speed: this.speed,
        unreachableAfterMs: this.unreachableAfterMs,
        connection: this.collector.state(),
        writes: this.writes.state(),
        rows: this.podRows.current.values(),
        pods: this.podRows.current.size,
        streams: this.hub.size,
        history: this.cluster,
        namespaces: this.namespaces,
        logs: this.logs?.state(scope) ?? null,
      },
      scope,
    );
  }

  /** Whether the nodes are visible, or forbidden (a namespaced install): GET /api/nodes says it with its answer. */
  nodeAccess(): NodeAccess {
    return nodeAccess(this.collector.state());
  }

  /** The workload kinds not listed (forbidden, not served): all, or those a `scope`'s namespaces miss. */
  workloadAccess(scope: readonly string[] | null = null): WorkloadDenial[] {
    const all = workloadAccess(this.collector.state());
    return scope ? scopedDenials(all, scope) : all;
  }

  /** The cluster's pods have been listed once (what `info().ready` says, without building the rest). */
  get synced(): boolean {
    return this.ready;
  }

  /**
   * What `/api/readyz` answers: ready to serve the history and the banner. True once the first sync
   * is done, and stays true whatever the cluster does afterwards (an outage is what the UI must be
   * there to explain); before that, true as soon as the first sync has failed (a watch retrying),
   * so a Lifeline (re)started during an outage serves its history too. False only while the first
   * sync is under way.
   */
  get servesHistory(): boolean {
    return this.ready || this.collector.state().reflectors.some((r) => r.phase === "retrying");
  }

  /**
   * Current pods matching `filter`, as stored: no copies, in no order, their AGE and RESTARTS texts
   * as of their last change (rowAt brings them to a moment). For a caller that keeps a few of many.
   */
  storedRows(filter: Filter & RowFilter = {}): PodRow[] {
    return this.podRows.stored(filter);
  }

  /** Current pods as rows matching `filter` (the stream's own filter rule, plus row filters), by namespace and name. */
  rows(filter: Filter & RowFilter = {}, now = this.now()): PodRow[] {
    return firstRows(this.storedRows(filter), now).rows;
  }

  /**
   * The stream's first frame for `filter`: the rows as they are now, serialised a slice at a time
   * by the hub. Unsorted (the pages sort what they show, ties by namespace and name): sorting
   * 150,000 rows here would hold the event loop again.
   */
  snapshot(filter: Filter & RowFilter = {}, now = this.now()): RowsSnapshot<PodRow> {
    return new RowsSnapshot(this.storedRows(filter), (r) => rowAt(r, now));
  }

  private since: { at: number; value: number | null } | null = null;

  /** When Lifeline's history starts (read from the store at most once a minute), or null while it is empty. */
  observedSince(): number | null {
    const now = this.now();
    if (!this.since || this.since.value === null || now - this.since.at > 60_000) {
      this.flush();
      this.since = { at: now, value: this.store.firstSeen() };
    }
    return this.since.value;
  }

  /** Pods the store knows that were alive at some point in [from, to] (deleted ones included), newest first. */
  history(filter: HistoryFilter, now = this.now()): { rows: PodRow[]; truncated: boolean } {
    this.flush();
    return historyRows(this.store, this.nodes, filter, now);
  }

  /**
   * Writes what has queued up (reads call it first, to read what was observed). While the disk
   * refuses writes it waits for the next retry, unless `retryNow`.
   */
  flush(retryNow = false): void {
    this.writes.flush({ retry: retryNow });
  }

  private observe(o: Observation): void {
    this.observing = o.observedAt;
    // Stored in batches (every 50 ms or 500 observations); streamed at once.
    this.writes.push(o);
    if (o.kind === "Node") {
      const name = this.nodes.observe(o);
      if (name) this.podRows.nodeChanged(name);
      return;
    }
    if (isWorkloadKind(o.kind)) return this.workloadStreams.observe(o);
    if (o.kind !== "Pod") return;
    this.podRows.observePod(o);
    this.workloadStreams.observePod(o.type, o.object as Pod);
    this.logs?.observe(o.type, o.object as Pod);
  }

  private onPodsListed(uids: string[]): void {
    if (this.listedOnce) return;
    for (const uid of uids) this.listedUids.add(uid);
    if (++this.scopesListed < this.scopes) return;
    this.listedOnce = true;
    const alive = this.listedUids;
    this.listedUids = new Set();
    // Pods the store still had open but the cluster no longer lists went away while we were down.
    let closed: string[] = [];
    try {
      this.flush();
      closed = this.store.closeVanished(alive, this.now(), this.namespaces);
    } catch (err) {
      // A disk that refuses writes: those pods stay open until the next start's relist closes them.
      if (!storageFailure(err)) throw err;
      log.error(
        `pods that went away while Lifeline was not running could not be closed: ${storageFailure(err)!.sentence}`,
      );
    }
    this.enforceRetention();
    if (closed.length)
      log.info(
        { closed: closed.length },
        `${closed.length} pod(s) went away while Lifeline was not running; their timelines are closed`,
      );
  }

  /** After each list of a workload kind: those the store has open but the cluster no longer lists went away meanwhile. */
  private onWorkloadsListed(kind: string, namespace: string | null, uids: string[]): void {
    try {
      this.flush();
      this.store.workloads.closeVanished(kind, namespace, new Set(uids), this.now());
    } catch (err) {
      // A disk that refuses writes: they stay open until the next list closes them.
      if (!storageFailure(err)) throw err;
    }
  }

  /** Says in the log when a watch fails, recovers, the cluster is unreachable, nodes forbidden. */
  private watchLog?: WatchLog;

  private onState(s: CollectorState): void {
    if (s.phase === "connected" && !this.ready) {
      this.ready = true;
      // The queries most pages open are held from now on (their first screen needs no sort then).
      for (const q of keptQueries()) this.views.keep(q);
    }
    (this.watchLog ??= new WatchLog(this.now, this.unreachableAfterMs)).onState(s);
  }
}

export interface StartOptions {
  /** Options for the embedded demo cluster, when the plan picks it. */
  demo?: DemoClusterOptions;
  /** Clock for observation times (default the demo cluster's clock, else the wall clock). */
  now?: () => number;
  retentionEveryMs?: number;
  /** The watches' wait between retries (tests pass a short one; default the wall clock's back-off). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Where the metrics go (default the process's: lib/metrics/metrics.ts). */
  metrics?: Metrics;
}
