// default-scheduler: fits each unbound pod to a node by NodeUnschedulable, TaintToleration,
// NodeAffinity (nodeSelector, required node affinity), pod count and cpu/memory requests, and explains a failure the way
// kube-scheduler does ("0/3 nodes are available: 3 Insufficient cpu. preemption: …").
import { formatTime } from "../../k8s/time";
import type { Container, Pod, Toleration } from "../../k8s/types";
import type { Clock, Timer } from "../clock";
import type { EventRecorder } from "../events";
import { quantityBytes, quantityMillicores } from "../runtime/quantity";
import type { Change, KubeObject, ObjectStore } from "../api-server/store";
import type { TruthLog } from "../truth";
import { preferredAffinityScore, requiredAffinityMatches, type Affinity } from "./node-affinity";

const FLUSH_UNSCHEDULABLE_MS = 5 * 60_000;

interface Usage {
  cpu: number;
  memory: number;
  count: number;
}

interface Taint {
  key: string;
  value?: string;
  effect: string;
}

export class Scheduler {
  private pending = new Set<string>();
  private timer: Timer | null = null;
  private flush: Timer | null = null;
  private subs: { cancel(): void }[] = [];

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: Clock,
    private readonly events: EventRecorder,
    private readonly truth: TruthLog,
  ) {}

  start(): void {
    const v = Number(this.store.version());
    this.subs.push(this.store.watch("pods", v, (c) => this.onPod(c)));
    this.subs.push(this.store.watch("nodes", v, () => this.retryAll()));
    for (const pod of this.store.list("pods")) if (this.wants(pod)) this.enqueue(pod);
    const tick = () => {
      this.retryAll();
      this.flush = this.clock.at(this.clock.now() + FLUSH_UNSCHEDULABLE_MS, tick);
    };
    this.flush = this.clock.at(this.clock.now() + FLUSH_UNSCHEDULABLE_MS, tick);
  }

  stop(): void {
    for (const s of this.subs) s.cancel();
    this.timer?.cancel();
    this.flush?.cancel();
  }

  private wants(pod: KubeObject): boolean {
    const spec = pod.spec as Pod["spec"];
    return (
      !spec?.nodeName &&
      (spec?.schedulerName ?? "default-scheduler") === "default-scheduler" &&
      !pod.metadata.deletionTimestamp
    );
  }

  private onPod(change: Change): void {
    if (change.type === "ADDED" && this.wants(change.object)) this.enqueue(change.object);
    // A pod leaving (or finishing) frees room: give the unschedulable ones another try.
    const phase = (change.object.status as { phase?: string } | undefined)?.phase;
    if (change.type === "DELETED" || phase === "Succeeded" || phase === "Failed") {
      if (this.unschedulable().length) this.retryAll();
    }
  }

  private unschedulable(): KubeObject[] {
    return this.store.list("pods").filter((p) => this.wants(p));
  }

  private retryAll(): void {
    for (const p of this.unschedulable()) this.enqueue(p);
  }

  private enqueue(pod: KubeObject): void {
    this.pending.add(`${pod.metadata.namespace}/${pod.metadata.name}`);
    if (!this.timer) this.timer = this.clock.at(this.clock.now(), () => this.drain());
  }

  private drain(): void {
    this.timer = null;
    const keys = [...this.pending];
    this.pending.clear();
    const usage = this.usage();
    for (const k of keys) {
      const [ns, name] = k.split("/");
      const pod = this.store.get("pods", ns, name);
      if (pod && this.wants(pod)) this.scheduleOne(pod, usage);
    }
  }

  /** cpu, memory and pod count in use per node, by pods that have not finished. */
  private usage(): Map<string, Usage> {
    const usage = new Map<string, Usage>();
    for (const p of this.store.list("pods")) {
      const spec = p.spec as NonNullable<Pod["spec"]>;
      const phase = (p.status as { phase?: string } | undefined)?.phase;
      if (!spec?.nodeName || phase === "Succeeded" || phase === "Failed") continue;
      const u = usage.get(spec.nodeName) ?? { cpu: 0, memory: 0, count: 0 };
      const r = requests(spec);
      u.cpu += r.cpu;
      u.memory += r.memory;
      u.count++;
      usage.set(spec.nodeName, u);
    }
    return usage;
  }

  /** One scheduling attempt: bind to the best node, or record why none fits. */
  scheduleOne(pod: KubeObject, usage: Map<string, Usage> = this.usage()): void {
    const spec = pod.spec as NonNullable<Pod["spec"]>;
    const nodes = this.store.list("nodes");
    const perNode: string[][] = [];
    const fits: { node: KubeObject; free: number; count: number; preferred: number }[] = [];
    const affinity = (spec as { affinity?: Affinity }).affinity;
    const want = requests(spec);
    for (const node of nodes) {
      const used = usage.get(node.metadata.name) ?? { cpu: 0, memory: 0, count: 0 };
      const why = this.filter(node, spec, want, used);
      if (typeof why === "number")
        fits.push({
          node,
          free: why,
          count: used.count,
          preferred: preferredAffinityScore(affinity, node),
        });
      else perNode.push(why);
    }
    const ref = {
      kind: "Pod",
      namespace: pod.metadata.namespace,
      name: pod.metadata.name,
      uid: pod.metadata.uid,
      apiVersion: "v1",
    };
    const now = this.clock.now();
    if (fits.length === 0) {
      const message = failureMessage(nodes.length, perNode);
      this.store.mutate("pods", pod.metadata.namespace, pod.metadata.name, (o) => {
        const status = (o.status ??= {}) as NonNullable<Pod["status"]>;
        const conditions = (status.conditions ??= []);
        const existing = conditions.find((c) => c.type === "PodScheduled");
        if (existing?.status === "False" && existing.message === message) return false;
        const next = {
          type: "PodScheduled",
          status: "False",
          lastProbeTime: null,
          lastTransitionTime:
            existing?.status === "False" ? existing.lastTransitionTime : formatTime(now),
          reason: "Unschedulable",
          message,
        };
        if (existing) Object.assign(existing, next);
        else conditions.push(next);
      });
      this.events.recordSeries(ref, "FailedScheduling", message, {
        type: "Warning",
        component: "default-scheduler",
        action: "Scheduling",
      });
      this.truth.add({
        at: now,
        what: "pod.unschedulable",
        namespace: pod.metadata.namespace,
        name: pod.metadata.name,
        uid: pod.metadata.uid,
        detail: { message },
      });
      return;
    }
    // Scoring: the preferred node affinity first (NodeAffinity's weight 2 over NodeResourcesFit's 1
    // makes a weight-100 preference win in kube-scheduler too), then least-allocated: the most
    // free cpu share, then the fewest pods, then the name.
    fits.sort(
      (a, b) =>
        b.preferred - a.preferred ||
        b.free - a.free ||
        a.count - b.count ||
        (a.node.metadata.name < b.node.metadata.name ? -1 : 1),
    );
    const node = fits[0].node.metadata.name;
    const used = usage.get(node) ?? { cpu: 0, memory: 0, count: 0 };
    usage.set(node, {
      cpu: used.cpu + want.cpu,
      memory: used.memory + want.memory,
      count: used.count + 1,
    });
    this.store.mutate("pods", pod.metadata.namespace, pod.metadata.name, (o) => {
      (o.spec as NonNullable<Pod["spec"]>).nodeName = node;
      const status = (o.status ??= {}) as NonNullable<Pod["status"]>;
      const conditions = (status.conditions ??= []).filter((c) => c.type !== "PodScheduled");
      conditions.push({
        type: "PodScheduled",
        status: "True",
        lastProbeTime: null,
        lastTransitionTime: formatTime(now),
      });
      status.conditions = conditions;
    });
    this.events.recordSeries(
      ref,
      "Scheduled",
      `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node}`,
      { component: "default-scheduler", action: "Binding" },
    );
    this.truth.add({
      at: now,
      what: "pod.scheduled",
      namespace: pod.metadata.namespace,
      name: pod.metadata.name,
      uid: pod.metadata.uid,
      to: node,
    });
  }

  /** Free cpu share when the pod fits the node, else the reasons it does not (one filter's worth, as the framework stops at the first failing plugin). */
  private filter(
    node: KubeObject,
    spec: NonNullable<Pod["spec"]>,
    want: { cpu: number; memory: number },
    used: Usage,
  ): number | string[] {
    const nodeSpec = (node.spec ?? {}) as { unschedulable?: boolean; taints?: Taint[] };
    // NodeUnschedulable lets through a pod that tolerates the unschedulable taint (DaemonSet pods do).
    const cordon = { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" };
    if (nodeSpec.unschedulable && !tolerates(spec.tolerations ?? [], cordon))
      return ["node(s) were unschedulable"];
    const untolerated = (nodeSpec.taints ?? []).find(
      (t) =>
        (t.effect === "NoSchedule" || t.effect === "NoExecute") &&
        !tolerates(spec.tolerations ?? [], t),
    );
    if (untolerated)
      return [`node(s) had untolerated taint {${untolerated.key}: ${untolerated.value ?? ""}}`];
    const labels = node.metadata.labels ?? {};
    if (
      Object.entries(spec.nodeSelector ?? {}).some(([k, v]) => labels[k] !== v) ||
      !requiredAffinityMatches((spec as { affinity?: Affinity }).affinity, node)
    )
      return ["node(s) didn't match Pod's node affinity/selector"];
    const alloc =
      (node.status as { allocatable?: Record<string, string> } | undefined)?.allocatable ?? {};
    const reasons: string[] = [];
    if (used.count + 1 > Number(alloc.pods ?? 110)) reasons.push("Too many pods");
    const cpu = quantityMillicores(alloc.cpu ?? "0") ?? 0;
    const memory = quantityBytes(alloc.memory ?? "0") ?? 0;
    if (used.cpu + want.cpu > cpu) reasons.push("Insufficient cpu");
    if (used.memory + want.memory > memory) reasons.push("Insufficient memory");
    return reasons.length ? reasons : (cpu - used.cpu - want.cpu) / Math.max(cpu, 1);
  }
}

