// Defaults and validation for StatefulSets and DaemonSets as kube-apiserver 1.34 applies them
// (pkg/apis/apps/v1/defaults.go, pkg/apis/apps/validation/validation.go, and the registry
// strategies that set generation 1 and a DaemonSet's template generation). MaxUnavailableStatefulSet
// is alpha (off) in 1.34, so a StatefulSet's rollingUpdate gets `partition: 0` and no maxUnavailable.
import { count, prepareTemplate, type Cause } from "./validation";
import { selectorFromObject } from "./selectors";
import type { KubeObject } from "./store";

interface SetSpec {
  replicas?: number;
  selector?: {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values?: string[] }[];
  };
  template?: { metadata?: { labels?: Record<string, string> }; spec?: Record<string, unknown> };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  podManagementPolicy?: string;
  serviceName?: string;
  updateStrategy?: {
    type?: string;
    rollingUpdate?: { partition?: number; maxUnavailable?: unknown; maxSurge?: unknown } | null;
  };
  persistentVolumeClaimRetentionPolicy?: { whenDeleted?: string; whenScaled?: string };
}

/** What both kinds check: selector present, not empty, matching the template; restartPolicy Always. */
function common(kind: string, spec: SetSpec, causes: Cause[]): void {
  const sel = spec.selector;
  if (!sel || typeof sel !== "object") {
    causes.push({ field: "spec.selector", message: "Required value" });
  } else if (!Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length) {
    causes.push({
      field: "spec.selector",
      message: `Invalid value: "{}": empty selector is invalid for ${kind}`,
    });
  } else if (
    spec.template &&
    !selectorFromObject(sel)({
      metadata: { name: "", labels: spec.template.metadata?.labels ?? {} },
    })
  ) {
    causes.push({
      field: "spec.template.metadata.labels",
      message: "Invalid value: `selector` does not match template `labels`",
    });
  }
  const policy = spec.template?.spec?.restartPolicy;
  if (spec.template?.spec && policy !== "Always")
    causes.push({
      field: "spec.template.spec.restartPolicy",
      message: `Unsupported value: "${policy}": supported values: "Always"`,
    });
  if (spec.template?.spec?.activeDeadlineSeconds != null)
    causes.push({
      field: "spec.template.spec.activeDeadlineSeconds",
      message: `Forbidden: activeDeadlineSeconds in ${kind === "statefulset" ? "StatefulSet" : "DaemonSet"} is not Supported`,
    });
  spec.revisionHistoryLimit ??= 10;
  causes.push(...count("spec.revisionHistoryLimit", spec.revisionHistoryLimit));
  if (spec.minReadySeconds != null)
    causes.push(...count("spec.minReadySeconds", spec.minReadySeconds));
}

export function prepareStatefulSet(o: KubeObject): Cause[] {
  const causes: Cause[] = [];
  prepareTemplate(o, causes);
  const spec = o.spec as SetSpec;
  spec.replicas ??= 1;
  causes.push(...count("spec.replicas", spec.replicas));
  spec.podManagementPolicy ||= "OrderedReady";
  if (!["OrderedReady", "Parallel"].includes(spec.podManagementPolicy))
    causes.push({
      field: "spec.podManagementPolicy",
      message: `Invalid value: "${spec.podManagementPolicy}": must be 'OrderedReady' or 'Parallel'`,
    });
  const strategy = (spec.updateStrategy ??= {});
  if (!strategy.type) {
    strategy.type = "RollingUpdate";
    strategy.rollingUpdate ??= {};
  }
  if (strategy.type === "RollingUpdate") {
    if (strategy.rollingUpdate) {
      strategy.rollingUpdate.partition ??= 0;
      causes.push(
        ...count("spec.updateStrategy.rollingUpdate.partition", strategy.rollingUpdate.partition),
      );
    }
  } else if (strategy.type === "OnDelete") {
    if (strategy.rollingUpdate)
      causes.push({
        field: "spec.updateStrategy.rollingUpdate",
        message: "Invalid value: only allowed for updateStrategy 'RollingUpdate'",
      });
  } else
    causes.push({
      field: "spec.updateStrategy",
      message: `Invalid value: "${strategy.type}": must be 'RollingUpdate' or 'OnDelete'`,
    });
  spec.persistentVolumeClaimRetentionPolicy ??= {};
  spec.persistentVolumeClaimRetentionPolicy.whenDeleted ??= "Retain";
  spec.persistentVolumeClaimRetentionPolicy.whenScaled ??= "Retain";
  common("statefulset", spec, causes);
  o.status = { replicas: 0, availableReplicas: 0 };
  o.metadata.generation = 1;
  return causes;
}

