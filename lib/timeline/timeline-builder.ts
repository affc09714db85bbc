import type { Container, ContainerStatus, KubeEvent, Node, Pod } from "../k8s/types";
import { backdateRunning, endPendingAt, firstStarted } from "./backfill";
import { ConditionTracks } from "./conditions";
import { ContainerHistory, type ObserveContext } from "./container-history";
import { fromEvents } from "./event-markers";
import { eventsForPod } from "./events";
import { kubectlStatusText } from "./kubectl-status";
import { nodeLostMarker, nodeReadyOf } from "./node-ready";
import {
  deletionRequestedAt,
  firstMainStart,
  latestKnownTransition,
  phaseSince,
  reconstructedStatuses,
  statusSince,
} from "./since";
import { parseTime } from "../k8s/time";
import { clampTime, closedAt, Track } from "./track";
import type {
  ContainerKind,
  Marker,
  Observation,
  Interval,
  Owner,
  PhaseInterval,
  PodPhase,
  PodTimeline,
  StatusInterval,
  Terminating,
  TimelineWarning,
  TimelineWarningCode,
} from "./types";
import { list } from "./list";
import { ownerOf } from "./owner";
import { sortInPlace } from "./sort";
import { SpecChanges } from "./spec-changes";

const PHASES = new Set<string>(["Pending", "Running", "Succeeded", "Failed", "Unknown"]);
type BuildOptions = { events?: KubeEvent[] | null; node?: Node | null; now: number };

/** A first observation later than this after creation means the past was reconstructed. */
const LIVE_TOLERANCE_MS = 2000;

/**
 * Accumulates the observed versions of one pod (in observedAt order) and builds its timeline.
 * Incremental: `observe` costs O(size of one object), so a collector can feed it every update.
 */
export class TimelineBuilder {
  private uid = "";
  private namespace = "";
  private name = "";
  private node: string | null = null;
  private owner: Owner | null = null;
  private createdAt: number | null = null;
  private deletedAt: number | null = null;
  private observedFrom: number | null = null;
  private previousAt: number | null = null;
  private count = 0;
  private reconstructed = false;
  private lastPhase: string | null = null;
  private lastStatus: string | null = null;
  private readonly phases = new Track<PhaseInterval>();
  private readonly status = new Track<StatusInterval>();
  private readonly conditions = new ConditionTracks();
  private readonly containers = new Map<string, ContainerHistory>();
  private terminating: Terminating | null = null;
  private specShape = -1;
  private specOrder = 0;
  /** The histories of the spec's containers, in spec order. */
  private specHistories: ContainerHistory[] = [];
  private readonly objectMarkers: Marker[] = [];
  private readonly specChanges = new SpecChanges();
  private lastObservedGeneration: number | null = null;
  private readonly warnings = new Map<string, TimelineWarning>();

  private warn(code: TimelineWarningCode, params?: TimelineWarning["params"]): void {
    if (!this.warnings.has(code)) this.warnings.set(code, params ? { code, params } : { code });
  }

  /** Feeds one observed version. Out-of-order, foreign or malformed versions are skipped with a warning. */
  observe(obs: Observation): void {
    const pod = obs?.object;
    const t = obs?.observedAt;
    if (!pod || typeof pod !== "object" || typeof t !== "number" || !Number.isFinite(t)) {
      this.warn("bad-observation");
      return;
    }
    if (this.previousAt !== null && t < this.previousAt) {
      this.warn("out-of-order");
      return;
    }
    const meta = pod.metadata ?? {};
    const first = this.count === 0;
    if (first) {
      this.uid = typeof meta.uid === "string" ? meta.uid : "";
      this.namespace = typeof meta.namespace === "string" ? meta.namespace : "";
      this.name = typeof meta.name === "string" ? meta.name : "";
      this.createdAt = parseTime(meta.creationTimestamp);
      if (this.createdAt === null) this.warn("no-creation-time");
      this.observedFrom = t;
      this.reconstructed = this.createdAt !== null && t - this.createdAt > LIVE_TOLERANCE_MS;
    } else if (meta.uid && this.uid && meta.uid !== this.uid) {
      this.warn("uid-mismatch");
      return;
    }
    this.count++;
    if (!pod.status) this.warn("no-status");
    if (pod.spec?.nodeName) this.node = pod.spec.nodeName;
    this.owner = ownerOf(meta.ownerReferences, this.owner);

    const fallbackSince = first ? clampTime(latestKnownTransition(pod), this.createdAt, t) : t;
    this.observePhase(pod, t, first);
    this.observeStatus(pod, t, first, fallbackSince);
    this.conditions.observe(pod, t, first, this.count, this.start());
    this.observeContainers(pod, t, first, fallbackSince);
    this.observeObjectMarkers(pod, t);
    this.specChanges.observe(pod, t, first, this.previousAt, this.start());
    if (obs.type === "DELETED") this.deletedAt = t;
    // Nothing keeps a reference to `pod`: holding every version alive would cost far more than reading it.
    this.previousAt = t;
  }

