// Step series of a workload's counts, its conditions as intervals and its replicas changes, from
// its versions in time order. Times are the versions' observedAt, except a condition's status
// change, which starts at its lastTransitionTime when that lies between the previous change and
// the observation (the controller wrote it; the watch delivered it later). Pure.
import { parseTime } from "../k8s/time";
import type { ConditionSpan, CountName, ReplicaChange, Step } from "./types";
import type { WorkloadVersion } from "./workload-state";

export const COUNT_NAMES: CountName[] = ["desired", "current", "updated", "ready", "available"];

const fin = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** One step series per count; a new step only where the value changes; deletion closes them. */
export function countSeries(versions: WorkloadVersion[]): Record<CountName, Step[]> {
  const out = Object.fromEntries(COUNT_NAMES.map((n) => [n, [] as Step[]])) as Record<
    CountName,
    Step[]
  >;
  for (const v of versions) {
    for (const n of COUNT_NAMES) {
      const steps = out[n];
      const last = steps[steps.length - 1];
      if (v.deleted || !v.state) {
        if (last && last.end === null) last.end = v.observedAt;
        continue;
      }
      const value = fin(v.state.counts?.[n]);
      if (last && last.end === null && last.value === value) continue;
      if (last && last.end === null) last.end = v.observedAt;
      steps.push({ start: v.observedAt, end: null, value });
    }
  }
  // A kind without a count (a CronJob's "ready") has nothing to draw.
  for (const n of COUNT_NAMES) if (out[n].every((s) => s.value === null)) out[n] = [];
  return out;
}

/** Conditions per type as intervals: a new one when status, reason or message changes. */
export function conditionSpans(versions: WorkloadVersion[]): ConditionSpan[] {
  const open = new Map<string, ConditionSpan>();
  const out: ConditionSpan[] = [];
  for (const v of versions) {
    const seen = new Set<string>();
    const conditions = v.deleted || !v.state ? [] : v.state.conditions;
    for (const c of Array.isArray(conditions) ? conditions : []) {
      if (!c || typeof c.type !== "string" || seen.has(c.type)) continue;
      seen.add(c.type);
      const cur = open.get(c.type);
      const status = typeof c.status === "string" ? c.status : "Unknown";
      const reason = c.reason ?? null;
      const message = c.message ?? null;
      if (cur && cur.status === status && cur.reason === reason && cur.message === message)
        continue;
      let start = v.observedAt;
      const lt = parseTime(c.lastTransitionTime);
      // The transition time places a status change; a reason or message change keeps the old one.
      if ((!cur || cur.status !== status) && lt !== null && lt <= v.observedAt)
        start = Math.max(lt, cur?.start ?? -Infinity);
      if (cur) cur.end = Math.max(cur.start, start);
      const span: ConditionSpan = { type: c.type, status, reason, message, start, end: null };
      out.push(span);
      open.set(c.type, span);
    }
    for (const [type, span] of open)
      if (!seen.has(type)) {
        span.end = v.observedAt;
        open.delete(type);
      }
  }
  return out;
}

/** spec.replicas changes (kubectl scale, an autoscaler): not revisions, drawn apart. */
export function replicaChanges(versions: WorkloadVersion[]): ReplicaChange[] {
  const out: ReplicaChange[] = [];
  let prev: number | null | undefined;
  for (const v of versions) {
    if (v.deleted || !v.state) continue;
    const kind = v.state.kind;
    if (kind !== "Deployment" && kind !== "StatefulSet" && kind !== "ReplicaSet") continue;
    const d = fin(v.state.counts?.desired);
    if (prev !== undefined && d !== prev) out.push({ at: v.observedAt, from: prev, to: d });
    prev = d;
  }
  return out;
}
