// The controllers' shared base. The ReplicaSet controller is in replicaset-controller.ts, the
// Deployment controller in deployment-controller.ts, the Job controller in job-controller.ts.
import { reconcileEach } from "./handle-error";
import type { Pod } from "../../k8s/types";
import type { Clock, Timer } from "../clock";
import type { EventRecorder } from "../events";
import type { Registry } from "../api-server/registry";
import { RESOURCES } from "../api-server/resources";
import type { KubeObject, ObjectStore } from "../api-server/store";

const PODS = RESOURCES.find((r) => r.plural === "pods" && r.group === "")!;

export interface Template {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Pod["spec"];
}

const controlled = (o: KubeObject) => !!o.metadata.ownerReferences?.some((r) => r.controller);

export abstract class Controller {
  private timer: Timer | null = null;
  private subs: { cancel(): void }[] = [];

  constructor(
    protected readonly store: ObjectStore,
    protected readonly clock: Clock,
    protected readonly events: EventRecorder,
    protected readonly registry: Registry,
    private readonly resource: string,
  ) {}

  start(): void {
    const v = Number(this.store.version());
    this.subs.push(this.store.watch(this.resource, v, () => this.queue()));
    // Only pods some controller owns can change what a controller does: a change to any other
    // (150,000 scale pods, none owned) set off a round that listed every pod once per owner.
    this.subs.push(
      this.store.watch("pods", v, (c) => {
        if (controlled(c.object) || (c.previous && controlled(c.previous))) this.queue();
      }),
    );
    this.queue();
  }

  stop(): void {
    for (const s of this.subs) s.cancel();
    this.timer?.cancel();
  }

  protected queue(): void {
    if (!this.timer)
      this.timer = this.clock.at(this.clock.now(), () => {
        this.timer = null;
        this.inRound = true;
        try {
          reconcileEach(this.resource, this.store.list(this.resource), (o) => this.reconcile(o));
        } finally {
          this.inRound = false;
          this.podsByOwner = null;
        }
      });
  }

  protected abstract reconcile(owner: KubeObject): void;

  /**
   * During a round, the pods by the uid of their controller (client-go's informer indexer by
   * owner): made from one list of every pod at the round's first `owned`, so a round over 2,000
   * ReplicaSets no longer lists 20,000 pods for each of them (bench:workloads at 2,000 × 10).
   * Each entry is read again from the store when used, and pods the round creates are added.
   */
  private podsByOwner: Map<string, KubeObject[]> | null = null;
  private inRound = false;

  protected owned(owner: KubeObject): KubeObject[] {
    const uid = owner.metadata.uid;
    const ns = owner.metadata.namespace;
    const ownedBy = (p: KubeObject | undefined): p is KubeObject =>
      !!p &&
      p.metadata.namespace === ns &&
      !!p.metadata.ownerReferences?.some((r) => r.uid === uid && r.controller);
    if (!this.inRound) return this.store.list("pods", ns).filter(ownedBy);
    this.podsByOwner ??= this.indexPods();
    const pods: KubeObject[] = [];
    for (const p of this.podsByOwner.get(uid ?? "") ?? []) {
      const now = this.store.get("pods", p.metadata.namespace, p.metadata.name);
      if (now?.metadata.uid === p.metadata.uid && ownedBy(now)) pods.push(now);
    }
    return pods;
  }

  private indexPods(): Map<string, KubeObject[]> {
    const index = new Map<string, KubeObject[]>();
    for (const p of this.store.list("pods")) {
      // Once per owner, even if a malformed pod names it twice.
      const owners = new Set(
        (p.metadata.ownerReferences ?? []).filter((r) => r.controller).map((r) => r.uid),
      );
      for (const uid of owners) {
        const list = index.get(uid);
        if (list) list.push(p);
        else index.set(uid, [p]);
      }
    }
    return index;
  }

  protected createPod(
    owner: KubeObject,
    template: Template,
    labels: Record<string, string>,
    component: string,
  ): void {
    const pod: KubeObject = {
      metadata: {
        name: "",
        generateName: `${owner.metadata.name}-`,
        labels: { ...(template.metadata?.labels ?? {}), ...labels },
        annotations: { ...(template.metadata?.annotations ?? {}) },
        ownerReferences: [
          {
            apiVersion: String(owner.apiVersion ?? ""),
            kind: String(owner.kind ?? ""),
            name: owner.metadata.name,
            uid: owner.metadata.uid!,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: structuredClone(template.spec ?? {}),
    };
    const created = this.registry.create(PODS, owner.metadata.namespace, pod, false);
    if (this.podsByOwner) {
      const list = this.podsByOwner.get(owner.metadata.uid!);
      if (list) list.push(created);
      else this.podsByOwner.set(owner.metadata.uid!, [created]);
    }
    this.events.record(
      this.ref(owner),
      "SuccessfulCreate",
      `Created pod: ${created.metadata.name}`,
      { component },
    );
  }

  protected ref(owner: KubeObject) {
    return {
      kind: String(owner.kind),
      namespace: owner.metadata.namespace,
      name: owner.metadata.name,
      uid: owner.metadata.uid,
      apiVersion: String(owner.apiVersion),
    };
  }
}

export const phaseOf = (p: KubeObject) => (p.status as { phase?: string } | undefined)?.phase;
export const isReady = (p: KubeObject) =>
  !!(p.status as Pod["status"])?.conditions?.some((c) => c.type === "Ready" && c.status === "True");
export const isActive = (p: KubeObject) =>
  !p.metadata.deletionTimestamp && phaseOf(p) !== "Succeeded" && phaseOf(p) !== "Failed";
