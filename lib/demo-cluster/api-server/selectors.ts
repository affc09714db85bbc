// labelSelector and fieldSelector as the API server parses them. Bad syntax is a 400, not a crash.
import {
  labelSelectorFromObject,
  parseLabelSelector as parseLabels,
  SelectorError,
  type LabelSelectorObject,
} from "../../k8s/label-selector";
import { badRequest } from "./api-error";
import type { KubeObject } from "./store";

export type Selector = (object: KubeObject) => boolean;

const everything: Selector = () => true;

/** Parses `app=web,tier!=db,env in (a,b),!legacy` over objects' labels. */
export function parseLabelSelector(text: string | null): Selector {
  if (!text || !text.trim()) return everything;
  try {
    const match = parseLabels(text);
    return (object) => match(object.metadata.labels ?? {});
  } catch (err) {
    if (err instanceof SelectorError) throw badRequest(err.message);
    throw err;
  }
}

/** Label selector from a LabelSelector object (matchLabels + matchExpressions), as controllers use. */
export function selectorFromObject(sel: LabelSelectorObject | undefined): Selector {
  const match = labelSelectorFromObject(sel);
  return (object) => match(object.metadata.labels ?? {});
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
  nodes: {
    "spec.unschedulable": (o) =>
      String(Boolean((o.spec as { unschedulable?: boolean } | undefined)?.unschedulable)),
  },
};

function eventFields(): Record<string, (o: KubeObject) => unknown> {
  const ref = (field: string) => (o: KubeObject) =>
    (o.involvedObject as Record<string, unknown> | undefined)?.[field] ?? "";
  const fields: Record<string, (o: KubeObject) => unknown> = {
    reason: (o) => o.reason,
    type: (o) => o.type,
    source: (o) => (o.source as { component?: string } | undefined)?.component ?? "",
    reportingComponent: (o) => o.reportingComponent ?? "",
  };
  for (const f of [
    "kind",
    "namespace",
    "name",
    "uid",
    "apiVersion",
    "resourceVersion",
    "fieldPath",
  ]) {
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
    if (!m)
      throw badRequest(`invalid field selector: "${term}": expected field=value or field!=value`);
    const [, field, op, value] = m;
    const read =
      field === "metadata.name"
        ? (o: KubeObject) => o.metadata.name
        : field === "metadata.namespace"
          ? (o: KubeObject) => o.metadata.namespace ?? ""
          : readers[field];
    if (!read) throw badRequest(`field label not supported: ${field}`);
    return { read, negate: op === "!=", value };
  });
  return (object) => terms.every((t) => (String(t.read(object) ?? "") === t.value) !== t.negate);
}
