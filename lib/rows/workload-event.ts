// One event of a workload page, as GET /api/workloads/{namespace}/{kind}/{name} answers it
// (lib/routes/workload-events.ts) and the page lists it (components/workloads/WorkloadEvents.tsx).

/** One event as the page lists it (cluster text, rendered as text). */
export interface WorkloadEvent {
  key: string;
  /** The object it names, as `Kind/name`. */
  object: string;
  type: string;
  reason: string;
  /** source.component (core/v1) or reportingController (events.k8s.io/v1): kubectl's From. */
  from: string;
  message: string;
  first: number | null;
  last: number | null;
  count: number;
}
