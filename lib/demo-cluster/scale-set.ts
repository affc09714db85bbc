// The light scale set: N pause pods in namespace "scale" on nodes of 100 pods, cheap enough that the
// demo cluster holds 150,000 of them in its own process. No kubelet, pod worker or probe runs per
// pod: the pods are bound at creation (spec.nodeName, as a pod created with a node is), one
// immutable spec object is shared by every pod of a node, a status is made when a version is, and
// status parts that do not differ between pods (conditions of the same times, host addresses) are
// shared. On the wire they are the pods a kubelet reports (phase, five conditions, IPs, a pause
// container's status with its containerID), every change is a store change with its own
// resourceVersion, and the churn does what a kubelet reports when a container is killed: the
// container Terminated (137, Error) and the pod not Ready, then, after a second (the kubelet's next
// sync) or the container's CrashLoopBackOff (10 s doubling to 300 s, forgotten after 10 minutes
// running), Running again with one restart more, and Ready. Events are not recorded for them.
import { formatTime } from "../k8s/time";
import type { Clock, Timer } from "./clock";
import { nodeObject } from "./nodes";
import type { KubeObject, ObjectStore } from "./api-server/store";

export const SCALE_NAMESPACE = "scale";
const PODS_PER_NODE = 100;
const IMAGE = "registry.k8s.io/pause:3.10";
const IMAGE_ID =
  "registry.k8s.io/pause@sha256:ee6521f290b2168b6e0935a181d4cff9be1ac3f505666ef0e3c98fae8199917a";
/** Pods made Running per 100 ms tick at start (the kubelets' start-up, spread). */
const START_PER_TICK = 2_500;
const SYNC_MS = 1_000;
const BACKOFF_MS = 10_000;
const BACKOFF_MAX_MS = 300_000;
const BACKOFF_RESET_MS = 600_000;

interface Host {
  store: ObjectStore;
  clock: Clock;
  /** Creates an object as a client would (validation, defaults, admission). */
  apply(o: KubeObject): KubeObject;
}

/** What the set remembers of a pod besides its stored object (a few numbers). */
interface Life {
  restarts: number;
  /** When its current run started, and the back-off the next crash waits. */
  runningSince: number;
  backoff: number;
  down: boolean;
}

export class LightScaleSet {
  private readonly lives: Life[] = [];
  private readonly nodes: string[] = [];
  private readonly specs: KubeObject["spec"][] = [];
  private readonly times = new Map<number, string>();
  private readonly shared = new Map<string, unknown>();
  private readonly timers = new Set<Timer>();
  private churnTimer: Timer | null = null;
  private seed = 42;
  private started = 0;
  private running = 0;

  constructor(
    private readonly host: Host,
    readonly pods: number,
  ) {}

  /** Pods Running and Ready now. */
  runningCount(): number {
    return this.running;
  }

  /** Whether every pod has been started once (the churn may have one down again since). */
  allStarted(): boolean {
    return this.started >= this.pods;
  }

