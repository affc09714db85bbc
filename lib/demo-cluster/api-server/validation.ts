// Defaulting and validation of what is written (pkg/registry strategies and pkg/apis/*/validation,
// a useful subset): pods, pod templates, ReplicaSets and Events; Jobs and CronJobs are in
// batch-validation.ts. Each returns the causes a 422 Invalid names; the registry throws them.
import { formatTime } from "../../k8s/time";
import type { Container, Pod } from "../../k8s/types";
import { ApiError } from "./api-error";
import { lookupImage } from "../runtime/images";
import { programFor, UNMODELLED_ANNOTATION } from "../runtime/program";
import { selectorFromObject } from "./selectors";
import type { KubeObject } from "./store";

export const DNS1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export type Cause = { field: string; message: string };

/** Defaults, validation and admission for a pod. Returns the validation failures. */
export function preparePod(o: KubeObject, field = "spec"): Cause[] {
  const causes: Cause[] = [];
  if (typeof o.spec !== "object" || o.spec === null) {
    return [{ field, message: "Required value" }];
  }
  const spec = o.spec as NonNullable<Pod["spec"]> & Record<string, unknown>;
  spec.restartPolicy ??= "Always";
  if (!["Always", "OnFailure", "Never"].includes(spec.restartPolicy)) {
    causes.push({
      field: `${field}.restartPolicy`,
      message: `Unsupported value: "${spec.restartPolicy}": supported values: "Always", "OnFailure", "Never"`,
    });
  }
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= "ClusterFirst";
  spec.schedulerName ??= "default-scheduler";
  spec.securityContext ??= {};
  spec.enableServiceLinks ??= true;
  spec.priority ??= 0;
  const containers = Array.isArray(spec.containers) ? spec.containers : [];
  if (containers.length === 0)
    causes.push({ field: `${field}.containers`, message: "Required value" });
  if (spec.initContainers != null && !Array.isArray(spec.initContainers))
    causes.push({ field: `${field}.initContainers`, message: "Invalid value: must be a list" });
  if (spec.tolerations != null && !Array.isArray(spec.tolerations)) {
    causes.push({ field: `${field}.tolerations`, message: "Invalid value: must be a list" });
    spec.tolerations = [];
  }
  if (
    spec.nodeSelector != null &&
    (typeof spec.nodeSelector !== "object" || Array.isArray(spec.nodeSelector))
  )
    causes.push({
      field: `${field}.nodeSelector`,
      message: "Invalid value: must be a map of strings",
    });
  if (
    spec.terminationGracePeriodSeconds != null &&
    (typeof spec.terminationGracePeriodSeconds !== "number" ||
      spec.terminationGracePeriodSeconds < 0)
  )
    causes.push({
      field: `${field}.terminationGracePeriodSeconds`,
      message: "Invalid value: must be a non-negative number",
    });
  const seen = new Set<string>();
  const check = (list: Container[], path: string, init: boolean) =>
    list.forEach((c, i) => {
      const at = `${field}.${path}[${i}]`;
      if (typeof c !== "object" || c === null)
        return causes.push({ field: at, message: "Invalid value: must be an object" });
      if (!c.name) causes.push({ field: `${at}.name`, message: "Required value" });
      else if (!DNS1123_LABEL.test(c.name))
        causes.push({
          field: `${at}.name`,
          message: `Invalid value: "${c.name}": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-'`,
        });
      else if (seen.has(c.name))
        causes.push({ field: `${at}.name`, message: `Duplicate value: "${c.name}"` });
      seen.add(c.name ?? "");
      if (!c.image) causes.push({ field: `${at}.image`, message: "Required value" });
      else if (typeof c.image !== "string")
        causes.push({ field: `${at}.image`, message: "Invalid value: must be a string" });
      for (const list of ["command", "args"] as const) {
        const v = c[list];
        if (v != null && (!Array.isArray(v) || v.some((x) => typeof x !== "string")))
          causes.push({
            field: `${at}.${list}`,
            message: "Invalid value: must be a list of strings",
          });
      }
      for (const list of ["ports", "env"] as const) {
        const v = c[list];
        if (v != null && (!Array.isArray(v) || v.some((x) => typeof x !== "object" || x === null)))
          causes.push({
            field: `${at}.${list}`,
            message: "Invalid value: must be a list of objects",
          });
      }
      for (const kind of ["livenessProbe", "readinessProbe", "startupProbe"] as const) {
        if (c[kind] != null && (typeof c[kind] !== "object" || Array.isArray(c[kind]))) {
          causes.push({ field: `${at}.${kind}`, message: "Invalid value: must be an object" });
          delete c[kind];
        }
      }
      if (c.lifecycle != null && typeof c.lifecycle !== "object") {
        causes.push({ field: `${at}.lifecycle`, message: "Invalid value: must be an object" });
        delete c.lifecycle;
      }
      if (typeof c.image === "string")
        c.imagePullPolicy ??=
          c.image.endsWith(":latest") || !/:[^/]+$/.test(c.image) ? "Always" : "IfNotPresent";
      (c as Record<string, unknown>).terminationMessagePath ??= "/dev/termination-log";
      (c as Record<string, unknown>).terminationMessagePolicy ??= "File";
      c.resources ??= {};
      if (init && c.restartPolicy != null && c.restartPolicy !== "Always") {
        causes.push({
          field: `${at}.restartPolicy`,
          message: `Unsupported value: "${c.restartPolicy}": supported values: "Always"`,
        });
      }
      for (const kind of ["livenessProbe", "readinessProbe", "startupProbe"] as const) {
        const p = c[kind];
        if (!p) continue;
        p.periodSeconds ??= 10;
        p.timeoutSeconds ??= 1;
        p.successThreshold ??= 1;
        p.failureThreshold ??= 3;
        if (kind !== "readinessProbe" && p.successThreshold !== 1)
          causes.push({
            field: `${at}.${kind}.successThreshold`,
            message: `Invalid value: ${p.successThreshold}: must be 1`,
          });
        const handlers = ["exec", "httpGet", "tcpSocket", "grpc"].filter(
          (h) => (p as Record<string, unknown>)[h],
        );
        if (handlers.length !== 1)
          causes.push({
            field: `${at}.${kind}`,
            message: handlers.length
              ? "Forbidden: may not specify more than 1 handler type"
              : "Required value: must specify a handler type",
          });
        for (const f of [
          "initialDelaySeconds",
          "periodSeconds",
          "timeoutSeconds",
          "failureThreshold",
        ] as const) {
          const v = p[f];
          if (
            v !== undefined &&
            (typeof v !== "number" || v < (f === "initialDelaySeconds" ? 0 : 1))
          )
            causes.push({
              field: `${at}.${kind}.${f}`,
              message: `Invalid value: ${JSON.stringify(v)}: must be ${f === "initialDelaySeconds" ? "greater than or equal to 0" : "greater than or equal to 1"}`,
            });
        }
      }
    });
  check(Array.isArray(spec.initContainers) ? spec.initContainers : [], "initContainers", true);
  check(containers, "containers", false);
  // DefaultTolerationSeconds admission: tolerate a not-ready or unreachable node for 300 s. It admits
  // pods only: a workload's template keeps what was written (its pods get them when created).
  const tolerations = field === "spec" ? (spec.tolerations ??= []) : [];
  for (const key of ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"]) {
    if (
      !tolerations.some(
        (t) =>
          (t.key === key || (!t.key && t.operator === "Exists")) &&
          (!t.effect || t.effect === "NoExecute"),
      )
    ) {
      tolerations.push({ key, operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 });
    }
  }
  if (causes.length) return causes;
  const notes: string[] = [];
  for (const c of [...(spec.initContainers ?? []), ...containers]) {
    const found = lookupImage(c.image ?? "");
    const { unmodelled } = programFor(c, o.metadata.annotations, found.ok ? found.info : undefined);
    if (unmodelled) notes.push(unmodelled);
  }
  if (notes.length)
    o.metadata.annotations = {
      ...(o.metadata.annotations ?? {}),
      [UNMODELLED_ANNOTATION]: notes.join("; "),
    };
  o.status = { phase: "Pending", qosClass: qosClass(containers) };
  return causes;
}

