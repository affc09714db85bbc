// Utilities for CronJobs and their Jobs (pkg/controller/cronjob/utils.go): the finished state, the
// history order, the Job made for an activation and the times as Go formats them.
import { formatTime, parseTime } from "../../k8s/time";
import type { KubeObject } from "../api-server/store";

export const SCHEDULED_TIMESTAMP = "batch.kubernetes.io/cronjob-scheduled-timestamp";

interface ObjectReference {
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
  apiVersion: string;
  resourceVersion?: string;
}

export interface CronJobSpec {
  schedule?: string;
  timeZone?: string | null;
  startingDeadlineSeconds?: number | null;
  concurrencyPolicy?: string;
  suspend?: boolean;
  successfulJobsHistoryLimit?: number | null;
  failedJobsHistoryLimit?: number | null;
  jobTemplate?: {
    metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
    spec?: Record<string, unknown>;
  };
}

export interface CronJobStatus {
  active?: ObjectReference[];
  lastScheduleTime?: string;
  lastSuccessfulTime?: string;
}

type Finished = "Complete" | "Failed" | null;

/** getFinishedStatus: the Job's Complete or Failed condition, if True. */
export function finishedStatus(job: KubeObject): Finished {
  const conditions = (job.status as { conditions?: { type: string; status: string }[] })
    ?.conditions;
  const c = (Array.isArray(conditions) ? conditions : []).find(
    (x) => (x.type === "Complete" || x.type === "Failed") && x.status === "True",
  );
  return (c?.type as Finished) ?? null;
}

const startTime = (j: KubeObject) => parseTime((j.status as { startTime?: string })?.startTime);

/** byJobStartTime: started Jobs oldest first, then those not started; names break ties. */
export function byStartTime(a: KubeObject, b: KubeObject): number {
  const sa = startTime(a);
  const sb = startTime(b);
  if (sa === null && sb !== null) return 1;
  if (sa !== null && sb === null) return -1;
  if (sa === sb) return a.metadata.name < b.metadata.name ? -1 : 1;
  return sa! - sb!;
}

/** Go's time.RFC3339 of `ms` in `zone` (UTC as "Z"). */
export function rfc3339In(ms: number, zone: string | null | undefined): string {
  if (!zone || zone === "UTC") return formatTime(ms);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const local = Date.UTC(
    +parts.year,
    +parts.month - 1,
    +parts.day,
    +parts.hour,
    +parts.minute,
    +parts.second,
  );
  const offset = Math.round((local - Math.floor(ms / 1000) * 1000) / 60_000);
  if (offset === 0) return formatTime(local);
  const abs = Math.abs(offset);
  const sign = offset < 0 ? "-" : "+";
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return formatTime(local).replace("Z", `${sign}${hh}:${mm}`);
}

/** Go's time.RFC1123Z in UTC: "Fri, 20 Nov 2026 09:01:00 +0000". */
export function rfc1123z(ms: number): string {
  return new Date(ms).toUTCString().replace("GMT", "+0000");
}

/** getJobFromTemplate2: the Job for one activation, owned by the CronJob. */
export function jobFromTemplate(
  cj: KubeObject,
  spec: CronJobSpec,
  name: string,
  scheduled: number,
): KubeObject {
  const template = spec.jobTemplate ?? {};
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name,
      labels: { ...(template.metadata?.labels ?? {}) },
      annotations: {
        ...(template.metadata?.annotations ?? {}),
        [SCHEDULED_TIMESTAMP]: rfc3339In(scheduled, spec.timeZone),
      },
      ownerReferences: [
        {
          apiVersion: "batch/v1",
          kind: "CronJob",
          name: cj.metadata.name,
          uid: cj.metadata.uid!,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: structuredClone(template.spec ?? {}),
  };
}
