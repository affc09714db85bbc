// The DaemonSet controller (pkg/controller/daemon: daemon_controller.go manage/podsShouldBeOnNode/
// NodeShouldRunDaemonPod/updateDaemonSetStatus, update.go rollingUpdate/constructHistory, util:
// CreatePodTemplate, AddOrUpdateDaemonPodTolerations, ReplaceDaemonSetPodNodeNameNodeAffinity).
// - A node should run the pod when the template's nodeName, nodeSelector and required affinity
//   fit and every NoSchedule/NoExecute taint is tolerated; a pod already there may keep running
//   unless a NoExecute taint is untolerated. The tolerations every daemon pod gets (not-ready and
//   unreachable NoExecute without tolerationSeconds, disk/memory/pid-pressure and unschedulable
//   NoSchedule) are part of that pod.
// - Pods are made with generateName `<ds>-` and bound to their node by the required node affinity
//   `matchFields metadata.name In [node]`; the default scheduler places them (scheduler.ts reads
//   that affinity), as since kube 1.12.
// - A lost node gets `node.kubernetes.io/unreachable` NoSchedule and NoExecute: its daemon pod
//   tolerates the NoExecute one (no eviction, it stays, Ready=False from the node controller), but
//   not the NoSchedule one, so the node is no longer desired: desiredNumberScheduled drops and the
//   pod left there counts as numberMisscheduled, as kube reports it.
// - RollingUpdate: without surge, old pods are deleted up to maxUnavailable (an unavailable old pod
//   may always go) and the manage loop makes the new ones; with maxSurge, new pods are made beside
//   old ones and an old pod goes once its replacement is available. Nodes are taken in name order
//   (Go's map order is random). OnDelete replaces only pods someone deleted.
// - A Failed pod is deleted with a FailedDaemonPod warning, again only after a per-node back-off
//   (1 s doubling to 15 min, failedPodsBackoff).
import type { Pod, Toleration } from "../../k8s/types";
import type { Clock } from "../clock";
import type { EventRecorder } from "../events";
import type { Registry } from "../api-server/registry";
import { scaled } from "../api-server/sets-validation";
import type { KubeObject, ObjectStore } from "../api-server/store";
import {
  REVISION_HASH_LABEL,
  controllerRef,
  revisionHash,
  truncateHistory,
  updateRevision,
  type Template,
} from "./controller-history";
import { requiredAffinityMatches, targetNode, type Affinity } from "./node-affinity";
import { matchesToleration } from "./scheduler";
import { SetController, isAvailable, isReady, isTerminating, phaseOf } from "./set-controller";

export const HASH_LABEL = "controller-revision-hash";
export const GENERATION_LABEL = "pod-template-generation";
const GENERATION_ANNOTATION = "deprecated.daemonset.template.generation";

/** AddOrUpdateDaemonPodTolerations, in its order (network-unavailable only with hostNetwork). */
export function daemonTolerations(hostNetwork: boolean): Toleration[] {
  const t = (key: string, effect: string) => ({ key, operator: "Exists", effect });
  return [
    t("node.kubernetes.io/not-ready", "NoExecute"),
    t("node.kubernetes.io/unreachable", "NoExecute"),
    t("node.kubernetes.io/disk-pressure", "NoSchedule"),
    t("node.kubernetes.io/memory-pressure", "NoSchedule"),
    t("node.kubernetes.io/pid-pressure", "NoSchedule"),
    t("node.kubernetes.io/unschedulable", "NoSchedule"),
    ...(hostNetwork ? [t("node.kubernetes.io/network-unavailable", "NoSchedule")] : []),
  ];
}

interface DaemonSetSpec {
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  template?: Template;
  updateStrategy?: {
    type?: string;
    rollingUpdate?: { maxUnavailable?: unknown; maxSurge?: unknown };
  };
}

type Taint = { key: string; value?: string; effect: string };

export class DaemonSetController extends SetController {
  private backoff = new Map<string, { delay: number; until: number }>();

  constructor(store: ObjectStore, clock: Clock, events: EventRecorder, registry: Registry) {
    super(store, clock, events, registry, "daemonsets", "DaemonSet", "daemonset-controller", [
      "nodes",
    ]);
  }

