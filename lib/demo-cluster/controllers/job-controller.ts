// The Job controller as pkg/controller/job/job_controller.go runs it (1.31+, JobPodReplacementPolicy
// and JobSuccessPolicy on): pods until `completions` succeed (NonIndexed), `parallelism` at a time;
// failed pods counted against `backoffLimit` (restarts too under OnFailure) and replaced after the
// pod-recreation back-off (10 s doubling, job-rules.ts); `activeDeadlineSeconds`; the pod failure
// policy (FailJob / Ignore / Count); `suspend`. A Job ends in two steps as 1.31+ does: the interim
// SuccessCriteriaMet or FailureTarget condition first, Complete or Failed once no pod is terminating.
// Pods carry the batch.kubernetes.io/job-tracking finalizer until they are counted, through
// status.uncountedTerminatedPods (trackJobStatusAndRemoveFinalizers).
import { formatTime, parseTime } from "../../k8s/time";
import type { Clock, Timer } from "../clock";
import type { EventRecorder } from "../events";
import type { Registry } from "../api-server/registry";
import type { KubeObject, ObjectStore } from "../api-server/store";
import {
  backoffRemaining,
  completionIndex,
  formatIndexes,
  parseIndexes,
  ensureCondition,
  findCondition,
  hasTrueCondition,
  isActive,
  isPodFailed,
  isReady,
  isTerminating,
  matchPodFailurePolicy,
  newCondition,
  nextBackoffRecord,
  onlyReplaceFailed,
  pastBackoffLimitOnFailure,
  phaseOf,
  type BackoffRecord,
  type JobCondition,
  type JobSpec,
} from "./job-rules";
import { JobPodControl, tracked } from "./job-pod-control";
import { compact, writeJobStatus, type JobStatus } from "./job-status";

/** syncJobBatchPeriod: pod events and status updates wait this long, so a burst is one sync. */
const BATCH_MS = 1_000;

const controllerOf = (o: KubeObject) => o.metadata.ownerReferences?.find((r) => r.controller);

/** The sync's working state (syncJobCtx). */
interface Ctx {
  key: string;
  job: KubeObject;
  spec: JobSpec;
  status: JobStatus;
  pods: KubeObject[];
  gone: KubeObject[];
  active: KubeObject[];
  terminating: number;
  ready: number;
  succeeded: number;
  /** An Indexed Job's succeeded indexes (calculateSucceededIndexes), else null. */
  indexes: Set<number> | null;
  backoff: BackoffRecord;
  finished: JobCondition | null;
}

