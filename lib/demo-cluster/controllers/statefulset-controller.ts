// The StatefulSet controller (pkg/controller/statefulset: stateful_set_control.go
// updateStatefulSet, stateful_set_utils.go, stateful_pod_control.go), as kube-controller-manager
// 1.34 runs it with MaxUnavailableStatefulSet off:
// - pods `<set>-<ordinal>` with hostname = name, subdomain = serviceName and the labels
//   statefulset.kubernetes.io/pod-name, apps.kubernetes.io/pod-index and controller-revision-hash
//   (the revision's full name);
// - OrderedReady: one pod at a time, each waiting for every lower ordinal to be Running and Ready
//   (and available after minReadySeconds); scale down from the highest ordinal, one at a time, each
//   waiting for the others to be healthy (the first unhealthy pod may go). Parallel: all at once;
// - a Failed or Succeeded pod is deleted and made again on the next round;
// - RollingUpdate from the highest ordinal down to `partition`, one pod at a time, each waiting for
//   the one before to be healthy (also under Parallel); OnDelete only replaces pods someone deleted;
// - status as computeReplicaStatus and completeRollingUpdate write it; history kept to
//   revisionHistoryLimit (truncateHistory), revisions a pod or the status names are kept.
// Not modelled: volumeClaimTemplates/PVCs, `ordinals.start`, adoption of orphans matching the
// selector, the burst of slowStartBatch (creations are synchronous here), hash collisions.
import type { Clock } from "../clock";
import type { EventRecorder } from "../events";
import type { Registry } from "../api-server/registry";
import type { KubeObject, ObjectStore } from "../api-server/store";
import {
  REVISION_HASH_LABEL,
  REVISIONS,
  controllerRef,
  revisionHash,
  templateOf,
  truncateHistory,
  updateRevision,
  type Template,
} from "./controller-history";
import { SetController, isAvailable, isReady, isTerminating, phaseOf } from "./set-controller";

export const POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
export const POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";
export const REVISION_LABEL = "controller-revision-hash";

interface StatefulSetSpec {
  replicas?: number;
  serviceName?: string;
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  podManagementPolicy?: string;
  template?: Template;
  updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } | null };
}

interface StatefulSetStatus {
  currentReplicas?: number;
  currentRevision?: string;
}

const sortedLabels = (labels: Record<string, string>) =>
  Object.fromEntries(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));

export class StatefulSetController extends SetController {
  constructor(store: ObjectStore, clock: Clock, events: EventRecorder, registry: Registry) {
    super(store, clock, events, registry, "statefulsets", "StatefulSet", "statefulset-controller");
  }

  private ordinal(set: KubeObject, pod: KubeObject): number {
    const m = /^(.*)-(\d+)$/.exec(pod.metadata.name);
    return m && m[1] === set.metadata.name ? Number(m[2]) : -1;
  }

