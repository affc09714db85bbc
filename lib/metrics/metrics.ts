// The process's Prometheus metrics (docs/metrics.md): a prom-client Registry of its own with every
// lifeline_ metric and Node's process metrics. Counters and histograms move when the pipeline tells
// them (watchActivity, storeWrite, deltaSent); gauges are read from the running pipeline at each
// scrape (attach). Labels are fixed words only, never cluster text: a resource is pods, events,
// nodes or a workload kind's plural, a kind one of the workload kinds, never a path, a namespace or a name.
import { statSync } from "node:fs";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { logMetrics } from "./log-metrics";
import { WORKLOAD_KINDS } from "../workloads/workload-state";
import type { ReflectorActivity, RestartReason } from "../kube/reflector";
import type { ClusterInfo } from "../live/cluster-info";

/** The resources Lifeline watches, as labels; anything else reads "other". */
export const RESOURCES = [
  "pods",
  "events",
  "nodes",
  "deployments",
  "replicasets",
  "statefulsets",
  "daemonsets",
  "controllerrevisions",
  "jobs",
  "cronjobs",
] as const;
export type Resource = (typeof RESOURCES)[number] | "other";
const EVENT_TYPES = ["ADDED", "MODIFIED", "DELETED", "BOOKMARK", "ERROR"] as const;
const PHASES = ["syncing", "connected", "retrying", "forbidden", "stopped"] as const;
const FAILURES = ["full", "read-only", "io", "other"] as const;
export const RESTART_REASONS: readonly RestartReason[] = [
  "ended",
  "expired",
  "too_large_resource_version",
  "connection_lost",
  "forbidden",
  "error",
];

const TOTAL_GAUGES = [
  "nodejs_active_handles_total",
  "nodejs_active_requests_total",
  "nodejs_active_resources_total",
];

/** The resource label of a reflector's kind ("Pod") or path ("/api/v1/namespaces/x/pods"). */
export function resourceOf(kindOrPath: string): Resource {
  const word = kindOrPath.startsWith("/")
    ? kindOrPath.slice(kindOrPath.lastIndexOf("/") + 1)
    : `${kindOrPath.toLowerCase()}s`;
  return (RESOURCES as readonly string[]).includes(word) ? (word as Resource) : "other";
}