/** An intstr (int or "N%") scaled against `total`, rounding up as GetScaledValueFromIntOrPercent(…, true). */
export function scaled(value: unknown, total: number): number | null {
  if (typeof value === "number" && Number.isInteger(value) && value >= 0) return value;
  const m = typeof value === "string" ? /^(\d+)%$/.exec(value) : null;
  return m ? Math.ceil((Number(m[1]) * total) / 100) : null;
}

export function prepareDaemonSet(o: KubeObject): Cause[] {
  const causes: Cause[] = [];
  prepareTemplate(o, causes);
  const spec = o.spec as SetSpec;
  const strategy = (spec.updateStrategy ??= {});
  strategy.type ||= "RollingUpdate";
  if (strategy.type === "RollingUpdate") {
    const ru = (strategy.rollingUpdate ??= {});
    ru.maxUnavailable ??= 1;
    ru.maxSurge ??= 0;
    const field = "spec.updateStrategy.rollingUpdate";
    for (const f of ["maxUnavailable", "maxSurge"] as const) {
      const v = ru[f];
      if (scaled(v, 100) === null)
        causes.push({
          field: `${field}.${f}`,
          message: `Invalid value: ${JSON.stringify(v)}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`,
        });
      else if (typeof v === "string" && scaled(v, 100)! > 100)
        causes.push({
          field: `${field}.${f}`,
          message: `Invalid value: "${v}": must not be greater than 100%`,
        });
    }
    if (scaled(ru.maxUnavailable, 100) === 0 && scaled(ru.maxSurge, 100) === 0)
      causes.push({
        field: `${field}.maxUnavailable`,
        message: `Invalid value: ${JSON.stringify(ru.maxUnavailable)}: may not be 0 when \`maxSurge\` is 0`,
      });
  } else if (strategy.type !== "OnDelete")
    causes.push({
      field: "spec.updateStrategy.type",
      message: `Unsupported value: "${strategy.type}": supported values: "OnDelete", "RollingUpdate"`,
    });
  common("daemonset", spec, causes);
  // The registry strategy starts the template generation at 1; apps/v1 shows it as this annotation.
  o.metadata.annotations = {
    ...(o.metadata.annotations ?? {}),
    "deprecated.daemonset.template.generation": "1",
  };
  o.status = {
    currentNumberScheduled: 0,
    numberMisscheduled: 0,
    desiredNumberScheduled: 0,
    numberReady: 0,
  };
  o.metadata.generation = 1;
  return causes;
}

interface Strategy {
  validateUpdate?(old: KubeObject, next: KubeObject): Cause[];
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

/**
 * ValidateStatefulSetUpdate on top of `base` (create-time validation and the immutable selector):
 * only these fields of the spec may change.
 */
export function statefulSetUpdate(base: Strategy): Strategy {
  const mutable = [
    "replicas",
    "ordinals",
    "template",
    "updateStrategy",
    "minReadySeconds",
    "revisionHistoryLimit",
    "persistentVolumeClaimRetentionPolicy",
  ];
  return {
    validateUpdate(old, next) {
      const causes = base.validateUpdate?.(old, next) ?? [];
      const rest = (o: KubeObject) =>
        canonical(
          Object.fromEntries(
            Object.entries((o.spec ?? {}) as Record<string, unknown>).filter(
              ([k]) => !mutable.includes(k) && k !== "selector",
            ),
          ),
        );
      if (rest(old) !== rest(next))
        causes.push({
          field: "spec",
          message:
            "Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
        });
      return causes;
    },
  };
}

/**
 * The DaemonSet strategy's PrepareForUpdate on top of `base`: a changed template bumps the
 * template generation (the `deprecated.daemonset.template.generation` annotation apps/v1 shows),
 * which the controller writes into its pods' `pod-template-generation` label.
 */
export function daemonSetUpdate(base: Strategy): Strategy {
  const key = "deprecated.daemonset.template.generation";
  return {
    validateUpdate(old, next) {
      const causes = base.validateUpdate?.(old, next) ?? [];
      const template = (o: KubeObject) => canonical((o.spec as SetSpec | undefined)?.template);
      const was = Number(old.metadata.annotations?.[key] ?? 1) || 1;
      next.metadata.annotations = {
        ...(next.metadata.annotations ?? {}),
        [key]: String(template(old) === template(next) ? was : was + 1),
      };
      return causes;
    },
  };
}
