// The Deployment controller's arithmetic, after pkg/controller/deployment/util/deployment_util.go:
// surge and unavailability fenceposts, revisions and the annotations that carry them, conditions,
// the status a Deployment's ReplicaSets add up to, and the pod-template-hash.
import { formatTime, parseTime } from "../../k8s/time";
import type { KubeObject } from "../api-server/store";
import type { Template } from "./workload-controllers";

export const REVISION = "deployment.kubernetes.io/revision";
export const REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
export const DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
export const MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
export const HASH_LABEL = "pod-template-hash";
/** Annotations a Deployment does not copy to its ReplicaSets (annotationsToSkip). */
const SKIPPED = new Set([
  "kubectl.kubernetes.io/last-applied-configuration",
  REVISION,
  REVISION_HISTORY,
  DESIRED_REPLICAS,
  MAX_REPLICAS,
  "deprecated.deployment.rollback.to",
]);

export interface Condition {
  type: string;
  status: "True" | "False" | "Unknown";
  lastUpdateTime: string;
  lastTransitionTime: string;
  reason: string;
  message: string;
}

export interface DeploymentSpec {
  replicas: number;
  selector: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] };
  template: Template;
  strategy: {
    type: string;
    rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string };
  };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  progressDeadlineSeconds?: number;
  paused?: boolean;
}

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: Condition[];
  collisionCount?: number;
}

export const dspec = (d: KubeObject) => d.spec as DeploymentSpec;
export const dstatus = (d: KubeObject) => (d.status ?? {}) as DeploymentStatus;
export const replicasOf = (rs: KubeObject) => (rs.spec as { replicas?: number }).replicas ?? 0;
export const rsStatus = (rs: KubeObject) =>
  (rs.status ?? {}) as { replicas?: number; readyReplicas?: number; availableReplicas?: number };

