// `kubectl get deploy` as kube-apiserver prints it (pkg/printers/internalversion/printers.go:
// deploymentColumnDefinitions, printDeployment): NAME READY UP-TO-DATE AVAILABLE AGE, and with
// -o wide CONTAINERS IMAGES SELECTOR.
import { humanDuration, parseTime } from "../../k8s/time";
import type { KubeObject } from "./store";

interface Requirement {
  key: string;
  operator: string;
  values?: string[];
}

/** metav1.LabelSelectorAsSelector(…).String(): requirements sorted by key, values sorted. */
export function selectorString(
  sel: { matchLabels?: Record<string, string>; matchExpressions?: Requirement[] } | undefined,
): string {
  const reqs: [string, string][] = [];
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) reqs.push([k, `${k}=${v}`]);
  for (const e of sel?.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(",");
    const text =
      e.operator === "In"
        ? `${e.key} in (${values})`
        : e.operator === "NotIn"
          ? `${e.key} notin (${values})`
          : e.operator === "Exists"
            ? e.key
            : `!${e.key}`;
    reqs.push([e.key, text]);
  }
  return reqs
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map((r) => r[1])
    .join(",");
}

const column = (name: string, type: string, description: string, priority = 0) => ({
  name,
  type,
  format: name === "Name" ? "name" : "",
  priority,
  description,
});

export const deploymentPrinter = {
  columns: [
    column("Name", "string", "Name must be unique within a namespace."),
    column("Ready", "string", "Number of the pod with ready state"),
    column(
      "Up-to-date",
      "integer",
      "Total number of non-terminated pods targeted by this deployment that have the desired template spec.",
    ),
    column(
      "Available",
      "integer",
      "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.",
    ),
    column(
      "Age",
      "string",
      "CreationTimestamp is a timestamp representing the server time when this object was created.",
    ),
    column("Containers", "string", "Names of each container in the template.", 1),
    column("Images", "string", "Images referenced by each container in the template.", 1),
    column(
      "Selector",
      "string",
      "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.",
      1,
    ),
  ],
  cells(o: KubeObject, now: number): (string | number)[] {
    const spec = (o.spec ?? {}) as {
      replicas?: number;
      selector?: Parameters<typeof selectorString>[0];
      template?: { spec?: { containers?: { name?: string; image?: string }[] } };
    };
    const status = (o.status ?? {}) as {
      readyReplicas?: number;
      updatedReplicas?: number;
      availableReplicas?: number;
    };
    const containers = Array.isArray(spec.template?.spec?.containers)
      ? spec.template!.spec!.containers!
      : [];
    const created = parseTime(o.metadata.creationTimestamp);
    return [
      o.metadata.name,
      `${status.readyReplicas ?? 0}/${spec.replicas ?? 0}`,
      status.updatedReplicas ?? 0,
      status.availableReplicas ?? 0,
      created === null ? "<unknown>" : humanDuration(now - created),
      containers.map((c) => c.name ?? "").join(","),
      containers.map((c) => c.image ?? "").join(","),
      selectorString(spec.selector),
    ];
  },
};
