// What a Job or CronJob update may change (pkg/registry/batch/*/strategy.go ValidateUpdate and
// pkg/apis/batch/validation ValidateJobSpecUpdate / ValidateCronJobUpdate). A Job's selector,
// completions (NonIndexed), completionMode and podFailurePolicy are immutable, and so is its pod
// template, except the scheduling directives of a suspended Job that never started; parallelism,
// suspend, activeDeadlineSeconds and backoffLimit may change. A CronJob's whole spec may change,
// its Job template included (the next Job is made from it).
import { prepareCronJob, prepareJob } from "./batch-validation";
import type { KubeObject } from "./store";
import { sameJson, workloadStrategy, type UpdateStrategy } from "./update-strategies";
import type { Cause } from "./validation";

interface JobSpec {
  completions?: number | null;
  completionMode?: string;
  podFailurePolicy?: unknown;
  suspend?: boolean;
  template?: { metadata?: unknown; spec?: Record<string, unknown> };
}

/** JobMutableNodeSchedulingDirectives: what a suspended, never started Job's template may change. */
const SCHEDULING = ["nodeSelector", "tolerations", "affinity", "schedulingGates"];

function immutable(field: string, value: unknown): Cause {
  return { field, message: `Invalid value: ${JSON.stringify(value)}: field is immutable` };
}

function validateJobUpdate(old: KubeObject, next: KubeObject): Cause[] {
  const causes = workloadStrategy(prepareJob, { immutableSelector: true }).validateUpdate!(
    old,
    next,
  );
  const before = (old.spec ?? {}) as JobSpec;
  const after = (next.spec ?? {}) as JobSpec;
  if (!sameJson(before.completions, after.completions))
    causes.push(immutable("spec.completions", after.completions ?? null));
  for (const key of ["completionMode", "podFailurePolicy"] as const)
    if (!sameJson(before[key], after[key]))
      causes.push(immutable(`spec.${key}`, after[key] ?? null));
  const neverStarted = !(old.status as { startTime?: string } | undefined)?.startTime;
  const template = structuredClone(after.template ?? {});
  if (after.suspend && neverStarted && template.spec)
    for (const key of SCHEDULING) template.spec[key] = before.template?.spec?.[key];
  if (!sameJson(before.template, template))
    causes.push({
      // kube prints the whole core.PodTemplateSpec here, in Go's syntax.
      field: "spec.template",
      message: "Invalid value: core.PodTemplateSpec{…}: field is immutable",
    });
  return causes;
}

export const jobUpdateStrategy: UpdateStrategy = { validateUpdate: validateJobUpdate };

export const cronJobUpdateStrategy: UpdateStrategy = {
  validateUpdate: (old, next) => prepareCronJob(next, old),
};
