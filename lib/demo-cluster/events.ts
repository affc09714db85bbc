// The two ways components report events. Kubelet and controllers use the core/v1 recorder, which
// folds repeats into count/lastTimestamp and aggregates similar ones (client-go
// tools/record/events_cache.go: EventAggregator + eventLogger); the scheduler
// uses the events.k8s.io/v1 library, which opens a series on the first repeat and afterwards only
// writes the series every 30 minutes (client-go tools/events). Events expire after a TTL (1 h).
import { formatTime, formatMicroTime } from "../k8s/time";
import type { Clock, Timer } from "./clock";
import type { KubeObject, ObjectStore } from "./api-server/store";

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
/** EventAggregator defaults: more than this many similar events (differing only by message)… */
const AGGREGATE_MAX_EVENTS = 10;
/** …within this long of the previous similar one are combined into one event. */
const AGGREGATE_INTERVAL_MS = 600_000;
const COMBINED = "(combined from similar events): ";
const SERIES_REFRESH_MS = 30 * 60_000;

interface SeriesEntry {
  name: string;
  namespace: string;
  count: number;
  last: number;
  written: number;
}

export class EventRecorder {
  /** eventLogger's cache: the key an event is counted under → the Event object's name. */
  private readonly legacy = new Map<string, string>();
  /** EventAggregator's cache: similar events' messages seen, and when the last one came. */
  private readonly aggregates = new Map<string, { messages: Set<string>; last: number }>();
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

  /**
   * core/v1 recorder (EventCorrelator): an identical event (same source, object, type, reason and
   * message) bumps count and lastTimestamp on the one Event object, as the recorder's PATCH does.
   * Past 10 similar events (differing only by message) within 10 minutes of each other, the event
   * becomes "(combined from similar events): <message>", counted on one aggregate object whose
   * message follows the latest. The spam filter (25 per object, then 1 per 5 minutes) is not modelled.
   */
  record(ref: ObjectRef, reason: string, note: string, opts: EventOptions): void {
    const now = this.clock.now();
    const type = opts.type ?? "Normal";
    const namespace = ref.namespace || "default";
    // EventAggregatorByReasonFunc: everything but the message (reportingController/Instance are the component and host).
    const aggregateKey = [
      opts.component,
      opts.host ?? "",
      ref.kind,
      namespace,
      ref.name,
      ref.uid ?? "",
      ref.apiVersion,
      type,
      reason,
      opts.component,
      opts.host ?? "",
    ].join("\u0000");
    let record = this.aggregates.get(aggregateKey);
    if (!record || now - record.last > AGGREGATE_INTERVAL_MS)
      record = { messages: new Set(), last: now };
    record.messages.add(note);
    record.last = now;
    this.aggregates.set(aggregateKey, record);
    let key = [
      opts.component,
      opts.host ?? "",
      ref.kind,
      namespace,
      ref.name,
      ref.fieldPath ?? "",
      ref.uid ?? "",
      ref.apiVersion,
      type,
      reason,
      note,
    ].join("\u0000");
    let message = note;
    if (record.messages.size >= AGGREGATE_MAX_EVENTS) {
      // client-go pops an arbitrary message; the demo pops the oldest, to stay deterministic.
      record.messages.delete(record.messages.values().next().value!);
      key = aggregateKey;
      message = COMBINED + note;
    }
    const existing = this.legacy.get(key);
    if (existing) {
      const updated = this.store.mutate("events", namespace, existing, (e) => {
        e.count = ((e.count as number) ?? 1) + 1;
        e.lastTimestamp = formatTime(now);
        e.message = message;
      });
      if (updated) return;
    }
    const name = this.name(ref.name, now);
    this.store.create(
      "events",
      {
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
      },
      now,
    );
    this.legacy.set(key, name);
  }

  /** events.k8s.io/v1 recorder: eventTime in microseconds, repeats become a series. */
  recordSeries(
    ref: ObjectRef,
    reason: string,
    note: string,
    opts: EventOptions & { action: string },
  ): void {
    const now = this.clock.now();
    const type = opts.type ?? "Normal";
    const namespace = ref.namespace || "default";
    const key = [
      type,
      opts.action,
      reason,
      opts.component,
      opts.host ?? "",
      ref.kind,
      namespace,
      ref.name,
      ref.uid ?? "",
      ref.fieldPath ?? "",
    ].join("\u0000");
    const entry = this.series.get(key);
    if (entry && this.store.get("events", entry.namespace, entry.name)) {
      entry.count++;
      entry.last = now;
      if (entry.count === 2) this.writeSeries(entry);
      return;
    }
    const name = this.name(ref.name, now);
    this.store.create(
      "events",
      {
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
      },
      now,
    );
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
    for (const [key, entry] of this.series)
      if (now - entry.last > SERIES_FINISH_MS) {
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
      if (now - lastWrite(e) > this.ttlMs)
        this.store.remove("events", e.metadata.namespace, e.metadata.name);
    }
    for (const [key, name] of this.legacy)
      if (!this.store.get("events", key.split("\u0000")[3], name)) this.legacy.delete(key);
    for (const [key, record] of this.aggregates)
      if (now - record.last > AGGREGATE_INTERVAL_MS) this.aggregates.delete(key);
  }

  private name(base: string, now: number): string {
    return `${base}.${(BigInt(now) * 1_000_000n + BigInt(this.seq++ % 1_000_000)).toString(16)}`;
  }
}

function lastWrite(e: KubeObject): number {
  const times = [
    e.lastTimestamp,
    e.eventTime,
    (e.series as { lastObservedTime?: string } | undefined)?.lastObservedTime,
    e.metadata.creationTimestamp,
  ]
    .map((t) => (typeof t === "string" ? Date.parse(t) : NaN))
    .filter((t) => Number.isFinite(t));
  return times.length ? Math.max(...times) : 0;
}
