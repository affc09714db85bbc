// The embedded demo cluster: an API server on 127.0.0.1 plus scheduler, kubelets, node controller
// and workload controllers, all on one injectable clock.
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Pod } from "../k8s/types";
import { ApiServer } from "./api-server/api-server";
import { RbacGate, type RbacOptions } from "./api-server/rbac";
import { DEFAULT_NODES, nodeObject, type NodeSpec } from "./nodes";
import { RealClock, type Clock, type Timer } from "./clock";
import { silentContainerLogs } from "./kubelet/container-logs";
import { debugRoute } from "./debug-routes";
import { EventRecorder } from "./events";
import { writeKubeconfig } from "./kubeconfig";
import { Kubelet } from "./kubelet/kubelet";
import { NodeController } from "./controllers/node-controller";
import { Registry } from "./api-server/registry";
import { RESOURCES } from "./api-server/resources";
import { SCENARIOS, type Scenario, type ScenarioHost } from "./scenarios/catalogue";
import { Scheduler } from "./controllers/scheduler";
import { ObjectStore, type KubeObject } from "./api-server/store";
import { TruthLog } from "./truth";
import { LightScaleSet } from "./scale-set";
import { CronJobController } from "./controllers/cronjob-controller";
import { JobController } from "./controllers/job-controller";
import { ReplicaSetController } from "./controllers/replicaset-controller";
import { DeploymentController } from "./controllers/deployment-controller";
import { DaemonSetController } from "./controllers/daemonset-controller";
import { StatefulSetController } from "./controllers/statefulset-controller";
import type { ClusterNet, PodNetwork } from "./runtime/world";

export interface DemoClusterOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  clock?: Clock;
  /** Scenario names to apply at start; default all, [] for none. */
  scenarios?: string[];
  nodes?: NodeSpec[];
  /** Changes each resource keeps for watches to resume from (older versions get 410 Gone). */
  historyLimit?: number;
  /** Event time-to-live (default one hour, as kube-apiserver --event-ttl). */
  eventTtlMs?: number;
  bookmarkIntervalMs?: number;
  /** False: answer watch-lists (sendInitialEvents) 422, as a server with the WatchList gate off. */
  watchList?: boolean;
  nodeMonitorGraceMs?: number;
  /** Where to write the kubeconfig; default a folder under the OS temp dir. */
  kubeconfigDir?: string;
  truthFile?: string;
  /**
   * Extra load: N pause pods in namespace "scale" spread over extra nodes, with `churn` container
   * kills per second. `light`: pods without kubelets, cheap enough for 150,000 (scale-set.ts).
   */
  scale?: { pods: number; churn?: number; light?: boolean };
  /** Cut every watch connection this often (cluster-clock ms). */
  dropWatchesEveryMs?: number;
  /**
   * Accepts the bearer tokens this says are valid and answers others 401 Unauthorized, as
   * kube-apiserver does (api-server/authn.ts); by default any request is served, token or none.
   */
  authenticate?: (token: string) => boolean;
  /** A namespaced install's RBAC (api-server/rbac.ts): only these namespaces' resources; nodes, namespaces and cluster-wide lists answer 403. */
  rbac?: RbacOptions;
  /** Makes each new object's uid (default random, new on every start: tests that need the same ones inject them). */
  uid?: () => string;
  /** False: the workload controllers do not run (benches that put finished workloads in the store). */
  controllers?: boolean;
}

export class DemoCluster implements ScenarioHost {
  readonly clock: Clock;
  readonly store: ObjectStore;
  readonly truth: TruthLog;
  readonly events: EventRecorder;
  readonly registry: Registry;
  readonly api: ApiServer;
  /** The API server's RBAC (api-server/rbac.ts): `rbac.set(…)` changes it while it runs, `rbac.denied` lists what it refused. */
  readonly rbac: RbacGate;
  readonly kubelets = new Map<string, Kubelet>();
  private readonly scheduler: Scheduler;
  private readonly nodeController: NodeController;
  private readonly controllers: { start(): void; stop(): void }[];
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private timers: Timer[] = [];
  private nodeCount = 0;
  port = 0;
  kubeconfigPath = "";
  private readonly started: number;

