// Defaults and validation for Deployments: pkg/apis/apps/v1/defaults.go (SetDefaults_Deployment),
// pkg/apis/apps/validation/validation.go (ValidateDeploymentSpec) and
// pkg/registry/apps/deployment/strategy.go (status and generation on create). An update re-runs
// defaultAndValidateDeployment (update-strategies.ts); update.ts keeps the status, counts the
// generation and refuses a changed selector.
import { SelectorError } from "../../k8s/label-selector";
import type { LabelSelectorObject } from "../../k8s/label-selector";
import { selectorFromObject } from "./selectors";
import type { KubeObject } from "./store";
import { prepareTemplate, type Cause } from "./validation";

type IntOrString = number | string;

interface DeploymentSpec {
  replicas?: number;
  selector?: LabelSelectorObject;
  template?: {
    metadata?: { labels?: Record<string, string> };
    spec?: { restartPolicy?: string };
  };
  strategy?: {
    type?: string;
    rollingUpdate?: { maxUnavailable?: IntOrString; maxSurge?: IntOrString };
  };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  progressDeadlineSeconds?: number;
  paused?: boolean;
}

const PERCENT = /^[0-9]+%$/;

/** Go's %#v of a map[string]string, as field.Invalid prints it. */
function goMap(m: Record<string, string> | undefined): string {
  const entries = Object.keys(m ?? {})
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(m![k])}`);
  return `map[string]string{${entries.join(", ")}}`;
}

function goSelector(s: LabelSelectorObject): string {
  const exprs = s.matchExpressions?.length ? `[]v1.LabelSelectorRequirement{…}` : "nil";
  return `&v1.LabelSelector{MatchLabels:${s.matchLabels ? goMap(s.matchLabels) : "map[string]string(nil)"}, MatchExpressions:${exprs === "nil" ? "[]v1.LabelSelectorRequirement(nil)" : exprs}}`;
}

function nonNegative(field: string, v: unknown, causes: Cause[]): void {
  if (v === undefined) return;
  if (typeof v !== "number" || !Number.isInteger(v))
    causes.push({ field, message: `Invalid value: ${JSON.stringify(v)}: must be an integer` });
  else if (v < 0)
    causes.push({ field, message: `Invalid value: ${v}: must be greater than or equal to 0` });
}

/** ValidatePositiveIntOrPercent and, for maxUnavailable, IsNotMoreThan100Percent. */
function intOrPercent(field: string, v: unknown, causes: Cause[], max100: boolean): void {
  if (typeof v === "string") {
    if (!PERCENT.test(v))
      causes.push({
        field,
        message: `Invalid value: ${JSON.stringify(v)}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`,
      });
    else if (max100 && Number(v.slice(0, -1)) > 100)
      causes.push({
        field,
        message: `Invalid value: ${JSON.stringify(v)}: must not be greater than 100%`,
      });
  } else nonNegative(field, v, causes);
}

const isZero = (v: IntOrString | undefined) => v === 0 || v === "0%";

/** SetDefaults_Deployment, then ValidateDeploymentSpec. Mutates `o`; returns the failures. */
export function defaultAndValidateDeployment(o: KubeObject): Cause[] {
  const causes: Cause[] = [];
  if (typeof o.spec !== "object" || o.spec === null || Array.isArray(o.spec)) o.spec = {};
  prepareTemplate(o, causes);
  const spec = o.spec as DeploymentSpec;
  spec.replicas ??= 1;
  const strategy = (spec.strategy ??= {});
  strategy.type ||= "RollingUpdate";
  if (strategy.type === "RollingUpdate") {
    const ru = (strategy.rollingUpdate ??= {});
    ru.maxUnavailable ??= "25%";
    ru.maxSurge ??= "25%";
  }
  spec.revisionHistoryLimit ??= 10;
  spec.progressDeadlineSeconds ??= 600;

  nonNegative("spec.replicas", spec.replicas, causes);
  if (!spec.selector || typeof spec.selector !== "object")
    causes.push({ field: "spec.selector", message: "Required value" });
  else if (
    Object.keys(spec.selector.matchLabels ?? {}).length +
      (spec.selector.matchExpressions?.length ?? 0) ===
    0
  )
    causes.push({
      field: "spec.selector",
      message: `Invalid value: ${goSelector(spec.selector)}: empty selector is invalid for deployment`,
    });
  else if (spec.template && typeof spec.template === "object") {
    try {
      const labels = spec.template.metadata?.labels ?? {};
      if (!selectorFromObject(spec.selector)({ metadata: { name: "", labels } }))
        causes.push({
          field: "spec.template.metadata.labels",
          message: `Invalid value: ${goMap(labels)}: \`selector\` does not match template \`labels\``,
        });
    } catch (err) {
      if (!(err instanceof SelectorError)) throw err;
      causes.push({ field: "spec.selector", message: `Invalid value: ${err.message}` });
    }
  }
  const restart = spec.template?.spec?.restartPolicy;
  if (restart && restart !== "Always")
    causes.push({
      field: "spec.template.spec.restartPolicy",
      message: `Unsupported value: "${restart}": supported values: "Always"`,
    });

  if (strategy.type === "Recreate") {
    if (strategy.rollingUpdate)
      causes.push({
        field: "spec.strategy.rollingUpdate",
        message: "Forbidden: may not be specified when strategy `type` is 'Recreate'",
      });
  } else if (strategy.type === "RollingUpdate") {
    const ru = strategy.rollingUpdate!;
    const before = causes.length;
    intOrPercent("spec.strategy.rollingUpdate.maxUnavailable", ru.maxUnavailable, causes, true);
    intOrPercent("spec.strategy.rollingUpdate.maxSurge", ru.maxSurge, causes, false);
    if (causes.length === before && isZero(ru.maxUnavailable) && isZero(ru.maxSurge))
      causes.push({
        field: "spec.strategy.rollingUpdate.maxUnavailable",
        message: `Invalid value: ${JSON.stringify(ru.maxUnavailable)}: may not be 0 when \`maxSurge\` is 0`,
      });
  } else
    causes.push({
      field: "spec.strategy.type",
      message: `Unsupported value: ${JSON.stringify(strategy.type)}: supported values: "Recreate", "RollingUpdate"`,
    });
  nonNegative("spec.minReadySeconds", spec.minReadySeconds, causes);
  nonNegative("spec.revisionHistoryLimit", spec.revisionHistoryLimit, causes);
  nonNegative("spec.progressDeadlineSeconds", spec.progressDeadlineSeconds, causes);
  if (
    typeof spec.progressDeadlineSeconds === "number" &&
    spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)
  )
    causes.push({
      field: "spec.progressDeadlineSeconds",
      message: `Invalid value: ${spec.progressDeadlineSeconds}: must be greater than minReadySeconds`,
    });
  if (spec.paused !== undefined && typeof spec.paused !== "boolean")
    causes.push({ field: "spec.paused", message: "Invalid value: must be a boolean" });
  return causes;
}

/** Create: defaults and validation; status starts empty and generation at 1 (deploymentStrategy.PrepareForCreate). */
export function prepareDeployment(o: KubeObject): Cause[] {
  const causes = defaultAndValidateDeployment(o);
  o.status = {};
  o.metadata.generation = 1;
  return causes;
}