function qosClass(containers: Container[]): string {
  const all = containers.map((c) => c.resources ?? {});
  if (
    all.every((r) => !Object.keys(r.requests ?? {}).length && !Object.keys(r.limits ?? {}).length)
  )
    return "BestEffort";
  const guaranteed = all.every((r) =>
    ["cpu", "memory"].every(
      (k) => r.limits?.[k] && (r.requests?.[k] ?? r.limits[k]) === r.limits[k],
    ),
  );
  return guaranteed ? "Guaranteed" : "Burstable";
}

export function prepareTemplate(o: KubeObject, causes: Cause[]): void {
  const spec = (o.spec ??= {}) as {
    selector?: { matchLabels?: Record<string, string> };
    template?: { metadata?: { labels?: Record<string, string> }; spec?: unknown };
  };
  if (!spec.template || typeof spec.template !== "object") {
    causes.push({ field: "spec.template", message: "Required value" });
    return;
  }
  spec.template.metadata ??= {};
  // Go clients send a template's zero creationTimestamp as null; kube decodes it to nothing.
  const meta = spec.template.metadata as { creationTimestamp?: unknown };
  if (meta.creationTimestamp === null) delete meta.creationTimestamp;
  const fake = {
    metadata: { name: "template", annotations: {} },
    spec: spec.template.spec,
  } as KubeObject;
  causes.push(...preparePod(fake, "spec.template.spec"));
  spec.template.spec = fake.spec;
}

