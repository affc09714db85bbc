// The two ways components report events. Kubelet and controllers use the core/v1 recorder, which
// folds repeats into count/lastTimestamp (client-go tools/record/events_cache.go); the scheduler
// uses the events.k8s.io/v1 library, which opens a series on the first repeat and afterwards only
// writes the series every 30 minutes (client-go tools/events). Events expire after a TTL (1 h).
import { formatTime, formatMicroTime } from "../timeline";
import type { Clock, Timer } from "./clock";
import type { KubeObject, ObjectStore } from "./store";

export interface ObjectRef {
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
  apiVersion: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export interface EventOptions {
  type?: "Normal" | "Warning";
  component: string;
  host?: string;
}

const SERIES_FINISH_MS = 6 * 60_000;
const SERIES_REFRESH_MS = 30 * 60_000;

interface SeriesEntry {
  name: string;
  namespace: string;
  count: number;
  last: number;
  written: number;
}

export class EventRecorder {
  private readonly legacy = new Map<string, string>();
  private readonly series = new Map<string, SeriesEntry>();
  private seq = 0;
  private timers: Timer[] = [];

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: Clock,
    private readonly ttlMs = 60 * 60_000,
  ) {}

  start(): void {
    const every = (ms: number, fn: () => void) => {
      const tick = () => {
        fn();
        this.timers.push(this.clock.at(this.clock.now() + ms, tick));
      };
      this.timers.push(this.clock.at(this.clock.now() + ms, tick));
    };
    every(60_000, () => this.expire());
    every(SERIES_FINISH_MS, () => this.finishSeries());
    every(SERIES_REFRESH_MS, () => this.refreshSeries());
  }

  stop(): void {
    for (const t of this.timers) t.cancel();
    this.timers = [];
  }

  /** core/v1 recorder: an identical event within the cache bumps count and lastTimestamp. */
  record(ref: ObjectRef, reason: string, message: string, opts: EventOptions): void {
    const now = this.clock.now();
    const type = opts.type ?? "Normal";
    const namespace = ref.namespace || "default";
    const key = [opts.component, opts.host ?? "", ref.kind, namespace, ref.name, ref.fieldPath ?? "", ref.uid ?? "", ref.apiVersion, type, reason, message].join("\u0000");
    const existing = this.legacy.get(key);
    if (existing) {
      const updated = this.store.mutate("events", namespace, existing, (e) => {
        e.count = ((e.count as number) ?? 1) + 1;
        e.lastTimestamp = formatTime(now);
      });
      if (updated) return;
    }
    const name = this.name(ref.name, now);
    this.store.create("events", {
      metadata: { name, namespace },
      involvedObject: { ...ref },
      reason,
      message,
      source: { component: opts.component, ...(opts.host ? { host: opts.host } : {}) },
      firstTimestamp: formatTime(now),
      lastTimestamp: formatTime(now),
      count: 1,
      type,
      eventTime: null,
      reportingComponent: opts.component,
      reportingInstance: opts.host ?? "",
    }, now);
    this.legacy.set(key, name);
  }

  /** events.k8s.io/v1 recorder: eventTime in microseconds, repeats become a series. */
  recordSeries(ref: ObjectRef, reason: string, note: string, opts: EventOptions & { action: string }): void {
    const now = this.clock.now();
    const type = opts.type ?? "Normal";
    const namespace = ref.namespace || "default";
    const key = [type, opts.action, reason, opts.component, opts.host ?? "", ref.kind, namespace, ref.name, ref.uid ?? "", ref.fieldPath ?? ""].join("\u0000");
    const entry = this.series.get(key);
    if (entry && this.store.get("events", entry.namespace, entry.name)) {
      entry.count++;
      entry.last = now;
      if (entry.count === 2) this.writeSeries(entry);
      return;
    }
    const name = this.name(ref.name, now);
    this.store.create("events", {
      metadata: { name, namespace },
      involvedObject: { ...ref },
      reason,
      message: note,
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
      type,
      eventTime: formatMicroTime(now),
      action: opts.action,
      reportingComponent: opts.component,
      reportingInstance: opts.host ?? opts.component,
    }, now);
    this.series.set(key, { name, namespace, count: 1, last: now, written: 1 });
  }

  private writeSeries(entry: SeriesEntry): void {
    if (entry.written === entry.count) return;
    entry.written = entry.count;
    this.store.mutate("events", entry.namespace, entry.name, (e) => {
      e.series = { count: entry.count, lastObservedTime: formatMicroTime(entry.last) };
    });
  }

  private finishSeries(): void {
    const now = this.clock.now();
    for (const [key, entry] of this.series) if (now - entry.last > SERIES_FINISH_MS) {
      this.writeSeries(entry);
      this.series.delete(key);
    }
  }

  private refreshSeries(): void {
    for (const entry of this.series.values()) this.writeSeries(entry);
  }

  /** Deletes events not written for longer than the TTL, as etcd's lease does. */
  expire(): void {
    const now = this.clock.now();
    for (const e of this.store.list("events")) {
      if (now - lastWrite(e) > this.ttlMs) this.store.remove("events", e.metadata.namespace, e.metadata.name);
    }
    for (const [key, name] of this.legacy) if (!this.store.get("events", key.split("\u0000")[3], name)) this.legacy.delete(key);
  }

  private name(base: string, now: number): string {
    return `${base}.${(BigInt(now) * 1_000_000n + BigInt(this.seq++ % 1_000_000)).toString(16)}`;
  }
}

function lastWrite(e: KubeObject): number {
  const times = [e.lastTimestamp, e.eventTime, (e.series as { lastObservedTime?: string } | undefined)?.lastObservedTime, e.metadata.creationTimestamp]
    .map((t) => (typeof t === "string" ? Date.parse(t) : NaN))
    .filter((t) => Number.isFinite(t));
  return times.length ? Math.max(...times) : 0;
}
