import type { Container, ContainerStatus, Probe } from "../k8s/types";
import { parseGoDuration, parseTime } from "./time";
import { clampTime, Track } from "./track";
import type {
  Backoff,
  ContainerKind,
  ContainerTimeline,
  Interval,
  ProbeConfig,
  ProbeResult,
  ProbeType,
  Run,
  TimelineWarning,
  WaitingInterval,
} from "./types";

interface RunRecord extends Run {
  /** The attempt number came from the current state (certain), not from lastState (inferred). */
  certain: boolean;
}

interface ObserveContext {
  /** observedAt of this version. */
  t: number;
  first: boolean;
  /** observedAt of the version before, or null. */
  previousAt: number | null;
  /** Best guess of when a state first seen now began, for a first observation. */
  fallbackSince: number;
  /** ContainersReady=True lastTransitionTime in this version, if any. */
  readySince: number | null;
  /** ContainersReady≠True lastTransitionTime in this version, if any. */
  unreadySince: number | null;
}

const BACKOFF_MESSAGE = /back-off (\S+) restarting failed/;
// Waiting reasons the kubelet sets from its reason cache, i.e. no newer container exists yet.
const CREATED_WAITING = new Set(["", "ContainerCreating", "PodInitializing"]);

function num(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function probeConfig(probe: Probe | null | undefined): ProbeConfig | undefined {
  if (!probe || typeof probe !== "object") return undefined;
  const handler = probe.exec ? "exec" : probe.httpGet ? "httpGet" : probe.tcpSocket ? "tcpSocket" : probe.grpc ? "grpc" : "unknown";
  return {
    handler,
    initialDelaySeconds: num(probe.initialDelaySeconds) ?? 0,
    periodSeconds: num(probe.periodSeconds) ?? 10,
    timeoutSeconds: num(probe.timeoutSeconds) ?? 1,
    successThreshold: num(probe.successThreshold) ?? 1,
    failureThreshold: num(probe.failureThreshold) ?? 3,
  };
}

/** Parses the delay out of a kubelet CrashLoopBackOff message ("back-off 1m20s restarting failed …"). */
export function announcedDelay(message: string | null | undefined): number | null {
  const match = message ? BACKOFF_MESSAGE.exec(message) : null;
  return match ? parseGoDuration(match[1]) : null;
}

/** Accumulates the history of one container across the observed versions of its pod. */
export class ContainerHistory {
  kind: ContainerKind;
  order: number;
  image: string | null = null;
  probeConfig: Partial<Record<ProbeType, ProbeConfig>> = {};
  restartCount = 0;
  probes: ProbeResult[] = [];
  private readonly runs = new Map<number, RunRecord>();
  private readonly waiting = new Track<WaitingInterval>();
  private readonly ready = new Track<Interval>();
  private waitKey: string | null = null;
  private expectedRuns = 0;
  private currentlyWaiting = false;
  private missingTimes = 0;

  constructor(
    readonly name: string,
    kind: ContainerKind,
    order: number,
  ) {
    this.kind = kind;
    this.order = order;
  }

  setSpec(spec: Container | undefined, kind: ContainerKind, order: number): void {
    this.kind = kind;
    this.order = order;
    if (!spec) return;
    if (typeof spec.image === "string") this.image = spec.image;
    const config: Partial<Record<ProbeType, ProbeConfig>> = {};
    const liveness = probeConfig(spec.livenessProbe);
    const readiness = probeConfig(spec.readinessProbe);
    const startup = probeConfig(spec.startupProbe);
    if (liveness) config.liveness = liveness;
    if (readiness) config.readiness = readiness;
    if (startup) config.startup = startup;
    this.probeConfig = config;
  }

  private upsertRun(start: number, run: Omit<RunRecord, "start">): RunRecord {
    const existing = this.runs.get(start);
    if (!existing) {
      const record = { start, ...run };
      this.runs.set(start, record);
      return record;
    }
    if (run.certain && !existing.certain) {
      existing.attempt = run.attempt;
      existing.certain = true;
    }
    if (run.end !== null) {
      existing.end = run.end;
      existing.exitCode = run.exitCode;
      existing.signal = run.signal;
      existing.reason = run.reason;
      existing.message = run.message;
    }
    return existing;
  }

  observe(cs: ContainerStatus, ctx: ObserveContext): void {
    const { t } = ctx;
    const rc = num(cs.restartCount) ?? 0;
    this.restartCount = rc;
    const state = cs.state ?? {};
    const running = state.running ?? null;
    const terminated = state.terminated ?? null;
    const waiting = state.waiting ?? null;
    const last = cs.lastState?.terminated ?? null;

    let currentStart: number | null = null;
    if (running) {
      currentStart = parseTime(running.startedAt);
      if (currentStart === null) this.missingTimes++;
      else this.upsertRun(currentStart, this.runFields(rc + 1, true, null, null));
    } else if (terminated) {
      const start = parseTime(terminated.startedAt);
      const end = parseTime(terminated.finishedAt);
      if (start === null && end === null) this.missingTimes++;
      else {
        currentStart = start ?? (end as number);
        this.upsertRun(currentStart, this.runFields(rc + 1, true, terminated, end ?? t));
      }
    }

    let lastAttempt = 0;
    if (last) {
      // While the kubelet waits to restart, lastState is the newest dead container and carries
      // its own restart count; once a new container exists, lastState is the one before it.
      const newerExists = running || terminated || (waiting && CREATED_WAITING.has(waiting.reason ?? ""));
      lastAttempt = newerExists ? Math.max(1, rc) : rc + 1;
      const start = parseTime(last.startedAt);
      const end = parseTime(last.finishedAt);
      if (start === null && end === null) this.missingTimes++;
      else this.upsertRun(start ?? (end as number), this.runFields(lastAttempt, false, last, end));
    }
    this.expectedRuns = Math.max(this.expectedRuns, running || terminated ? rc + 1 : lastAttempt);

    // A run we saw open but that this version no longer shows running ended by now at the latest.
    for (const run of this.runs.values()) {
      if (run.end === null && run.start !== currentStart) run.end = Math.max(run.start, t);
    }

    this.observeWaiting(waiting, last, rc, currentStart, ctx);
    this.observeReady(cs.ready === true && running !== null, currentStart, ctx);
  }

  private runFields(
    attempt: number,
    certain: boolean,
    term: { exitCode?: number; signal?: number; reason?: string; message?: string } | null,
    end: number | null,
  ): Omit<RunRecord, "start"> {
    return {
      attempt,
      certain,
      end,
      exitCode: term ? (num(term.exitCode) ?? 0) : null,
      signal: term ? (num(term.signal) || null) : null,
      reason: term?.reason || null,
      message: term?.message || null,
    };
  }

  private observeWaiting(
    waiting: { reason?: string; message?: string } | null,
    last: { finishedAt?: string | null } | null,
    rc: number,
    currentStart: number | null,
    ctx: ObserveContext,
  ): void {
    const reason = waiting?.reason ?? "";
    if (!waiting || !reason) {
      this.currentlyWaiting = false;
      this.waitKey = null;
      this.waiting.close(clampTime(currentStart, this.waiting.current?.start ?? null, ctx.t));
      return;
    }
    this.currentlyWaiting = true;
    const key = `${reason}|${rc}`;
    const message = waiting.message || null;
    const open = this.waiting.current;
    if (key === this.waitKey && open) {
      open.message = message;
      return;
    }
    this.waitKey = key;
    const lastEnd = parseTime(last?.finishedAt);
    // Back-off begins when the container died; other waits begin when they were first seen.
    let since: number | null = ctx.first ? ctx.fallbackSince : ctx.t;
    if (reason === "CrashLoopBackOff" && lastEnd !== null) since = lastEnd;
    else if (!ctx.first && ctx.previousAt !== null && lastEnd !== null && lastEnd > ctx.previousAt) since = lastEnd;
    const floor = this.waiting.last?.end ?? this.waiting.current?.start ?? null;
    this.waiting.open({ reason, message, start: clampTime(since, floor, ctx.t), end: null });
  }

  private observeReady(ready: boolean, runStart: number | null, ctx: ObserveContext): void {
    const open = this.ready.current;
    if (ready && !open) {
      let since: number | null = ctx.t;
      if (ctx.readySince !== null && (ctx.first || (ctx.previousAt !== null && ctx.readySince > ctx.previousAt))) {
        since = ctx.readySince;
      } else if (ctx.first) {
        since = runStart;
      }
      this.ready.open({ start: clampTime(since, runStart, ctx.t), end: null });
    } else if (!ready && open) {
      // Readiness cannot outlive the run it belonged to.
      const ended = [...this.runs.values()].find((r) => r.end !== null && r.start <= open.start && r.end >= open.start);
      let end = ctx.t;
      if (ended?.end != null) end = Math.min(ended.end, end);
      else if (ctx.unreadySince !== null && ctx.previousAt !== null && ctx.unreadySince > ctx.previousAt) end = ctx.unreadySince;
      this.ready.close(end);
    }
  }

  /** Closes what is still open at `at` (the pod is gone). */
  closeAll(at: number): void {
    for (const run of this.runs.values()) if (run.end === null) run.end = Math.max(run.start, at);
    this.waiting.close(at);
    this.ready.close(at);
    this.currentlyWaiting = false;
  }

  build(podActive: boolean, warnings: TimelineWarning[]): ContainerTimeline {
    const runs: Run[] = [...this.runs.values()]
      .sort((a, b) => a.start - b.start)
      .map(({ attempt, start, end, exitCode, signal, reason, message }) => ({ attempt, start, end, exitCode, signal, reason, message }));
    const waiting = this.waiting.items.map((w) => ({ ...w }));
    const backoffs = this.backoffs(runs, waiting, podActive);
    const unplacedRuns = Math.max(0, this.expectedRuns - runs.length);
    if (unplacedRuns > 0) {
      warnings.push({
        code: "unplaced-runs",
        container: this.name,
        message: `${unplacedRuns} earlier run(s) of ${this.name} happened before Lifeline watched; the API keeps only the last one's times.`,
      });
    }
    if (this.missingTimes > 0) {
      warnings.push({
        code: "missing-container-times",
        container: this.name,
        message: `${this.name} reported a state without startedAt/finishedAt ${this.missingTimes} time(s); those runs are not drawn.`,
      });
    }
    return {
      name: this.name,
      kind: this.kind,
      order: this.order,
      image: this.image,
      runs,
      waiting,
      ready: this.ready.items.map((r) => ({ ...r })),
      backoffs,
      probes: [...this.probes].sort((a, b) => a.at - b.at),
      probeConfig: this.probeConfig,
      restartCount: this.restartCount,
      unplacedRuns,
    };
  }

  /** Every gap between a run's end and the next run's start; an open one while a restart is awaited. */
  private backoffs(runs: Run[], waiting: WaitingInterval[], podActive: boolean): Backoff[] {
    const out: Backoff[] = [];
    const announcedIn = (start: number, end: number | null): number | null => {
      let delay: number | null = null;
      for (const w of waiting) {
        if (w.reason !== "CrashLoopBackOff") continue;
        if (w.start >= start && (end === null || w.start < end)) delay = announcedDelay(w.message) ?? delay;
      }
      return delay;
    };
    for (let i = 0; i + 1 < runs.length; i++) {
      const a = runs[i];
      const b = runs[i + 1];
      if (a.end === null || b.start < a.end) continue;
      out.push({
        start: a.end,
        end: b.start,
        announcedDelayMs: announcedIn(a.end, b.start),
        observedDelayMs: b.start - a.end,
        beforeAttempt: b.attempt,
      });
    }
    const lastRun = runs[runs.length - 1];
    if (podActive && this.currentlyWaiting && lastRun && lastRun.end !== null) {
      out.push({
        start: lastRun.end,
        end: null,
        announcedDelayMs: announcedIn(lastRun.end, null),
        observedDelayMs: null,
        beforeAttempt: lastRun.attempt + 1,
      });
    }
    return out;
  }
}