  start(): void {
    const { store, clock } = this.host;
    const nodes = Math.ceil(this.pods / PODS_PER_NODE);
    const now = clock.now();
    for (let i = 1; i <= nodes; i++) {
      const name = `scale-node-${i}`;
      const node = nodeObject(
        { name, cpu: "64", memory: "256Gi", pods: 110, labels: { "lifeline.dev/pool": "scale" } },
        1000 + i,
        this.hostIP(i - 1),
      );
      (node.status as Record<string, unknown>).conditions = [
        {
          type: "Ready",
          status: "True",
          reason: "KubeletReady",
          message: "kubelet is posting ready status",
          lastHeartbeatTime: this.time(now),
          lastTransitionTime: this.time(now),
        },
      ];
      this.host.apply(node);
      this.nodes.push(name);
    }
    this.host.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: SCALE_NAMESPACE } });
    // The first pod goes through the API's defaulting and admission; the others share its spec.
    const first = this.host.apply({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "load-0", namespace: SCALE_NAMESPACE, labels: { app: "load", shard: "0" } },
      spec: {
        nodeName: this.nodes[0],
        containers: [{ name: "pause", image: IMAGE }],
      },
    });
    const template = first.spec as Record<string, unknown>;
    for (let n = 0; n < nodes; n++)
      this.specs.push(deepFreeze({ ...structuredClone(template), nodeName: this.nodes[n] }));
    const labels = Array.from({ length: 10 }, (_, s) =>
      Object.freeze({ app: "load", shard: String(s) }),
    );
    for (let i = 0; i < this.pods; i++) {
      const object: KubeObject = {
        apiVersion: "v1",
        kind: "Pod",
        metadata: {
          name: `load-${i}`,
          namespace: SCALE_NAMESPACE,
          labels: labels[i % 10] as Record<string, string>,
        },
        spec: this.specs[Math.floor(i / PODS_PER_NODE)],
        status: this.pending(i, now),
      };
      if (i === 0) {
        object.metadata = { ...first.metadata, labels: object.metadata.labels };
        store.replace("pods", object);
      } else store.adopt("pods", object, now);
      this.lives.push({ restarts: 0, runningSince: 0, backoff: 0, down: true });
    }
    // Sandboxes and the (cached) image take the kubelets a second; then they start pods in batches.
    this.later(now + SYNC_MS, () => this.startSome());
  }

  stop(): void {
    this.churnTimer?.cancel();
    for (const t of this.timers) t.cancel();
    this.timers.clear();
  }

  /** Kills `perSecond` random running pods' containers per second of the clock's time, in 100 ms batches (0 stops). */
  churn(perSecond: number): void {
    this.churnTimer?.cancel();
    this.churnTimer = null;
    if (perSecond <= 0) return;
    let debt = 0;
    let last = this.host.clock.now();
    const tick = () => {
      // By the time that passed, not per tick: a fast clock's timers fire late (at 150×, a 100 ms
      // tick is 0.67 ms of wall time, and Node's timers wait at least 1 ms).
      const now = this.host.clock.now();
      debt += (perSecond * (now - last)) / 1000;
      last = now;
      for (; debt >= 1; debt--) {
        // A pod that is down (restarting, backing off) has nothing to kill: try a few others.
        for (let attempt = 0; attempt < 10; attempt++) {
          // 32-bit arithmetic: in doubles the product loses its low bits and the sequence cycles.
          this.seed = (Math.imul(this.seed, 1103515245) + 12345) >>> 0;
          if (this.kill((this.seed >>> 8) % this.pods)) break;
        }
      }
      this.churnTimer = this.host.clock.at(this.host.clock.now() + 100, tick);
    };
    this.churnTimer = this.host.clock.at(this.host.clock.now() + 100, tick);
  }

  /** Kills pod `i`'s container as the runtime would (exit 137); false when it is not running. */
  kill(i: number): boolean {
    const life = this.lives[i];
    if (!life || life.down) return false;
    const now = this.host.clock.now();
    const pod = this.host.store.get("pods", SCALE_NAMESPACE, `load-${i}`);
    if (!pod) return false;
    life.down = true;
    this.running--;
    if (now - life.runningSince >= BACKOFF_RESET_MS) life.backoff = 0;
    const ran = this.time(life.runningSince);
    const terminated = {
      exitCode: 137,
      reason: "Error",
      startedAt: ran,
      finishedAt: this.time(now),
      containerID: this.containerID(i, life.restarts),
    };
    this.write(i, pod, {
      ...(pod.status as Record<string, unknown>),
      conditions: this.conditions(pod, now, false),
      containerStatuses: [
        this.container(i, life, { terminated }, false, { terminated: undefined }, false),
      ],
    });
    const wait = life.backoff;
    life.backoff = life.backoff ? Math.min(BACKOFF_MAX_MS, life.backoff * 2) : BACKOFF_MS;
    this.later(now + SYNC_MS, () => {
      if (!wait) return this.restart(i, terminated);
      // Backing off: the kubelet reports the container waiting, and starts it when the wait ends.
      const p = this.host.store.get("pods", SCALE_NAMESPACE, `load-${i}`);
      if (!p) return;
      this.write(i, p, {
        ...(p.status as Record<string, unknown>),
        containerStatuses: [
          this.container(
            i,
            life,
            {
              waiting: {
                reason: "CrashLoopBackOff",
                message: `back-off ${wait / 1000}s restarting failed container=pause pod=load-${i}_${SCALE_NAMESPACE}(${p.metadata.uid})`,
              },
            },
            false,
            { terminated },
            false,
          ),
        ],
      });
      this.later(this.host.clock.now() + wait, () => this.restart(i, terminated));
    });
    return true;
  }

  private restart(i: number, terminated: Record<string, unknown>): void {
    const life = this.lives[i];
    const pod = this.host.store.get("pods", SCALE_NAMESPACE, `load-${i}`);
    if (!pod) return;
    const now = this.host.clock.now();
    life.restarts++;
    life.runningSince = now;
    life.down = false;
    this.running++;
    this.write(i, pod, {
      ...(pod.status as Record<string, unknown>),
      conditions: this.conditions(pod, now, true),
      containerStatuses: [
        this.container(i, life, { running: { startedAt: this.time(now) } }, true, { terminated }),
      ],
    });
  }

  /** Makes up to START_PER_TICK pending pods Running every 100 ms until all are. */
  private startSome(): void {
    const now = this.host.clock.now();
    const end = Math.min(this.pods, this.started + START_PER_TICK);
    for (; this.started < end; this.started++) {
      const i = this.started;
      const pod = this.host.store.get("pods", SCALE_NAMESPACE, `load-${i}`);
      if (!pod) continue;
      const life = this.lives[i];
      life.runningSince = now;
      life.down = false;
      this.running++;
      this.write(i, pod, {
        ...(pod.status as Record<string, unknown>),
        phase: "Running",
        conditions: this.conditions(pod, now, true),
        podIP: this.podIP(i),
        podIPs: [{ ip: this.podIP(i) }],
        containerStatuses: [
          this.container(i, life, { running: { startedAt: this.time(now) } }, true, {}),
        ],
      });
    }
    if (this.started < this.pods) this.later(now + 100, () => this.startSome());
  }

  private write(i: number, pod: KubeObject, status: Record<string, unknown>): void {
    this.host.store.replace("pods", {
      apiVersion: pod.apiVersion,
      kind: pod.kind,
      metadata: { ...pod.metadata },
      spec: this.specs[Math.floor(i / PODS_PER_NODE)],
      status,
    });
  }

  private pending(i: number, now: number): Record<string, unknown> {
    const node = Math.floor(i / PODS_PER_NODE);
    const t = this.time(now);
    return {
      phase: "Pending",
      conditions: this.share(`pending ${t}`, () => [
        condition("PodReadyToStartContainers", "False", t),
        condition("Initialized", "True", t),
        condition(
          "Ready",
          "False",
          t,
          "ContainersNotReady",
          "containers with unready status: [pause]",
        ),
        condition(
          "ContainersReady",
          "False",
          t,
          "ContainersNotReady",
          "containers with unready status: [pause]",
        ),
        condition("PodScheduled", "True", t),
      ]),
      hostIP: this.hostIP(node),
      hostIPs: this.share(`host ${node}`, () => [{ ip: this.hostIP(node) }]),
      startTime: t,
      containerStatuses: this.share("creating", () => [
        {
          name: "pause",
          state: { waiting: { reason: "ContainerCreating" } },
          lastState: {},
          ready: false,
          restartCount: 0,
          image: IMAGE,
          imageID: "",
          started: false,
        },
      ]),
      qosClass: "BestEffort",
    };
  }

  /** The five conditions a kubelet reports, Ready or not since `now` (shared between pods alike). */
  private conditions(pod: KubeObject, now: number, ready: boolean): unknown {
    const created = pod.metadata.creationTimestamp ?? this.time(now);
    const t = this.time(now);
    return this.share(`${ready} ${created} ${t}`, () => [
      condition("PodReadyToStartContainers", "True", ready ? t : created),
      condition("Initialized", "True", created),
      ready
        ? condition("Ready", "True", t)
        : condition(
            "Ready",
            "False",
            t,
            "ContainersNotReady",
            "containers with unready status: [pause]",
          ),
      ready
        ? condition("ContainersReady", "True", t)
        : condition(
            "ContainersReady",
            "False",
            t,
            "ContainersNotReady",
            "containers with unready status: [pause]",
          ),
      condition("PodScheduled", "True", created),
    ]);
  }

  private container(
    i: number,
    life: Life,
    state: Record<string, unknown>,
    ready: boolean,
    lastState: Record<string, unknown>,
    started = ready,
  ): Record<string, unknown> {
    return {
      name: "pause",
      state,
      lastState: lastState.terminated ? lastState : {},
      ready,
      restartCount: life.restarts,
      image: IMAGE,
      imageID: IMAGE_ID,
      containerID: this.containerID(i, life.restarts),
      started,
    };
  }

  private containerID(i: number, run: number): string {
    return `containerd://${(i * 7919 + run * 104729).toString(16).padStart(16, "0").repeat(4)}`;
  }

  private hostIP(node: number): string {
    return `10.1.${Math.floor(node / 250)}.${(node % 250) + 1}`;
  }

  private podIP(i: number): string {
    const node = Math.floor(i / PODS_PER_NODE);
    return `10.${64 + Math.floor(node / 256)}.${node % 256}.${(i % PODS_PER_NODE) + 2}`;
  }

  /** API time text by second, made once per second. */
  private time(ms: number): string {
    const s = Math.floor(ms / 1000);
    let t = this.times.get(s);
    if (!t) {
      if (this.times.size > 4096) this.times.clear();
      t = formatTime(s * 1000);
      this.times.set(s, t);
    }
    return t;
  }

  private share<T>(key: string, make: () => T): T {
    let v = this.shared.get(key) as T | undefined;
    if (v === undefined) {
      if (this.shared.size > 4096) this.shared.clear();
      v = deepFreeze(make());
      this.shared.set(key, v);
    }
    return v;
  }

  private later(at: number, fn: () => void): void {
    const timer = this.host.clock.at(at, () => {
      this.timers.delete(timer);
      fn();
    });
    this.timers.add(timer);
  }
}

function condition(
  type: string,
  status: string,
  at: string,
  reason?: string,
  message?: string,
): Record<string, unknown> {
  return {
    type,
    status,
    lastProbeTime: null,
    lastTransitionTime: at,
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object" && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