/** JSON with sorted keys: the same object always prints the same text. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v) ?? "null";
}

/** intstr.GetScaledValueFromIntOrPercent. */
function scaled(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (typeof v === "number") return v;
  const pct = Number(String(v ?? "0").replace(/%$/, "")) || 0;
  const exact = (pct * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** ResolveFenceposts: surge rounds up, unavailability down; both 0 makes unavailability 1. */
export function fenceposts(d: KubeObject): { surge: number; unavailable: number } {
  const { replicas, strategy } = dspec(d);
  const surge = scaled(strategy.rollingUpdate?.maxSurge, replicas, true);
  const unavailable = scaled(strategy.rollingUpdate?.maxUnavailable, replicas, false);
  return { surge, unavailable: surge === 0 && unavailable === 0 ? 1 : unavailable };
}

export const isRolling = (d: KubeObject) => dspec(d).strategy.type === "RollingUpdate";

export function maxSurge(d: KubeObject): number {
  return isRolling(d) ? fenceposts(d).surge : 0;
}

export function maxUnavailable(d: KubeObject): number {
  const replicas = dspec(d).replicas;
  if (!isRolling(d) || replicas === 0) return 0;
  return Math.min(fenceposts(d).unavailable, replicas);
}

/** rand.SafeEncodeString's alphabet: no vowels, no 0/1/3 (no words, no look-alikes). */
const SAFE = "bcdfghjklmnpqrstvwxz2456789";

/**
 * The pod-template-hash. Kube hashes a spew dump of the Go struct (hashutil.DeepHashObject) with
 * FNV-32a; the demo hashes the template's canonical JSON with FNV-32a instead (a stable stand-in:
 * the same template always gets the same hash, a changed one another), then encodes the number
 * as kube does (rand.SafeEncodeString of its decimal digits), with collisionCount mixed in likewise.
 */
export function podTemplateHash(template: Template, collisionCount?: number): string {
  let h = 0x811c9dc5;
  const feed = (bytes: Uint8Array) => {
    for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  };
  feed(new TextEncoder().encode(canonical(template)));
  if (collisionCount !== undefined) {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setUint32(0, collisionCount >>> 0, true);
    feed(bytes);
  }
  return [...String(h >>> 0)].map((c) => SAFE[c.charCodeAt(0) % SAFE.length]).join("");
}

function withoutHash(t: Template | undefined): Template {
  const copy = structuredClone(t ?? {});
  if (copy.metadata?.labels) delete copy.metadata.labels[HASH_LABEL];
  return copy;
}

/** EqualIgnoreHash: the templates match once pod-template-hash is taken out of both. */
export function equalIgnoreHash(a: Template | undefined, b: Template | undefined): boolean {
  const norm = (t: Template) => {
    const labels = t.metadata?.labels;
    if (labels && !Object.keys(labels).length) delete t.metadata!.labels;
    if (t.metadata && !Object.keys(t.metadata).length) delete t.metadata;
    return canonical(t);
  };
  return norm(withoutHash(a)) === norm(withoutHash(b));
}

export function revisionOf(o: KubeObject): number {
  const n = Number(o.metadata.annotations?.[REVISION] ?? 0);
  return Number.isInteger(n) ? n : 0;
}

/** ReplicaSetsByCreationTimestamp: older first, ties by name. */
export function byCreation(a: KubeObject, b: KubeObject): number {
  const ta = parseTime(a.metadata.creationTimestamp) ?? 0;
  const tb = parseTime(b.metadata.creationTimestamp) ?? 0;
  return ta !== tb ? ta - tb : a.metadata.name < b.metadata.name ? -1 : 1;
}

/** ReplicaSetsByRevision: lower revision first, ties by creation. */
export function byRevision(a: KubeObject, b: KubeObject): number {
  return revisionOf(a) !== revisionOf(b) ? revisionOf(a) - revisionOf(b) : byCreation(a, b);
}

export const active = (list: KubeObject[]) => list.filter((rs) => replicasOf(rs) > 0);
export const sumSpec = (list: KubeObject[]) => list.reduce((n, rs) => n + replicasOf(rs), 0);
export const sumStatus = (
  list: KubeObject[],
  f: "replicas" | "readyReplicas" | "availableReplicas",
) => list.reduce((n, rs) => n + (rsStatus(rs)[f] ?? 0), 0);

/** NewRSNewReplicas: how far the new ReplicaSet may grow now. */
export function newRSNewReplicas(d: KubeObject, all: KubeObject[], newRS: KubeObject): number {
  const replicas = dspec(d).replicas;
  if (!isRolling(d)) return replicas;
  const current = sumSpec(all);
  const maxTotal = replicas + maxSurge(d);
  if (current >= maxTotal) return replicasOf(newRS);
  return replicasOf(newRS) + Math.min(maxTotal - current, replicas - replicasOf(newRS));
}

/** SetNewReplicaSetAnnotations: copies the Deployment's annotations and moves the revision on (keeping the old one in revision-history). */
export function setNewReplicaSetAnnotations(
  d: KubeObject,
  rs: KubeObject,
  newRevision: number,
  exists: boolean,
): boolean {
  const before = canonical(rs.metadata.annotations ?? {});
  const annotations = (rs.metadata.annotations ??= {});
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {}))
    if (!SKIPPED.has(k)) annotations[k] = v;
  const old = annotations[REVISION];
  const oldRevision = Number(old ?? 0);
  if (Number.isInteger(oldRevision) && oldRevision < newRevision) {
    annotations[REVISION] = String(newRevision);
    if (old !== undefined) {
      const history = annotations[REVISION_HISTORY];
      annotations[REVISION_HISTORY] = history ? `${history},${old}` : old;
    }
  }
  if (!exists) setReplicasAnnotations(rs, d);
  return canonical(annotations) !== before;
}

export function setReplicasAnnotations(rs: KubeObject, d: KubeObject): boolean {
  const annotations = (rs.metadata.annotations ??= {});
  const desired = String(dspec(d).replicas);
  const max = String(dspec(d).replicas + maxSurge(d));
  const changed = annotations[DESIRED_REPLICAS] !== desired || annotations[MAX_REPLICAS] !== max;
  annotations[DESIRED_REPLICAS] = desired;
  annotations[MAX_REPLICAS] = max;
  return changed;
}

