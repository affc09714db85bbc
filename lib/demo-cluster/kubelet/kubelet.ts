// One node's kubelet: runs a PodWorker for every pod bound to the node, reports the node's status,
// and renews its lease (kept in memory: the node controller reads it) until the node is lost.
import { formatTime } from "../../k8s/time";
import type { Pod } from "../../k8s/types";
import type { Clock, Timer } from "../clock";
import type { EventRecorder } from "../events";
import { crashLoopBackOffFor, type CrashLoopBackOffConfig } from "./backoff";
import { PodWorker } from "./pod-worker";
import { validateContainerLogStatus, type KubeletLogAnswer } from "./container-logs";
import type { Change, ObjectStore } from "../api-server/store";
import type { TruthLog } from "../truth";
import type { ClusterNet } from "../runtime/world";

const LEASE_RENEW_MS = 10_000;
const STATUS_REPORT_MS = 5 * 60_000;

/** What the kubelet hands each of its pod workers: the node, its clock, store, events and network. */
export interface NodeRuntime {
  clock: Clock;
  store: ObjectStore;
  events: EventRecorder;
  truth: TruthLog;
  net: ClusterNet;
  node: string;
  nodeIP: string;
  images: Set<string>;
  /** The node's CrashLoopBackOff initial and maximum delays. */
  crashLoopBackOff: { initialMs: number; maxMs: number };
  allocateIP(): string;
  /** Called when the pod object is gone from the API. */
  forget(uid: string): void;
}

export class Kubelet {
  readonly workers = new Map<string, PodWorker>();
  private alive = true;
  /** When the kubelet last renewed its lease (what the node controller watches). */
  lastLease: number;
  private timers: Timer[] = [];
  private sub: { cancel(): void } | null = null;
  private ipCounter = 1;
  private readonly images = new Set<string>();

  constructor(
    readonly node: string,
    readonly nodeIP: string,
    private readonly podCidrPrefix: string,
    private readonly store: ObjectStore,
    private readonly clock: Clock,
    private readonly events: EventRecorder,
    private readonly truth: TruthLog,
    private readonly net: ClusterNet,
    private readonly crashLoopBackOff: CrashLoopBackOffConfig = {},
  ) {
    this.lastLease = clock.now();
  }

  get isAlive(): boolean {
    return this.alive;
  }

  start(): void {
    this.sub = PodRouter.for(this.store).add(this.node, (c) => this.onPod(c));
    for (const pod of this.store.list("pods"))
      this.onPod({ type: "ADDED", resource: "pods", object: pod, rv: 0 });
    this.renew();
    this.report();
  }

  stop(): void {
    this.sub?.cancel();
    for (const t of this.timers) t.cancel();
    for (const w of this.workers.values()) w.dispose();
    this.workers.clear();
  }

  /** The node drops off the network: no lease, no status, pods frozen as they are. */
  lose(): void {
    if (!this.alive) return;
    this.alive = false;
    for (const t of this.timers) t.cancel();
    this.timers = [];
    for (const w of this.workers.values()) w.freeze();
  }

  /** The node comes back: lease and status resume, pods catch up with what the API says now. */
  restore(): void {
    if (this.alive) return;
    this.alive = true;
    this.renew();
    this.report();
    for (const [uid, w] of [...this.workers]) {
      const pod = this.store.get("pods", w.namespace, w.name) as Pod | undefined;
      w.thaw(pod?.metadata?.uid === uid ? pod : undefined);
    }
  }

  /** Pods running here (for DNS and tests). */
  worker(namespace: string, name: string): PodWorker | undefined {
    for (const w of this.workers.values())
      if (w.namespace === namespace && w.name === name) return w;
    return undefined;
  }

  /**
   * GET /containerLogs/{namespace}/{pod}/{container} (GetKubeletContainerLogs): the instance the
   * pod status names (validateContainerLogStatus), or the kubelet's error. `false` when the kubelet
   * cannot be reached (its node is lost).
   */
  containerLogs(
    namespace: string,
    pod: string,
    container: string,
    previous: boolean,
  ): KubeletLogAnswer | false {
    if (!this.alive) return false;
    const w = this.worker(namespace, pod);
    if (!w) return { code: 404, text: `pod "${pod}" does not exist` };
    const status = (this.store.get("pods", namespace, pod) as Pod | undefined)?.status;
    const chosen = validateContainerLogStatus(pod, status, container, previous);
    if ("error" in chosen) return { code: 400, text: chosen.error };
    const log = w.containerLog(container, chosen.containerID);
    if (!log)
      return {
        code: 400,
        text: `failed to get container status "${chosen.containerID}": rpc error: code = NotFound desc = an error occurred when try to find container "${chosen.containerID.replace(/^\w+:\/\//, "")}": not found`,
      };
    return { log };
  }

