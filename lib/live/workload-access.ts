// Which workload kinds Lifeline cannot watch, from the watches' states: a kind the credentials may
// not list in a namespace (403: RBAC without it) or one the cluster does not serve (404). Each is
// said once, as one sentence per resource (its namespaces together), in GET /api/cluster and the
// banner; the other kinds, pods and events go on (lib/kube/collector.ts).
import type { CollectorState } from "../kube/collector";
import { resourceOfPath } from "../kube/workload-resources";
import type { WorkloadKind } from "../workloads/workload-state";

export interface WorkloadDenial {
  /** The resource as RBAC names it: "statefulsets.apps". */
  resource: string;
  kind: WorkloadKind;
  /** "forbidden" (403) or "not-served" (404). */
  reason: "forbidden" | "not-served";
  /** The namespaces it was refused in; null for a cluster-wide watch (or a resource not served). */
  namespaces: string[] | null;
  /** Since when (the earliest of its watches), on the pipeline's clock. */
  since: number;
  /** The API server's sentence (the first watch's). */
  error: string | null;
  /** What it means, in one English sentence (the banner translates it from the fields above). */
  sentence: string;
}

/** The workload kinds refused or not served, one entry per resource and reason, in the collector's order. */
export function workloadAccess(connection: CollectorState): WorkloadDenial[] {
  const out = new Map<string, WorkloadDenial>();
  for (const r of connection.reflectors) {
    if (r.phase !== "forbidden") continue;
    const res = resourceOfPath(r.path);
    if (!res) continue;
    const reason = r.lastStatus === 404 ? "not-served" : "forbidden";
    const ns = /\/namespaces\/([^/]+)\//.exec(r.path)?.[1];
    const key = `${res.plural}.${res.group} ${reason}`;
    const d = out.get(key) ?? {
      resource: `${res.plural}.${res.group}`,
      kind: res.kind,
      reason,
      namespaces: reason === "forbidden" && ns ? [] : null,
      since: r.since,
      error: r.lastError,
      sentence: "",
    };
    if (d.namespaces && ns) d.namespaces.push(decodeURIComponent(ns));
    d.since = Math.min(d.since, r.since);
    out.set(key, d);
  }
  return [...out.values()].map((d) => ({ ...d, sentence: denialSentence(d) }));
}

/** "Lifeline may not list statefulsets.apps in dev: workload pages omit StatefulSets there." */
export function denialSentence(
  d: Pick<WorkloadDenial, "resource" | "kind" | "reason" | "namespaces">,
): string {
  const kinds = `${d.kind}s`;
  if (d.reason === "not-served")
    return `The cluster does not serve ${d.resource}: workload pages omit ${kinds}.`;
  const where = d.namespaces?.length ? d.namespaces.join(", ") : "any namespace";
  return `Lifeline may not list ${d.resource} in ${where}: workload pages omit ${kinds} there.`;
}

/** The denials a viewer limited to `scope` may read: those of their namespaces, and the cluster-wide ones. */
export function scopedDenials(all: WorkloadDenial[], scope: readonly string[]): WorkloadDenial[] {
  return all.flatMap((d) => {
    if (!d.namespaces) return [{ ...d, error: null }];
    const namespaces = d.namespaces.filter((n) => scope.includes(n));
    return namespaces.length
      ? [{ ...d, namespaces, error: null, sentence: denialSentence({ ...d, namespaces }) }]
      : [];
  });
}