  private start(): number | null {
    return this.createdAt ?? this.observedFrom;
  }

  private observePhase(pod: Pod, t: number, first: boolean): void {
    const raw = pod.status?.phase;
    if (typeof raw !== "string" || !PHASES.has(raw)) {
      if (raw !== undefined) this.warn("unknown-phase", { phase: String(raw) });
      return;
    }
    if (raw === this.lastPhase) return;
    const phase = raw as PodPhase;
    const steps: [PodPhase, number | null][] = [];
    if (first && phase !== "Pending") steps.push(["Pending", this.start()]);
    if (
      (phase === "Succeeded" || phase === "Failed") &&
      (this.lastPhase === null || this.lastPhase === "Pending")
    ) {
      const started = firstMainStart(pod);
      if (started !== null) steps.push(["Running", started]);
    }
    steps.push([phase, phaseSince(pod, phase)]);
    for (const [p, since] of steps) {
      // Object times older than the previous observation describe an earlier state: use now.
      const fresh =
        first || since === null || this.previousAt === null || since >= this.previousAt ? since : t;
      this.phases.open({
        phase: p,
        start: clampTime(fresh, this.phases.last?.start ?? null, t),
        end: null,
      });
    }
    this.lastPhase = phase;
  }

  private observeStatus(pod: Pod, t: number, first: boolean, fallbackSince: number): void {
    const status = kubectlStatusText(pod);
    const og = pod.status?.observedGeneration;
    const observedGeneration = typeof og === "number" && Number.isFinite(og) ? og : null;
    if (status === this.lastStatus) {
      if (observedGeneration !== this.lastObservedGeneration) {
        this.lastObservedGeneration = observedGeneration;
        const open = this.status.current;
        if (open) {
          if (observedGeneration === null) delete open.observedGeneration;
          else open.observedGeneration = observedGeneration;
        }
      }
      return;
    }
    this.lastObservedGeneration = observedGeneration;
    const floor = this.status.last?.start ?? null;
    let since = statusSince(pod, status);
    if (since === null) since = first ? fallbackSince : t;
    else if (!first && this.previousAt !== null && since < this.previousAt) since = t;
    since = clampTime(since, floor, t);
    if (first) {
      for (const step of reconstructedStatuses(pod)) {
        if (
          step.start < since &&
          step.status !== status &&
          step.status !== this.status.last?.status
        ) {
          this.status.open({ status: step.status, start: step.start, end: null });
        }
      }
    }
    this.status.open(
      observedGeneration === null
        ? { status, start: since, end: null }
        : { status, start: since, end: null, observedGeneration },
    );
    this.lastStatus = status;
  }

