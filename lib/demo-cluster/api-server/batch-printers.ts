// kubectl's columns for Jobs and CronJobs, as pkg/printers/internalversion/printers.go (1.32)
// prints them: printJob (STATUS from the conditions, COMPLETIONS, DURATION that keeps growing
// until completionTime) and printCronJob.
import { humanDuration, parseTime } from "../../k8s/time";
import type { Column, Printer } from "./table";
import type { KubeObject } from "./store";

interface Helpers {
  col(name: string, type?: string, priority?: number, format?: string): Column;
  NAME: Column;
  age(o: KubeObject, now: number): string;
  since(at: number | null, now: number): string;
  selectorText(sel: { matchLabels?: Record<string, string> } | undefined): string;
}

interface PodTemplate {
  spec?: { containers?: { name?: string; image?: string }[] };
}

const containers = (t: PodTemplate | undefined) => {
  const list = Array.isArray(t?.spec?.containers) ? t.spec.containers : [];
  return [list.map((c) => c.name ?? "").join(","), list.map((c) => c.image ?? "").join(",")];
};

const isTrue = (conditions: unknown, type: string) =>
  Array.isArray(conditions) &&
  conditions.some(
    (c: { type?: string; status?: string }) => c?.type === type && c.status === "True",
  );

/** printJob's STATUS: the first of these conditions that is True, else Running. */
function jobState(o: KubeObject): string {
  const conditions = (o.status as { conditions?: unknown } | undefined)?.conditions;
  if (isTrue(conditions, "Complete")) return "Complete";
  if (isTrue(conditions, "Failed")) return "Failed";
  if (o.metadata.deletionTimestamp) return "Terminating";
  if (isTrue(conditions, "Suspended")) return "Suspended";
  if (isTrue(conditions, "FailureTarget")) return "FailureTarget";
  if (isTrue(conditions, "SuccessCriteriaMet")) return "SuccessCriteriaMet";
  return "Running";
}

export function batchPrinters(h: Helpers): Record<string, Printer> {
  const { col, NAME, age, since, selectorText } = h;
  return {
    jobs: {
      columns: [
        NAME,
        col("Status"),
        col("Completions"),
        col("Duration"),
        col("Age"),
        col("Containers", "string", 1),
        col("Images", "string", 1),
        col("Selector", "string", 1),
      ],
      cells(o, now) {
        const spec = (o.spec ?? {}) as {
          completions?: number | null;
          parallelism?: number;
          template?: PodTemplate;
          selector?: { matchLabels?: Record<string, string> };
        };
        const status = (o.status ?? {}) as {
          succeeded?: number;
          startTime?: string;
          completionTime?: string;
        };
        const succeeded = status.succeeded ?? 0;
        const completions =
          spec.completions != null
            ? `${succeeded}/${spec.completions}`
            : (spec.parallelism ?? 0) > 1
              ? `${succeeded}/1 of ${spec.parallelism}`
              : `${succeeded}/1`;
        const start = parseTime(status.startTime);
        const end = parseTime(status.completionTime);
        const duration =
          start === null ? "" : end === null ? since(start, now) : humanDuration(end - start);
        return [
          o.metadata.name,
          jobState(o),
          completions,
          duration,
          age(o, now),
          ...containers(spec.template),
          selectorText(spec.selector),
        ];
      },
    },
    cronjobs: {
      columns: [
        NAME,
        col("Schedule"),
        col("Timezone"),
        col("Suspend", "boolean"),
        col("Active", "integer"),
        col("Last Schedule"),
        col("Age"),
        col("Containers", "string", 1),
        col("Images", "string", 1),
        col("Selector", "string", 1),
      ],
      cells(o, now) {
        const spec = (o.spec ?? {}) as {
          schedule?: string;
          timeZone?: string | null;
          suspend?: boolean | null;
          jobTemplate?: {
            spec?: { template?: PodTemplate; selector?: { matchLabels?: Record<string, string> } };
          };
        };
        const status = (o.status ?? {}) as { active?: unknown[]; lastScheduleTime?: string };
        const last = parseTime(status.lastScheduleTime);
        return [
          o.metadata.name,
          spec.schedule ?? "",
          spec.timeZone ?? "<none>",
          spec.suspend == null ? "<unset>" : spec.suspend ? "True" : "False",
          Array.isArray(status.active) ? status.active.length : 0,
          last === null ? "<none>" : since(last, now),
          age(o, now),
          ...containers(spec.jobTemplate?.spec?.template),
          selectorText(spec.jobTemplate?.spec?.selector),
        ];
      },
    },
  };
}