export function prepareReplicaSet(o: KubeObject): Cause[] {
  const causes: Cause[] = [];
  prepareTemplate(o, causes);
  const spec = o.spec as {
    replicas?: number;
    selector?: { matchLabels?: Record<string, string> };
    template?: { metadata?: { labels?: Record<string, string> } };
  };
  spec.replicas ??= 1;
  causes.push(...count("spec.replicas", spec.replicas));
  if (!spec.selector) causes.push({ field: "spec.selector", message: "Required value" });
  else if (
    spec.template &&
    !selectorFromObject(spec.selector)({
      metadata: { name: "", labels: spec.template.metadata?.labels ?? {} },
    })
  ) {
    causes.push({
      field: "spec.template.metadata.labels",
      message: "Invalid value: `selector` does not match template `labels`",
    });
  }
  o.status = { replicas: 0 };
  o.metadata.generation = 1;
  return causes;
}

const MAX_COUNT = 10_000;

/** A whole number from 0 to MAX_COUNT (the demo cluster's own ceiling, so one typo cannot create a million pods). */
export function count(field: string, value: unknown): Cause[] {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0)
    return [
      {
        field,
        message: `Invalid value: ${JSON.stringify(value)}: must be a whole number greater than or equal to 0`,
      },
    ];
  if (value > MAX_COUNT)
    return [
      { field, message: `Invalid value: ${value}: the demo cluster runs at most ${MAX_COUNT}` },
    ];
  return [];
}

/**
 * Defaults for a core/v1 event, and kube-apiserver's legacyValidateEvent
 * (pkg/apis/core/validation/events.go), which every created event passes: without eventTime the
 * event must live in its object's namespace (an object without one: no namespace or "default");
 * with eventTime only an object without a namespace is tied (to "default" or "kube-system"), and
 * the reporting fields are required.
 */
export function prepareEvent(o: KubeObject, now: number): Cause[] {
  const causes: Cause[] = [];
  if (typeof o.involvedObject !== "object" || o.involvedObject === null) o.involvedObject = {};
  const involved = o.involvedObject as { namespace?: unknown };
  const objectNs = typeof involved.namespace === "string" ? involved.namespace : "";
  const ns = o.metadata.namespace ?? "";
  const mismatch = {
    field: "involvedObject.namespace",
    message: `Invalid value: "${objectNs}": does not match event.namespace`,
  };
  if (!o.eventTime) {
    if (objectNs === "" ? ns !== "" && ns !== "default" : ns !== objectNs) causes.push(mismatch);
  } else {
    if (objectNs === "" && ns !== "default" && ns !== "kube-system") causes.push(mismatch);
    for (const [field, name] of [
      ["reportingComponent", "reportingComponent"],
      ["reportingInstance", "reportingInstance"],
      ["action", "action"],
      ["reason", "reason"],
    ] as const) {
      if (typeof o[field] !== "string" || !o[field])
        causes.push({ field: name, message: "Required value" });
    }
  }
  o.firstTimestamp ??= formatTime(now);
  o.lastTimestamp ??= formatTime(now);
  o.count ??= 1;
  o.type ??= "Normal";
  o.source ??= {};
  return causes;
}

export { ApiError };
