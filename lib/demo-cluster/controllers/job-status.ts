// A Job's status as the Job controller writes it (UpdateStatus), with the JSON kube-apiserver
// serves for batch/v1 JobStatus.
import type { KubeObject, ObjectStore } from "../api-server/store";
import type { JobCondition } from "./job-rules";

export interface JobStatus {
  conditions?: JobCondition[];
  startTime?: string;
  completionTime?: string;
  active?: number;
  succeeded?: number;
  failed?: number;
  terminating?: number;
  ready?: number;
  completedIndexes?: string;
  uncountedTerminatedPods?: { succeeded?: string[]; failed?: string[] };
}

/** UpdateStatus, with the JSON kube-apiserver serves: zero counters omitted, `ready` and `terminating` kept. */
export function writeJobStatus(store: ObjectStore, job: KubeObject, status: JobStatus): void {
  const next: Record<string, unknown> = {};
  if (status.conditions?.length) next.conditions = status.conditions;
  for (const k of ["startTime", "completionTime", "active", "succeeded", "failed"] as const)
    if (status[k]) next[k] = status[k];
  next.terminating = status.terminating ?? 0;
  if (status.completedIndexes) next.completedIndexes = status.completedIndexes;
  next.uncountedTerminatedPods = status.uncountedTerminatedPods ?? {};
  next.ready = status.ready ?? 0;
  store.mutate("jobs", job.metadata.namespace, job.metadata.name, (o) => {
    if (o.metadata.uid !== job.metadata.uid) return false;
    if (JSON.stringify(o.status) === JSON.stringify(next)) return false;
    o.status = structuredClone(next);
  });
}

/** uncountedTerminatedPods without its empty lists (omitempty). */
export function compact(lists: { succeeded: string[]; failed: string[] }) {
  return {
    ...(lists.succeeded.length ? { succeeded: [...lists.succeeded] } : {}),
    ...(lists.failed.length ? { failed: [...lists.failed] } : {}),
  };
}
