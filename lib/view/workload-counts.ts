// Counts a workload shows beside ready/desired only when they say something. A DaemonSet's
// status.numberMisscheduled: nodes running its pod that should not (pkg/controller/daemon
// updateDaemonSetStatus: !shouldRun && scheduled); kubectl describe names it "Number of Nodes
// Misscheduled". It is shown, not judged (lib/health/workload.ts says why).
import type { WorkloadCounts } from "../workloads/workload-state";

/** The misscheduled count when it is a positive number, else null (zero, absent, malformed). */
export function misscheduledOf(counts: WorkloadCounts | null | undefined): number | null {
  const n = counts && typeof counts === "object" ? counts.misscheduled : null;
  return typeof n === "number" && Number.isFinite(n) && n > 0 ? n : null;
}

/**
 * A Job's header count as kubectl's COMPLETIONS prints it (printers.go printJob: succeeded/
 * completions, "/1" when completions is unset), not ready/desired: a finished Job has no ready
 * pods. Null for other kinds.
 */
export function jobCompletions(
  state: { kind: string; job: { succeeded: number; completions: number | null } | null } | null,
): { succeeded: number; completions: number } | null {
  if (!state || state.kind !== "Job" || !state.job) return null;
  const n = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
  return { succeeded: n(state.job.succeeded) ?? 0, completions: n(state.job.completions) ?? 1 };
}
