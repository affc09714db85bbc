// What Lifeline keeps of a workload object (Deployment, ReplicaSet, StatefulSet, DaemonSet, Job,
// CronJob, ControllerRevision): its identity, the parts of its spec whose changes make a revision
// (images, env *names*, resources, replicas, strategy) and its status (counts and conditions,
// without lastUpdateTime, which the Deployment controller renews on every sync). Two observations
// with the same state are the same version. Never an env value, never Secret or ConfigMap data:
// the template is summarised, not kept. Pure; never throws on a malformed object.

export const WORKLOAD_KINDS = [
  "Deployment",
  "ReplicaSet",
  "StatefulSet",
  "DaemonSet",
  "Job",
  "CronJob",
  "ControllerRevision",
] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

/** One container of a pod template, as far as a revision's "what changed" needs it. */
export interface ContainerSummary {
  name: string;
  image: string | null;
  /** "init" also covers sidecars (init containers with restartPolicy Always: `sidecar`). */
  kind: "init" | "sidecar" | "main";
  /** Env var names in order, and `envFrom` sources as "configMap:NAME" / "secret:NAME". Never values. */
  envNames: string[];
  requests: Record<string, string>;
  limits: Record<string, string>;
}

/** A pod template reduced to what a reader compares between revisions. */
export interface TemplateSummary {
  containers: ContainerSummary[];
  /** `kubectl.kubernetes.io/restartedAt` (kubectl rollout restart), else null. */
  restartedAt: string | null;
  /**
   * A digest of the whole template with env values, args and commands left out (FNV-1a, hex): two
   * templates that differ only where the summary is silent still differ here ("other fields").
   */
  digest: string;
}

export interface WorkloadCondition {
  type: string;
  status: string;
  reason: string | null;
  message: string | null;
  lastTransitionTime: string | null;
}

export interface OwnerRef {
  kind: string;
  name: string;
  uid: string | null;
}

/**
 * Counts normalised across kinds (null where the kind has none):
 * - Deployment, ReplicaSet, StatefulSet: desired = spec.replicas, current = status.replicas,
 *   updated = updatedReplicas, ready = readyReplicas, available = availableReplicas.
 * - DaemonSet: desired = desiredNumberScheduled, current = currentNumberScheduled, updated =
 *   updatedNumberScheduled, ready = numberReady, available = numberAvailable, misscheduled =
 *   numberMisscheduled (nodes running its pod that should not: absent from versions stored before).
 * - Job: desired = spec.completions (null for a work queue), current = status.active, ready =
 *   status.ready; succeeded and failed in `job`.
 */
export interface WorkloadCounts {
  desired: number | null;
  current: number | null;
  updated: number | null;
  ready: number | null;
  available: number | null;
  misscheduled?: number | null;
}

export interface WorkloadStrategy {
  /** RollingUpdate | Recreate | OnDelete (as the object says; defaulted by the API server). */
  type: string | null;
  /** Int or percent, as written ("25%", 1). */
  maxSurge: string | null;
  maxUnavailable: string | null;
  /** StatefulSet rollingUpdate.partition. */
  partition: number | null;
}

export interface JobFacts {
  completions: number | null;
  parallelism: number | null;
  backoffLimit: number | null;
  activeDeadlineSeconds: number | null;
  suspend: boolean;
  active: number;
  succeeded: number;
  failed: number;
  startTime: string | null;
  completionTime: string | null;
  /** `batch.kubernetes.io/cronjob-scheduled-timestamp`: the schedule time a CronJob created it for (optional: added later). */
  scheduledAt?: string | null;
}

export interface CronJobFacts {
  schedule: string | null;
  timeZone: string | null;
  concurrencyPolicy: string | null;
  suspend: boolean;
  /** spec.startingDeadlineSeconds (optional: added later). */
  startingDeadlineSeconds?: number | null;
  successfulJobsHistoryLimit: number | null;
  failedJobsHistoryLimit: number | null;
  lastScheduleTime: string | null;
  lastSuccessfulTime: string | null;
  /** Names of the Jobs the CronJob lists as active. */
  active: string[];
}