/** The pod's effective requests: the larger of the biggest init container and the sum of the rest. */
export function requests(spec: NonNullable<Pod["spec"]>): { cpu: number; memory: number } {
  const one = (c: Container) => ({
    cpu: quantityMillicores(String(c.resources?.requests?.cpu ?? "0")) ?? 0,
    memory: quantityBytes(String(c.resources?.requests?.memory ?? "0")) ?? 0,
  });
  const sidecars = (spec.initContainers ?? []).filter((c) => c.restartPolicy === "Always").map(one);
  const inits = (spec.initContainers ?? []).filter((c) => c.restartPolicy !== "Always").map(one);
  const sum = [...(spec.containers ?? []).map(one), ...sidecars].reduce(
    (a, b) => ({ cpu: a.cpu + b.cpu, memory: a.memory + b.memory }),
    { cpu: 0, memory: 0 },
  );
  for (const i of inits) {
    sum.cpu = Math.max(sum.cpu, i.cpu);
    sum.memory = Math.max(sum.memory, i.memory);
  }
  return sum;
}

export function tolerates(tolerations: Toleration[], taint: Taint): boolean {
  return tolerations.some((t) => matchesToleration(t, taint));
}

export function matchesToleration(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.operator === "Exists") return !t.key || t.key === taint.key;
  return t.key === taint.key && (t.value ?? "") === (taint.value ?? "");
}

const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function failureMessage(total: number, perNode: string[][]): string {
  if (total === 0) return "no nodes available to schedule pods";
  const reasons = new Map<string, number>();
  for (const why of perNode) for (const r of why) reasons.set(r, (reasons.get(r) ?? 0) + 1);
  // FitError.Error: "count reason" strings, then sort.Strings (byte order, the count first).
  const list = [...reasons.entries()].map(([r, n]) => `${n} ${r}`).sort(byteOrder);
  // Preemption can only help a node whose failure is about resources other pods hold.
  const victims = perNode.filter((why) =>
    why.every((r) => r.startsWith("Insufficient") || r === "Too many pods"),
  ).length;
  const helpless = perNode.length - victims;
  const pre = [
    ...(helpless ? [`${helpless} Preemption is not helpful for scheduling`] : []),
    ...(victims ? [`${victims} No preemption victims found for incoming pod`] : []),
  ].sort(byteOrder);
  return `0/${total} nodes are available: ${list.join(", ")}. preemption: 0/${total} nodes are available: ${pre.join(", ")}.`;
}