  private constructor(private readonly opts: DemoClusterOptions) {
    this.clock = opts.clock ?? new RealClock();
    this.started = this.clock.now();
    this.store = new ObjectStore({ historyLimit: opts.historyLimit, uid: opts.uid });
    // Open every resource's history now, so watches from the very first version are served.
    for (const r of RESOURCES) this.store.list(r.storage);
    this.truth = new TruthLog(200_000, opts.truthFile);
    this.events = new EventRecorder(this.store, this.clock, opts.eventTtlMs);
    this.registry = new Registry(this.store, this.clock, this.truth);
    this.rbac = new RbacGate(opts.rbac ?? null);
    this.api = new ApiServer({
      store: this.store,
      clock: this.clock,
      registry: this.registry,
      bookmarkIntervalMs: opts.bookmarkIntervalMs,
      watchList: opts.watchList,
      authenticate: opts.authenticate,
      rbac: this.rbac,
      extra: (req, url, res, body) => debugRoute(this, req, url, res, body),
      kubeletLogs: (node, namespace, pod, container, previous) => {
        const kubelet = this.kubelets.get(node);
        if (kubelet) return kubelet.containerLogs(namespace, pod, container, previous);
        if (!this.store.get("nodes", undefined, node)) return false;
        return silentContainerLogs(this.store, this.clock, namespace, pod, container, previous);
      },
    });
    this.scheduler = new Scheduler(this.store, this.clock, this.events, this.truth);
    this.nodeController = new NodeController(
      this.store,
      this.clock,
      this.events,
      this.truth,
      this.registry,
      () => this.kubelets,
      opts.nodeMonitorGraceMs,
    );
    this.controllers = [
      new ReplicaSetController(this.store, this.clock, this.events, this.registry),
      new DeploymentController(this.store, this.clock, this.events, this.registry),
      new JobController(this.store, this.clock, this.events, this.registry),
      new CronJobController(this.store, this.clock, this.events, this.registry),
      new StatefulSetController(this.store, this.clock, this.events, this.registry),
      new DaemonSetController(this.store, this.clock, this.events, this.registry),
    ];
  }

  /** Starts the cluster and its API server; resolves once it listens. */
  static async start(opts: DemoClusterOptions = {}): Promise<DemoCluster> {
    const cluster = new DemoCluster(opts);
    cluster.boot();
    await cluster.listen(opts.port ?? 0);
    return cluster;
  }

