// kubectl's columns for StatefulSets, DaemonSets and ControllerRevisions, as printers.go
// (pkg/printers/internalversion) has them: printStatefulSet, printDaemonSet, printControllerRevision.
import { humanDuration, parseTime } from "../../k8s/time";
import type { KubeObject } from "./store";

const col = (name: string, type = "string", priority = 0, format = "") => ({
  name,
  type,
  format,
  priority,
  description: name,
});
const NAME = {
  ...col("Name", "string", 0, "name"),
  description: "Name must be unique within a namespace.",
};

const age = (o: KubeObject, now: number) => {
  const at = parseTime(o.metadata.creationTimestamp);
  return at === null ? "<unknown>" : humanDuration(now - at);
};

interface SetSpec {
  replicas?: number;
  selector?: {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values?: string[] }[];
  };
  template?: {
    spec?: {
      containers?: { name: string; image: string }[];
      nodeSelector?: Record<string, string>;
    };
  };
}

const containers = (o: KubeObject) =>
  (o.spec as SetSpec | undefined)?.template?.spec?.containers ?? [];
const names = (o: KubeObject) =>
  containers(o)
    .map((c) => c.name)
    .join(",");
const images = (o: KubeObject) =>
  containers(o)
    .map((c) => c.image)
    .join(",");

/** labels.FormatLabels: sorted k=v pairs, or <none>. */
function formatLabels(labels: Record<string, string> | undefined): string {
  const pairs = Object.entries(labels ?? {})
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`);
  return pairs.join(",") || "<none>";
}

/** metav1.FormatLabelSelector. */
function formatSelector(sel: SetSpec["selector"]): string {
  const parts = [
    ...Object.entries(sel?.matchLabels ?? {})
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k}=${v}`),
    ...(sel?.matchExpressions ?? []).map((e) => {
      const values = [...(e.values ?? [])].sort().join(",");
      if (e.operator === "In") return `${e.key} in (${values})`;
      if (e.operator === "NotIn") return `${e.key} notin (${values})`;
      return e.operator === "Exists" ? e.key : `!${e.key}`;
    }),
  ];
  return parts.join(",") || "<none>";
}

export const SET_PRINTERS = {
  statefulsets: {
    columns: [
      NAME,
      { ...col("Ready"), description: "Number of the pod with ready state" },
      col("Age"),
      col("Containers", "string", 1),
      col("Images", "string", 1),
    ],
    cells(o: KubeObject, now: number): (string | number)[] {
      const spec = (o.spec ?? {}) as SetSpec;
      const status = (o.status ?? {}) as { readyReplicas?: number };
      return [
        o.metadata.name,
        `${status.readyReplicas ?? 0}/${spec.replicas ?? 1}`,
        age(o, now),
        names(o),
        images(o),
      ];
    },
  },
  daemonsets: {
    columns: [
      NAME,
      col("Desired", "integer"),
      col("Current", "integer"),
      col("Ready", "integer"),
      col("Up-to-date", "integer"),
      col("Available", "integer"),
      col("Node Selector"),
      col("Age"),
      col("Containers", "string", 1),
      col("Images", "string", 1),
      col("Selector", "string", 1),
    ],
    cells(o: KubeObject, now: number): (string | number)[] {
      const spec = (o.spec ?? {}) as SetSpec;
      const s = (o.status ?? {}) as Record<string, number | undefined>;
      return [
        o.metadata.name,
        s.desiredNumberScheduled ?? 0,
        s.currentNumberScheduled ?? 0,
        s.numberReady ?? 0,
        s.updatedNumberScheduled ?? 0,
        s.numberAvailable ?? 0,
        formatLabels(spec.template?.spec?.nodeSelector),
        age(o, now),
        names(o),
        images(o),
        formatSelector(spec.selector),
      ];
    },
  },
  controllerrevisions: {
    columns: [NAME, col("Controller"), col("Revision", "integer"), col("Age")],
    cells(o: KubeObject, now: number): (string | number)[] {
      const ref = o.metadata.ownerReferences?.find((r) => r.controller);
      // formatResourceName(GroupKind, name, withKind): "statefulset.apps/web"
      const group = ref?.apiVersion.includes("/") ? ref.apiVersion.split("/")[0] : "";
      const controller = ref
        ? `${ref.kind.toLowerCase()}${group ? `.${group}` : ""}/${ref.name}`
        : "<none>";
      return [o.metadata.name, controller, Number(o.revision ?? 0), age(o, now)];
    },
  },
};