  /** The pod the DaemonSet would run on `node` (NewPod + CreatePodTemplate). */
  private podFor(ds: KubeObject, node: string, hash: string): KubeObject {
    const template = ((ds.spec as DaemonSetSpec).template ?? {}) as Template;
    const spec = structuredClone(template.spec ?? {}) as NonNullable<Pod["spec"]> & {
      hostNetwork?: boolean;
      affinity?: Affinity & Record<string, unknown>;
    };
    // AddOrUpdateTolerationInPodSpec: a toleration of the same key, operator, value and effect is replaced.
    const tolerations = [...(spec.tolerations ?? [])];
    for (const t of daemonTolerations(!!spec.hostNetwork)) {
      const same = tolerations.findIndex(
        (x) => x.key === t.key && x.effect === t.effect && x.operator === t.operator && !x.value,
      );
      if (same >= 0) tolerations[same] = t;
      else tolerations.push(t);
    }
    spec.tolerations = tolerations;
    const terms = [{ matchFields: [{ key: "metadata.name", operator: "In", values: [node] }] }];
    spec.affinity = {
      ...(spec.affinity ?? {}),
      nodeAffinity: {
        ...(spec.affinity?.nodeAffinity ?? {}),
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms },
      },
    };
    return {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "",
        generateName: `${ds.metadata.name}-`,
        namespace: ds.metadata.namespace,
        labels: {
          ...(template.metadata?.labels ?? {}),
          [HASH_LABEL]: hash,
          [GENERATION_LABEL]: this.templateGeneration(ds),
        },
        ...(template.metadata?.annotations
          ? { annotations: { ...template.metadata.annotations } }
          : {}),
        ownerReferences: [controllerRef(ds, "apps/v1", "DaemonSet")],
      },
      spec,
    };
  }

  private templateGeneration(ds: KubeObject): string {
    return ds.metadata.annotations?.[GENERATION_ANNOTATION] ?? String(ds.metadata.generation ?? 1);
  }

  /** NodeShouldRunDaemonPod: [shouldRun, shouldContinueRunning]. */
  private shouldRun(ds: KubeObject, node: KubeObject, pod: KubeObject): [boolean, boolean] {
    const spec = pod.spec as NonNullable<Pod["spec"]>;
    const wanted = ((ds.spec as DaemonSetSpec).template?.spec as { nodeName?: string })?.nodeName;
    if (wanted && wanted !== node.metadata.name) return [false, false];
    const labels = node.metadata.labels ?? {};
    const selectorFits = Object.entries(spec.nodeSelector ?? {}).every(([k, v]) => labels[k] === v);
    // NewPod keeps the template's own affinity (the matchFields pin is only for the pods it makes).
    const affinity = ((ds.spec as DaemonSetSpec).template?.spec as { affinity?: Affinity })
      ?.affinity;
    if (!selectorFits || !requiredAffinityMatches(affinity, node)) return [false, false];
    const taints = ((node.spec as { taints?: Taint[] } | undefined)?.taints ?? []).filter(
      (t) => t.effect === "NoSchedule" || t.effect === "NoExecute",
    );
    const untolerated = taints.filter(
      (taint) => !(spec.tolerations ?? []).some((t) => matchesToleration(t, taint)),
    );
    if (untolerated.length === 0) return [true, true];
    return [false, !untolerated.some((t) => t.effect === "NoExecute")];
  }

  protected reconcile(ds: KubeObject): void {
    if (ds.metadata.deletionTimestamp) return;
    const now = this.clock.now();
    const spec = (ds.spec ?? {}) as DaemonSetSpec;
    const { update, revisions } = updateRevision(
      this.store,
      ds,
      (data, revision) => {
        const hash = revisionHash(data);
        return {
          apiVersion: "apps/v1",
          kind: "ControllerRevision",
          metadata: {
            name: `${ds.metadata.name}-${hash}`,
            namespace: ds.metadata.namespace,
            labels: {
              ...(spec.template?.metadata?.labels ?? {}),
              [HASH_LABEL]: hash,
              [REVISION_HASH_LABEL]: hash,
            },
            ...(ds.metadata.annotations ? { annotations: { ...ds.metadata.annotations } } : {}),
            ownerReferences: [controllerRef(ds, "apps/v1", "DaemonSet")],
          },
          data: JSON.parse(data),
          revision,
        };
      },
      now,
    );
    const hash = update.metadata.labels?.[HASH_LABEL] ?? "";
    const generation = this.templateGeneration(ds);
    const updated = (p: KubeObject) =>
      p.metadata.labels?.[HASH_LABEL] === hash ||
      p.metadata.labels?.[GENERATION_LABEL] === generation;
    const nodes = this.store
      .list("nodes")
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    const byNode = this.podsByNode(ds);
    const minReady = spec.minReadySeconds ?? 0;
    const available = (p: KubeObject) => isAvailable(p, minReady, now);

    // manage: pods where they should be, none where they should not.
    const toCreate: string[] = [];
    const toDelete: KubeObject[] = [];
    for (const node of nodes) {
      const name = node.metadata.name;
      const pods = byNode.get(name) ?? [];
      const [run, keep] = this.shouldRun(ds, node, this.podFor(ds, name, hash));
      if (run && pods.length === 0) toCreate.push(name);
      else if (keep) {
        const running: KubeObject[] = [];
        for (const p of pods) {
          if (isTerminating(p)) continue;
          if (phaseOf(p) !== "Failed") {
            running.push(p);
            continue;
          }
          const b = this.backoff.get(name);
          if (b && now < b.until) {
            this.requeueAt(b.until);
            continue;
          }
          const delay = b ? Math.min(b.delay * 2, 15 * 60_000) : 1000;
          this.backoff.set(name, { delay, until: now + delay });
          this.event(
            ds,
            "FailedDaemonPod",
            `Found failed daemon pod ${p.metadata.namespace}/${p.metadata.name} on node ${name}, will try to kill it`,
            true,
          );
          toDelete.push(p);
        }
        if (!this.surge(spec) && running.length > 1) toDelete.push(...running.sort(byAge).slice(1));
      } else toDelete.push(...pods.filter((p) => !isTerminating(p)));
    }
    this.sync(ds, toDelete, toCreate, hash);

    if (spec.updateStrategy?.type === "RollingUpdate") {
      const after = this.podsByNode(ds);
      const desired = nodes.filter(
        (n) => this.shouldRun(ds, n, this.podFor(ds, n.metadata.name, hash))[0],
      ).length;
      const ru = spec.updateStrategy.rollingUpdate ?? {};
      const surge = scaled(ru.maxSurge ?? 0, desired) ?? 0;
      let maxUnavailable = scaled(ru.maxUnavailable ?? 1, desired) ?? 1;
      if (surge === 0 && maxUnavailable === 0) maxUnavailable = 1;
      const dels: KubeObject[] = [];
      const news: string[] = [];
      if (surge === 0) {
        let unavailable = 0;
        const candidates: KubeObject[] = [];
        for (const node of nodes) {
          const split = this.split(after.get(node.metadata.name) ?? [], updated);
          if (!split) unavailable++;
          else if (!split.old) {
            if (!split.new || !available(split.new)) unavailable++;
          } else if (split.new) unavailable++;
          else if (!available(split.old)) {
            dels.push(split.old);
            unavailable++;
          } else if (unavailable < maxUnavailable) candidates.push(split.old);
        }
        dels.push(...candidates.slice(0, Math.max(0, maxUnavailable - unavailable)));
      } else {
        let surging = 0;
        const candidates: string[] = [];
        for (const node of nodes) {
          const split = this.split(after.get(node.metadata.name) ?? [], updated);
          if (!split || !split.old) continue;
          if (!split.new) {
            if (!available(split.old)) news.push(node.metadata.name);
            else if (surging < surge) candidates.push(node.metadata.name);
          } else if (!available(split.new)) surging++;
          else dels.push(split.old);
        }
        news.push(...candidates.slice(0, Math.max(0, surge - surging)));
      }
      this.sync(ds, dels, news, hash);
    }
    this.status(ds, nodes, hash, updated, now);
    const live = new Set([hash, ...this.owned(ds).map((p) => p.metadata.labels?.[HASH_LABEL])]);
    truncateHistory(
      this.store,
      revisions.filter((r) => r.metadata.name !== update.metadata.name),
      (r) => live.has(r.metadata.labels?.[HASH_LABEL]),
      spec.revisionHistoryLimit ?? 10,
    );
    for (const p of this.owned(ds))
      if (isReady(p) && minReady > 0) this.requeueAt(readyAt(p) + minReady * 1000);
  }

  private surge(spec: DaemonSetSpec): boolean {
    const ru = spec.updateStrategy?.rollingUpdate;
    return (
      spec.updateStrategy?.type === "RollingUpdate" && (scaled(ru?.maxSurge ?? 0, 100) ?? 0) > 0
    );
  }

  /** findUpdatedPodsOnNode: at most one new and one old pod that are not terminating, else undefined. */
  private split(
    pods: KubeObject[],
    updated: (p: KubeObject) => boolean,
  ): { new?: KubeObject; old?: KubeObject } | undefined {
    const out: { new?: KubeObject; old?: KubeObject } = {};
    for (const p of pods) {
      if (isTerminating(p)) continue;
      const slot = updated(p) ? "new" : "old";
      if (out[slot]) return undefined;
      out[slot] = p;
    }
    return out;
  }

  /** getNodesToDaemonPods: terminal pods already being deleted are left out. */
  private podsByNode(ds: KubeObject): Map<string, KubeObject[]> {
    const byNode = new Map<string, KubeObject[]>();
    for (const p of this.owned(ds)) {
      const terminal = phaseOf(p) === "Failed" || phaseOf(p) === "Succeeded";
      if (terminal && isTerminating(p)) continue;
      const node = targetNode(p);
      if (!node) continue;
      byNode.set(node, [...(byNode.get(node) ?? []), p]);
    }
    return byNode;
  }

  /** syncNodes: deletions, then one pod per node to create, with RealPodControl's events. */
  private sync(ds: KubeObject, dels: KubeObject[], nodes: string[], hash: string): void {
    for (const p of dels) {
      this.registry.deletePod(p);
      this.event(ds, "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`);
    }
    for (const node of nodes) {
      const created = this.createPod(this.podFor(ds, node, hash));
      if (typeof created === "string")
        this.event(ds, "FailedCreate", `Error creating: ${created}`, true);
      else this.event(ds, "SuccessfulCreate", `Created pod: ${created.metadata.name}`);
    }
  }

  /** updateDaemonSetStatus. */
  private status(
    ds: KubeObject,
    nodes: KubeObject[],
    hash: string,
    updated: (p: KubeObject) => boolean,
    now: number,
  ): void {
    const byNode = this.podsByNode(ds);
    const minReady = (ds.spec as DaemonSetSpec).minReadySeconds ?? 0;
    let desired = 0;
    let current = 0;
    let misscheduled = 0;
    let ready = 0;
    let available = 0;
    let upToDate = 0;
    for (const node of nodes) {
      const [run] = this.shouldRun(ds, node, this.podFor(ds, node.metadata.name, hash));
      const pods = byNode.get(node.metadata.name) ?? [];
      if (!run) {
        if (pods.length) misscheduled++;
        continue;
      }
      desired++;
      if (!pods.length) continue;
      current++;
      const pod = [...pods].sort(byAge)[0];
      if (isReady(pod)) {
        ready++;
        if (isAvailable(pod, minReady, now)) available++;
      }
      if (updated(pod)) upToDate++;
    }
    this.writeStatus(ds, {
      currentNumberScheduled: current,
      numberMisscheduled: misscheduled,
      desiredNumberScheduled: desired,
      numberReady: ready,
      observedGeneration: ds.metadata.generation ?? 1,
      updatedNumberScheduled: upToDate || undefined,
      numberAvailable: available || undefined,
      numberUnavailable: desired - available || undefined,
    });
  }
}

function readyAt(p: KubeObject): number {
  const c = (p.status as Pod["status"])?.conditions?.find((x) => x.type === "Ready");
  return Date.parse(c?.lastTransitionTime ?? "") || 0;
}

/** podByCreationTimestampAndPhase: scheduled pods first, then the oldest, then by name. */
function byAge(a: KubeObject, b: KubeObject): number {
  const sa = (a.spec as Pod["spec"])?.nodeName ? 0 : 1;
  const sb = (b.spec as Pod["spec"])?.nodeName ? 0 : 1;
  if (sa !== sb) return sa - sb;
  const ta = a.metadata.creationTimestamp ?? "";
  const tb = b.metadata.creationTimestamp ?? "";
  return ta < tb ? -1 : ta > tb ? 1 : a.metadata.name < b.metadata.name ? -1 : 1;
}
