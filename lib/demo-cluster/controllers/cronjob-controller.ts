// The CronJob controller as pkg/controller/cronjob/cronjob_controllerv2.go runs it: each CronJob
// is synced when it or one of its Jobs changes and again 100 ms after its next activation
// (nextScheduleDelta); a sync first deletes the oldest finished Jobs past the history limits
// (cleanupFinishedJobs), then notes finished Jobs, then creates the Job for the most recent unmet
// activation, named `<cronjob>-<minutes since the epoch>`, unless suspended, too late for
// `startingDeadlineSeconds`, or held back by `concurrencyPolicy` (Forbid skips, Replace deletes
// the running Jobs first). The schedule is read in cron-schedule.ts.
import { formatTime, parseTime } from "../../k8s/time";
import {
  byStartTime,
  finishedStatus,
  jobFromTemplate,
  rfc1123z,
  type CronJobSpec,
  type CronJobStatus,
} from "./cronjob-utils";
import { ApiError } from "../api-server/api-error";
import type { Registry } from "../api-server/registry";
import { RESOURCES } from "../api-server/resources";
import type { KubeObject, ObjectStore } from "../api-server/store";
import type { Clock, Timer } from "../clock";
import type { EventRecorder } from "../events";
import {
  knownTimeZone,
  mostRecentScheduleTime,
  parseCronSchedule,
  type CronSchedule,
} from "./cron-schedule";

const JOBS = RESOURCES.find((r) => r.plural === "jobs")!;
const NEXT_SCHEDULE_DELTA_MS = 100;

