// The Job controller's hands on pods (controller.RealPodControl with the job-controller's
// recorder): create from the template with the tracking finalizer and a controller reference,
// delete gracefully, drop the finalizer once a pod is counted, and record events on the Job.
import type { Registry } from "../api-server/registry";
import { RESOURCES } from "../api-server/resources";
import type { KubeObject, ObjectStore } from "../api-server/store";
import type { EventRecorder } from "../events";
import { COMPLETION_INDEX, JOB_TRACKING_FINALIZER as FINALIZER, type JobSpec } from "./job-rules";

const PODS = RESOURCES.find((r) => r.plural === "pods" && r.group === "")!;

export const tracked = (p: KubeObject) => !!p.metadata.finalizers?.includes(FINALIZER);

export class JobPodControl {
  constructor(
    private readonly store: ObjectStore,
    private readonly events: EventRecorder,
    private readonly registry: Registry,
  ) {}

  /** An Indexed Job's pod gets its index (annotation, label, hostname, JOB_COMPLETION_INDEX). */
  create(job: KubeObject, spec: JobSpec, index?: number): void {
    const template = structuredClone(spec.template ?? {});
    const indexed = index !== undefined;
    if (indexed) {
      const i = String(index);
      template.metadata = {
        ...template.metadata,
        annotations: { ...template.metadata?.annotations, [COMPLETION_INDEX]: i },
        labels: { ...template.metadata?.labels, [COMPLETION_INDEX]: i },
      };
      const podSpec = (template.spec ?? {}) as Record<string, unknown> & {
        initContainers?: { env?: { name: string }[] }[];
        containers?: { env?: { name: string }[] }[];
      };
      template.spec = podSpec as NonNullable<JobSpec["template"]>["spec"];
      podSpec.hostname = `${job.metadata.name}-${i}`;
      for (const c of [...(podSpec.initContainers ?? []), ...(podSpec.containers ?? [])]) {
        if (c.env?.some((e) => e.name === "JOB_COMPLETION_INDEX")) continue;
        c.env = [
          ...(c.env ?? []),
          {
            name: "JOB_COMPLETION_INDEX",
            valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${COMPLETION_INDEX}']` } },
          } as { name: string },
        ];
      }
    }
    const pod: KubeObject = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name: "",
        generateName: indexed ? `${job.metadata.name}-${index}-` : `${job.metadata.name}-`,
        labels: { ...(template.metadata?.labels ?? {}) },
        annotations: { ...(template.metadata?.annotations ?? {}) },
        finalizers: [FINALIZER],
        ownerReferences: [
          {
            apiVersion: "batch/v1",
            kind: "Job",
            name: job.metadata.name,
            uid: job.metadata.uid!,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: template.spec ?? {},
    };
    const created = this.registry.create(PODS, job.metadata.namespace, pod, false);
    this.record(job, "Normal", "SuccessfulCreate", `Created pod: ${created.metadata.name}`);
  }

  /**
   * DeletePod: graceful, with a SuccessfulDelete event. deleteJobPods (`dropFinalizer`) lets the
   * pod go uncounted; deleteActivePods keeps the finalizer, so the pod counts as failed.
   */
  delete(job: KubeObject, p: KubeObject, dropFinalizer: boolean): void {
    if (dropFinalizer) this.removeFinalizer(p);
    const current = this.store.get("pods", p.metadata.namespace, p.metadata.name);
    if (current) this.registry.deletePod(current);
    this.record(job, "Normal", "SuccessfulDelete", `Deleted pod: ${p.metadata.name}`);
  }

  removeFinalizer(p: KubeObject): void {
    this.store.mutate("pods", p.metadata.namespace, p.metadata.name, (o) => {
      if (!tracked(o)) return false;
      o.metadata.finalizers = o.metadata.finalizers!.filter((f) => f !== FINALIZER);
      if (!o.metadata.finalizers.length) delete o.metadata.finalizers;
    });
  }

  record(job: KubeObject, type: "Normal" | "Warning", reason: string, note: string): void {
    const ref = {
      kind: "Job",
      namespace: job.metadata.namespace,
      name: job.metadata.name,
      uid: job.metadata.uid,
      apiVersion: "batch/v1",
    };
    this.events.record(ref, reason, note, { type, component: "job-controller" });
  }
}
