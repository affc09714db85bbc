// labelSelector and fieldSelector as the API server parses them. Bad syntax is a 400, not a crash.
import { badRequest } from "./api-error";
import type { KubeObject } from "./store";

export type Selector = (object: KubeObject) => boolean;

interface Requirement {
  key: string;
  op: "=" | "!=" | "in" | "notin" | "exists" | "!exists";
  values: string[];
}

const everything: Selector = () => true;

/** Parses `app=web,tier!=db,env in (a,b),!legacy`. */
export function parseLabelSelector(text: string | null): Selector {
  if (!text || !text.trim()) return everything;
  const requirements = splitTopLevel(text).map(parseRequirement);
  return (object) => {
    const labels = object.metadata.labels ?? {};
    return requirements.every((r) => matches(r, labels[r.key]));
  };
}

/** Label selector from a LabelSelector object (matchLabels + matchExpressions), as controllers use. */
export function selectorFromObject(sel: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] } | undefined): Selector {
  if (!sel) return () => false;
  const requirements: Requirement[] = Object.entries(sel.matchLabels ?? {}).map(([key, v]) => ({ key, op: "=", values: [v] }));
  for (const e of sel.matchExpressions ?? []) {
    const op = ({ In: "in", NotIn: "notin", Exists: "exists", DoesNotExist: "!exists" } as const)[e.operator as "In"];
    if (op) requirements.push({ key: e.key, op, values: e.values ?? [] });
  }
  return (object) => requirements.every((r) => matches(r, (object.metadata.labels ?? {})[r.key]));
}

/** Field paths each resource may be selected on, mapped to how to read them. */
const FIELDS: Record<string, Record<string, (o: KubeObject) => unknown>> = {
  pods: {
    "spec.nodeName": (o) => (o.spec as { nodeName?: string } | undefined)?.nodeName ?? "",
    "spec.restartPolicy": (o) => (o.spec as { restartPolicy?: string } | undefined)?.restartPolicy,
    "spec.schedulerName": (o) => (o.spec as { schedulerName?: string } | undefined)?.schedulerName,
    "status.phase": (o) => (o.status as { phase?: string } | undefined)?.phase,
    "status.podIP": (o) => (o.status as { podIP?: string } | undefined)?.podIP ?? "",
  },
  events: eventFields(),
  "events.k8s.io/events": eventFields(),
  nodes: { "spec.unschedulable": (o) => String(Boolean((o.spec as { unschedulable?: boolean } | undefined)?.unschedulable)) },
};

function eventFields(): Record<string, (o: KubeObject) => unknown> {
  const ref = (field: string) => (o: KubeObject) => (o.involvedObject as Record<string, unknown> | undefined)?.[field] ?? "";
  const fields: Record<string, (o: KubeObject) => unknown> = {
    reason: (o) => o.reason,
    type: (o) => o.type,
    source: (o) => (o.source as { component?: string } | undefined)?.component ?? "",
    reportingComponent: (o) => o.reportingComponent ?? "",
  };
  for (const f of ["kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"]) {
    fields[`involvedObject.${f}`] = ref(f);
    fields[`regarding.${f}`] = ref(f);
  }
  return fields;
}

/** Parses `metadata.name=web-0,spec.nodeName!=node-1` for one resource. */
export function parseFieldSelector(text: string | null, resource: string): Selector {
  if (!text || !text.trim()) return everything;
  const readers = FIELDS[resource] ?? {};
  const terms = text.split(",").map((term) => {
    const m = /^\s*([A-Za-z0-9_.-]+)\s*(==|!=|=)\s*(.*?)\s*$/.exec(term);
    if (!m) throw badRequest(`invalid field selector: "${term}": expected field=value or field!=value`);
    const [, field, op, value] = m;
    const read = field === "metadata.name" ? (o: KubeObject) => o.metadata.name
      : field === "metadata.namespace" ? (o: KubeObject) => o.metadata.namespace ?? ""
      : readers[field];
    if (!read) throw badRequest(`field label not supported: ${field}`);
    return { read, negate: op === "!=", value };
  });
  return (object) => terms.every((t) => (String(t.read(object) ?? "") === t.value) !== t.negate);
}

function matches(r: Requirement, value: string | undefined): boolean {
  switch (r.op) {
    case "=": return value === r.values[0];
    case "!=": return value !== r.values[0];
    case "in": return value !== undefined && r.values.includes(value);
    case "notin": return value === undefined || !r.values.includes(value);
    case "exists": return value !== undefined;
    case "!exists": return value === undefined;
  }
}

function parseRequirement(term: string): Requirement {
  const t = term.trim();
  let m = /^!\s*([A-Za-z0-9_./-]+)$/.exec(t);
  if (m) return { key: m[1], op: "!exists", values: [] };
  m = /^([A-Za-z0-9_./-]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(t);
  if (m) return { key: m[1], op: m[2] as "in", values: m[3].split(",").map((v) => v.trim()).filter(Boolean) };
  m = /^([A-Za-z0-9_./-]+)\s*(==|!=|=)\s*([A-Za-z0-9_.-]*)$/.exec(t);
  if (m) return { key: m[1], op: m[2] === "!=" ? "!=" : "=", values: [m[3]] };
  m = /^([A-Za-z0-9_./-]+)$/.exec(t);
  if (m) return { key: m[1], op: "exists", values: [] };
  throw badRequest(`unable to parse requirement: "${t}": expected key, !key, key=value, key!=value, key in (a,b) or key notin (a,b)`);
}

/** Splits on commas that are not inside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")") depth--;
    else if (text[i] === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.filter((p) => p.trim());
}