export class CronJobController {
  private readonly timers = new Map<string, Timer>();
  private subs: { cancel(): void }[] = [];

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: Clock,
    private readonly events: EventRecorder,
    private readonly registry: Registry,
  ) {}

  start(): void {
    const v = Number(this.store.version());
    this.subs.push(
      this.store.watch("cronjobs", v, (c) => {
        const key = `${c.object.metadata.namespace}/${c.object.metadata.name}`;
        if (c.type === "DELETED") return;
        const [spec, old] = [
          c.object.spec as CronJobSpec,
          c.previous?.spec as CronJobSpec | undefined,
        ];
        if (old && (old.schedule !== spec?.schedule || old.timeZone !== spec?.timeZone)) {
          // updateCronJob: a new schedule requeues for its next activation.
          const sched = parseCronSchedule(spec?.schedule ?? "", spec?.timeZone);
          if ("error" in sched) return;
          this.enqueue(key, this.nextDelay(c.object, sched, this.clock.now()));
        } else this.enqueue(key, 0);
      }),
    );
    this.subs.push(
      this.store.watch("jobs", v, (c) => {
        const ref = c.object.metadata.ownerReferences?.find((r) => r.controller);
        if (ref?.kind === "CronJob") this.enqueue(`${c.object.metadata.namespace}/${ref.name}`, 0);
      }),
    );
    for (const cj of this.store.list("cronjobs"))
      this.enqueue(`${cj.metadata.namespace}/${cj.metadata.name}`, 0);
  }

  stop(): void {
    for (const s of this.subs) s.cancel();
    for (const t of this.timers.values()) t.cancel();
    this.timers.clear();
  }

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
    const cj = this.store.get("cronjobs", namespace, name);
    if (!cj) return;
    const jobs = this.store
      .list("jobs", namespace)
      .filter((j) => j.metadata.ownerReferences?.find((r) => r.controller)?.name === name);
    const status = structuredClone((cj.status ?? {}) as CronJobStatus);
    status.active = Array.isArray(status.active) ? status.active : [];
    const cleaned = this.cleanupFinishedJobs(cj, status, jobs);
    const { requeue, update } = this.syncCronJob(cj, status, jobs);
    if (cleaned || update) {
      const next: CronJobStatus = {};
      if (status.active.length) next.active = status.active;
      if (status.lastScheduleTime) next.lastScheduleTime = status.lastScheduleTime;
      if (status.lastSuccessfulTime) next.lastSuccessfulTime = status.lastSuccessfulTime;
      this.store.mutate("cronjobs", namespace, name, (o) => {
        if (JSON.stringify(o.status ?? {}) === JSON.stringify(next)) return false;
        o.status = next;
      });
    }
    if (requeue !== null) this.enqueue(key, requeue);
  }

  private cleanupFinishedJobs(cj: KubeObject, status: CronJobStatus, jobs: KubeObject[]): boolean {
    const spec = (cj.spec ?? {}) as CronJobSpec;
    let update = false;
    for (const [kind, limit] of [
      ["Complete", spec.successfulJobsHistoryLimit],
      ["Failed", spec.failedJobsHistoryLimit],
    ] as const) {
      if (limit == null) continue;
      const done = jobs.filter((j) => finishedStatus(j) === kind).sort(byStartTime);
      for (const job of done.slice(0, Math.max(0, done.length - limit)))
        update = this.deleteJob(cj, status, job) || update;
    }
    return update;
  }

  /** deleteJob: the Job (its pods go by garbage collection), its active entry, an event. */
  private deleteJob(cj: KubeObject, status: CronJobStatus, job: KubeObject): boolean {
    try {
      this.registry.delete(JOBS, job.metadata.namespace, job.metadata.name, {
        propagationPolicy: "Background",
        dryRun: false,
      });
    } catch (e) {
      this.record(
        cj,
        "Warning",
        "FailedDelete",
        `Deleted job: ${e instanceof Error ? e.message : e}`,
      );
      return false;
    }
    status.active = status.active!.filter((r) => r.uid !== job.metadata.uid);
    this.record(cj, "Normal", "SuccessfulDelete", `Deleted job ${job.metadata.name}`);
    return true;
  }

  private syncCronJob(
    cj: KubeObject,
    status: CronJobStatus,
    jobs: KubeObject[],
  ): { requeue: number | null; update: boolean } {
    const now = this.clock.now();
    const spec = (cj.spec ?? {}) as CronJobSpec;
    let update = false;
    const none = (requeue: number | null = null) => ({ requeue, update });
    const inActive = (uid?: string) => status.active!.some((r) => r.uid === uid);
    for (const job of jobs) {
      const finished = finishedStatus(job);
      const found = inActive(job.metadata.uid);
      if (!found && !finished) {
        this.record(
          cj,
          "Warning",
          "UnexpectedJob",
          `Saw a job that the controller did not create or forgot: ${job.metadata.name}`,
        );
      } else if (finished) {
        if (found) {
          status.active = status.active!.filter((r) => r.uid !== job.metadata.uid);
          this.record(
            cj,
            "Normal",
            "SawCompletedJob",
            `Saw completed job: ${job.metadata.name}, condition: ${finished}`,
          );
          update = true;
        }
        const completed = (job.status as { completionTime?: string })?.completionTime;
        if (finished === "Complete" && completed) {
          const last = parseTime(status.lastSuccessfulTime);
          if (last === null || parseTime(completed)! > last) {
            status.lastSuccessfulTime = completed;
            update = true;
          }
        }
      }
    }
    const uids = new Set(jobs.map((j) => j.metadata.uid));
    for (const ref of [...status.active!]) {
      if (uids.has(ref.uid) || this.store.get("jobs", ref.namespace, ref.name)) continue;
      this.record(cj, "Normal", "MissingJob", `Active job went missing: ${ref.name}`);
      status.active = status.active!.filter((r) => r.uid !== ref.uid);
      update = true;
    }
    if (cj.metadata.deletionTimestamp) return none();
    if (spec.timeZone != null && !knownTimeZone(spec.timeZone)) {
      this.record(
        cj,
        "Warning",
        "UnknownTimeZone",
        `invalid timeZone: "${spec.timeZone}": unknown time zone ${spec.timeZone}`,
      );
      return none();
    }
    if (spec.suspend) return none();
    const schedule = spec.schedule ?? "";
    if (schedule.includes("TZ"))
      this.record(
        cj,
        "Warning",
        "UnsupportedSchedule",
        `CRON_TZ or TZ used in schedule "${schedule}" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`,
      );
    const sched = parseCronSchedule(schedule, spec.timeZone);
    if ("error" in sched) {
      this.record(
        cj,
        "Warning",
        "UnparseableSchedule",
        `unparseable schedule: "${schedule}" : ${sched.error}`,
      );
      return none();
    }
    // nextScheduleTime: the most recent unmet activation, within startingDeadlineSeconds.
    const created = parseTime(cj.metadata.creationTimestamp) ?? now;
    let earliest = parseTime(status.lastScheduleTime) ?? created;
    if (spec.startingDeadlineSeconds != null)
      earliest = Math.max(earliest, now - spec.startingDeadlineSeconds * 1000);
    const recent = mostRecentScheduleTime(sched, earliest, now);
    if (recent.error) {
      this.record(
        cj,
        "Warning",
        "InvalidSchedule",
        `invalid schedule: ${schedule} : ${recent.error}`,
      );
      return none();
    }
    if (recent.missed === "many" && recent.mostRecent !== null)
      this.record(
        cj,
        "Warning",
        "TooManyMissedTimes",
        "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew",
      );
    const scheduled = recent.mostRecent;
    const next = () => this.nextDelay({ ...cj, status }, sched, now);
    if (scheduled === null) return none(next());
    if (
      spec.startingDeadlineSeconds != null &&
      scheduled + spec.startingDeadlineSeconds * 1000 < now
    ) {
      this.record(
        cj,
        "Warning",
        "MissSchedule",
        `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`,
      );
      return none(next());
    }
    const jobName = `${cj.metadata.name}-${Math.floor(scheduled / 60_000)}`;
    if (
      status.active!.some((r) => r.name === jobName) ||
      parseTime(status.lastScheduleTime) === scheduled
    )
      return none(next());
    if (spec.concurrencyPolicy === "Forbid" && status.active!.length) {
      this.record(
        cj,
        "Normal",
        "JobAlreadyActive",
        "Not starting job because prior execution is running and concurrency policy is Forbid",
      );
      return none(next());
    }
    if (spec.concurrencyPolicy === "Replace") {
      for (const ref of [...status.active!]) {
        const job = this.store.get("jobs", ref.namespace, ref.name);
        if (!job) {
          this.record(cj, "Warning", "FailedGet", `Get job: jobs.batch "${ref.name}" not found`);
          return none();
        }
        if (!this.deleteJob(cj, status, job)) return none();
        update = true;
      }
    }
    const job = jobFromTemplate(cj, spec, jobName, scheduled);
    let created2: KubeObject;
    try {
      created2 = this.registry.create(JOBS, cj.metadata.namespace, job, false);
      this.record(cj, "Normal", "SuccessfulCreate", `Created job ${created2.metadata.name}`);
    } catch (e) {
      if (!(e instanceof ApiError) || e.code !== 409) {
        this.record(
          cj,
          "Warning",
          "FailedCreate",
          `Error creating job: ${e instanceof Error ? e.message : e}`,
        );
        return none();
      }
      const existing = this.store.get("jobs", cj.metadata.namespace, jobName);
      const ours = existing?.metadata.ownerReferences?.some(
        (r) => r.controller && r.uid === cj.metadata.uid,
      );
      if (!existing || !ours || inActive(existing.metadata.uid)) return none();
      created2 = existing;
    }
    status.active!.push({
      kind: "Job",
      namespace: created2.metadata.namespace,
      name: created2.metadata.name,
      uid: created2.metadata.uid,
      apiVersion: "batch/v1",
      resourceVersion: created2.metadata.resourceVersion,
    });
    status.lastScheduleTime = formatTime(scheduled);
    update = true;
    return none(next());
  }

  /** nextScheduleTimeDuration: 100 ms past the activation after the last one (or now, when some were missed). */
  private nextDelay(cj: KubeObject, sched: CronSchedule, now: number): number {
    const status = (cj.status ?? {}) as CronJobStatus;
    const earliest =
      parseTime(status.lastScheduleTime) ?? parseTime(cj.metadata.creationTimestamp) ?? now;
    const recent = mostRecentScheduleTime(sched, earliest, now);
    const from = recent.error
      ? now
      : (recent.mostRecent ?? (recent.missed === "none" ? recent.earliest : now));
    return sched.next(from) + NEXT_SCHEDULE_DELTA_MS - now;
  }

  private record(cj: KubeObject, type: "Normal" | "Warning", reason: string, note: string): void {
    this.events.record(
      {
        kind: "CronJob",
        namespace: cj.metadata.namespace,
        name: cj.metadata.name,
        uid: cj.metadata.uid,
        apiVersion: "batch/v1",
      },
      reason,
      note,
      { type, component: "cronjob-controller" },
    );
  }
}
