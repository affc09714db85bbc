// The two workload controllers the stories need. ReplicaSet keeps `replicas` live pods (a pod
// that is terminating, e.g. evicted from a lost node, no longer counts, so a replacement appears).
// Job runs pods until `completions` succeed or more than `backoffLimit` fail.
import { formatTime } from "../../k8s/time";
import type { Pod } from "../../k8s/types";
import type { Clock, Timer } from "../clock";
import type { EventRecorder } from "../events";
import type { Registry } from "../api-server/registry";
import { RESOURCES } from "../api-server/resources";
import type { KubeObject, ObjectStore } from "../api-server/store";

const PODS = RESOURCES.find((r) => r.plural === "pods" && r.group === "")!;

interface Template {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Pod["spec"];
}

const controlled = (o: KubeObject) => !!o.metadata.ownerReferences?.some((r) => r.controller);

abstract class Controller {
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

  private queue(): void {
    if (!this.timer)
      this.timer = this.clock.at(this.clock.now(), () => {
        this.timer = null;
        for (const owner of this.store.list(this.resource)) this.reconcile(owner);
      });
  }

  protected abstract reconcile(owner: KubeObject): void;

  protected owned(owner: KubeObject): KubeObject[] {
    return this.store
      .list("pods", owner.metadata.namespace)
      .filter((p) =>
        p.metadata.ownerReferences?.some((r) => r.uid === owner.metadata.uid && r.controller),
      );
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

const phaseOf = (p: KubeObject) => (p.status as { phase?: string } | undefined)?.phase;
const isReady = (p: KubeObject) =>
  !!(p.status as Pod["status"])?.conditions?.some((c) => c.type === "Ready" && c.status === "True");
const isActive = (p: KubeObject) =>
  !p.metadata.deletionTimestamp && phaseOf(p) !== "Succeeded" && phaseOf(p) !== "Failed";

export class ReplicaSetController extends Controller {
  constructor(store: ObjectStore, clock: Clock, events: EventRecorder, registry: Registry) {
    super(store, clock, events, registry, "replicasets");
  }

  protected reconcile(rs: KubeObject): void {
    const owner = { ...rs, apiVersion: "apps/v1", kind: "ReplicaSet" };
    const spec = rs.spec as { replicas?: number; template?: Template };
    const want = spec.replicas ?? 1;
    const pods = this.owned(rs);
    const active = pods.filter(isActive);
    for (let i = active.length; i < want; i++)
      this.createPod(owner, spec.template ?? {}, {}, "replicaset-controller");
    if (active.length > want) {
      const extras = [...active]
        .sort((a, b) => Number(isReady(a)) - Number(isReady(b)))
        .slice(0, active.length - want);
      for (const p of extras) {
        this.registry.deletePod(p);
        this.events.record(this.ref(owner), "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`, {
          component: "replicaset-controller",
        });
      }
    }
    const now = this.owned(rs).filter(isActive);
    const status = {
      replicas: now.length,
      fullyLabeledReplicas: now.length,
      readyReplicas: now.filter(isReady).length,
      availableReplicas: now.filter(isReady).length,
      observedGeneration: rs.metadata.generation ?? 1,
    };
    this.store.mutate("replicasets", rs.metadata.namespace, rs.metadata.name, (o) => {
      if (JSON.stringify(o.status) === JSON.stringify(status)) return false;
      o.status = status;
    });
  }
}

export class JobController extends Controller {
  constructor(store: ObjectStore, clock: Clock, events: EventRecorder, registry: Registry) {
    super(store, clock, events, registry, "jobs");
  }

