// Runs the reflectors Lifeline needs — pods, events, nodes and the workload kinds
// (workload-resources.ts) — cluster-wide or for chosen namespaces, and reports one connection
// state for them all. Each workload kind is optional on its own: one the credentials may not list
// (403) or the cluster does not serve (404) is "forbidden", and the rest goes on.
import type { KubeClient } from "./client";
import {
  Reflector,
  tombstone,
  type Observation,
  type ReflectorActivity,
  type ReflectorOptions,
  type ReflectorState,
} from "./reflector";
import { projectWorkload, WORKLOAD_RESOURCES, workloadPath } from "./workload-resources";

export interface CollectorOptions {
  client: KubeClient;
  /** Namespaces to watch (a namespace-scoped RoleBinding is then enough); null for all. */
  namespaces: string[] | null;
  now: () => number;
  onObservation(o: Observation): void;
  onState?(state: CollectorState): void;
  sleep?: ReflectorOptions["sleep"];
  /** After each list of pods (per namespace scope), with the pods listed. */
  onPodsListed?(uids: string[]): void;
  /**
   * After each list of a workload kind in a scope (`namespace` null: all), with the uids listed: for
   * closing what went away while Lifeline was not watching.
   */
  onWorkloadsListed?(kind: string, namespace: string | null, uids: string[]): void;
  /** What each reflector does (for metrics): its kind, its path, and the activity. */
  onActivity?(kind: string, path: string, a: ReflectorActivity): void;
  /**
   * Pod versions that repeat the one before but for resourceVersion, managedFields and annotations:
   * told here, in order with the observations, instead of parsed (ReflectorOptions.onUnchanged).
   * Without it every version is parsed and observed.
   */
  onUnchanged?(o: Observation): void;
  /** How the reflectors fetch the whole state (default a watch-list, a paged list where refused). */
  initialState?: ReflectorOptions["initialState"];
}

export interface CollectorState {
  /**
   * The worst of the reflectors: stopped > retrying > syncing > connected. Nodes or a workload kind
   * forbidden (a namespaced install, RBAC without it, a cluster that does not serve it) count as
   * connected: Lifeline works without them, and says so apart.
   */
  phase: ReflectorState["phase"];
  eventsApi: "events.k8s.io/v1" | "v1";
  reflectors: ReflectorState[];
}

const RANK: Record<ReflectorState["phase"], number> = {
  connected: 0,
  forbidden: 0,
  syncing: 1,
  retrying: 2,
  stopped: 3,
};

export class Collector {
  private reflectors: Reflector[] = [];
  private eventsApi: CollectorState["eventsApi"] = "v1";

  constructor(private readonly opts: CollectorOptions) {}

  /** Picks the events API the server offers, then starts every reflector. */
  async start(): Promise<void> {
    this.eventsApi = (await this.servesEventsV1()) ? "events.k8s.io/v1" : "v1";
    const scopes = this.opts.namespaces?.length
      ? this.opts.namespaces.map((ns) => `/namespaces/${encodeURIComponent(ns)}`)
      : [""];
    const eventsBase = this.eventsApi === "v1" ? "/api/v1" : "/apis/events.k8s.io/v1";
    const paths: [string, string][] = [
      ...scopes.map((s): [string, string] => [`/api/v1${s}/pods`, "Pod"]),
      ...scopes.map((s): [string, string] => [`${eventsBase}${s}/events`, "Event"]),
      ["/api/v1/nodes", "Node"],
    ];
    const workloads = WORKLOAD_RESOURCES.flatMap((r) =>
      scopes.map((s) => new Reflector(this.workloadOptions(r.kind, workloadPath(r, s), s))),
    );
    this.reflectors = paths.map(
      ([path, kind]) =>
        new Reflector({
          client: this.opts.client,
          path,
          kind,
          now: this.opts.now,
          sleep: this.opts.sleep,
          initialState: this.opts.initialState,
          // Pods and events are many: remember only their identity (Lifeline keeps pods itself).
          retain: kind === "Node" ? undefined : tombstone,
          // Nodes are optional: a namespaced install may not list them (pods and events it must).
          optional: kind === "Node",
          onObservation: this.opts.onObservation,
          onUnchanged: kind === "Pod" ? this.opts.onUnchanged : undefined,
          onState: () => this.opts.onState?.(this.state()),
          onListed: kind === "Pod" ? (uids) => this.opts.onPodsListed?.(uids) : undefined,
          onActivity: (a) => this.opts.onActivity?.(kind, path, a),
        }),
    );
    this.reflectors.push(...workloads);
    for (const r of this.reflectors) r.start();
  }

  /** A workload kind's reflector: optional, remembering identities only, delivering states only. */
  private workloadOptions(kind: string, path: string, scope: string): ReflectorOptions {
    const namespace = scope ? decodeURIComponent(scope.slice("/namespaces/".length)) : null;
    return {
      client: this.opts.client,
      path,
      kind,
      now: this.opts.now,
      sleep: this.opts.sleep,
      initialState: this.opts.initialState,
      retain: tombstone,
      optional: true,
      onObservation: (o) => this.opts.onObservation(projectWorkload(o)),
      onState: () => this.opts.onState?.(this.state()),
      onListed: (uids) => this.opts.onWorkloadsListed?.(kind, namespace, uids),
      onActivity: (a) => this.opts.onActivity?.(kind, path, a),
    };
  }

  async stop(): Promise<void> {
    await Promise.all(this.reflectors.map((r) => r.stop()));
  }

  state(): CollectorState {
    const reflectors = this.reflectors.map((r) => ({ ...r.state }));
    const phase = reflectors.reduce<CollectorState["phase"]>(
      (worst, r) => (r.phase !== "forbidden" && RANK[r.phase] > RANK[worst] ? r.phase : worst),
      "connected",
    );
    return { phase: reflectors.length ? phase : "syncing", eventsApi: this.eventsApi, reflectors };
  }

  private async servesEventsV1(): Promise<boolean> {
    try {
      const groups = await this.opts.client.get<{
        groups?: { name?: string; versions?: { version?: string }[] }[];
      }>("/apis", {}, "discover");
      return !!groups.groups?.some(
        (g) => g.name === "events.k8s.io" && g.versions?.some((v) => v.version === "v1"),
      );
    } catch {
      // Discovery failing is not fatal: core/v1 events exist on every cluster.
      return false;
    }
  }
}
