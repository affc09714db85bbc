// The events of a workload page: those naming the workload itself or an object it controls that
// controllers report on (a Deployment's ReplicaSets: SuccessfulCreate/SuccessfulDelete; a CronJob's
// Jobs), as `kubectl describe` lists them (pkg/describe/describe.go DescribeEvents: Type, Reason,
// Age, From, Message, "(x{count} over {interval})" when repeated). Read from the store, the last
// version of each by the window's end, kept when it was seen within the window, newest first.
import type { CoreEvent, EventsV1Event } from "../k8s/types";
import type { Live } from "../live/live";
import type { WorkloadEvent } from "../rows/workload-event";
import { normalizeEvent } from "../timeline";

/** Enough for a page: a Deployment flapping for hours repeats itself in counts, not rows. */
const MAX_EVENTS = 200;

/** ControllerRevisions have no controller reporting on them: only these carry events worth reading. */
const REPORTED = new Set([
  "Deployment",
  "ReplicaSet",
  "StatefulSet",
  "DaemonSet",
  "Job",
  "CronJob",
]);

type Named = { kind: string; namespace: string; name: string; uid: string };

export function workloadEvents(
  l: Live,
  objects: Named[],
  w: { from?: number; to?: number },
): WorkloadEvent[] {
  const out: WorkloadEvent[] = [];
  for (const o of objects) {
    if (!REPORTED.has(o.kind)) continue;
    for (const e of l.store.objectEvents(o, w.to)) {
      const row = eventRow(e, `${o.kind}/${o.name}`);
      if (!row) continue;
      const last = row.last ?? row.first;
      if (w.from !== undefined && last !== null && last < w.from) continue;
      if (w.to !== undefined && row.first !== null && row.first > w.to) continue;
      out.push(row);
    }
  }
  out.sort((a, b) => (b.last ?? b.first ?? 0) - (a.last ?? a.first ?? 0));
  return out.slice(0, MAX_EVENTS);
}

function eventRow(e: CoreEvent | EventsV1Event, object: string): WorkloadEvent | null {
  const n = normalizeEvent(e as never);
  if (!n) return null;
  const core = e as CoreEvent;
  const v1 = e as EventsV1Event;
  // kubectl's formatEventSource: the source's component, else the reporting controller.
  const from = [
    core.source?.component,
    core.reportingComponent,
    v1.reportingController,
    v1.deprecatedSource?.component,
  ].find((c): c is string => typeof c === "string" && c !== "");
  return {
    key: n.key,
    object,
    type: n.type,
    reason: n.reason,
    from: from ?? "",
    message: n.message,
    first: n.first,
    last: n.last,
    count: n.count,
  };
}
