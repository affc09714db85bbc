// A pod's required node affinity against a node (component-helpers/scheduling/corev1/nodeaffinity:
// the terms are ORed, a term's requirements ANDed; matchExpressions read the node's labels,
// matchFields only `metadata.name`), as the scheduler's NodeAffinity filter and the DaemonSet
// controller's predicates use it. The DaemonSet controller pins its pods to their node this way.
import type { KubeObject } from "../api-server/store";

interface Requirement {
  key?: string;
  operator?: string;
  values?: string[];
}

interface Term {
  matchExpressions?: Requirement[];
  matchFields?: Requirement[];
}

export interface Affinity {
  nodeAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: Term[] } | null;
    preferredDuringSchedulingIgnoredDuringExecution?:
      { weight?: number; preference?: Term | null }[] | null;
  } | null;
}

function matches(r: Requirement, value: string | undefined): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case "In":
      return value !== undefined && values.includes(value);
    case "NotIn":
      return value === undefined || !values.includes(value);
    case "Exists":
      return value !== undefined;
    case "DoesNotExist":
      return value === undefined;
    case "Gt":
    case "Lt": {
      const n = Number(value);
      const bound = Number(values[0]);
      if (value === undefined || !Number.isInteger(n) || !Number.isInteger(bound)) return false;
      return r.operator === "Gt" ? n > bound : n < bound;
    }
    default:
      return false;
  }
}

function termMatches(t: Term, node: KubeObject): boolean {
  const labels = node.metadata.labels ?? {};
  return (
    !!(t.matchExpressions?.length || t.matchFields?.length) &&
    (t.matchExpressions ?? []).every((r) => matches(r, labels[r.key ?? ""])) &&
    (t.matchFields ?? []).every((r) =>
      matches(r, r.key === "metadata.name" ? node.metadata.name : undefined),
    )
  );
}

/** The NodeAffinity score plugin's sum: the weights of the preferred terms the node matches. */
export function preferredAffinityScore(
  affinity: Affinity | null | undefined,
  node: KubeObject,
): number {
  let score = 0;
  for (const p of affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [])
    if (p.preference && (p.weight ?? 0) > 0 && termMatches(p.preference, node)) score += p.weight!;
  return score;
}

/** True when the node satisfies the required node affinity (no requirement: any node). */
export function requiredAffinityMatches(
  affinity: Affinity | null | undefined,
  node: KubeObject,
): boolean {
  const terms =
    affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms) return true;
  return terms.some((t) => termMatches(t, node));
}

/** The node a DaemonSet pod is meant for: its nodeName, else its matchFields metadata.name (util.GetTargetNodeName). */
export function targetNode(pod: KubeObject): string | undefined {
  const spec = (pod.spec ?? {}) as { nodeName?: string; affinity?: Affinity };
  if (spec.nodeName) return spec.nodeName;
  for (const t of spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
    ?.nodeSelectorTerms ?? [])
    for (const r of t.matchFields ?? [])
      if (r.key === "metadata.name" && r.operator === "In" && r.values?.length === 1)
        return r.values[0];
  return undefined;
}
