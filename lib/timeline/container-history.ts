import type { Container, ContainerStatus, PodCondition } from "../k8s/types";
import { restartRules } from "../k8s/restart-rules";
import { parseGoDuration, parseTime } from "../k8s/time";
import { num, probeConfig, resourceSet } from "./container-spec";
import { sortInPlace } from "./sort";
import { clampTime, Track } from "./track";
import type {
  Backoff,
  ContainerKind,
  ContainerTimeline,
  Interval,
  ProbeConfig,
  ProbeResult,
  ProbeType,
  RestartRule,
  Resources,
  Run,
  TimelineWarning,
  WaitingInterval,
} from "./types";

interface RunRecord extends Run {
  /** The attempt number came from the current state (certain), not from lastState (inferred). */
  certain: boolean;
}

type Terminated = { exitCode?: number; signal?: number; reason?: string; message?: string };

export interface ObserveContext {
  /** observedAt of this version. */
  t: number;
  first: boolean;
  /** observedAt of the version before, or null. */
  previousAt: number | null;
  /** Best guess of when a state first seen now began, for a first observation. */
  fallbackSince: number;
  /** The pod's conditions in this version: read only when a readiness flips (rare). */
  conditions: readonly PodCondition[];
}

/** lastTransitionTime of ContainersReady when its status is (or is not) True, in this version. */
function containersReadySince(conditions: readonly PodCondition[], ready: boolean): number | null {
  for (const c of conditions) {
    if (c?.type === "ContainersReady" && (c.status === "True") === ready)
      return parseTime(c.lastTransitionTime);
  }
  return null;
}