  protected reconcile(set: KubeObject): void {
    const now = this.clock.now();
    const spec = (set.spec ?? {}) as StatefulSetSpec;
    const prior = (set.status ?? {}) as StatefulSetStatus;
    const { update, revisions } = updateRevision(
      this.store,
      set,
      (data, revision) => {
        const hash = revisionHash(data);
        return {
          apiVersion: "apps/v1",
          kind: "ControllerRevision",
          metadata: {
            name: `${set.metadata.name}-${hash}`,
            namespace: set.metadata.namespace,
            labels: { ...(spec.template?.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash },
            ownerReferences: [controllerRef(set, "apps/v1", "StatefulSet")],
          },
          data: JSON.parse(data),
          revision,
        };
      },
      now,
    );
    const current = revisions.find((r) => r.metadata.name === prior.currentRevision) ?? update;
    const minReady = spec.minReadySeconds ?? 0;
    const healthy = (p: KubeObject) => phaseOf(p) === "Running" && isReady(p) && !isTerminating(p);
    const available = (p: KubeObject) => phaseOf(p) === "Running" && isAvailable(p, minReady, now);
    const monotonic = spec.podManagementPolicy !== "Parallel";
    const replicaCount = spec.replicas ?? 1;
    const slots: (KubeObject | undefined)[] = new Array(replicaCount).fill(undefined);
    const condemned: KubeObject[] = [];
    for (const pod of this.owned(set)) {
      const ord = this.ordinal(set, pod);
      if (ord >= 0 && ord < replicaCount) slots[ord] = pod;
      else if (ord >= 0) condemned.push(pod);
    }
    condemned.sort((a, b) => this.ordinal(set, b) - this.ordinal(set, a));
    // The first unhealthy pod, ordinals up then condemned from the lowest: a missing pod counts
    // (kube makes it before looking), so then no condemned pod is first.
    const gap = slots.findIndex((p) => !p || !healthy(p));
    const firstUnhealthy =
      gap >= 0 ? slots[gap] : [...condemned].reverse().find((p) => !healthy(p));

    const sync = (): void => {
      if (set.metadata.deletionTimestamp) return;
      for (let ord = 0; ord < replicaCount; ord++) {
        const pod = slots[ord];
        if (!pod) {
          this.create(set, spec, prior, current, update, ord);
          if (monotonic) return;
          continue;
        }
        if (phaseOf(pod) === "Failed" || phaseOf(pod) === "Succeeded") {
          if (!isTerminating(pod)) this.remove(set, pod);
          if (monotonic) return;
          continue;
        }
        if (monotonic && (isTerminating(pod) || !healthy(pod) || !available(pod))) {
          if (healthy(pod)) this.requeueAtAvailable(pod, minReady);
          return;
        }
      }
      for (const pod of condemned) {
        if (isTerminating(pod)) {
          if (monotonic) return;
          continue;
        }
        if (monotonic && (!healthy(pod) || !available(pod)) && pod !== firstUnhealthy) return;
        this.remove(set, pod);
        if (monotonic) return;
      }
      if (spec.updateStrategy?.type === "OnDelete") return;
      const partition = spec.updateStrategy?.rollingUpdate?.partition ?? 0;
      for (let target = replicaCount - 1; target >= partition; target--) {
        const pod = slots[target];
        if (!pod) return;
        if (pod.metadata.labels?.[REVISION_LABEL] !== update.metadata.name && !isTerminating(pod)) {
          this.remove(set, pod);
          return;
        }
        if (!healthy(pod)) return;
      }
    };
    sync();
    this.status(set, spec, current, update, revisions, now);
  }

  private requeueAtAvailable(pod: KubeObject, minReady: number): void {
    const c = (
      pod.status as { conditions?: { type: string; lastTransitionTime?: string }[] }
    )?.conditions?.find((x) => x.type === "Ready");
    const since = Date.parse(c?.lastTransitionTime ?? "");
    if (Number.isFinite(since)) this.requeueAt(since + minReady * 1000);
  }

  /** newVersionedStatefulSetPod, with its operator precedence: ordinals under the partition (or, without rollingUpdate, under currentReplicas) get the current revision. */
  private create(
    set: KubeObject,
    spec: StatefulSetSpec,
    prior: StatefulSetStatus,
    current: KubeObject,
    update: KubeObject,
    ord: number,
  ): void {
    const ru = spec.updateStrategy?.rollingUpdate;
    const useCurrent =
      (spec.updateStrategy?.type === "RollingUpdate" &&
        !ru &&
        ord < (prior.currentReplicas ?? 0)) ||
      (!!ru && ord < (ru.partition ?? 0));
    const revision = useCurrent ? current : update;
    const template = revision === update ? (spec.template ?? {}) : templateOf(revision);
    const name = `${set.metadata.name}-${ord}`;
    const pod: KubeObject = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name,
        namespace: set.metadata.namespace,
        labels: sortedLabels({
          ...(template.metadata?.labels ?? {}),
          [POD_NAME_LABEL]: name,
          [POD_INDEX_LABEL]: String(ord),
          [REVISION_LABEL]: revision.metadata.name,
        }),
        ...(template.metadata?.annotations
          ? { annotations: { ...template.metadata.annotations } }
          : {}),
        ownerReferences: [controllerRef(set, "apps/v1", "StatefulSet")],
      },
      spec: {
        ...structuredClone(template.spec ?? {}),
        hostname: name,
        ...(spec.serviceName ? { subdomain: spec.serviceName } : {}),
      },
    };
    const created = this.createPod(pod);
    if (typeof created === "string")
      this.event(
        set,
        "FailedCreate",
        `create Pod ${name} in StatefulSet ${set.metadata.name} failed error: ${created}`,
        true,
      );
    else
      this.event(
        set,
        "SuccessfulCreate",
        `create Pod ${name} in StatefulSet ${set.metadata.name} successful`,
      );
  }

  private remove(set: KubeObject, pod: KubeObject): void {
    this.registry.deletePod(pod);
    this.event(
      set,
      "SuccessfulDelete",
      `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`,
    );
  }

  /** computeReplicaStatus + completeRollingUpdate, then truncateHistory. */
  private status(
    set: KubeObject,
    spec: StatefulSetSpec,
    current: KubeObject,
    update: KubeObject,
    revisions: KubeObject[],
    now: number,
  ): void {
    const pods = this.owned(set);
    const created = pods.filter((p) => !!phaseOf(p));
    const live = created.filter((p) => !isTerminating(p));
    const ready = pods.filter((p) => phaseOf(p) === "Running" && isReady(p));
    const status = {
      observedGeneration: set.metadata.generation ?? 1,
      replicas: created.length,
      readyReplicas: ready.length || undefined,
      currentReplicas:
        live.filter((p) => p.metadata.labels?.[REVISION_LABEL] === current.metadata.name).length ||
        undefined,
      updatedReplicas:
        live.filter((p) => p.metadata.labels?.[REVISION_LABEL] === update.metadata.name).length ||
        undefined,
      currentRevision: current.metadata.name,
      updateRevision: update.metadata.name,
      collisionCount: 0,
      availableReplicas: ready.filter((p) => isAvailable(p, spec.minReadySeconds ?? 0, now)).length,
    };
    if (
      spec.updateStrategy?.type === "RollingUpdate" &&
      (status.updatedReplicas ?? 0) === status.replicas &&
      (status.readyReplicas ?? 0) === status.replicas
    ) {
      status.currentReplicas = status.updatedReplicas;
      status.currentRevision = status.updateRevision;
    }
    this.writeStatus(set, status);
    const named = new Set([
      status.currentRevision,
      status.updateRevision,
      ...pods.map((p) => p.metadata.labels?.[REVISION_LABEL]),
    ]);
    truncateHistory(
      this.store,
      revisions.filter((r) => this.store.get(REVISIONS, r.metadata.namespace, r.metadata.name)),
      (r) => named.has(r.metadata.name),
      spec.revisionHistoryLimit ?? 10,
    );
  }
}
