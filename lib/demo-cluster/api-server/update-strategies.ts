// What each kind adds to an update (PUT or PATCH on the object itself), as the registries'
// PrepareForUpdate / ValidateUpdate do in pkg/registry/*/strategy.go. The shared rules (names,
// uid, resourceVersion, status kept, generation, no-op writes) live in update.ts; this file is the
// extension point: a controller's lane adds one entry for its store bucket, e.g.
//
//   deployments: workloadStrategy(prepareDeployment, { immutableSelector: true }),
//
// `prepareForUpdate` may adjust the new object (from the old one) before validation;
// `validateUpdate` returns the 422's causes and normally re-runs the kind's defaulting and
// validation (validation.ts prepareX) on the new object. Both see the object after the update
// core has restored what the caller may not change (status on the main resource, system metadata).
import { defaultAndValidateDeployment } from "./deployment-validation";
import type { KubeObject } from "./store";
import { preparePod, prepareReplicaSet, type Cause } from "./validation";
import { cronJobUpdateStrategy, jobUpdateStrategy } from "./batch-update";
import * as sets from "./sets-validation";

export interface UpdateStrategy {
  prepareForUpdate?(old: KubeObject, next: KubeObject): void;
  validateUpdate?(old: KubeObject, next: KubeObject): Cause[];
}

/** Deep equality of decoded JSON, key order ignored (apiequality.Semantic.DeepEqual for our purposes). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a))
    return (
      a.length === (b as unknown[]).length && a.every((x, i) => sameJson(x, (b as unknown[])[i]))
    );
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    ka.length === kb.length &&
    ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

/** A LabelSelector as Go's %#v prints it in field.Invalid ("field is immutable" messages). */
function goSelector(sel: unknown): string {
  const s = (sel ?? {}) as {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values?: string[] }[];
  };
  const labels = s.matchLabels
    ? `map[string]string{${Object.keys(s.matchLabels)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${JSON.stringify(s.matchLabels![k])}`)
        .join(", ")}}`
    : "map[string]string(nil)";
  const exprs = s.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${s.matchExpressions
        .map(
          (e) =>
            `v1.LabelSelectorRequirement{Key:${JSON.stringify(e.key)}, Operator:${JSON.stringify(e.operator)}, Values:${e.values ? `[]string{${e.values.map((v) => JSON.stringify(v)).join(", ")}}` : "[]string(nil)"}}`,
        )
        .join(", ")}}`
    : "[]v1.LabelSelectorRequirement(nil)";
  return `&v1.LabelSelector{MatchLabels:${labels}, MatchExpressions:${exprs}}`;
}

/**
 * The update strategy of a kind with a pod template: re-run its create-time defaulting and
 * validation (`prepare`, from validation.ts) on the new object, and, for apps/v1 kinds and Jobs,
 * refuse a changed selector as ValidateDeploymentUpdate / ValidateReplicaSetUpdate / … do
 * (`spec.selector: Invalid value: …: field is immutable`).
 */
export function workloadStrategy(
  prepare: ((o: KubeObject) => Cause[]) | undefined,
  opts: { immutableSelector?: boolean } = {},
): UpdateStrategy {
  return {
    validateUpdate(old, next) {
      const causes = prepare ? prepare(next) : [];
      const before = (old.spec as { selector?: unknown } | undefined)?.selector;
      const after = (next.spec as { selector?: unknown } | undefined)?.selector;
      if (opts.immutableSelector && !sameJson(before, after))
        causes.push({
          field: "spec.selector",
          message: `Invalid value: ${goSelector(after)}: field is immutable`,
        });
      return causes;
    },
  };
}

/** ValidatePodUpdate's list of what a pod update may change (pkg/apis/core/validation). */
const POD_UPDATABLE =
  "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

type PodSpecish = {
  containers?: { image?: string }[];
  initContainers?: { image?: string }[];
  activeDeadlineSeconds?: number;
  tolerations?: unknown[];
  terminationGracePeriodSeconds?: number;
};

/**
 * ValidatePodUpdate: the new spec, with what may change put back to the old values ("munged"),
 * must equal the old spec. kube appends a cmp.Diff of the two specs to the message; the demo
 * names the fields that differ instead.
 */
function validatePodUpdate(old: KubeObject, next: KubeObject): Cause[] {
  const causes = preparePod(next);
  const before = (old.spec ?? {}) as PodSpecish & Record<string, unknown>;
  const after = (next.spec ?? {}) as PodSpecish & Record<string, unknown>;
  const munged = structuredClone(after);
  for (const list of ["containers", "initContainers"] as const)
    munged[list]?.forEach((c, i) => {
      const was = before[list]?.[i];
      if (was && c && typeof c === "object") c.image = was.image;
    });
  if (before.activeDeadlineSeconds === undefined && after.activeDeadlineSeconds !== undefined)
    delete munged.activeDeadlineSeconds;
  else if (
    typeof after.activeDeadlineSeconds === "number" &&
    typeof before.activeDeadlineSeconds === "number" &&
    after.activeDeadlineSeconds <= before.activeDeadlineSeconds
  )
    munged.activeDeadlineSeconds = before.activeDeadlineSeconds;
  else if (
    typeof after.activeDeadlineSeconds === "number" &&
    typeof before.activeDeadlineSeconds === "number"
  )
    causes.push({
      field: "spec.activeDeadlineSeconds",
      message: `Invalid value: ${after.activeDeadlineSeconds}: must be less than or equal to previous value`,
    });
  const oldTolerations = before.tolerations ?? [];
  if (oldTolerations.every((t) => (after.tolerations ?? []).some((n) => sameJson(t, n))))
    munged.tolerations = before.tolerations;
  if ((before.terminationGracePeriodSeconds ?? 0) < 0 && after.terminationGracePeriodSeconds === 1)
    munged.terminationGracePeriodSeconds = before.terminationGracePeriodSeconds;
  const changed = [...new Set([...Object.keys(before), ...Object.keys(munged)])]
    .filter((k) => !sameJson(before[k], (munged as Record<string, unknown>)[k]))
    .sort();
  if (changed.length)
    causes.push({
      field: "spec",
      message: `Forbidden: pod updates may not change fields other than ${POD_UPDATABLE}\n(changed: ${changed.map((k) => `spec.${k}`).join(", ")})`,
    });
  return causes;
}

/**
 * Each store bucket's strategy. A bucket without one gets the shared rules only (plus, for the
 * apps/v1 kinds listed here, an immutable selector until their controller's lane replaces the
 * entry with one that also validates).
 */
export const UPDATE_STRATEGIES: Record<string, UpdateStrategy> = {
  pods: { validateUpdate: validatePodUpdate },
  // namespaceStrategy.PrepareForUpdate: finalizers and status only through their subresources.
  namespaces: {
    prepareForUpdate(old, next) {
      next.spec = structuredClone(old.spec);
      next.status = structuredClone(old.status);
    },
  },
  replicasets: workloadStrategy(prepareReplicaSet, { immutableSelector: true }),
  jobs: jobUpdateStrategy,
  cronjobs: cronJobUpdateStrategy,
  deployments: workloadStrategy(defaultAndValidateDeployment, { immutableSelector: true }),
  statefulsets: sets.statefulSetUpdate(
    workloadStrategy(sets.prepareStatefulSet, { immutableSelector: true }),
  ),
  daemonsets: sets.daemonSetUpdate(
    workloadStrategy(sets.prepareDaemonSet, { immutableSelector: true }),
  ),
};