/** What the running pipeline tells at a scrape (lib/live/live.ts attaches it). */
export interface MetricsSource {
  info(): ClusterInfo;
  /** The pipeline's clock (epoch ms): ages are measured on it. */
  now(): number;
  /** The history: its file (whose size is read at the scrape, with its WAL's) and the bytes its pages in use hold. */
  readonly store: { readonly file: string; usedBytes(): number };
  /** The workloads kept in memory now, by kind (lib/live/live-workloads.ts). */
  readonly workloads?: { counts(): Record<string, number> };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** A registry with every Lifeline metric; the process uses one (metrics()), tests make their own. */
export function createMetrics(opts: { defaults?: boolean } = {}) {
  const registry = new Registry();
  if (opts.defaults !== false) {
    collectDefaultMetrics({ register: registry });
    // Gauges named like counters, which `promtool check metrics` refuses; each is the sum of its
    // by-type gauge (nodejs_active_handles{type} …), which stays.
    for (const name of TOTAL_GAUGES) registry.removeSingleMetric(name);
  }
  const registers = [registry];
  let source: MetricsSource | null = null;
  /** When each watched path last heard from the API server, on the pipeline's clock. */
  const lastSync = new Map<string, number>();
  let attachedAt = 0;
  const read = <T>(f: (s: MetricsSource) => T): T | null => {
    if (!source) return null;
    try {
      return f(source);
    } catch {
      return null; // a pipeline stopping meanwhile: its gauges are left out of this scrape
    }
  };

  const watchEvents = new Counter({
    name: "lifeline_watch_events_total",
    help: "Watch events received from the API server, by resource and event type.",
    labelNames: ["resource", "type"],
    registers,
  });
  const relists = new Counter({
    name: "lifeline_watch_relists_total",
    help: "Lists after a watched path's first one (410 Gone, a too large resource version, a cluster met afresh).",
    labelNames: ["resource"],
    registers,
  });
  const restarts = new Counter({
    name: "lifeline_watch_restarts_total",
    help: "Watches (or lists) that ended and were started again, by resource and why.",
    labelNames: ["resource", "reason"],
    registers,
  });
  new Gauge({
    name: "lifeline_watch_reflectors",
    help: "Watched paths (one per resource, or per resource and namespace with LIFELINE_NAMESPACES) in each phase.",
    labelNames: ["resource", "phase"],
    registers,
    collect() {
      this.reset();
      const reflectors = read((s) => s.info().connection.reflectors);
      if (!reflectors) return;
      for (const resource of RESOURCES)
        for (const phase of PHASES) this.set({ resource, phase }, 0);
      for (const r of reflectors) this.inc({ resource: resourceOf(r.path), phase: r.phase });
    },
  });
  new Gauge({
    name: "lifeline_watch_last_sync_age_seconds",
    help: "Seconds since the API server last answered a resource's list or watch (a list, an event, a bookmark, a watch ending normally); the oldest of its paths.",
    labelNames: ["resource"],
    registers,
    collect() {
      this.reset();
      const seen = read((s) => ({ now: s.now(), paths: s.info().connection.reflectors }));
      if (!seen) return;
      const age = new Map<Resource, number>();
      for (const r of seen.paths) {
        // Not allowed to read it (nodes, to a namespaced install): no answer is expected.
        if (r.phase === "forbidden") continue;
        const resource = resourceOf(r.path);
        const ms = Math.max(0, seen.now - (lastSync.get(r.path) ?? attachedAt));
        age.set(resource, Math.max(age.get(resource) ?? 0, ms));
      }
      for (const [resource, ms] of age) this.set({ resource }, ms / 1000);
    },
  });

  const writeSeconds = new Histogram({
    name: "lifeline_store_write_duration_seconds",
    help: "Time to write one batch of observations to the history (one SQLite transaction), failed attempts included.",
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers,
  });
  const written = new Counter({
    name: "lifeline_store_written_observations_total",
    help: "Observations written to the history.",
    registers,
  });
  new Gauge({
    name: "lifeline_store_pending_observations",
    help: "Observations waiting to be written (many while the disk refuses writes).",
    registers,
    collect() {
      this.reset();
      const store = read((s) => s.info().store);
      if (store && "pending" in store) this.set(store.pending);
    },
  });
  new Gauge({
    name: "lifeline_store_pending_bytes",
    help: "Size as JSON of the observations waiting while the disk refuses writes (0 while writes succeed).",
    registers,
    collect() {
      this.reset();
      const store = read((s) => s.info().store);
      if (store && "pendingBytes" in store) this.set(store.pendingBytes);
    },
  });
  new Gauge({
    name: "lifeline_store_failing",
    help: "1 while the history cannot be written, labelled with why (full, read-only, io, other); 0 otherwise.",
    labelNames: ["reason"],
    registers,
    collect() {
      this.reset();
      const store = read((s) => s.info().store);
      if (!store) return;
      for (const reason of FAILURES)
        this.set({ reason }, store.state === "failing" && store.reason === reason ? 1 : 0);
    },
  });
  for (const [name, help, field] of [
    [
      "lifeline_store_dropped_observations_total",
      "Observations dropped (the oldest first) because more waited than LIFELINE_PENDING_MAX or LIFELINE_PENDING_SIZE.",
      "dropped",
    ],
    [
      "lifeline_store_rejected_observations_total",
      "Observations the store refused for a reason that is not the disk (a defect), set aside.",
      "rejected",
    ],
  ] as const)
    new Counter({
      name,
      help,
      registers,
      collect() {
        const store = read((s) => s.info().store);
        if (!store || !(field in store)) return;
        this.reset();
        this.inc((store as { [k in typeof field]: number })[field]);
      },
    });
  new Gauge({
    name: "lifeline_store_file_size_bytes",
    help: "Size on disk of the history file and its write-ahead log.",
    registers,
    collect() {
      this.reset();
      const file = read((s) => s.store.file);
      if (file) this.set(sizeOf(file) + sizeOf(`${file}-wal`));
    },
  });
  new Gauge({
    name: "lifeline_store_used_bytes",
    help: "Bytes the history's pages in use hold (freed pages are reused before the file grows).",
    registers,
    collect() {
      this.reset();
      const used = read((s) => s.store.usedBytes());
      if (used !== null) this.set(used);
    },
  });

  new Gauge({
    name: "lifeline_stream_subscribers",
    help: "Open /api/stream event streams.",
    registers,
    collect() {
      this.reset();
      const info = read((s) => s.info());
      if (info) this.set(info.streams ?? 0);
    },
  });
  const deltasSent = new Counter({
    name: "lifeline_stream_deltas_sent_total",
    help: "Pod deltas written to stream subscribers (one per subscriber per delta, replays included).",
    registers,
  });
  const deltaDelay = new Histogram({
    name: "lifeline_stream_delta_delay_seconds",
    help: "From a change's observation (the watch event's arrival) to its delta being written to a subscriber; replays after a reconnect wait longer.",
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers,
  });
  const dropped = new Counter({
    name: "lifeline_stream_subscribers_dropped_total",
    help: "Stream subscribers dropped for falling too far behind (told to reconnect for a fresh snapshot).",
    registers,
  });

  new Gauge({
    name: "lifeline_pipeline_running",
    help: "1 while this process runs a live pipeline; 0 when it is offline, could not start, or has stopped.",
    registers,
    collect() {
      this.set(source ? 1 : 0);
    },
  });
  new Gauge({
    name: "lifeline_ready",
    help: "1 once the first list of the cluster's pods is done (what /api/cluster calls ready).",
    registers,
    collect() {
      this.reset();
      const info = read((s) => s.info());
      if (info) this.set(info.ready ? 1 : 0);
    },
  });
  new Gauge({
    name: "lifeline_cluster_reachable",
    help: "0 once no watch has had an answer from the API server for longer than LIFELINE_UNREACHABLE_AFTER; 1 otherwise.",
    registers,
    collect() {
      this.reset();
      const info = read((s) => s.info());
      if (info) this.set(info.reachability.state === "reachable" ? 1 : 0);
    },
  });
  new Gauge({
    name: "lifeline_cluster_unanswered_seconds",
    help: "Seconds since every watch has been without an answer from the API server (0 while one answers).",
    registers,
    collect() {
      this.reset();
      const info = read((s) => s.info());
      if (!info) return;
      const since = info.reachability.unreachableSince;
      this.set(since === null ? 0 : Math.max(0, info.clock.now - since) / 1000);
    },
  });
  new Gauge({
    name: "lifeline_pods",
    help: "Pods the cluster has now (in LIFELINE_NAMESPACES when set).",
    registers,
    collect() {
      this.reset();
      const info = read((s) => s.info());
      if (info) this.set(info.pods);
    },
  });

  new Gauge({
    name: "lifeline_workloads",
    help: "Workloads the cluster has now (in LIFELINE_NAMESPACES when set), by kind: Deployment, ReplicaSet, StatefulSet, DaemonSet, ControllerRevision, Job, CronJob.",
    labelNames: ["kind"],
    registers,
    collect() {
      this.reset();
      const counts = read((s) => s.workloads?.counts());
      for (const kind of WORKLOAD_KINDS) if (counts) this.set({ kind }, counts[kind] ?? 0);
    },
  });

  logMetrics(registers, () => read((s) => s.info().logs));

  return {
    registry,
    /** The running pipeline, read at each scrape; call what this returns when it stops. */
    attach(s: MetricsSource): () => void {
      source = s;
      attachedAt = s.now();
      return () => {
        if (source === s) source = null;
      };
    },
    /** What a reflector did (lib/kube/reflector.ts), for the resource of `kind` on `path`. */
    watchActivity(kind: string, path: string, a: ReflectorActivity, at: number): void {
      const resource = resourceOf(kind);
      if (a.what === "event") {
        if ((EVENT_TYPES as readonly string[]).includes(a.type))
          watchEvents.inc({ resource, type: a.type });
      } else if (a.what === "listed") {
        if (a.lists > 1) relists.inc({ resource });
      } else if (RESTART_REASONS.includes(a.reason)) restarts.inc({ resource, reason: a.reason });
      if (a.what !== "restart" || a.reason === "ended") lastSync.set(path, at);
    },
    /** One batch written (or attempted) in `seconds`; `items` of it written. */
    storeWrite(seconds: number, items: number): void {
      writeSeconds.observe(seconds);
      if (items) written.inc(items);
    },
    /** A delta written to a subscriber, `delayMs` after its change was observed (null: not known). */
    deltaSent(delayMs: number | null): void {
      deltasSent.inc();
      if (delayMs !== null) deltaDelay.observe(Math.max(0, delayMs) / 1000);
    },
    subscriberDropped(): void {
      dropped.inc();
    },
  };
}

/** A file's size, 0 when it is not there. */
function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

const KEY = Symbol.for("lifeline.metrics");

/**
 * The process's metrics, shared through globalThis: instrumentation.ts (which serves them) and the
 * pipeline's hooks may hold different copies of this module in Next's bundles.
 */
export function metrics(): Metrics {
  const g = globalThis as { [KEY]?: Metrics };
  return (g[KEY] ??= createMetrics());
}
