// The `as=Table` form kubectl asks for: the server decides the columns and formats the cells, as
// kube-apiserver's printers do (pkg/printers/internalversion/printers.go). Pods use Lifeline's own
// port of printPod, so kubectl and the dashboard can never disagree about STATUS.
import { humanDuration, parseTime } from "../../k8s/time";
import { kubectlStatus } from "../../timeline";
import type { Pod } from "../../k8s/types";
import { batchPrinters } from "./batch-printers";
import type { ResourceType } from "./resources";
import { SET_PRINTERS } from "./sets-printers";
import { deploymentPrinter } from "./table-deployments";
import type { KubeObject } from "./store";

export interface Column {
  name: string;
  type: string;
  format?: string;
  priority?: number;
  description: string;
}

export type Cells = (string | number)[];

export interface Printer {
  columns: Column[];
  cells(object: KubeObject, now: number): Cells;
}

const col = (name: string, type = "string", priority = 0, format = ""): Column => ({
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

function age(object: KubeObject, now: number): string {
  return since(parseTime(object.metadata.creationTimestamp), now);
}

function since(at: number | null, now: number): string {
  return at === null ? "<unknown>" : humanDuration(now - at);
}

const PRINTERS: Record<string, Printer> = {
  deployments: deploymentPrinter,
  pods: {
    columns: [
      NAME,
      col("Ready"),
      col("Status"),
      col("Restarts"),
      col("Age"),
      col("IP", "string", 1),
      col("Node", "string", 1),
      col("Nominated Node", "string", 1),
      col("Readiness Gates", "string", 1),
    ],
    cells(o, now) {
      const pod = o as unknown as Pod;
      const k = kubectlStatus(pod, now);
      const gates = pod.spec?.readinessGates ?? [];
      const gateText = gates.length
        ? `${gates.filter((g) => pod.status?.conditions?.some((c) => c.type === g.conditionType && c.status === "True")).length}/${gates.length}`
        : "<none>";
      return [
        o.metadata.name,
        k.ready,
        k.status,
        k.restartCount === 0 ? 0 : k.restarts,
        k.age,
        pod.status?.podIP || "<none>",
        pod.spec?.nodeName || "<none>",
        pod.status?.nominatedNodeName || "<none>",
        gateText,
      ];
    },
  },
  events: {
    columns: [
      col("Last Seen"),
      col("Type"),
      col("Reason"),
      col("Object"),
      col("Subobject", "string", 1),
      col("Source", "string", 1),
      col("Message"),
      col("First Seen", "string", 1),
      col("Count", "integer", 1),
      col("Name", "string", 1),
    ],
    cells(o, now) {
      const e = o as Record<string, never> & KubeObject;
      const ref = (e.involvedObject ?? {}) as { kind?: string; name?: string; fieldPath?: string };
      const series = e.series as { count?: number; lastObservedTime?: string } | undefined;
      const first = parseTime(e.firstTimestamp) ?? parseTime(e.eventTime);
      let last = parseTime(e.lastTimestamp) ?? first;
      let count = (e.count as number | undefined) ?? 0;
      if (series) {
        last = parseTime(series.lastObservedTime);
        count = series.count ?? 0;
      } else if (count === 0) count = 1;
      const kind = (ref.kind ?? "").toLowerCase();
      const source = e.source as { component?: string; host?: string } | undefined;
      const sourceText = source?.component
        ? source.host
          ? `${source.component}, ${source.host}`
          : source.component
        : [e.reportingComponent, e.reportingInstance].filter(Boolean).join(", ");
      return [
        since(last, now),
        e.type ?? "",
        e.reason ?? "",
        ref.name ? `${kind}/${ref.name}` : kind,
        ref.fieldPath ?? "",
        sourceText,
        String(e.message ?? "").trim(),
        since(first, now),
        count,
        o.metadata.name,
      ];
    },
  },
  nodes: {
    columns: [
      NAME,
      col("Status"),
      col("Roles"),
      col("Age"),
      col("Version"),
      col("Internal-IP", "string", 1),
      col("External-IP", "string", 1),
      col("OS-Image", "string", 1),
      col("Kernel-Version", "string", 1),
      col("Container-Runtime", "string", 1),
    ],
    cells(o, now) {
      const status = (o.status ?? {}) as {
        conditions?: { type: string; status: string }[];
        addresses?: { type: string; address: string }[];
        nodeInfo?: Record<string, string>;
      };
      const ready = status.conditions?.find((c) => c.type === "Ready");
      let text =
        ready?.status === "True" ? "Ready" : ready?.status === "False" ? "NotReady" : "Unknown";
      if ((o.spec as { unschedulable?: boolean } | undefined)?.unschedulable)
        text += ",SchedulingDisabled";
      const roles = Object.keys(o.metadata.labels ?? {})
        .filter((l) => l.startsWith("node-role.kubernetes.io/"))
        .map((l) => l.slice(24));
      const address = (type: string) =>
        status.addresses?.find((a) => a.type === type)?.address ?? "<none>";
      const info = status.nodeInfo ?? {};
      return [
        o.metadata.name,
        text,
        roles.join(",") || "<none>",
        age(o, now),
        info.kubeletVersion ?? "",
        address("InternalIP"),
        address("ExternalIP"),
        info.osImage ?? "",
        info.kernelVersion ?? "",
        info.containerRuntimeVersion ?? "",
      ];
    },
  },
  namespaces: {
    columns: [NAME, col("Status"), col("Age")],
    cells: (o, now) => [
      o.metadata.name,
      (o.status as { phase?: string } | undefined)?.phase ?? "Active",
      age(o, now),
    ],
  },
  replicasets: {
    columns: [
      NAME,
      col("Desired", "integer"),
      col("Current", "integer"),
      col("Ready", "integer"),
      col("Age"),
      col("Containers", "string", 1),
      col("Images", "string", 1),
      col("Selector", "string", 1),
    ],
    cells(o, now) {
      const spec = (o.spec ?? {}) as {
        replicas?: number;
        template?: { spec?: { containers?: { name: string; image: string }[] } };
        selector?: { matchLabels?: Record<string, string> };
      };
      const status = (o.status ?? {}) as { replicas?: number; readyReplicas?: number };
      const containers = spec.template?.spec?.containers ?? [];
      return [
        o.metadata.name,
        spec.replicas ?? 1,
        status.replicas ?? 0,
        status.readyReplicas ?? 0,
        age(o, now),
        containers.map((c) => c.name).join(","),
        containers.map((c) => c.image).join(","),
        selectorText(spec.selector),
      ];
    },
  },
  ...batchPrinters({ col, NAME, age, since, selectorText }),
  ...SET_PRINTERS,
};

const GENERIC: Printer = {
  columns: [NAME, col("Age")],
  cells: (o, now) => [o.metadata.name, age(o, now)],
};

function selectorText(sel: { matchLabels?: Record<string, string> } | undefined): string {
  return (
    Object.entries(sel?.matchLabels ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(",") || "<none>"
  );
}

/** True when the Accept header asks for a meta.k8s.io Table. */
export function wantsTable(accept: string | undefined): boolean {
  return /as=Table/.test(accept ?? "");
}

function partialMetadata(o: KubeObject): Record<string, unknown> {
  return { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: o.metadata };
}

/** A Table of `objects`, with or without column definitions (watch events after the first omit them). */
export function toTable(
  resource: ResourceType,
  objects: KubeObject[],
  now: number,
  resourceVersion: string,
  withColumns = true,
): Record<string, unknown> {
  const printer = PRINTERS[resource.storage] ?? GENERIC;
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: { resourceVersion },
    columnDefinitions: withColumns ? printer.columns : null,
    rows: objects.map((o) => ({ cells: printer.cells(o, now), object: partialMetadata(o) })),
  };
}
