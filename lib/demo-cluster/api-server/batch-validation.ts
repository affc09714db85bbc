// Defaulting and validation of batch/v1 Jobs and CronJobs: pkg/apis/batch/v1/defaults.go, the Job
// strategy's generated selector (pkg/registry/batch/job/strategy.go generateSelector) and
// pkg/apis/batch/validation/validation.go, the parts the demo's controllers read.
import { parseCronSchedule } from "../controllers/cron-schedule";
import { prepareTemplate, type Cause } from "./validation";
import { selectorFromObject } from "./selectors";
import type { KubeObject } from "./store";

const MAX_COUNT = 10_000;

interface Labels {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

interface PolicyRule {
  action?: unknown;
  onExitCodes?: { operator?: unknown; values?: unknown; containerName?: string } | null;
  onPodConditions?: { type?: string; status?: string }[] | null;
}

interface JobSpec {
  completions?: number | null;
  parallelism?: number;
  backoffLimit?: number;
  activeDeadlineSeconds?: number;
  completionMode?: string;
  suspend?: boolean;
  manualSelector?: boolean;
  podReplacementPolicy?: string;
  podFailurePolicy?: { rules?: PolicyRule[] };
  selector?: { matchLabels?: Record<string, string> };
  template?: { metadata?: Labels; spec?: { restartPolicy?: string } };
}

function nonNegative(field: string, value: unknown, ceiling = true): Cause[] {
  if (value == null) return [];
  if (typeof value !== "number" || !Number.isInteger(value))
    return [{ field, message: `Invalid value: ${JSON.stringify(value)}: must be an integer` }];
  if (value < 0)
    return [{ field, message: `Invalid value: ${value}: must be greater than or equal to 0` }];
  if (ceiling && value > MAX_COUNT)
    return [
      { field, message: `Invalid value: ${value}: the demo cluster runs at most ${MAX_COUNT}` },
    ];
  return [];
}

/** SetDefaults_Job. */
function defaultJobSpec(spec: JobSpec): void {
  if (spec.completions == null && spec.parallelism == null) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= 6;
  spec.completionMode ??= "NonIndexed";
  spec.suspend ??= false;
  for (const rule of Array.isArray(spec.podFailurePolicy?.rules) ? spec.podFailurePolicy.rules : [])
    for (const pattern of Array.isArray(rule?.onPodConditions) ? rule.onPodConditions : [])
      pattern.status ||= "True";
  spec.podReplacementPolicy ??= spec.podFailurePolicy ? "Failed" : "TerminatingOrFailed";
}

/** validateJobSpec, below `path` ("spec" or "spec.jobTemplate.spec"). */
function validateJobSpec(spec: JobSpec, path: string): Cause[] {
  const causes: Cause[] = [
    ...nonNegative(`${path}.parallelism`, spec.parallelism),
    ...nonNegative(`${path}.completions`, spec.completions),
    ...nonNegative(`${path}.backoffLimit`, spec.backoffLimit, false),
    ...nonNegative(`${path}.activeDeadlineSeconds`, spec.activeDeadlineSeconds, false),
  ];
  if (spec.completionMode !== "NonIndexed" && spec.completionMode !== "Indexed")
    causes.push({
      field: `${path}.completionMode`,
      message: `Unsupported value: ${JSON.stringify(spec.completionMode)}: supported values: "NonIndexed", "Indexed"`,
    });
  else if (spec.completionMode === "Indexed" && spec.completions == null)
    causes.push({
      field: `${path}.completions`,
      message: "Required value: when completion mode is Indexed",
    });
  if (!["TerminatingOrFailed", "Failed"].includes(String(spec.podReplacementPolicy)))
    causes.push({
      field: `${path}.podReplacementPolicy`,
      message: `Unsupported value: ${JSON.stringify(spec.podReplacementPolicy)}: supported values: "Failed", "TerminatingOrFailed"`,
    });
  const policy = spec.template?.spec?.restartPolicy;
  if (spec.template?.spec && policy !== "OnFailure" && policy !== "Never")
    causes.push({
      field: `${path}.template.spec.restartPolicy`,
      message: `Unsupported value: "${policy}": supported values: "OnFailure", "Never"`,
    });
  if (spec.podFailurePolicy) causes.push(...validatePolicy(spec, `${path}.podFailurePolicy`));
  return causes;
}

function validatePolicy(spec: JobSpec, path: string): Cause[] {
  const causes: Cause[] = [];
  const restart = spec.template?.spec?.restartPolicy;
  if (restart !== "Never")
    causes.push({
      field: path.replace(/podFailurePolicy$/, "template.spec.restartPolicy"),
      message: `Invalid value: "${restart}": only "Never" is supported when podFailurePolicy is specified`,
    });
  const rules = spec.podFailurePolicy?.rules;
  if (!Array.isArray(rules))
    return [...causes, { field: `${path}.rules`, message: "Required value" }];
  rules.forEach((rule, i) => {
    const at = `${path}.rules[${i}]`;
    if (!["Count", "FailIndex", "FailJob", "Ignore"].includes(String(rule?.action)))
      causes.push({
        field: `${at}.action`,
        message: `Unsupported value: ${JSON.stringify(rule?.action)}: supported values: "Count", "FailIndex", "FailJob", "Ignore"`,
      });
    if (rule?.onExitCodes && rule.onPodConditions)
      causes.push({
        field: at,
        message: "Invalid value: specifying both OnExitCodes and OnPodConditions is not supported",
      });
    else if (!rule?.onExitCodes && !rule?.onPodConditions)
      causes.push({
        field: at,
        message: "Invalid value: specifying one of OnExitCodes and OnPodConditions is required",
      });
    const codes = rule?.onExitCodes;
    if (codes) {
      if (codes.operator !== "In" && codes.operator !== "NotIn")
        causes.push({
          field: `${at}.onExitCodes.operator`,
          message: `Unsupported value: ${JSON.stringify(codes.operator)}: supported values: "In", "NotIn"`,
        });
      if (!Array.isArray(codes.values) || !codes.values.length)
        causes.push({ field: `${at}.onExitCodes.values`, message: "Required value" });
      else if (codes.values.some((v) => !Number.isInteger(v)))
        causes.push({
          field: `${at}.onExitCodes.values`,
          message: `Invalid value: ${JSON.stringify(codes.values)}: must be a list of integers`,
        });
    }
  });
  return causes;
}

/** Defaults, the generated selector and validation for a Job being created (its uid already set). */
export function prepareJob(o: KubeObject): Cause[] {
  const causes: Cause[] = [];
  prepareTemplate(o, causes);
  const spec = o.spec as JobSpec;
  defaultJobSpec(spec);
  const uid = o.metadata.uid ?? "";
  const name = o.metadata.name;
  const template = (spec.template ??= {});
  const labels = (template.metadata ??= {}).labels ?? {};
  if (!spec.manualSelector) {
    // generateSelector: the template gets the job-name and controller-uid labels (legacy and
    // prefixed) unless set, and the selector the controller-uid.
    for (const key of ["batch.kubernetes.io/controller-uid", "controller-uid"]) labels[key] ??= uid;
    for (const key of ["batch.kubernetes.io/job-name", "job-name"]) labels[key] ??= name;
    template.metadata.labels = labels;
    const selector = (spec.selector ??= {});
    selector.matchLabels ??= {};
    selector.matchLabels["batch.kubernetes.io/controller-uid"] ??= uid;
    for (const [key, want] of [
      ["controller-uid", uid],
      ["job-name", name],
      ["batch.kubernetes.io/controller-uid", uid],
      ["batch.kubernetes.io/job-name", name],
    ])
      if (labels[key] !== want)
        causes.push({
          field: `spec.template.metadata.labels[${key}]`,
          message: `Invalid value: ${JSON.stringify(labels[key])}: must be '${want}'`,
        });
    const expected = {
      "batch.kubernetes.io/controller-uid": uid,
      "batch.kubernetes.io/job-name": name,
    };
    if (!selectorFromObject(spec.selector)({ metadata: { name: "", labels: expected } }))
      causes.push({
        field: "spec.selector",
        message: "Invalid value: `selector` not auto-generated",
      });
  } else if (!spec.selector) {
    causes.push({ field: "spec.selector", message: "Required value" });
  } else if (!selectorFromObject(spec.selector)({ metadata: { name: "", labels } })) {
    causes.push({
      field: "spec.template.metadata.labels",
      message: "Invalid value: `selector` does not match template `labels`",
    });
  }
  // The Job's own labels default to its template's (SetDefaults_Job).
  if (!Object.keys(o.metadata.labels ?? {}).length && Object.keys(labels).length)
    o.metadata.labels = { ...labels };
  causes.push(...validateJobSpec(spec, "spec"));
  o.metadata.generation = 1;
  o.status = {};
  return causes;
}

interface CronJobSpec {
  schedule?: unknown;
  timeZone?: unknown;
  startingDeadlineSeconds?: number;
  concurrencyPolicy?: string;
  suspend?: boolean;
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
  jobTemplate?: { metadata?: Labels; spec?: JobSpec };
}

/**
 * SetDefaults_CronJob and ValidateCronJobCreate, or with `old` ValidateCronJobUpdate: a TZ prefix
 * may stay in a schedule that had one (not beside a timeZone), the zone is checked only when it
 * changes, and the 52-character name limit is not checked again.
 */
export function prepareCronJob(o: KubeObject, old?: KubeObject): Cause[] {
  const oldSpec = old?.spec as { schedule?: unknown; timeZone?: unknown } | undefined;
  const causes: Cause[] = [];
  if (typeof o.spec !== "object" || o.spec === null)
    return [{ field: "spec", message: "Required value" }];
  const spec = o.spec as CronJobSpec;
  spec.concurrencyPolicy ??= "Allow";
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  if (!old && o.metadata.name && o.metadata.name.length > 52)
    causes.push({
      field: "metadata.name",
      message: `Invalid value: "${o.metadata.name}": must be no more than 52 characters`,
    });
  const schedule = spec.schedule;
  if (typeof schedule !== "string" || !schedule)
    causes.push({ field: "spec.schedule", message: "Required value" });
  else {
    const parsed = parseCronSchedule(schedule);
    if ("error" in parsed)
      causes.push({
        field: "spec.schedule",
        message: `Invalid value: "${schedule}": ${parsed.error}`,
      });
    const allowTZ = typeof oldSpec?.schedule === "string" && oldSpec.schedule.includes("TZ");
    if (allowTZ && schedule.includes("TZ") && spec.timeZone != null)
      causes.push({
        field: "spec.schedule",
        message: `Invalid value: "${schedule}": cannot use both timeZone field and TZ or CRON_TZ in schedule`,
      });
    else if (!allowTZ && schedule.includes("TZ"))
      causes.push({
        field: "spec.schedule",
        message: `Invalid value: "${schedule}": cannot use TZ or CRON_TZ in schedule, use timeZone field instead`,
      });
  }
  causes.push(...nonNegative("spec.startingDeadlineSeconds", spec.startingDeadlineSeconds, false));
  if (!old || oldSpec?.timeZone !== spec.timeZone) causes.push(...validateTimeZone(spec.timeZone));
  if (!["Allow", "Forbid", "Replace"].includes(spec.concurrencyPolicy))
    causes.push({
      field: "spec.concurrencyPolicy",
      message: `Unsupported value: ${JSON.stringify(spec.concurrencyPolicy)}: supported values: "Allow", "Forbid", "Replace"`,
    });
  causes.push(
    ...nonNegative("spec.successfulJobsHistoryLimit", spec.successfulJobsHistoryLimit, false),
  );
  causes.push(...nonNegative("spec.failedJobsHistoryLimit", spec.failedJobsHistoryLimit, false));
  const template = spec.jobTemplate;
  if (typeof template !== "object" || template === null || typeof template.spec !== "object")
    causes.push({ field: "spec.jobTemplate.spec.template", message: "Required value" });
  else {
    // The pod template inside is defaulted (the generated defaulters reach it); the Job fields are not.
    const holder = { metadata: { name: "template" }, spec: template.spec } as KubeObject;
    const inner: Cause[] = [];
    prepareTemplate(holder, inner);
    causes.push(
      ...inner.map((c) => ({ ...c, field: c.field.replace(/^spec\./, "spec.jobTemplate.spec.") })),
    );
    const jobSpec = { ...template.spec };
    defaultJobSpec(jobSpec);
    causes.push(...validateJobSpec(jobSpec, "spec.jobTemplate.spec"));
    if (template.spec.selector)
      causes.push({
        field: "spec.jobTemplate.spec.selector",
        message: "Invalid value: `selector` will be auto-generated",
      });
  }
  o.metadata.generation = 1;
  o.status = {};
  return causes;
}

function validateTimeZone(zone: unknown): Cause[] {
  if (zone == null) return [];
  const field = "spec.timeZone";
  if (typeof zone !== "string" || zone === "")
    return [{ field, message: `Invalid value: "": timeZone must be nil or non-empty string` }];
  if (/^local$/i.test(zone))
    return [
      {
        field,
        message: `Invalid value: "${zone}": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones`,
      },
    ];
  const parsed = parseCronSchedule("* * * * *", zone);
  const known =
    zone.split("/").every((p) => /^[A-Za-z.\-_0-9+]{1,14}$/.test(p) && !p.startsWith("-")) &&
    !("error" in parseCronSchedule(`TZ=${zone} * * * * *`));
  if (!known || "error" in parsed)
    return [{ field, message: `Invalid value: "${zone}": unknown time zone ${zone}` }];
  return [];
}
