// Records what the collector would hand the store off the demo cluster's watch: every version of
// the Deployments, their ReplicaSets and the pods, on the fast clock, as the model's input.
import type { CoreEvent, Pod } from "../k8s/types";
import type { Kit } from "../demo-cluster/cluster.test-kit";
import { buildTimeline, type Observation } from "../timeline";
import type { OwnedHistory, WorkloadTimelineInput } from "./types";
import { workloadState, type WorkloadVersion } from "./workload-state";

export function recorder(kit: Kit, namespace = "dev") {
  const versions: WorkloadVersion[] = [];
  const owned = new Map<string, OwnedHistory>();
  const pods = new Map<string, { observations: Observation[]; labels: Record<string, string> }>();
  const version = (type: string, o: unknown): WorkloadVersion => ({
    observedAt: kit.clock.now(),
    deleted: type === "DELETED",
    state: type === "DELETED" ? null : workloadState(structuredClone(o)),
  });
  kit.cluster.store.watch("deployments", 0, (c) => versions.push(version(c.type, c.object)));
  kit.cluster.store.watch("replicasets", 0, (c) => {
    const uid = c.object.metadata.uid!;
    if (!owned.has(uid)) owned.set(uid, { versions: [] });
    owned.get(uid)!.versions.push(version(c.type, c.object));
  });
  kit.cluster.store.watch("pods", 0, (c) => {
    const uid = c.object.metadata.uid!;
    if (!pods.has(uid)) pods.set(uid, { observations: [], labels: {} });
    const p = pods.get(uid)!;
    p.observations.push({
      type: c.type,
      object: structuredClone(c.object) as unknown as Pod,
      observedAt: kit.clock.now(),
    });
    p.labels = { ...(c.object.metadata.labels ?? {}) };
  });
  return (): WorkloadTimelineInput => {
    const now = kit.clock.now();
    const events = kit.cluster.store.list("events", namespace) as unknown as CoreEvent[];
    return {
      versions,
      owned: [...owned.values()],
      pods: [...pods.values()].map((p) => ({
        timeline: buildTimeline({
          observations: p.observations,
          events: events.filter(
            (e) => e.involvedObject?.uid === p.observations[0].object.metadata?.uid,
          ),
          now,
        }),
        labels: p.labels,
      })),
      now,
    };
  };
}
