// The workload's timeline for GET /api/workloads/{namespace}/{kind}/{name}: the model
// (lib/workloads) over what the route read from the store, with each pod's own timeline, and the
// pods' rows (their lanes over the window, as the overview draws them) for the page.
import type { Live } from "../live/live";
import type { PodRow } from "../rows/pod-row";
import { buildWorkloadTimeline } from "../workloads";
import type { WorkloadPod as ModelPod, WorkloadTimeline } from "../workloads/types";
import type { WorkloadHistoryInput } from "./workload-detail";

/** A workload has at most this many pods' timelines built for one answer (the newest). */
export const WORKLOAD_POD_LIMIT = 300;

export interface WorkloadTimelineParts {
  timeline: WorkloadTimeline;
  rows: PodRow[];
  /** More pods than WORKLOAD_POD_LIMIT were alive in the window: the oldest were left out. */
  podsTruncated: boolean;
}

export function workloadTimelineOf(
  l: Live,
  input: WorkloadHistoryInput,
  q: { at: number; from?: number; to?: number },
): WorkloadTimelineParts {
  const pods = [...input.pods]
    .sort((a, b) => b.firstSeen - a.firstSeen)
    .slice(0, WORKLOAD_POD_LIMIT);
  const modelPods: ModelPod[] = [];
  const rows: PodRow[] = [];
  for (const p of pods) {
    const timeline = l.store.timeline(p.uid, q.at, q.to);
    if (!timeline) continue;
    const labels: Record<string, string> = {};
    if (p.podTemplateHash) labels["pod-template-hash"] = p.podTemplateHash;
    if (p.controllerRevisionHash) labels["controller-revision-hash"] = p.controllerRevisionHash;
    modelPods.push({ timeline, labels });
    const row = l
      .history({ namespace: p.namespace, pod: p.name, from: q.from, to: q.to, limit: 20 }, q.at)
      .rows.find((r) => r.uid === p.uid);
    if (row) rows.push(row);
  }
  const timeline = buildWorkloadTimeline({
    versions: input.versions,
    owned: input.owned.map((o) => ({
      kind: o.kind as never,
      name: o.name,
      uid: o.uid,
      versions: o.versions,
    })),
    pods: modelPods,
    now: q.at,
    window: q.from !== undefined && q.to !== undefined ? { from: q.from, to: q.to } : null,
  });
  return { timeline, rows, podsTruncated: input.pods.length > pods.length };
}
