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
