// The overview by workload (`/?group=workload`), as plain data: what `group` in the URL asks for
// (and the sentence when it cannot be read, as the kiosk says it), the switch's addresses (they
// keep the namespaces, the window and the zone the overview already has), and a workload's READY
// as kubectl prints it. The rows, their order and their strips are the kiosk's
// (lib/view/kiosk-workloads.ts): one rule for both. No DOM, no clock.
import type { KioskWorkloadRow } from "./kiosk-workloads";
import { DEFAULT_STATE, writeState, type OverviewState, type Preset } from "./overview";

export const OVERVIEW_GROUPS = ["pod", "workload"] as const;
export type OverviewGroup = (typeof OVERVIEW_GROUPS)[number];

/** The pod filters a workload row has nothing to match (a pod's labels and status are not its owner's). */
const POD_ONLY = ["selector", "status", "node", "search", "sort"] as const;

export interface GroupChoice {
  group: OverviewGroup;
  /** What in the URL could not be used, one sentence each (shown on the page). */
  problems: string[];
}

export function readGroup(q: URLSearchParams): GroupChoice {
  const g = q.get("group");
  const problems: string[] = [];
  const group: OverviewGroup = g === "workload" ? "workload" : "pod";
  if (g !== null && !(OVERVIEW_GROUPS as readonly string[]).includes(g))
    problems.push(
      `group "${g.slice(0, 20)}" is not one of ${OVERVIEW_GROUPS.join(", ")}; pod is used.`,
    );
  if (group === "workload") {
    const unused = POD_ONLY.filter((k) => q.get(k));
    if (unused.length)
      problems.push(
        `${unused.join(", ")} ${unused.length > 1 ? "pick" : "picks"} pods; not used with group=workload.`,
      );
  }
  return { group, problems };
}

/**
 * The overview's address for `group`, keeping the namespaces, the window (a live preset or a
 * frozen from/to) and the zone of `state`; the pod filters stay behind (they pick pods).
 */
export function groupHref(
  state: OverviewState,
  group: OverviewGroup,
  fallbackWindow: Preset = DEFAULT_STATE.window,
): string {
  const q = writeState(
    {
      ...DEFAULT_STATE,
      namespaces: state.namespaces,
      window: state.window,
      from: state.from,
      to: state.to,
      tz: state.tz,
    },
    fallbackWindow,
  );
  if (group === "workload") q.set("group", "workload");
  const s = q.toString();
  return s ? `/?${s}` : "/";
}

/**
 * READY as kubectl prints it (pkg/printers/internalversion/printers.go): ready/desired for a
 * Deployment, StatefulSet, ReplicaSet (a DaemonSet's READY of DESIRED); a Job's COMPLETIONS
 * succeeded/completions ("/1" when completions is unset, printJob); a CronJob has none: "—".
 */
export function readyText(r: Pick<KioskWorkloadRow, "kind" | "counts" | "job">): string {
  if (r.kind === "Job" && r.job) return `${r.job.succeeded}/${r.job.completions ?? 1}`;
  const desired = r.counts?.desired;
  return desired != null ? `${r.counts.ready ?? 0}/${desired}` : "—";
}
