// The Job controller (pkg/controller/job): runs pods until `completions` succeed or more than
// `backoffLimit` fail.
import { formatTime } from "../../k8s/time";
import type { Pod } from "../../k8s/types";
import type { Clock } from "../clock";
import type { EventRecorder } from "../events";
import type { Registry } from "../api-server/registry";
import type { KubeObject, ObjectStore } from "../api-server/store";
import { Controller, isActive, isReady, phaseOf, type Template } from "./workload-controllers";

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
