// A workload page's snapshot (POST /api/snapshots {kind: "workload"}): the answer the page draws
// (GET /api/workloads/{namespace}/{kind}/{name}?from=&to=) read by the server itself for that
// window, stored as the page needs it — the model's timeline, the pods' rows, the workload's
// versions (env names only, never values: lib/workloads/workload-state.ts) — so /s/{id} draws the
// same WorkloadView after the cluster and Lifeline's history have forgotten it.
import type { Live } from "../live/live";
import type { PodRow } from "../rows/pod-row";
import { snapshots } from "../store/snapshots";
import type { WorkloadTimeline } from "../workloads/types";
import type { WorkloadVersion } from "../workloads/workload-state";
import type { WorkloadEvent } from "../rows/workload-event";
import { json } from "./respond";
import { workloadDetail, workloadMissing } from "./workload-detail";
import type { WorkloadSnapshotRequest } from "./workload-params";

/** What a workload snapshot holds: the fields of the detail answer that the page reads. */
export interface WorkloadSnapshotBody {
  /** The Kind (Deployment, CronJob …). */
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  versions: WorkloadVersion[];
  timeline: WorkloadTimeline;
  rows: PodRow[];
  podsTruncated: boolean;
  /** The page's events for the window; absent from snapshots stored before they were kept. */
  events?: WorkloadEvent[];
}

/** 201 with the snapshot's id and url; 404 with the detail route's sentence when there is no such workload. */
export function workloadSnapshot(
  l: Live,
  want: WorkloadSnapshotRequest,
  who: { createdAt: number; createdBy: string | null },
): Response {
  const found = workloadDetail(l, want);
  if (!found) return json(workloadMissing(l, want), 404);
  const body: WorkloadSnapshotBody = {
    kind: found.kind,
    namespace: found.namespace,
    name: found.name,
    uid: found.uid,
    versions: found.versions,
    timeline: found.timeline,
    rows: found.rows,
    podsTruncated: found.podsTruncated,
    events: found.events,
  };
  const meta = snapshots().create(
    {
      kind: "workload",
      namespaces: [found.namespace],
      namespace: found.namespace,
      name: found.name,
      uid: found.uid,
      createdAt: who.createdAt,
      at: found.at,
      window: found.window,
      createdBy: who.createdBy,
    },
    body,
  );
  return json({ ...meta, url: `/s/${meta.id}` }, 201);
}