export class JobController {
  private readonly timers = new Map<string, Timer>();
  private readonly backoff = new Map<string, BackoffRecord>();
  /** Pods that left the store still holding the tracking finalizer (the demo does not make a delete wait for finalizers), by Job uid. */
  private readonly gone = new Map<string, KubeObject[]>();
  private subs: { cancel(): void }[] = [];
  private readonly pods: JobPodControl;

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: Clock,
    events: EventRecorder,
    registry: Registry,
  ) {
    this.pods = new JobPodControl(store, events, registry);
  }

  start(): void {
    const v = Number(this.store.version());
    this.subs.push(
      this.store.watch("jobs", v, (c) => {
        const key = `${c.object.metadata.namespace}/${c.object.metadata.name}`;
        if (c.type === "DELETED") {
          this.backoff.delete(key);
          this.gone.delete(c.object.metadata.uid ?? "");
          return;
        }
        // updateJob: a spec change syncs at once, a status change is batched.
        const same = c.previous && c.previous.metadata.generation === c.object.metadata.generation;
        this.enqueue(key, c.type === "MODIFIED" && same ? BATCH_MS : 0);
      }),
    );
    this.subs.push(
      this.store.watch("pods", v, (c) => {
        const ref = controllerOf(c.object) ?? (c.previous && controllerOf(c.previous));
        if (!ref || ref.kind !== "Job") return;
        const owner = this.store.get("jobs", c.object.metadata.namespace, ref.name);
        // Only a live Job will count it; a deleted Job's pods would be remembered for nothing.
        if (c.type === "DELETED" && tracked(c.object) && owner?.metadata.uid === ref.uid) {
          const list = this.gone.get(ref.uid) ?? [];
          // Held by the finalizer, a pod deleted at once would read deletionTimestamp = now.
          const pod = structuredClone(c.object);
          if (!pod.metadata.deletionTimestamp) {
            pod.metadata.deletionTimestamp = formatTime(this.clock.now());
            pod.metadata.deletionGracePeriodSeconds = 0;
          }
          list.push(pod);
          this.gone.set(ref.uid, list);
        }
        this.enqueue(`${c.object.metadata.namespace}/${ref.name}`, BATCH_MS);
      }),
    );
    for (const job of this.store.list("jobs"))
      this.enqueue(`${job.metadata.namespace}/${job.metadata.name}`, 0);
  }

  stop(): void {
    for (const s of this.subs) s.cancel();
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
  }

  /** workqueue AddAfter: the earliest request wins. */
  private enqueue(key: string, delayMs: number): void {
    const at = this.clock.now() + Math.max(0, delayMs);
    const timer = this.timers.get(key);
    if (timer && timer.at <= at) return;
    timer?.cancel();
    this.timers.set(
      key,
      this.clock.at(at, () => {
        this.timers.delete(key);
        this.sync(key);
      }),
    );
  }

  private sync(key: string): void {
    const [namespace, name] = key.split("/");
    const job = this.store.get("jobs", namespace, name);
    if (!job) return;
    const status = structuredClone((job.status ?? {}) as JobStatus);
    status.conditions = Array.isArray(status.conditions) ? status.conditions : [];
    if (
      hasTrueCondition(status.conditions, "Complete") ||
      hasTrueCondition(status.conditions, "Failed")
    ) {
      this.backoff.delete(key);
      return;
    }
    const now = this.clock.now();
    const spec = (job.spec ?? {}) as JobSpec;
    const uid = job.metadata.uid ?? "";
    const pods = this.store.list("pods", namespace).filter((p) => controllerOf(p)?.uid === uid);
    const gone = this.gone.get(uid) ?? [];
    const uncounted = (status.uncountedTerminatedPods ??= {});
    const isUncounted = (p: KubeObject) =>
      [...(uncounted.succeeded ?? []), ...(uncounted.failed ?? [])].includes(p.metadata.uid!);
    const candidates = [...pods, ...gone].filter((p) => tracked(p) && !isUncounted(p));
    const newSucceeded = candidates.filter((p) => phaseOf(p) === "Succeeded");
    const newFailed = candidates.filter((p) => this.considerFailed(p, spec, gone));
    const active = pods.filter(isActive);
    const ctx: Ctx = {
      key,
      job,
      spec,
      status,
      pods,
      gone,
      active,
      terminating: pods.filter(isTerminating).length,
      ready: active.filter(isReady).length,
      succeeded: (status.succeeded ?? 0) + newSucceeded.length + (uncounted.succeeded?.length ?? 0),
      indexes: null,
      backoff: nextBackoffRecord(
        this.backoff.get(key) ?? { failuresAfterLastSuccess: 0, lastFailureTime: null },
        newSucceeded,
        newFailed,
      ),
      finished: null,
    };
    if (spec.completionMode === "Indexed" && spec.completions != null) {
      ctx.indexes = parseIndexes(status.completedIndexes, spec.completions);
      for (const p of pods)
        if (phaseOf(p) === "Succeeded") {
          const i = completionIndex(p, spec.completions);
          if (i !== null) ctx.indexes.add(i);
        }
      ctx.succeeded = ctx.indexes.size;
    }
    const failed =
      (status.failed ?? 0) +
      newFailed.filter((p) => matchPodFailurePolicy(spec, p).count).length +
      (uncounted.failed?.length ?? 0);
    if (!status.startTime && !spec.suspend) status.startTime = formatTime(now);
    const conditions = status.conditions;
    ctx.finished =
      conditions.find((c) => c.type === "SuccessCriteriaMet" && c.status === "True") ?? null;
    if (!ctx.finished) {
      const target = findCondition(conditions, "FailureTarget");
      const failJob = pods
        .filter((p) => isPodFailed(p, spec))
        .map((p) => matchPodFailurePolicy(spec, p).failJob)
        .find((m) => m);
      if (target?.status === "True")
        ctx.finished = newCondition(
          "Failed",
          "True",
          target.reason ?? "",
          target.message ?? "",
          now,
        );
      else if (failJob)
        ctx.finished = newCondition("FailureTarget", "True", "PodFailurePolicy", failJob, now);
    }
    const started = parseTime(status.startTime);
    const deadline = spec.activeDeadlineSeconds;
    if (!ctx.finished) {
      if (failed > (spec.backoffLimit ?? 6) || pastBackoffLimitOnFailure(spec, pods))
        ctx.finished = newCondition(
          "FailureTarget",
          "True",
          "BackoffLimitExceeded",
          "Job has reached the specified backoff limit",
          now,
        );
      else if (
        deadline != null &&
        started !== null &&
        !spec.suspend &&
        now - started >= deadline * 1000
      )
        ctx.finished = newCondition(
          "FailureTarget",
          "True",
          "DeadlineExceeded",
          "Job was active longer than specified deadline",
          now,
        );
      else if (deadline != null && started !== null && !spec.suspend)
        this.enqueue(key, deadline * 1000 - (now - started));
    }
    let activeCount = active.length;
    let suspendChanged = false;
    if (ctx.finished) {
      // deleteActivePods: the finalizers stay, so these pods are counted as failed below.
      activeCount -= this.deletePods(ctx, active, false);
    } else {
      if (!job.metadata.deletionTimestamp) activeCount = this.manageJob(ctx);
      const completions = spec.completions;
      const complete =
        completions == null
          ? ctx.succeeded > 0 && activeCount === 0
          : ctx.succeeded >= completions && activeCount === 0;
      if (complete)
        ctx.finished = newCondition(
          "SuccessCriteriaMet",
          "True",
          "CompletionsReached",
          "Reached expected number of succeeded pods",
          now,
        );
      else if (spec.suspend) {
        suspendChanged = ensureCondition(
          conditions,
          "Suspended",
          "True",
          "JobSuspended",
          "Job suspended",
          now,
        );
        if (suspendChanged) this.pods.record(job, "Normal", "Suspended", "Job suspended");
      } else {
        suspendChanged = ensureCondition(
          conditions,
          "Suspended",
          "False",
          "JobResumed",
          "Job resumed",
          now,
        );
        if (suspendChanged) {
          this.pods.record(job, "Normal", "Resumed", "Job resumed");
          // A resumed Job's activeDeadlineSeconds counts from the resume.
          status.startTime = formatTime(now);
        }
      }
    }
    const needsUpdate =
      suspendChanged ||
      activeCount !== (status.active ?? 0) ||
      ctx.ready !== status.ready ||
      ctx.terminating !== status.terminating;
    status.active = activeCount;
    status.ready = ctx.ready;
    status.terminating = ctx.terminating;
    this.trackStatus(ctx, needsUpdate);
  }

  private considerFailed(p: KubeObject, spec: JobSpec, gone: KubeObject[]): boolean {
    return isPodFailed(p, spec) || (gone.includes(p) && phaseOf(p) !== "Succeeded");
  }

  /** manageJob: delete extra pods or create missing ones, respecting the back-off. Returns the active count. */
  private manageJob(ctx: Ctx): number {
    const { spec, active } = ctx;
    if (spec.suspend) return active.length - this.deletePods(ctx, active, true);
    const parallelism = spec.parallelism ?? 1;
    const want =
      spec.completions == null
        ? ctx.succeeded > 0
          ? active.length
          : parallelism
        : Math.max(0, Math.min(spec.completions - ctx.succeeded, parallelism));
    if (active.length > want) {
      // controller.ActivePods order: not ready, unscheduled, pending go first.
      const rank = (p: KubeObject) =>
        (isReady(p) ? 4 : 0) +
        ((p.spec as { nodeName?: string })?.nodeName ? 2 : 0) +
        (phaseOf(p) === "Running" ? 1 : 0);
      const extra = [...active].sort((a, b) => rank(a) - rank(b)).slice(0, active.length - want);
      return active.length - this.deletePods(ctx, extra, true);
    }
    const terminating = onlyReplaceFailed(spec) ? ctx.terminating : 0;
    const diff = want - terminating - active.length;
    if (diff <= 0) return active.length;
    const wait = backoffRemaining(ctx.backoff, this.clock.now());
    if (wait > 0) {
      this.enqueue(ctx.key, Math.max(wait, BATCH_MS));
      // As manageJob does: while the back-off runs it reports no active pods.
      return 0;
    }
    if (!ctx.indexes) {
      for (let i = 0; i < diff; i++) this.pods.create(ctx.job, spec);
      return active.length + diff;
    }
    // firstPendingIndexes: the lowest indexes neither succeeded nor running.
    const running = new Set(active.map((p) => completionIndex(p, spec.completions)));
    const pending: number[] = [];
    for (let i = 0; i < (spec.completions ?? 0) && pending.length < diff; i++)
      if (!ctx.indexes.has(i) && !running.has(i)) pending.push(i);
    for (const i of pending) this.pods.create(ctx.job, spec, i);
    return active.length + pending.length;
  }

  /**
   * Deletes pods as podControl.DeletePod does (graceful, a SuccessfulDelete event). deleteJobPods
   * (`dropFinalizer`) lets them go uncounted; deleteActivePods keeps the finalizer so they count.
   */
  private deletePods(ctx: Ctx, pods: KubeObject[], dropFinalizer: boolean): number {
    for (const p of pods) {
      this.pods.delete(ctx.job, p, dropFinalizer);
      if (isReady(p)) ctx.ready--;
      ctx.terminating++;
    }
    return pods.length;
  }

  /** trackJobStatusAndRemoveFinalizers, flushUncountedAndRemoveFinalizers and enactJobFinished. */
  private trackStatus(ctx: Ctx, needsUpdate: boolean): void {
    const { spec, status, job } = ctx;
    const now = this.clock.now();
    const uncounted = status.uncountedTerminatedPods!;
    const lists = {
      succeeded: [...(uncounted.succeeded ?? [])],
      failed: [...(uncounted.failed ?? [])],
    };
    let flush = needsUpdate;
    const release: KubeObject[] = [];
    for (const p of [...ctx.pods, ...ctx.gone]) {
      if (!tracked(p)) continue;
      const failed = this.considerFailed(p, spec, ctx.gone);
      const finishing = ctx.finished && ctx.finished.type !== "SuccessCriteriaMet";
      if (!(job.metadata.deletionTimestamp || ctx.finished || phaseOf(p) === "Succeeded" || failed))
        continue;
      release.push(p);
      const id = p.metadata.uid!;
      if (phaseOf(p) === "Succeeded" && !lists.failed.includes(id)) {
        // An Indexed Job counts its indexes, not pod uids.
        if (!ctx.indexes && !lists.succeeded.includes(id)) {
          lists.succeeded.push(id);
          flush = true;
        }
      } else if ((failed || finishing) && !lists.failed.includes(id)) {
        if (matchPodFailurePolicy(spec, p).count) {
          lists.failed.push(id);
          flush = true;
        }
      }
    }
    if (ctx.indexes) {
      const text = formatIndexes(ctx.indexes);
      if (text !== (status.completedIndexes ?? "") || ctx.indexes.size !== (status.succeeded ?? 0))
        flush = true;
      status.completedIndexes = text;
      status.succeeded = ctx.indexes.size;
    }
    const conditions = status.conditions!;
    let finished = ctx.finished;
    if (finished?.type === "FailureTarget") {
      conditions.push(finished);
      flush = true;
      finished = newCondition("Failed", "True", finished.reason!, finished.message!, now);
    } else if (finished?.type === "SuccessCriteriaMet") {
      if (!findCondition(conditions, "SuccessCriteriaMet")) {
        conditions.push(finished);
        flush = true;
      }
      finished = newCondition("Complete", "True", finished.reason!, finished.message!, now);
    }
    status.uncountedTerminatedPods = compact(lists);
    if (flush) {
      writeJobStatus(this.store, job, status);
      this.backoff.set(ctx.key, ctx.backoff);
      flush = false;
    }
    for (const p of release) this.pods.removeFinalizer(p);
    this.gone.delete(job.metadata.uid ?? "");
    // cleanUncountedPodsWithoutFinalizers: every listed pod has lost its finalizer now.
    if (lists.succeeded.length || lists.failed.length) {
      status.succeeded = (status.succeeded ?? 0) + lists.succeeded.length;
      status.failed = (status.failed ?? 0) + lists.failed.length;
      lists.succeeded = [];
      lists.failed = [];
      status.uncountedTerminatedPods = {};
      flush = true;
    }
    let ended = false;
    if (finished && ctx.terminating === 0) {
      ensureCondition(conditions, finished.type, "True", finished.reason!, finished.message!, now);
      if (finished.type === "Complete") status.completionTime = formatTime(now);
      ended = flush = true;
    }
    if (flush) writeJobStatus(this.store, job, status);
    if (!ended || !finished) return;
    if (finished.type === "Complete") this.pods.record(job, "Normal", "Completed", "Job completed");
    else this.pods.record(job, "Warning", finished.reason!, finished.message!);
  }
}