export interface WorkloadState {
  kind: WorkloadKind;
  namespace: string;
  name: string;
  uid: string | null;
  creationTimestamp: string | null;
  deletionTimestamp: string | null;
  generation: number | null;
  observedGeneration: number | null;
  /** The controller owner reference (a ReplicaSet's Deployment, a Job's CronJob), else null. */
  owner: OwnerRef | null;
  /** matchLabels and matchExpressions as a label-selector string ("app=web,tier in (a,b)"), else null. */
  selector: string | null;
  /**
   * The revision this object is or serves: ReplicaSet and Deployment `deployment.kubernetes.io/revision`,
   * ControllerRevision `.revision`; null otherwise.
   */
  revision: number | null;
  /**
   * ReplicaSet `deployment.kubernetes.io/revision-history`: the numbers it had before (kubectl
   * rollout undo re-uses it, deployment/sync.go getNewReplicaSet); absent when it has none.
   */
  revisionHistory?: number[];
  /** ReplicaSet `pod-template-hash` label; StatefulSet/DaemonSet pods' `controller-revision-hash` names. */
  templateHash: string | null;
  /** `kubernetes.io/change-cause`, else null. */
  changeCause: string | null;
  paused: boolean;
  minReadySeconds: number | null;
  progressDeadlineSeconds: number | null;
  revisionHistoryLimit: number | null;
  /** StatefulSet: OrderedReady | Parallel. */
  podManagementPolicy: string | null;
  strategy: WorkloadStrategy | null;
  /** The pod template (ControllerRevision: the template in `data`, where it has one). */
  template: TemplateSummary | null;
  counts: WorkloadCounts;
  /** StatefulSet and DaemonSet status.currentRevision / updateRevision (ControllerRevision names). */
  currentRevision: string | null;
  updateRevision: string | null;
  conditions: WorkloadCondition[];
  job: JobFacts | null;
  cronJob: CronJobFacts | null;
}

/** One stored version of a workload: its state when observed, or its deletion. */
export interface WorkloadVersion {
  observedAt: number;
  deleted: boolean;
  state: WorkloadState | null;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {};
const text = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const int = (v: unknown): number | null =>
  typeof v === "number" && Number.isFinite(v) ? Math.trunc(v) : null;
const intOrPercent = (v: unknown): string | null =>
  typeof v === "number" && Number.isFinite(v) ? String(v) : text(v);
const stringMap = (v: unknown): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(obj(v))) if (typeof x === "string") out[k] = x;
  return out;
};

const isKind = (k: unknown): k is WorkloadKind =>
  typeof k === "string" && (WORKLOAD_KINDS as readonly string[]).includes(k);

/** A label selector ({matchLabels, matchExpressions}) as kubectl writes one, or null. */
export function selectorText(selector: unknown): string | null {
  const s = obj(selector);
  const parts: string[] = [];
  for (const [k, v] of Object.entries(stringMap(s.matchLabels)).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  ))
    parts.push(`${k}=${v}`);
  for (const e of list(s.matchExpressions).map(obj)) {
    const key = text(e.key);
    if (!key) continue;
    const values = list(e.values).filter((x): x is string => typeof x === "string");
    switch (e.operator) {
      case "In":
        parts.push(`${key} in (${values.join(",")})`);
        break;
      case "NotIn":
        parts.push(`${key} notin (${values.join(",")})`);
        break;
      case "Exists":
        parts.push(key);
        break;
      case "DoesNotExist":
        parts.push(`!${key}`);
        break;
    }
  }
  return parts.length ? parts.join(",") : null;
}

/** FNV-1a (32-bit, twice with two seeds: 16 hex digits) of a string. Not cryptographic. */
export function digestText(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
  }
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