  private observeContainers(pod: Pod, t: number, first: boolean, fallbackSince: number): void {
    const spec = pod.spec ?? {};
    const status = pod.status ?? {};
    // Pod specs are immutable but for images and added ephemeral containers: register the
    // containers when the shape changes, not on every update.
    const shape =
      list(spec.initContainers).length * 1_000_000 +
      list(spec.containers).length * 1000 +
      list(spec.ephemeralContainers).length;
    if (shape !== this.specShape) {
      this.specShape = shape;
      this.specHistories = [];
      let order = 0;
      order = this.place(spec.initContainers, null, order);
      order = this.place(spec.containers, "main", order);
      this.specOrder = this.place(spec.ephemeralContainers, "ephemeral", order);
    } else {
      // Images are the one mutable part: compare them (cheap) rather than keep the object.
      let k = this.checkImages(spec.initContainers, 0);
      k = this.checkImages(spec.containers, k);
      this.checkImages(spec.ephemeralContainers, k);
    }
    const order = this.specOrder;
    // One context for every container of this version: this runs on every update.
    const ctx: ObserveContext = {
      t,
      first,
      previousAt: this.previousAt,
      fallbackSince,
      conditions: list(status.conditions),
    };
    this.feed(status.initContainerStatuses, "init", order, ctx);
    this.feed(status.containerStatuses, "main", order, ctx);
    this.feed(status.ephemeralContainerStatuses, "ephemeral", order, ctx);
  }

  private checkImages(containers: readonly Container[] | null | undefined, k: number): number {
    for (const c of list(containers)) {
      if (!c || typeof c.name !== "string") continue;
      const history = this.specHistories[k++];
      if (history && c.image !== history.image) history.readSpec(c);
    }
    return k;
  }

  /** Registers spec containers in order; init containers with restartPolicy Always are sidecars. */
  private place(
    containers: readonly Container[] | null | undefined,
    kind: ContainerKind | null,
    order: number,
  ): number {
    for (const c of list(containers)) {
      if (!c || typeof c.name !== "string") continue;
      const k = kind ?? (c.restartPolicy === "Always" ? "sidecar" : "init");
      const history = this.history(c.name, k, order);
      history.place(k, order);
      history.readSpec(c);
      this.specHistories.push(history);
      order++;
    }
    return order;
  }

  private feed(
    statuses: ContainerStatus[] | null | undefined,
    kind: ContainerKind,
    order: number,
    ctx: ObserveContext,
  ): void {
    for (const cs of list(statuses)) {
      if (!cs || typeof cs.name !== "string") continue;
      this.history(cs.name, kind, order).observe(cs, ctx);
    }
  }

  private history(name: string, kind: ContainerKind, order: number): ContainerHistory {
    let history = this.containers.get(name);
    if (!history) {
      history = new ContainerHistory(name, kind, order + 1000);
      this.containers.set(name, history);
    }
    return history;
  }

  private observeObjectMarkers(pod: Pod, t: number): void {
    // Deletion is recorded once: later versions only confirm it (or shorten the grace period).
    if (!this.terminating) {
      const requested = deletionRequestedAt(pod);
      if (requested !== null) {
        const grace = pod.metadata?.deletionGracePeriodSeconds;
        const gracePeriodSeconds =
          typeof grace === "number" && Number.isFinite(grace) ? grace : null;
        const start = clampTime(requested, this.start(), t);
        this.terminating = {
          start,
          end: null,
          gracePeriodSeconds,
          deadline: parseTime(pod.metadata?.deletionTimestamp),
        };
        const graceText =
          gracePeriodSeconds === null ? "" : ` with a grace period of ${gracePeriodSeconds}s`;
        this.objectMarkers.push({
          kind: "deletion-requested",
          at: start,
          message: `Deletion requested${graceText}.`,
        });
      }
    }
    const reason = pod.status?.reason;
    const kind = reason === "Evicted" ? "evicted" : reason === "NodeLost" ? "node-lost" : null;
    if (kind && !this.objectMarkers.some((m) => m.kind === kind)) {
      const at = kind === "evicted" ? clampTime(phaseSince(pod, "Failed"), this.start(), t) : t;
      this.objectMarkers.push({ kind, at, message: pod.status?.message || (reason as string) });
    }
  }

  /** Builds the timeline from everything observed so far plus the pod's events and node. */
  build(options: BuildOptions): PodTimeline {
    return this.assemble(options, false);
  }

