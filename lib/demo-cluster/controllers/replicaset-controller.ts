// The ReplicaSet controller (pkg/controller/replicaset/replica_set.go): keeps `replicas` active
// pods (a terminating pod, e.g. evicted from a lost node, no longer counts, so a replacement
// appears), deletes the surplus in kube's order (pod-ranking.ts), and counts a pod available once
// it has been ready for `minReadySeconds` (podutil.IsPodAvailable).
import { parseTime } from "../../k8s/time";
import type { Pod } from "../../k8s/types";
import type { Clock, Timer } from "../clock";
import type { EventRecorder } from "../events";
import type { Registry } from "../api-server/registry";
import type { KubeObject, ObjectStore } from "../api-server/store";
import { podsToDelete } from "./pod-ranking";
import { Controller, isActive, isReady, type Template } from "./workload-controllers";

/** IsPodAvailable: ready, and ready since more than `minReadySeconds` before `now`. */
export function isAvailable(pod: KubeObject, minReadySeconds: number, now: number): boolean {
  if (!isReady(pod)) return false;
  if (minReadySeconds <= 0) return true;
  const ready = (pod.status as Pod["status"])?.conditions?.find((c) => c.type === "Ready");
  const since = parseTime(ready?.lastTransitionTime);
  return since !== null && since + minReadySeconds * 1000 < now;
}

/** When a ready pod becomes available (null: never, or already). */
function availableAt(pod: KubeObject, minReadySeconds: number, now: number): number | null {
  if (minReadySeconds <= 0 || !isReady(pod) || isAvailable(pod, minReadySeconds, now)) return null;
  const ready = (pod.status as Pod["status"])?.conditions?.find((c) => c.type === "Ready");
  const since = parseTime(ready?.lastTransitionTime);
  return since === null ? null : since + minReadySeconds * 1000;
}

const controllerOf = (o: KubeObject) => o.metadata.ownerReferences?.find((r) => r.controller);

export class ReplicaSetController extends Controller {
  private readonly wakeups = new Map<number, Timer>();

  constructor(store: ObjectStore, clock: Clock, events: EventRecorder, registry: Registry) {
    super(store, clock, events, registry, "replicasets");
  }

  stop(): void {
    super.stop();
    for (const t of this.wakeups.values()) t.cancel();
    this.wakeups.clear();
  }

  /** The pods of every ReplicaSet with the same controller as `rs` (its siblings under one Deployment). */
  private related(rs: KubeObject): KubeObject[] {
    const owner = controllerOf(rs)?.uid;
    if (!owner) return this.owned(rs).filter(isActive);
    const siblings = new Set(
      this.store
        .list("replicasets", rs.metadata.namespace)
        .filter((r) => controllerOf(r)?.uid === owner)
        .map((r) => r.metadata.uid),
    );
    return this.store
      .list("pods", rs.metadata.namespace)
      .filter((p) => isActive(p) && siblings.has(controllerOf(p)?.uid));
  }

  protected reconcile(rs: KubeObject): void {
    const owner = { ...rs, apiVersion: "apps/v1", kind: "ReplicaSet" };
    const spec = rs.spec as { replicas?: number; minReadySeconds?: number; template?: Template };
    const want = spec.replicas ?? 1;
    const minReady = spec.minReadySeconds ?? 0;
    const now = this.clock.now();
    const active = this.owned(rs).filter(isActive);
    for (let i = active.length; i < want; i++)
      this.createPod(owner, spec.template ?? {}, {}, "replicaset-controller");
    if (active.length > want) {
      for (const p of podsToDelete(active, this.related(rs), active.length - want, now)) {
        this.registry.deletePod(p);
        this.events.record(this.ref(owner), "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`, {
          component: "replicaset-controller",
        });
      }
    }
    const pods = this.owned(rs).filter(isActive);
    const labels = spec.template?.metadata?.labels ?? {};
    const status = {
      replicas: pods.length,
      fullyLabeledReplicas: pods.filter((p) =>
        Object.entries(labels).every(([k, v]) => p.metadata.labels?.[k] === v),
      ).length,
      readyReplicas: pods.filter(isReady).length,
      availableReplicas: pods.filter((p) => isAvailable(p, minReady, now)).length,
      observedGeneration: rs.metadata.generation ?? 1,
    };
    this.store.mutate("replicasets", rs.metadata.namespace, rs.metadata.name, (o) => {
      if (JSON.stringify(o.status) === JSON.stringify(status)) return false;
      o.status = status;
    });
    // kube requeues the ReplicaSet minReadySeconds + 1 s after it sees a pod become ready
    // (updatePod's enqueueRSAfter), which is when availableReplicas catches up.
    for (const p of pods) {
      const at = availableAt(p, minReady, now);
      if (at !== null) this.wakeAt(at + 1000);
    }
  }

  private wakeAt(at: number): void {
    if (this.wakeups.has(at)) return;
    this.wakeups.set(
      at,
      this.clock.at(at, () => {
        this.wakeups.delete(at);
        this.queue();
      }),
    );
  }
}