  protected reconcile(job: KubeObject): void {
    const owner = { ...job, apiVersion: "batch/v1", kind: "Job" };
    const spec = job.spec as {
      completions?: number;
      parallelism?: number;
      backoffLimit?: number;
      template?: Template;
      selector?: unknown;
    };
    const status = (job.status ?? {}) as { conditions?: { type: string; status: string }[] };
    if (
      status.conditions?.some(
        (c) => (c.type === "Complete" || c.type === "Failed") && c.status === "True",
      )
    )
      return;
    const now = formatTime(this.clock.now());
    const uid = job.metadata.uid!;
    const labels = {
      "batch.kubernetes.io/controller-uid": uid,
      "batch.kubernetes.io/job-name": job.metadata.name,
      "controller-uid": uid,
      "job-name": job.metadata.name,
    };
    const pods = this.owned(job);
    const succeeded = pods.filter((p) => phaseOf(p) === "Succeeded").length;
    const restarts = pods.reduce(
      (n, p) =>
        n +
        ((p.status as Pod["status"])?.containerStatuses ?? []).reduce(
          (m, c) => m + (c.restartCount ?? 0),
          0,
        ),
      0,
    );
    const failed = pods.filter((p) => phaseOf(p) === "Failed").length;
    const active = pods.filter(isActive);
    const completions = spec.completions ?? 1;
    let conditions: Record<string, unknown>[] = [];
    let completionTime: string | undefined;
    if (succeeded >= completions) {
      conditions = [
        {
          type: "SuccessCriteriaMet",
          status: "True",
          reason: "CompletionsReached",
          message: "Reached expected number of succeeded pods",
          lastProbeTime: now,
          lastTransitionTime: now,
        },
        {
          type: "Complete",
          status: "True",
          reason: "CompletionsReached",
          message: "Reached expected number of succeeded pods",
          lastProbeTime: now,
          lastTransitionTime: now,
        },
      ];
      completionTime = now;
      this.events.record(this.ref(owner), "Completed", "Job completed", {
        component: "job-controller",
      });
    } else if (failed + restarts > (spec.backoffLimit ?? 6)) {
      conditions = [
        {
          type: "FailureTarget",
          status: "True",
          reason: "BackoffLimitExceeded",
          message: "Job has reached the specified backoff limit",
          lastProbeTime: now,
          lastTransitionTime: now,
        },
        {
          type: "Failed",
          status: "True",
          reason: "BackoffLimitExceeded",
          message: "Job has reached the specified backoff limit",
          lastProbeTime: now,
          lastTransitionTime: now,
        },
      ];
      for (const p of active) this.registry.deletePod(p);
      this.events.record(
        this.ref(owner),
        "BackoffLimitExceeded",
        "Job has reached the specified backoff limit",
        { type: "Warning", component: "job-controller" },
      );
    } else {
      const room = Math.min(spec.parallelism ?? 1, completions - succeeded) - active.length;
      for (let i = 0; i < room; i++)
        this.createPod(owner, spec.template ?? {}, labels, "job-controller");
    }
    const after = this.owned(job);
    this.store.mutate("jobs", job.metadata.namespace, job.metadata.name, (o) => {
      const prev = (o.status ?? {}) as Record<string, unknown>;
      const next: Record<string, unknown> = {
        ...(prev.startTime ? { startTime: prev.startTime } : { startTime: now }),
        ...(conditions.length ? { conditions, ...(completionTime ? { completionTime } : {}) } : {}),
        active: after.filter(isActive).length || undefined,
        ready: after.filter(isReady).length,
        succeeded: succeeded || undefined,
        failed: failed || undefined,
        terminating: after.filter((p) => p.metadata.deletionTimestamp).length,
        uncountedTerminatedPods: {},
      };
      const spec2 = o.spec as { selector?: unknown; template?: Template };
      const selectorMissing = !spec2.selector;
      if (selectorMissing) {
        spec2.selector = { matchLabels: { "batch.kubernetes.io/controller-uid": uid } };
        spec2.template = {
          ...(spec2.template ?? {}),
          metadata: {
            ...(spec2.template?.metadata ?? {}),
            labels: { ...(spec2.template?.metadata?.labels ?? {}), ...labels },
          },
        };
      }
      if (
        !selectorMissing &&
        JSON.stringify(JSON.parse(JSON.stringify(next))) === JSON.stringify(prev)
      )
        return false;
      o.status = next;
    });
  }
}