const BACKOFF_MESSAGE = /back-off (\S+) restarting failed/;
// Waiting reasons the kubelet sets from its reason cache, i.e. no newer container exists yet.
const CREATED_WAITING = new Set(["", "ContainerCreating", "PodInitializing"]);

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
  resources: Resources | null = null;
  restartCount = 0;
  restartPolicy: string | null = null;
  restartRules: RestartRule[] = [];
  private readonly runs = new Map<number, RunRecord>();
  /** Runs whose end is not known yet (usually the current one). */
  private open: RunRecord[] = [];
  // The last text of each hot timestamp and its value: most versions repeat them, and comparing
  // strings is cheaper than parsing or hashing them. Plain fields keep the hot path on one object.
  private runningText: unknown = undefined;
  private runningValue: number | null = null;
  private lastStartText: unknown = undefined;
  private lastStartValue: number | null = null;
  private lastEndText: unknown = undefined;
  private lastEndValue: number | null = null;
  /** The run the current state showed last time, to skip the Map on the common path. */
  private currentRun: RunRecord | null = null;
  /** The run that was current when readiness last turned true. */
  private readyRun: RunRecord | null = null;
  /** What the last version showed, for `unchanged`: -1 before any, 0 no state, 1 running, 2 waiting, 3 terminated. */
  private stateKind = -1;
  private readyFlag = false;
  private termText: unknown = undefined;
  private waitMessage: unknown = undefined;
  private hadLast = false;
  private readonly waiting = new Track<WaitingInterval>();
  private readonly ready = new Track<Interval>();
  private waitReason: string | null = null;
  private waitRestartCount = -1;
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

  place(kind: ContainerKind, order: number): void {
    this.kind = kind;
    this.order = order;
  }

  /** Image and probe settings from the latest spec (read once, when the timeline is built). */
  readSpec(spec: Container | undefined): void {
    if (!spec) return;
    this.image = typeof spec.image === "string" ? spec.image : null;
    this.restartPolicy =
      typeof spec.restartPolicy === "string" && spec.restartPolicy ? spec.restartPolicy : null;
    this.restartRules = restartRules(spec.restartPolicyRules);
    this.resources = resourceSet(spec.resources);
    const config: Partial<Record<ProbeType, ProbeConfig>> = {};
    const liveness = probeConfig(spec.livenessProbe);
    const readiness = probeConfig(spec.readinessProbe);
    const startup = probeConfig(spec.startupProbe);
    if (liveness) config.liveness = liveness;
    if (readiness) config.readiness = readiness;
    if (startup) config.startup = startup;
    this.probeConfig = config;
  }

  private readLastStart(text: unknown): number | null {
    if (text !== this.lastStartText) {
      this.lastStartText = text;
      this.lastStartValue = parseTime(text);
    }
    return this.lastStartValue;
  }

  private readLastEnd(text: unknown): number | null {
    if (text !== this.lastEndText) {
      this.lastEndText = text;
      this.lastEndValue = parseTime(text);
    }
    return this.lastEndValue;
  }

  private upsertRun(
    start: number,
    attempt: number,
    certain: boolean,
    term: Terminated | null,
    end: number | null,
  ): void {
    const cached = this.currentRun;
    // The common case: the same running container as last time, nothing to learn.
    if (cached !== null && cached.start === start && end === null && (cached.certain || !certain))
      return;
    const existing = this.runs.get(start);
    if (!existing) {
      const record: RunRecord = {
        attempt,
        start,
        end,
        exitCode: term ? (num(term.exitCode) ?? 0) : null,
        signal: term ? num(term.signal) || null : null,
        reason: term?.reason || null,
        message: term?.message || null,
        certain,
      };
      this.runs.set(start, record);
      if (end === null) {
        this.open.push(record);
        this.currentRun = record;
      }
      return;
    }
    if (end === null) this.currentRun = existing;
    if (certain && !existing.certain) {
      existing.attempt = attempt;
      existing.certain = true;
    }
    if (end !== null && (existing.end === null || existing.exitCode === null)) {
      existing.end = end;
      existing.exitCode = term ? (num(term.exitCode) ?? 0) : null;
      existing.signal = term ? num(term.signal) || null : null;
      existing.reason = term?.reason || null;
      existing.message = term?.message || null;
    }
  }

  observe(cs: ContainerStatus, ctx: ObserveContext): void {
    const { t } = ctx;
    const rc = num(cs.restartCount) ?? 0;
    const state = cs.state ?? {};
    const running = state.running ?? null;
    const terminated = state.terminated ?? null;
    const waiting = state.waiting ?? null;
    const last = cs.lastState?.terminated ?? null;
    const ready = cs.ready === true && running !== null;
    if (this.unchanged(rc, ready, running, terminated, waiting, last)) return;
    this.restartCount = rc;
    this.readyFlag = ready;
    this.stateKind = running ? 1 : waiting ? 2 : terminated ? 3 : 0;
    this.termText = terminated?.finishedAt;
    this.waitMessage = waiting?.message;
    this.hadLast = last !== null;

    let currentStart: number | null = null;
    if (running) {
      if (running.startedAt !== this.runningText) {
        this.runningText = running.startedAt;
        this.runningValue = parseTime(running.startedAt);
      }
      currentStart = this.runningValue;
      if (currentStart === null) this.missingTimes++;
      else this.upsertRun(currentStart, rc + 1, true, null, null);
    } else if (terminated) {
      const start = parseTime(terminated.startedAt);
      const end = parseTime(terminated.finishedAt);
      if (start === null && end === null) this.missingTimes++;
      else {
        currentStart = start ?? (end as number);
        this.upsertRun(currentStart, rc + 1, true, terminated, end ?? t);
      }
    }

    let lastAttempt = 0;
    if (last) {
      // While the kubelet waits to restart, lastState is the newest dead container and carries
      // its own restart count; once a new container exists, lastState is the one before it.
      const newerExists =
        running || terminated || (waiting && CREATED_WAITING.has(waiting.reason ?? ""));
      lastAttempt = newerExists ? Math.max(1, rc) : rc + 1;
      const start = this.readLastStart(last.startedAt);
      const end = this.readLastEnd(last.finishedAt);
      if (start === null && end === null) this.missingTimes++;
      else this.upsertRun(start ?? (end as number), lastAttempt, false, last, end);
    }
    this.expectedRuns = Math.max(this.expectedRuns, running || terminated ? rc + 1 : lastAttempt);

    // A run we saw open but that this version no longer shows running ended by now at the latest.
    let closed = false;
    for (const run of this.open) {
      if (run.end === null && run.start !== currentStart) run.end = Math.max(run.start, t);
      if (run.end !== null) closed = true;
    }
    if (closed) this.open = this.open.filter((run) => run.end === null);

    this.observeWaiting(waiting, last, rc, currentStart, ctx);
    this.observeReady(ready, currentStart, ctx);
  }

  /**
   * Most versions of a pod leave most containers as they were: compare the few fields that
   * matter with what this object already holds, and skip the rest (it keeps cold state cold).
   */
  private unchanged(
    rc: number,
    ready: boolean,
    running: { startedAt?: string | null } | null,
    terminated: { startedAt?: string | null; finishedAt?: string | null } | null,
    waiting: { reason?: string; message?: string } | null,
    last: { startedAt?: string | null; finishedAt?: string | null } | null,
  ): boolean {
    if (this.stateKind < 0 || rc !== this.restartCount || ready !== this.readyFlag) return false;
    if (running) {
      if (this.stateKind !== 1 || running.startedAt !== this.runningText) return false;
    } else if (waiting) {
      if (
        this.stateKind !== 2 ||
        (waiting.reason ?? "") !== (this.waitReason ?? "") ||
        waiting.message !== this.waitMessage
      )
        return false;
    } else if (terminated) {
      if (this.stateKind !== 3 || terminated.finishedAt !== this.termText) return false;
    } else if (this.stateKind !== 0) {
      return false;
    }
    if (last)
      return (
        this.hadLast &&
        last.startedAt === this.lastStartText &&
        last.finishedAt === this.lastEndText
      );
    return !this.hadLast;
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
      this.waitReason = null;
      this.waiting.close(clampTime(currentStart, this.waiting.current?.start ?? null, ctx.t));
      return;
    }
    this.currentlyWaiting = true;
    const message = waiting.message || null;
    const open = this.waiting.current;
    if (open && reason === this.waitReason && rc === this.waitRestartCount) {
      if (open.message !== message) open.message = message;
      return;
    }
    this.waitReason = reason;
    this.waitRestartCount = rc;
    const lastEnd = this.readLastEnd(last?.finishedAt);
    // Back-off begins when the container died; other waits begin when they were first seen.
    let since: number | null = ctx.first ? ctx.fallbackSince : ctx.t;
    if (reason === "CrashLoopBackOff" && lastEnd !== null) since = lastEnd;
    else if (!ctx.first && ctx.previousAt !== null && lastEnd !== null && lastEnd > ctx.previousAt)
      since = lastEnd;
    const floor = this.waiting.last?.end ?? this.waiting.current?.start ?? null;
    this.waiting.open({ reason, message, start: clampTime(since, floor, ctx.t), end: null });
  }

  private observeReady(ready: boolean, runStart: number | null, ctx: ObserveContext): void {
    const open = this.ready.current;
    if (ready && !open) {
      let since: number | null = ctx.t;
      const readySince = containersReadySince(ctx.conditions, true);
      if (
        readySince !== null &&
        (ctx.first || (ctx.previousAt !== null && readySince > ctx.previousAt))
      ) {
        since = readySince;
      } else if (ctx.first) {
        since = runStart;
      }
      this.ready.open({ start: clampTime(since, runStart, ctx.t), end: null });
      this.readyRun = this.currentRun;
    } else if (!ready && open) {
      // Readiness cannot outlive the run it belonged to.
      const ended = this.readyRun?.end ?? null;
      let end = ctx.t;
      if (ended !== null && ended >= open.start) end = Math.min(ended, end);
      else {
        const unreadySince = containersReadySince(ctx.conditions, false);
        if (unreadySince !== null && ctx.previousAt !== null && unreadySince > ctx.previousAt)
          end = unreadySince;
      }
      this.ready.close(end);
      this.readyRun = null;
    }
  }

  /** Closes what is still open at `at` (the pod is gone). */
  closeAll(at: number): void {
    for (const run of this.runs.values()) if (run.end === null) run.end = Math.max(run.start, at);
    this.waiting.close(at);
    this.ready.close(at);
    this.currentlyWaiting = false;
  }

  /**
   * The container's timeline. `own`: hand over this object's own intervals instead of copies
   * (buildTimeline's one-shot builder, dropped right after).
   */
  build(
    podActive: boolean,
    probes: ProbeResult[],
    warnings: TimelineWarning[],
    own: boolean,
  ): ContainerTimeline {
    const runs: Run[] = [];
    for (const { attempt, start, end, exitCode, signal, reason, message } of this.runs.values())
      runs.push({ attempt, start, end, exitCode, signal, reason, message });
    sortInPlace(runs, (a, b) => a.start - b.start);
    const waiting = own ? this.waiting.items.slice() : this.waiting.items.map((w) => ({ ...w }));
    const backoffs = this.backoffs(runs, waiting, podActive);
    const unplacedRuns = Math.max(0, this.expectedRuns - runs.length);
    if (unplacedRuns > 0) {
      warnings.push({
        code: "unplaced-runs",
        container: this.name,
        params: { count: unplacedRuns, container: this.name },
      });
    }
    if (this.missingTimes > 0) {
      warnings.push({
        code: "missing-container-times",
        container: this.name,
        params: { count: this.missingTimes, container: this.name },
      });
    }
    return {
      name: this.name,
      kind: this.kind,
      order: this.order,
      image: this.image,
      runs,
      waiting,
      ready: own ? this.ready.items.slice() : this.ready.items.map((r) => ({ ...r })),
      backoffs,
      probes: sortInPlace([...probes], (a, b) => a.at - b.at),
      probeConfig: this.probeConfig,
      specResources: this.resources,
      restartCount: this.restartCount,
      unplacedRuns,
      restartPolicy: this.restartPolicy,
      restartRules: own
        ? this.restartRules
        : this.restartRules.map((r) => ({ ...r, values: [...r.values] })),
      resources: [],
    };
  }

  /** Every gap between a run's end and the next run's start; an open one while a restart is awaited. */
  private backoffs(runs: Run[], waiting: WaitingInterval[], podActive: boolean): Backoff[] {
    const out: Backoff[] = [];
    const announcedIn = (start: number, end: number | null): number | null => {
      let delay: number | null = null;
      for (const w of waiting) {
        if (w.reason !== "CrashLoopBackOff") continue;
        if (w.start >= start && (end === null || w.start < end))
          delay = announcedDelay(w.message) ?? delay;
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