  /**
   * As `build`, for a builder used once (buildTimeline): the timeline gets the builder's own
   * intervals rather than copies of them, so the builder must not be fed or built again.
   */
  buildOnce(options: BuildOptions): PodTimeline {
    return this.assemble(options, true);
  }

  private assemble(options: BuildOptions, own: boolean): PodTimeline {
    const warnings: TimelineWarning[] = [...this.warnings.values()];
    if (this.count === 0) warnings.push({ code: "no-observations" });
    const gone = this.deletedAt;
    const lastPhase = this.lastPhase;
    const active = gone === null && lastPhase !== "Succeeded" && lastPhase !== "Failed";

    const groups = eventsForPod(options.events, {
      uid: this.uid,
      name: this.name,
      namespace: this.namespace,
    });
    const derived = fromEvents(groups);
    const containers = sortInPlace([...this.containers.values()], (a, b) => a.order - b.order);
    const built = containers.map((history) => {
      if (gone !== null) history.closeAll(gone);
      const built = history.build(active, derived.probes.get(history.name) ?? [], warnings, own);
      built.resources = this.specChanges.resourceItems(history.name);
      return built;
    });
    for (const [name] of derived.probes) {
      if (!this.containers.has(name))
        warnings.push({ code: "unknown-container", container: name, params: { container: name } });
    }

    const markers: Marker[] = [];
    if (this.createdAt !== null)
      markers.push({ kind: "created", at: this.createdAt, message: "Pod created." });
    markers.push(...derived.markers, ...this.specChanges.builtMarkers(own));
    const hasKind = (kind: string) => markers.some((m) => m.kind === kind);
    for (const m of this.objectMarkers)
      if (!hasKind(m.kind) || m.kind === "deletion-requested") markers.push(m);
    if (!hasKind("scheduled")) {
      const scheduled = this.conditions.trueAt("PodScheduled");
      if (scheduled !== null)
        markers.push({
          kind: "scheduled",
          at: scheduled,
          message: this.node ? `Scheduled to ${this.node}.` : "Scheduled.",
        });
    }
    for (const c of built) {
      for (const run of c.runs) {
        if (run.reason === "OOMKilled" && run.end !== null) {
          markers.push({
            kind: "oom-killed",
            at: run.end,
            container: c.name,
            message: `${c.name} was killed for exceeding its memory limit (exit code ${run.exitCode ?? 137}).`,
          });
        }
      }
    }
    const lost = nodeLostMarker(
      options.node,
      this.node,
      this.conditions.trueAt("PodScheduled") ?? this.start(),
      markers,
    );
    if (lost) markers.push(lost);
    sortInPlace(markers, (a, b) => a.at - b.at);

    const close = <T extends Interval>(items: T[]): T[] => closedAt(items, gone, own);
    const conditions = this.conditions.build(close);
    const terminating = this.terminating ? { ...this.terminating, end: gone } : null;
    for (const time of [this.observedFrom, this.previousAt]) {
      if (time !== null && time > options.now + LIVE_TOLERANCE_MS) {
        warnings.push({ code: "future-time" });
        break;
      }
    }

    const phases = close(this.phases.items);
    const generations = close(this.specChanges.generationItems());
    for (const c of built) c.resources = close(c.resources);
    const status = close(this.status.items);
    if (this.reconstructed) {
      const started = firstStarted(groups, this.containers);
      backdateRunning(phases, started.main);
      if (endPendingAt(status, started.any)) {
        warnings.push({ code: "status-gap" });
      }
    }

    return {
      uid: this.uid,
      namespace: this.namespace,
      name: this.name,
      node: this.node,
      owner: this.owner,
      nodeReady: nodeReadyOf(options.node, this.node),
      createdAt: this.createdAt,
      deletedAt: gone,
      observedFrom: this.observedFrom,
      phases,
      status,
      conditions,
      containers: built,
      markers,
      terminating,
      generations,
      reconstructed: this.reconstructed,
      warnings,
    };
  }
}
