// The summary of one pod that lists and the overview show: kubectl's columns plus what filters need.
import type { Pod } from "../k8s/types";
import { kubectlStatus } from "../timeline";

export interface PodRow {
  uid: string;
  namespace: string;
  name: string;
  node: string | null;
  phase: string;
  status: string;
  ready: string;
  restarts: string;
  restartCount: number;
  age: string;
  labels: Record<string, string>;
  createdAt: number | null;
  deletedAt: number | null;
}

export function podRow(pod: Pod, now: number, deletedAt: number | null = null): PodRow {
  const k = kubectlStatus(pod, now);
  const m = pod.metadata ?? {};
  return {
    uid: m.uid ?? "", namespace: m.namespace ?? "", name: m.name ?? "", node: pod.spec?.nodeName ?? null,
    phase: pod.status?.phase ?? "", status: deletedAt !== null ? "Deleted" : k.status, ready: k.ready, restarts: k.restarts,
    restartCount: k.restartCount, age: k.age, labels: m.labels ?? {}, createdAt: Date.parse(m.creationTimestamp ?? "") || null, deletedAt,
  };
}
