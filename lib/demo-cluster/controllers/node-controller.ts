// The node lifecycle controller and taint-based eviction: a node whose kubelet stops renewing its
// lease for the grace period goes Ready=Unknown and gets the unreachable taints; its pods are
// marked not ready, then deleted once they have tolerated the NoExecute taint for tolerationSeconds.
import { formatTime } from "../../k8s/time";
import type { Pod, Toleration } from "../../k8s/types";
import type { Clock, Timer } from "../clock";
import type { EventRecorder } from "../events";
import type { Kubelet } from "../kubelet/kubelet";
import type { Registry } from "../api-server/registry";
import { matchesToleration } from "./scheduler";
import type { KubeObject, ObjectStore } from "../api-server/store";
import type { TruthLog } from "../truth";

/** kube-controller-manager --node-monitor-grace-period default since 1.32. */
export const NODE_MONITOR_GRACE_MS = 50_000;
const MONITOR_PERIOD_MS = 5_000;
const UNREACHABLE = "node.kubernetes.io/unreachable";

export class NodeController {
  private timer: Timer | null = null;

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: Clock,
    private readonly events: EventRecorder,
    private readonly truth: TruthLog,
    private readonly registry: Registry,
    private readonly kubelets: () => Map<string, Kubelet>,
    private readonly graceMs = NODE_MONITOR_GRACE_MS,
  ) {}

  start(): void {
    const tick = () => {
      this.monitor();
      this.evict();
      this.timer = this.clock.at(this.clock.now() + MONITOR_PERIOD_MS, tick);
    };
    this.timer = this.clock.at(this.clock.now() + MONITOR_PERIOD_MS, tick);
  }

  stop(): void {
    this.timer?.cancel();
  }

  private monitor(): void {
    const now = this.clock.now();
    for (const [name, kubelet] of this.kubelets()) {
      const node = this.store.get("nodes", undefined, name);
      if (!node) continue;
      const ready = conditions(node).find((c) => c.type === "Ready");
      const stale = now - kubelet.lastLease > this.graceMs;
      if (stale && ready?.status !== "Unknown") this.markUnknown(node, now);
      if (!stale && hasTaint(node, UNREACHABLE)) this.clearTaints(node, now);
    }
  }

  private markUnknown(node: KubeObject, now: number): void {
    const name = node.metadata.name;
    this.store.mutate("nodes", undefined, name, (n) => {
      const status = n.status as { conditions?: Record<string, unknown>[] };
      status.conditions = (status.conditions ?? []).map((c) => ({
        ...c,
        status: "Unknown",
        reason: "NodeStatusUnknown",
        message: "Kubelet stopped posting node status.",
        lastTransitionTime: formatTime(now),
      }));
      const spec = (n.spec ??= {}) as { taints?: Record<string, unknown>[] };
      spec.taints = [
        ...(spec.taints ?? []).filter((t) => t.key !== UNREACHABLE),
        { key: UNREACHABLE, effect: "NoSchedule", timeAdded: formatTime(now) },
        { key: UNREACHABLE, effect: "NoExecute", timeAdded: formatTime(now) },
      ];
    });
    this.truth.add({
      at: now,
      what: "node.condition",
      name,
      from: "True",
      to: "Unknown",
      detail: { type: "Ready" },
    });
    const nodeRef = { kind: "Node", name, uid: node.metadata.uid, apiVersion: "v1" };
    this.events.record(nodeRef, "NodeNotReady", `Node ${name} status is now: NodeNotReady`, {
      component: "node-controller",
    });
    for (const pod of this.podsOn(name)) {
      // MarkPodsNotReady: the Ready condition goes False; the kubelet cannot say otherwise any more.
      let marked = false;
      this.store.mutate("pods", pod.metadata.namespace, pod.metadata.name, (p) => {
        const cs = ((p.status ??= {}) as NonNullable<Pod["status"]>).conditions ?? [];
        const readyCond = cs.find((c) => c.type === "Ready");
        if (!readyCond || readyCond.status === "False") return false;
        readyCond.status = "False";
        readyCond.lastTransitionTime = formatTime(now);
        readyCond.reason = undefined;
        readyCond.message = undefined;
        marked = true;
      });
      if (marked)
        this.truth.add({
          at: now,
          what: "pod.condition",
          namespace: pod.metadata.namespace,
          name: pod.metadata.name,
          uid: pod.metadata.uid,
          from: "True",
          to: "False",
          detail: { type: "Ready", by: "node-controller" },
        });
      this.events.record(
        {
          kind: "Pod",
          namespace: pod.metadata.namespace,
          name: pod.metadata.name,
          uid: pod.metadata.uid,
          apiVersion: "v1",
        },
        "NodeNotReady",
        "Node is not ready",
        { type: "Warning", component: "node-controller" },
      );
    }
  }

  private clearTaints(node: KubeObject, now: number): void {
    this.store.mutate("nodes", undefined, node.metadata.name, (n) => {
      const spec = n.spec as { taints?: { key: string }[] };
      spec.taints = (spec.taints ?? []).filter((t) => t.key !== UNREACHABLE);
    });
    this.events.record(
      { kind: "Node", name: node.metadata.name, uid: node.metadata.uid, apiVersion: "v1" },
      "NodeReady",
      `Node ${node.metadata.name} status is now: NodeReady`,
      { component: "node-controller" },
    );
    this.truth.add({ at: now, what: "node.taints-cleared", name: node.metadata.name });
  }

  /** Taint eviction: pods on NoExecute-tainted nodes go once their toleration runs out. */
  private evict(): void {
    const now = this.clock.now();
    for (const node of this.store.list("nodes")) {
      const taints = (
        (
          node.spec as
            | { taints?: { key: string; value?: string; effect: string; timeAdded?: string }[] }
            | undefined
        )?.taints ?? []
      ).filter((t) => t.effect === "NoExecute");
      if (taints.length === 0) continue;
      for (const pod of this.podsOn(node.metadata.name)) {
        if (pod.metadata.deletionTimestamp) continue;
        const tolerations = ((pod.spec as Pod["spec"])?.tolerations ?? []) as Toleration[];
        let deadline = Infinity;
        let untolerated = false;
        for (const taint of taints) {
          const matching = tolerations.filter((t) => matchesToleration(t, taint));
          if (matching.length === 0) {
            untolerated = true;
            break;
          }
          const secs = Math.min(
            ...matching.map((t) =>
              t.tolerationSeconds == null ? Infinity : Math.max(0, t.tolerationSeconds),
            ),
          );
          deadline = Math.min(
            deadline,
            Date.parse(taint.timeAdded ?? formatTime(now)) + secs * 1000,
          );
        }
        if (untolerated || now >= deadline) this.evictPod(pod, now);
      }
    }
  }

  private evictPod(pod: KubeObject, now: number): void {
    const { namespace, name } = pod.metadata;
    this.events.record(
      { kind: "Pod", namespace, name, uid: pod.metadata.uid, apiVersion: "v1" },
      "TaintManagerEviction",
      `Marking for deletion Pod ${namespace}/${name}`,
      { component: "taint-eviction-controller" },
    );
    const updated = this.store.mutate("pods", namespace, name, (p) => {
      const status = (p.status ??= {}) as NonNullable<Pod["status"]>;
      const cs = (status.conditions ??= []).filter((c) => c.type !== "DisruptionTarget");
      cs.push({
        type: "DisruptionTarget",
        status: "True",
        lastProbeTime: null,
        lastTransitionTime: formatTime(now),
        reason: "DeletionByTaintManager",
        message: "Taint manager: deleting due to NoExecute taint",
      });
      status.conditions = cs;
    });
    this.truth.add({
      at: now,
      what: "pod.evicted",
      namespace,
      name,
      uid: pod.metadata.uid,
      detail: { by: "taint-eviction-controller" },
    });
    if (updated)
      this.truth.add({
        at: now,
        what: "pod.condition",
        namespace,
        name,
        uid: pod.metadata.uid,
        to: "True",
        detail: { type: "DisruptionTarget", reason: "DeletionByTaintManager" },
      });
    if (updated) this.registry.deletePod(updated);
  }

  private podsOn(node: string): KubeObject[] {
    return this.store.list("pods").filter((p) => (p.spec as Pod["spec"])?.nodeName === node);
  }
}

function conditions(node: KubeObject): { type: string; status: string }[] {
  return (
    (node.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ??
    []
  );
}

function hasTaint(node: KubeObject, key: string): boolean {
  return ((node.spec as { taints?: { key: string }[] } | undefined)?.taints ?? []).some(
    (t) => t.key === key,
  );
}