export function getCondition(s: DeploymentStatus, type: string): Condition | undefined {
  return s.conditions?.find((c) => c.type === type);
}

export function newCondition(
  type: string,
  status: Condition["status"],
  reason: string,
  message: string,
  now: number,
): Condition {
  const t = formatTime(now);
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message };
}

/** SetDeploymentCondition: same status and reason is no change; same status keeps lastTransitionTime; the condition moves to the end. */
export function setCondition(s: DeploymentStatus, c: Condition): void {
  const current = getCondition(s, c.type);
  if (current && current.status === c.status && current.reason === c.reason) return;
  if (current && current.status === c.status) c.lastTransitionTime = current.lastTransitionTime;
  s.conditions = [...(s.conditions ?? []).filter((x) => x.type !== c.type), c];
}

export function removeCondition(s: DeploymentStatus, type: string): void {
  s.conditions = (s.conditions ?? []).filter((x) => x.type !== type);
  if (!s.conditions.length) delete s.conditions;
}

/** calculateStatus (sync.go): counts from the ReplicaSets and the Available condition. */
export function calculateStatus(
  all: KubeObject[],
  newRS: KubeObject | undefined,
  d: KubeObject,
  now: number,
): DeploymentStatus {
  const available = sumStatus(all, "availableReplicas");
  const unavailable = Math.max(0, sumSpec(all) - available);
  const prev = dstatus(d);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: sumStatus(all, "replicas"),
    updatedReplicas: newRS ? sumStatus([newRS], "replicas") : 0,
    readyReplicas: sumStatus(all, "readyReplicas"),
    availableReplicas: available,
    unavailableReplicas: unavailable,
    conditions: structuredClone(prev.conditions ?? []),
    collisionCount: prev.collisionCount,
  };
  if (available >= dspec(d).replicas - maxUnavailable(d))
    setCondition(
      status,
      newCondition(
        "Available",
        "True",
        "MinimumReplicasAvailable",
        "Deployment has minimum availability.",
        now,
      ),
    );
  else
    setCondition(
      status,
      newCondition(
        "Available",
        "False",
        "MinimumReplicasUnavailable",
        "Deployment does not have minimum availability.",
        now,
      ),
    );
  return omitZero(status);
}

/** Go's omitempty on DeploymentStatus: zero counts are left out of the JSON. */
export function omitZero(s: DeploymentStatus): DeploymentStatus {
  const out = { ...s } as Record<string, unknown>;
  for (const [k, v] of Object.entries(out)) if (v === 0 || v === undefined) delete out[k];
  if (Array.isArray(out.conditions) && !out.conditions.length) delete out.conditions;
  return out as DeploymentStatus;
}

export const hasProgressDeadline = (d: KubeObject) =>
  typeof dspec(d).progressDeadlineSeconds === "number" &&
  dspec(d).progressDeadlineSeconds !== 2147483647;

/** DeploymentComplete: every replica updated and available, and the spec observed. */
export function deploymentComplete(d: KubeObject, s: DeploymentStatus): boolean {
  const r = dspec(d).replicas;
  return (
    (s.updatedReplicas ?? 0) === r &&
    (s.replicas ?? 0) === r &&
    (s.availableReplicas ?? 0) === r &&
    (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 1)
  );
}

/** DeploymentProgressing: more updated, fewer old, more ready or more available than last time. */
export function deploymentProgressing(d: KubeObject, s: DeploymentStatus): boolean {
  const old = dstatus(d);
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** DeploymentTimedOut: the Progressing condition was last updated more than the deadline ago. */
export function deploymentTimedOut(d: KubeObject, s: DeploymentStatus, now: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(s, "Progressing");
  if (!c || c.reason === "NewReplicaSetAvailable") return false;
  if (c.reason === "ProgressDeadlineExceeded") return true;
  const from = parseTime(c.lastUpdateTime);
  return from !== null && from + dspec(d).progressDeadlineSeconds! * 1000 < now;
}
