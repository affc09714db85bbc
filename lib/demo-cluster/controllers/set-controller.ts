// What the StatefulSet and DaemonSet controllers share: a round over every owner of their kind
// whenever one of them, a pod they own or (for DaemonSets) a node changes, or when a pod's
// minReadySeconds run out; pod creation and deletion through the registry (so pods get the API
// server's defaults and admission) with the controller's events; and the pod predicates of
// pkg/api/v1/pod (IsPodReady, IsPodAvailable).
import { reconcileEach } from "./handle-error";
import { parseTime } from "../../k8s/time";
import type { Pod } from "../../k8s/types";
import type { Clock, Timer } from "../clock";
import type { EventRecorder, ObjectRef } from "../events";
import type { Registry } from "../api-server/registry";
import { RESOURCES } from "../api-server/resources";
import type { KubeObject, ObjectStore } from "../api-server/store";

const PODS = RESOURCES.find((r) => r.plural === "pods" && r.group === "")!;

export const phaseOf = (p: KubeObject) => (p.status as { phase?: string } | undefined)?.phase;

function readySince(p: KubeObject): number | null {
  const c = (p.status as Pod["status"])?.conditions?.find((x) => x.type === "Ready");
  return c?.status === "True" ? (parseTime(c.lastTransitionTime) ?? 0) : null;
}

/** podutil.IsPodReady. */
export const isReady = (p: KubeObject) => readySince(p) !== null;

/** podutil.IsPodAvailable: Ready for at least minReadySeconds. */
export function isAvailable(p: KubeObject, minReadySeconds: number, now: number): boolean {
  const since = readySince(p);
  return since !== null && (minReadySeconds <= 0 || since + minReadySeconds * 1000 <= now);
}

export const isTerminating = (p: KubeObject) => !!p.metadata.deletionTimestamp;

export abstract class SetController {
  private timer: Timer | null = null;
  private later = new Map<number, Timer>();
  private subs: { cancel(): void }[] = [];

  constructor(
    protected readonly store: ObjectStore,
    protected readonly clock: Clock,
    protected readonly events: EventRecorder,
    protected readonly registry: Registry,
    protected readonly resource: string,
    protected readonly kind: string,
    private readonly component: string,
    private readonly alsoWatch: string[] = [],
  ) {}

  start(): void {
    const v = Number(this.store.version());
    this.subs.push(this.store.watch(this.resource, v, () => this.queue()));
    const mine = (o?: KubeObject) =>
      !!o?.metadata.ownerReferences?.some((r) => r.controller && r.kind === this.kind);
    this.subs.push(
      this.store.watch("pods", v, (c) => {
        if (mine(c.object) || mine(c.previous)) this.queue();
      }),
    );
    for (const r of this.alsoWatch) this.subs.push(this.store.watch(r, v, () => this.queue()));
    this.queue();
  }

  stop(): void {
    for (const s of this.subs) s.cancel();
    this.timer?.cancel();
    for (const t of this.later.values()) t.cancel();
  }

  protected queue(): void {
    if (!this.timer)
      this.timer = this.clock.at(this.clock.now(), () => {
        this.timer = null;
        reconcileEach(this.resource, this.store.list(this.resource), (o) => this.reconcile(o));
      });
  }

  /** Another round at `at` (a pod becoming available once minReadySeconds have passed). */
  protected requeueAt(at: number): void {
    if (at <= this.clock.now() || this.later.has(at)) return;
    this.later.set(
      at,
      this.clock.at(at, () => {
        this.later.delete(at);
        this.queue();
      }),
    );
  }

  protected abstract reconcile(owner: KubeObject): void;

  /** The pods whose controller reference is `owner`. */
  protected owned(owner: KubeObject): KubeObject[] {
    return this.store
      .list("pods", owner.metadata.namespace)
      .filter((p) =>
        p.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid && r.controller),
      );
  }

  protected ref(owner: KubeObject): ObjectRef {
    return {
      kind: this.kind,
      namespace: owner.metadata.namespace,
      name: owner.metadata.name,
      uid: owner.metadata.uid,
      apiVersion: "apps/v1",
    };
  }

  protected event(owner: KubeObject, reason: string, note: string, warning = false): void {
    this.events.record(this.ref(owner), reason, note, {
      component: this.component,
      ...(warning ? { type: "Warning" as const } : {}),
    });
  }

  /** Creates a pod through the API server; returns it, or the error's message. */
  protected createPod(pod: KubeObject): KubeObject | string {
    try {
      return this.registry.create(PODS, pod.metadata.namespace, pod, false);
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  }

  /** Writes `status` when it differs from the stored one. */
  protected writeStatus(owner: KubeObject, status: Record<string, unknown>): void {
    const clean = JSON.parse(JSON.stringify(status)) as Record<string, unknown>;
    this.store.mutate(this.resource, owner.metadata.namespace, owner.metadata.name, (o) => {
      if (JSON.stringify(o.status) === JSON.stringify(clean)) return false;
      o.status = clean;
    });
  }
}