  private onPod(change: Change): void {
    const pod = change.object as unknown as Pod;
    const uid = pod.metadata?.uid ?? "";
    const mine = pod.spec?.nodeName === this.node;
    const worker = this.workers.get(uid);
    if (change.type === "DELETED") {
      if (worker) {
        worker.dispose();
        this.workers.delete(uid);
      }
      return;
    }
    if (!mine) return;
    if (!worker) {
      if (!this.alive) return;
      const phase = pod.status?.phase;
      if (phase === "Succeeded" || phase === "Failed") return;
      const w = new PodWorker(pod, this.runtime());
      this.workers.set(uid, w);
      w.sync();
      return;
    }
    const prev = change.previous as unknown as Pod | undefined;
    if (
      pod.metadata?.deletionTimestamp &&
      (!prev?.metadata?.deletionTimestamp ||
        prev.metadata.deletionGracePeriodSeconds !== pod.metadata.deletionGracePeriodSeconds)
    ) {
      worker.update(pod);
    }
  }

  private runtime(): NodeRuntime {
    return {
      clock: this.clock,
      store: this.store,
      events: this.events,
      truth: this.truth,
      net: this.net,
      node: this.node,
      nodeIP: this.nodeIP,
      images: this.images,
      crashLoopBackOff: crashLoopBackOffFor(this.crashLoopBackOff),
      allocateIP: () => `${this.podCidrPrefix}.${(this.ipCounter++ % 250) + 2}`,
      forget: (uid) => void this.workers.delete(uid),
    };
  }

  private renew(): void {
    this.lastLease = this.clock.now();
    this.timers.push(this.clock.at(this.clock.now() + LEASE_RENEW_MS, () => this.renew()));
  }

  /** Node status: Ready and the pressure conditions, written at start and every 5 minutes (nodeStatusReportFrequency). */
  private report(): void {
    const now = this.clock.now();
    this.store.mutate("nodes", undefined, this.node, (n) => {
      const status = (n.status ??= {}) as {
        conditions?: {
          type: string;
          status: string;
          reason?: string;
          message?: string;
          lastHeartbeatTime?: string;
          lastTransitionTime?: string;
        }[];
      };
      const want = [
        [
          "MemoryPressure",
          "False",
          "KubeletHasSufficientMemory",
          "kubelet has sufficient memory available",
        ],
        ["DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"],
        ["PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"],
        ["Ready", "True", "KubeletReady", "kubelet is posting ready status"],
      ];
      const old = status.conditions ?? [];
      status.conditions = want.map(([type, value, reason, message]) => {
        const was = old.find((c) => c.type === type);
        return {
          type,
          status: value,
          lastHeartbeatTime: formatTime(now),
          lastTransitionTime:
            was && was.status === value ? was.lastTransitionTime : formatTime(now),
          reason,
          message,
        };
      });
      const becameReady = old.find((c) => c.type === "Ready")?.status !== "True";
      if (becameReady)
        this.truth.add({
          at: now,
          what: "node.condition",
          name: this.node,
          from: old.find((c) => c.type === "Ready")?.status,
          to: "True",
          detail: { type: "Ready" },
        });
    });
    this.timers.push(this.clock.at(now + STATUS_REPORT_MS, () => this.report()));
  }
}

/**
 * Hands each pod change to the kubelet of the node the pod is bound to (one store watch for all
 * kubelets, so a change costs the same with 3 nodes or 500).
 */
export class PodRouter {
  private static readonly routers = new WeakMap<ObjectStore, PodRouter>();
  private readonly byNode = new Map<string, (change: Change) => void>();

  private constructor(store: ObjectStore) {
    store.watch("pods", Number(store.version()), (c) => this.route(c));
  }

  static for(store: ObjectStore): PodRouter {
    let router = PodRouter.routers.get(store);
    if (!router) {
      router = new PodRouter(store);
      PodRouter.routers.set(store, router);
    }
    return router;
  }

  add(node: string, fn: (change: Change) => void): { cancel(): void } {
    this.byNode.set(node, fn);
    return { cancel: () => void (this.byNode.get(node) === fn && this.byNode.delete(node)) };
  }

  private route(change: Change): void {
    const node = (change.object as unknown as Pod).spec?.nodeName;
    const before = (change.previous as unknown as Pod | undefined)?.spec?.nodeName;
    if (node) this.byNode.get(node)?.(change);
    if (before && before !== node) this.byNode.get(before)?.(change);
  }
}
