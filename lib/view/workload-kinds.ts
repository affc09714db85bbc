// Which workloads get a row of their own, and the address segment of each kind: shared by the
// /workloads list and the kiosk's workload cards, so the two never disagree. Pure (no server
// modules): the browser bundles it.
import type { WorkloadKind } from "../workloads/workload-state";

/** `/workloads/{namespace}/{kind}/{name}`'s kind: the resource's plural, as kubectl's. */
export const KIND_PATH: Record<WorkloadKind, string> = {
  Deployment: "deployments",
  ReplicaSet: "replicasets",
  StatefulSet: "statefulsets",
  DaemonSet: "daemonsets",
  Job: "jobs",
  CronJob: "cronjobs",
  ControllerRevision: "controllerrevisions",
};

/** The kinds with rows, in the list's order (ControllerRevisions are revisions, not workloads). */
export const LISTED_KINDS: readonly WorkloadKind[] = [
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "CronJob",
  "Job",
  "ReplicaSet",
];

/** A row of its own: a listed kind that nothing controls (a Deployment's ReplicaSet, a CronJob's Job are their owner's). */
export const listedOnItsOwn = (r: { kind: WorkloadKind; owner: unknown }): boolean =>
  LISTED_KINDS.includes(r.kind) && !r.owner;

// kubectl's short names (`kubectl api-resources`), as lib/kube/workload-resources.ts has them.
const SHORT: Record<string, WorkloadKind> = {
  deploy: "Deployment",
  rs: "ReplicaSet",
  sts: "StatefulSet",
  ds: "DaemonSet",
  cj: "CronJob",
};

/**
 * The Kind an address's kind segment names (the plural, the singular, a short name or the Kind,
 * any case, as the API routes read it); null if none.
 */
export function kindOfPath(segment: string): WorkloadKind | null {
  const s = segment.toLowerCase();
  const found = (Object.entries(KIND_PATH) as [WorkloadKind, string][]).find(
    ([kind, plural]) => plural === s || plural.slice(0, -1) === s || kind.toLowerCase() === s,
  );
  return found?.[0] ?? SHORT[s] ?? null;
}