/** JSON with object keys sorted, so the digest does not depend on the order fields arrived in. */
function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(",")}]`;
  if (v && typeof v === "object") {
    const keys = Object.keys(v as Obj).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stable((v as Obj)[k])}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

function container(c: Obj, kind: ContainerSummary["kind"]): ContainerSummary | null {
  const name = text(c.name);
  if (!name) return null;
  const envNames: string[] = [];
  for (const e of list(c.env).map(obj)) {
    const n = text(e.name);
    if (n) envNames.push(n);
  }
  for (const f of list(c.envFrom).map(obj)) {
    const cm = text(obj(f.configMapRef).name);
    const sec = text(obj(f.secretRef).name);
    if (cm) envNames.push(`configMap:${cm}`);
    if (sec) envNames.push(`secret:${sec}`);
  }
  const resources = obj(c.resources);
  return {
    name,
    image: text(c.image),
    kind,
    envNames,
    requests: stringMap(resources.requests),
    limits: stringMap(resources.limits),
  };
}

/** The pod template's summary, or null when there is no template. */
export function templateSummary(template: unknown): TemplateSummary | null {
  const t = obj(template);
  if (!Object.keys(t).length) return null;
  const spec = obj(t.spec);
  const containers: ContainerSummary[] = [];
  for (const c of list(spec.initContainers).map(obj)) {
    const s = container(c, c.restartPolicy === "Always" ? "sidecar" : "init");
    if (s) containers.push(s);
  }
  for (const c of list(spec.containers).map(obj)) {
    const s = container(c, "main");
    if (s) containers.push(s);
  }
  // The digest leaves out what may carry secrets (env values, commands, args) and the metadata
  // the controllers write (pod-template-hash is a digest of the same template).
  const scrub = (c: unknown) => {
    const o = { ...obj(c) };
    delete o.command;
    delete o.args;
    o.env = list(o.env).map((e) => text(obj(e).name));
    return o;
  };
  const labels = { ...stringMap(obj(t.metadata).labels) };
  delete labels["pod-template-hash"];
  delete labels["controller-revision-hash"];
  const digestOf = {
    labels,
    annotations: stringMap(obj(t.metadata).annotations),
    spec: {
      ...spec,
      initContainers: list(spec.initContainers).map(scrub),
      containers: list(spec.containers).map(scrub),
      ephemeralContainers: undefined,
    },
  };
  return {
    containers,
    restartedAt: text(stringMap(obj(t.metadata).annotations)["kubectl.kubernetes.io/restartedAt"]),
    digest: digestText(stable(digestOf)),
  };
}

function conditions(v: unknown): WorkloadCondition[] {
  const out: WorkloadCondition[] = [];
  for (const c of list(v).map(obj)) {
    const type = text(c.type);
    if (!type) continue;
    out.push({
      type,
      status: text(c.status) ?? "Unknown",
      reason: text(c.reason),
      message: text(c.message),
      lastTransitionTime: text(c.lastTransitionTime),
    });
  }
  return out;
}

function counts(kind: WorkloadKind, spec: Obj, status: Obj): WorkloadCounts {
  switch (kind) {
    case "DaemonSet": {
      // updatedNumberScheduled and numberAvailable are omitempty in apps/v1 DaemonSetStatus (the
      // other counts are not): absent from a status the controller has written (it always writes
      // desiredNumberScheduled), they are 0, as kubectl prints them. Before any status, unknown.
      const written = int(status.desiredNumberScheduled) !== null;
      const count = (v: unknown) => int(v) ?? (written ? 0 : null);
      return {
        desired: int(status.desiredNumberScheduled),
        current: count(status.currentNumberScheduled),
        updated: count(status.updatedNumberScheduled),
        ready: count(status.numberReady),
        available: count(status.numberAvailable),
        misscheduled: count(status.numberMisscheduled),
      };
    }
    case "Job":
      return {
        desired: int(spec.completions),
        current: int(status.active),
        updated: null,
        ready: int(status.ready),
        available: null,
      };
    case "CronJob":
    case "ControllerRevision":
      return { desired: null, current: null, updated: null, ready: null, available: null };
    default:
      return {
        // spec.replicas defaults to 1 in the API server; a missing one is read as that.
        desired: spec.replicas === undefined ? 1 : int(spec.replicas),
        current: int(status.replicas) ?? 0,
        updated: kind === "ReplicaSet" ? null : (int(status.updatedReplicas) ?? 0),
        ready: int(status.readyReplicas) ?? 0,
        available: int(status.availableReplicas) ?? 0,
      };
  }
}

function strategy(kind: WorkloadKind, spec: Obj): WorkloadStrategy | null {
  const s = obj(kind === "Deployment" ? spec.strategy : spec.updateStrategy);
  if (kind !== "Deployment" && kind !== "StatefulSet" && kind !== "DaemonSet") return null;
  const ru = obj(s.rollingUpdate);
  return {
    type: text(s.type),
    maxSurge: intOrPercent(ru.maxSurge),
    maxUnavailable: intOrPercent(ru.maxUnavailable),
    partition: int(ru.partition),
  };
}

/** The workload's state as stored, or null when it is not a workload kind or has no name. */
export function workloadState(object: unknown): WorkloadState | null {
  const o = obj(object);
  if (!isKind(o.kind)) return null;
  const kind = o.kind;
  const meta = obj(o.metadata);
  const name = text(meta.name);
  const namespace = text(meta.namespace);
  if (!name || !namespace) return null;
  const spec = obj(o.spec);
  const status = obj(o.status);
  const annotations = stringMap(meta.annotations);
  const labels = stringMap(meta.labels);
  const ownerRaw = list(meta.ownerReferences)
    .map(obj)
    .find((r) => r.controller === true);
  const owner =
    ownerRaw && text(ownerRaw.kind) && text(ownerRaw.name)
      ? { kind: String(ownerRaw.kind), name: String(ownerRaw.name), uid: text(ownerRaw.uid) }
      : null;
  let revision: number | null = null;
  if (kind === "ControllerRevision") revision = int(o.revision);
  else {
    const r = Number(annotations["deployment.kubernetes.io/revision"]);
    revision = Number.isInteger(r) && r > 0 ? r : null;
  }
  const revisionHistory = (annotations["deployment.kubernetes.io/revision-history"] ?? "")
    .split(",")
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  const jobTemplate = obj(obj(spec.jobTemplate).spec);
  const template =
    kind === "ControllerRevision"
      ? templateSummary(obj(obj(o.data).spec).template)
      : kind === "CronJob"
        ? templateSummary(jobTemplate.template)
        : templateSummary(spec.template);
  return {
    kind,
    namespace,
    name,
    uid: text(meta.uid),
    creationTimestamp: text(meta.creationTimestamp),
    deletionTimestamp: text(meta.deletionTimestamp),
    generation: int(meta.generation),
    observedGeneration: int(status.observedGeneration),
    owner,
    selector: selectorText(spec.selector),
    revision,
    // Only when present, so a state stored before this field existed reads the same.
    ...(revisionHistory.length ? { revisionHistory } : {}),
    templateHash: text(labels["pod-template-hash"]) ?? text(labels["controller-revision-hash"]),
    changeCause: text(annotations["kubernetes.io/change-cause"]),
    paused: spec.paused === true,
    minReadySeconds: int(spec.minReadySeconds),
    progressDeadlineSeconds: int(spec.progressDeadlineSeconds),
    revisionHistoryLimit: int(spec.revisionHistoryLimit),
    podManagementPolicy: kind === "StatefulSet" ? text(spec.podManagementPolicy) : null,
    strategy: strategy(kind, spec),
    template,
    counts: counts(kind, spec, status),
    currentRevision: text(status.currentRevision),
    updateRevision: text(status.updateRevision),
    conditions: conditions(status.conditions),
    job:
      kind === "Job"
        ? {
            completions: int(spec.completions),
            parallelism: int(spec.parallelism),
            backoffLimit: int(spec.backoffLimit),
            activeDeadlineSeconds: int(spec.activeDeadlineSeconds),
            suspend: spec.suspend === true,
            active: int(status.active) ?? 0,
            succeeded: int(status.succeeded) ?? 0,
            failed: int(status.failed) ?? 0,
            startTime: text(status.startTime),
            completionTime: text(status.completionTime),
            scheduledAt: text(annotations["batch.kubernetes.io/cronjob-scheduled-timestamp"]),
          }
        : null,
    cronJob:
      kind === "CronJob"
        ? {
            schedule: text(spec.schedule),
            timeZone: text(spec.timeZone),
            concurrencyPolicy: text(spec.concurrencyPolicy),
            suspend: spec.suspend === true,
            startingDeadlineSeconds: int(spec.startingDeadlineSeconds),
            successfulJobsHistoryLimit: int(spec.successfulJobsHistoryLimit),
            failedJobsHistoryLimit: int(spec.failedJobsHistoryLimit),
            lastScheduleTime: text(status.lastScheduleTime),
            lastSuccessfulTime: text(status.lastSuccessfulTime),
            active: list(status.active)
              .map((r) => text(obj(r).name))
              .filter((n): n is string => !!n),
          }
        : null,
  };
}
