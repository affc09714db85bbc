// The workload resources Lifeline lists and watches beside pods (apps/v1 and batch/v1), and what
// reaches the rest of the pipeline of each object: its identity and its WorkloadState
// (lib/workloads/workload-state.ts), never the object itself. A ControllerRevision's `data` holds a
// whole pod template and a Deployment's env may hold values: neither goes further than this file.
import { workloadState, type WorkloadKind, type WorkloadState } from "../workloads/workload-state";
import { tombstone, type Observation } from "./reflector";

export interface WorkloadResource {
  kind: WorkloadKind;
  group: "apps" | "batch";
  version: "v1";
  /** The URL segment and kubectl's resource name ("deployments"). */
  plural: string;
  singular: string;
  /** kubectl's short names (`kubectl api-resources`). */
  shortNames: string[];
}

export const WORKLOAD_RESOURCES: readonly WorkloadResource[] = [
  w("Deployment", "apps", "deployments", "deployment", ["deploy"]),
  w("ReplicaSet", "apps", "replicasets", "replicaset", ["rs"]),
  w("StatefulSet", "apps", "statefulsets", "statefulset", ["sts"]),
  w("DaemonSet", "apps", "daemonsets", "daemonset", ["ds"]),
  w("ControllerRevision", "apps", "controllerrevisions", "controllerrevision", []),
  w("Job", "batch", "jobs", "job", []),
  w("CronJob", "batch", "cronjobs", "cronjob", ["cj"]),
];

function w(
  kind: WorkloadKind,
  group: WorkloadResource["group"],
  plural: string,
  singular: string,
  shortNames: string[],
): WorkloadResource {
  return { kind, group, version: "v1", plural, singular, shortNames };
}

export const isWorkloadKind = (kind: string): kind is WorkloadKind =>
  WORKLOAD_RESOURCES.some((r) => r.kind === kind);

/** The resource of a kind ("Deployment"), a plural, a singular or a short name, any case; else undefined. */
export function workloadResource(word: string): WorkloadResource | undefined {
  const w = word.toLowerCase();
  return WORKLOAD_RESOURCES.find(
    (r) =>
      r.plural === w ||
      r.singular === w ||
      r.kind.toLowerCase() === w ||
      r.shortNames.includes(w) ||
      `${r.plural}.${r.group}` === w,
  );
}

/** The list/watch path of a resource in a scope ("" for all namespaces, else "/namespaces/NS"). */
export function workloadPath(r: WorkloadResource, scope: string): string {
  return `/apis/${r.group}/${r.version}${scope}/${r.plural}`;
}

/** The resource a workload path lists ("/apis/apps/v1/namespaces/dev/statefulsets"), else undefined. */
export function resourceOfPath(path: string): WorkloadResource | undefined {
  const m = /^\/apis\/(apps|batch)\/v1(?:\/namespaces\/[^/]+)?\/([a-z]+)$/.exec(path);
  return m ? WORKLOAD_RESOURCES.find((r) => r.group === m[1] && r.plural === m[2]) : undefined;
}

/** A workload observation as the pipeline receives it: the object's identity and its state. */
export type WorkloadObject = Observation["object"] & {
  kind: WorkloadKind;
  /** null: a tombstone (a relist found it gone), or an object workloadState could not read. */
  workload: WorkloadState | null;
};

/** The observation with the object replaced by its identity and WorkloadState. */
export function projectWorkload(o: Observation): Observation {
  const object: WorkloadObject = {
    ...tombstone(o.object),
    kind: o.kind as WorkloadKind,
    // A relist's tombstone carries no spec nor status: it says "gone", not an empty state.
    workload:
      o.object.spec || o.object.status || o.object.data || o.object.revision !== undefined
        ? workloadState(o.object)
        : null,
  };
  return { ...o, object };
}