  /** Builds the cluster without an HTTP server (for tests that drive it in-process). */
  static inProcess(opts: DemoClusterOptions = {}): DemoCluster {
    const cluster = new DemoCluster(opts);
    cluster.boot();
    return cluster;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private boot(): void {
    for (const ns of ["default", "kube-system", "kube-public", "kube-node-lease", "dev"])
      this.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
    for (const n of this.opts.nodes ?? DEFAULT_NODES) this.addNode(n);
    this.events.start();
    this.scheduler.start();
    this.nodeController.start();
    if (this.opts.controllers !== false) for (const c of this.controllers) c.start();
    const chosen = this.opts.scenarios
      ? SCENARIOS.filter((s) => this.opts.scenarios!.includes(s.name))
      : SCENARIOS;
    const unknown = (this.opts.scenarios ?? []).filter((n) => !SCENARIOS.some((s) => s.name === n));
    if (unknown.length)
      throw new Error(
        `unknown demo scenario ${unknown.join(", ")}: choose from ${SCENARIOS.map((s) => s.name).join(", ")}`,
      );
    for (const s of chosen) this.play(s);
    if (this.opts.scale?.light) {
      this.light = new LightScaleSet(this, this.opts.scale.pods);
      this.light.start();
      this.light.churn(this.opts.scale.churn ?? 0);
    } else if (this.opts.scale) this.startScale(this.opts.scale.pods, this.opts.scale.churn ?? 0);
    if (this.opts.dropWatchesEveryMs) {
      const every = this.opts.dropWatchesEveryMs;
      const tick = () => {
        this.api.dropWatches();
        this.timers.push(this.clock.at(this.clock.now() + every, tick));
      };
      this.timers.push(this.clock.at(this.clock.now() + every, tick));
    }
  }

  private play(s: Scenario): void {
    for (const n of s.nodes ?? []) this.addNode(n);
    for (const o of s.objects) this.apply(structuredClone(o));
    for (const step of s.steps ?? []) {
      this.timers.push(
        this.clock.at(this.started + step.after, () => {
          this.truth.add({
            at: this.clock.now(),
            what: "scenario.step",
            name: s.name,
            detail: { step: step.what },
          });
          step.run(this);
        }),
      );
    }
  }

  /** Creates an object as a client would (validation, defaults, admission). */
  apply(object: KubeObject): KubeObject {
    const [group, version] = String(object.apiVersion ?? "v1").includes("/")
      ? String(object.apiVersion).split("/")
      : ["", String(object.apiVersion ?? "v1")];
    const resource = RESOURCES.find(
      (r) => r.group === group && r.version === version && r.kind === object.kind && !r.toWire,
    );
    if (!resource)
      throw new Error(`the demo cluster does not serve ${object.apiVersion} ${object.kind}`);
    return this.registry.create(
      resource,
      object.metadata.namespace,
      structuredClone(object),
      false,
    );
  }

  addNode(spec: NodeSpec): void {
    const index = ++this.nodeCount;
    const ip = `10.0.${Math.floor(index / 250)}.${(index % 250) + 10}`;
    this.apply(nodeObject(spec, index, ip));
    const kubelet = new Kubelet(
      spec.name,
      ip,
      `10.244.${index}`,
      this.store,
      this.clock,
      this.events,
      this.truth,
      this.dns,
      spec.crashLoopBackOff,
    );
    this.kubelets.set(spec.name, kubelet);
    kubelet.start();
  }

  loseNode(name: string): void {
    const k = this.kubelets.get(name);
    if (!k) throw new Error(`no node named ${name}`);
    this.truth.add({ at: this.clock.now(), what: "node.lost", name });
    k.lose();
  }

  restoreNode(name: string): void {
    const k = this.kubelets.get(name);
    if (!k) throw new Error(`no node named ${name}`);
    this.truth.add({ at: this.clock.now(), what: "node.restored", name });
    k.restore();
  }

  nodeOf(namespace: string, label: string, value: string): string | undefined {
    const pod = this.store
      .list("pods", namespace)
      .find((p) => p.metadata.labels?.[label] === value && (p.spec as Pod["spec"])?.nodeName);
    return (pod?.spec as Pod["spec"])?.nodeName ?? undefined;
  }

  /** Forgets watch history: any watch from an older resourceVersion now gets 410 Gone. */
  compact(): void {
    this.store.compact();
    this.truth.add({ at: this.clock.now(), what: "api.compacted", name: "etcd" });
  }

  /** Restarts the API server: every connection is cut; state, versions and the port are kept. */
  async restart(): Promise<void> {
    await this.closeServer();
    this.truth.add({ at: this.clock.now(), what: "api.restarted", name: "kube-apiserver" });
    await this.listen(this.port);
  }

  async stop(): Promise<void> {
    for (const t of this.timers) t.cancel();
    this.churnTimer?.cancel();
    this.light?.stop();
    this.scheduler.stop();
    this.nodeController.stop();
    for (const c of this.controllers) c.stop();
    for (const k of this.kubelets.values()) k.stop();
    this.events.stop();
    await this.closeServer();
  }

  /** Pod networks by name, app label or IP: the demo cluster's DNS. */
  readonly dns: ClusterNet = {
    resolve: (host: string): PodNetwork | undefined => {
      const short = host.replace(/\.svc(\.cluster\.local)?$/, "").split(".")[0];
      for (const k of this.kubelets.values()) {
        if (!k.isAlive) continue;
        for (const w of k.workers.values()) {
          if (!w.net.ip) continue;
          const pod = this.store.get("pods", w.namespace, w.name);
          if (w.net.ip === host || w.name === short || pod?.metadata.labels?.app === short)
            return w.net;
        }
      }
      return undefined;
    },
    knownHost: (host: string) =>
      [
        "kubernetes",
        "kubernetes.default",
        "kubernetes.default.svc",
        "kubernetes.default.svc.cluster.local",
      ].includes(host) ||
      this.kubelets.has(host) ||
      !!this.dns.resolve(host),
  };

  private startScale(pods: number, churn: number): void {
    const perNode = 100;
    const nodes = Math.ceil(pods / perNode);
    for (let i = 1; i <= nodes; i++)
      this.addNode({
        name: `scale-node-${i}`,
        cpu: "64",
        memory: "256Gi",
        pods: 110,
        labels: { "lifeline.dev/pool": "scale" },
      });
    this.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: "scale" } });
    for (let i = 0; i < pods; i++) {
      this.apply({
        apiVersion: "v1",
        kind: "Pod",
        metadata: {
          name: `load-${i}`,
          namespace: "scale",
          labels: { app: "load", shard: String(i % 10) },
        },
        spec: {
          nodeSelector: { "lifeline.dev/pool": "scale" },
          containers: [{ name: "pause", image: "registry.k8s.io/pause:3.10" }],
        },
      });
    }
    this.scalePods = pods;
    this.churn(churn);
  }

  private scalePods = 0;
  private churnTimer: Timer | null = null;
  /** The light scale set (`scale.light`), when there is one. */
  light: LightScaleSet | null = null;

  /** Kills `perSecond` random scale pods' containers per second, in 100 ms batches (0 stops). */
  churn(perSecond: number): void {
    if (this.light) return this.light.churn(perSecond);
    this.churnTimer?.cancel();
    this.churnTimer = null;
    if (perSecond <= 0 || this.scalePods === 0) return;
    let seed = 42;
    let debt = 0;
    const tick = () => {
      debt += perSecond / 10;
      for (; debt >= 1; debt--) {
        // A pod backing off has nothing to kill: try a few others.
        for (let attempt = 0; attempt < 10; attempt++) {
          seed = (seed * 1103515245 + 12345) % 2147483648;
          const name = `load-${seed % this.scalePods}`;
          const node = (this.store.get("pods", "scale", name)?.spec as Pod["spec"] | undefined)
            ?.nodeName;
          if (node && this.kubelets.get(node)?.worker("scale", name)?.crash("pause")) break;
        }
      }
      this.churnTimer = this.clock.at(this.clock.now() + 100, tick);
    };
    this.churnTimer = this.clock.at(this.clock.now() + 100, tick);
  }

  // ---- HTTP -----------------------------------------------------------------------------------

  private listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const server = createServer((req, res) => void this.api.handle(req, res));
      server.keepAliveTimeout = 60_000;
      server.on("connection", (s) => {
        this.sockets.add(s);
        s.on("close", () => this.sockets.delete(s));
      });
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        this.server = server;
        this.port = (server.address() as AddressInfo).port;
        this.kubeconfigPath = writeKubeconfig(
          this.opts.kubeconfigDir ?? join(tmpdir(), `lifeline-demo-${this.port}`),
          this.url,
        );
        resolve();
      });
    });
  }

  private closeServer(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return Promise.resolve();
    this.api.dropWatches();
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => server.close(() => resolve()));
  }
}
