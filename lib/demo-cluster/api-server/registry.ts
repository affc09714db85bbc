// What the API server does on writes: names, defaulting and validation (validation.ts: a useful
// subset of the real rules), admission (namespace exists, default tolerations), and graceful
// deletion with the same shortcuts kube-apiserver takes (unscheduled or finished pods go at once;
// grace 0 is immediate).
import { formatTime } from "../../k8s/time";
import type { Pod } from "../../k8s/types";
import { badRequest, invalid, notFound } from "./api-error";
import type { Registry as RegistryApi } from "./api-server";
import type { DeleteOptions } from "./request";
import type { Clock } from "../clock";
import { RESOURCES, type ResourceType } from "./resources";
import {
  DNS1123_SUBDOMAIN,
  prepareEvent,
  prepareReplicaSet,
  preparePod,
  type Cause,
} from "./validation";
import { prepareDaemonSet, prepareStatefulSet } from "./sets-validation";
import type { KubeObject, ObjectStore } from "./store";
import { prepareDeployment } from "./deployment-validation";
import { collectDependents } from "./garbage-collector";
import { prepareCronJob, prepareJob } from "./batch-validation";
import type { TruthLog } from "../truth";
import { updateObject, type UpdateRequest } from "./update";

const RANDOM = "bcdfghjklmnpqrstvwxz2456789";

export class Registry implements RegistryApi {
  private seed = 1;

  constructor(
    private readonly store: ObjectStore,
    private readonly clock: Clock,
    private readonly truth: TruthLog,
  ) {}

  create(
    resource: ResourceType,
    namespace: string | undefined,
    body: KubeObject,
    dryRun: boolean,
  ): KubeObject {
    const meta = body.metadata;
    if (resource.namespaced) {
      if (meta.namespace && namespace && meta.namespace !== namespace) {
        throw badRequest(
          "the namespace of the provided object does not match the namespace sent on the request",
        );
      }
      meta.namespace = namespace ?? meta.namespace;
      if (!this.store.get("namespaces", undefined, meta.namespace!))
        throw notFound("namespaces", meta.namespace!);
    } else delete meta.namespace;
    if (!meta.name && meta.generateName) meta.name = meta.generateName + this.suffix();
    const causes: Cause[] = [];
    if (!meta.name)
      causes.push({
        field: "metadata.name",
        message: "Required value: name or generateName is required",
      });
    else if (meta.name.length > 253 || !DNS1123_SUBDOMAIN.test(meta.name)) {
      causes.push({
        field: "metadata.name",
        message: `Invalid value: "${meta.name}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character`,
      });
    }
    for (const map of ["labels", "annotations"] as const) {
      const v = meta[map] as unknown;
      if (
        v != null &&
        (typeof v !== "object" ||
          Array.isArray(v) ||
          Object.values(v).some((x) => typeof x !== "string"))
      ) {
        causes.push({
          field: `metadata.${map}`,
          message: "Invalid value: must be a map of strings",
        });
        delete meta[map];
      }
    }
    delete meta.uid;
    delete meta.resourceVersion;
    delete meta.creationTimestamp;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    const object = body;
    switch (resource.storage) {
      case "pods":
        causes.push(...preparePod(object));
        break;
      case "replicasets":
        causes.push(...prepareReplicaSet(object));
        break;
      case "jobs":
        // The Job strategy generates its selector from the uid, so the uid comes first here.
        meta.uid = this.store.newUid();
        causes.push(...prepareJob(object));
        break;
      case "deployments":
        causes.push(...prepareDeployment(object));
        break;
      case "cronjobs":
        causes.push(...prepareCronJob(object));
        break;
      case "statefulsets":
        causes.push(...prepareStatefulSet(object));
        break;
      case "daemonsets":
        causes.push(...prepareDaemonSet(object));
        break;
      case "namespaces":
        object.spec = { finalizers: ["kubernetes"] };
        object.status = { phase: "Active" };
        break;
      case "events":
        causes.push(...prepareEvent(object, this.clock.now()));
        break;
    }
    if (causes.length) throw invalid(resource.kind, meta.name ?? "", causes);
    if (dryRun)
      return { ...object, metadata: { ...meta, creationTimestamp: formatTime(this.clock.now()) } };
    const created = this.store.create(resource.storage, object, this.clock.now());
    if (resource.storage === "pods")
      this.truth.add({
        at: this.clock.now(),
        what: "pod.created",
        namespace: meta.namespace,
        name: meta.name!,
        uid: created.metadata.uid,
      });
    return created;
  }

  update(req: UpdateRequest): KubeObject {
    return updateObject(this.store, req);
  }

  delete(
    resource: ResourceType,
    namespace: string | undefined,
    name: string,
    options: DeleteOptions,
  ): KubeObject {
    const current = this.store.get(resource.storage, namespace, name);
    if (!current || (resource.namespaced && namespace === undefined))
      throw notFound(resource.plural, name);
    if (options.dryRun) return current;
    if (resource.storage === "pods") return this.deletePod(current, options.gracePeriodSeconds);
    if (resource.storage === "namespaces") {
      const namespaced = new Set(RESOURCES.filter((r) => r.namespaced).map((r) => r.storage));
      for (const r of namespaced)
        for (const o of this.store.list(r, name)) this.store.remove(r, name, o.metadata.name);
    }
    const gone = this.store.remove(resource.storage, namespace, name)!;
    collectDependents(this.store, gone, options.propagationPolicy, (p) => this.deletePod(p));
    return gone;
  }

  /** Graceful pod deletion: sets deletionTimestamp, or removes at once when nothing needs to stop. */
  deletePod(pod: KubeObject, gracePeriodSeconds?: number): KubeObject {
    const { namespace, name } = pod.metadata;
    const spec = (pod.spec ?? {}) as Pod["spec"] & object;
    const phase = (pod.status as { phase?: string } | undefined)?.phase;
    let grace = gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30;
    if (!spec.nodeName || phase === "Succeeded" || phase === "Failed") grace = 0;
    const existing = pod.metadata.deletionGracePeriodSeconds;
    if (existing != null && grace >= existing) return pod;
    if (grace === 0) {
      const gone = this.store.remove("pods", namespace, name)!;
      this.truth.add({
        at: this.clock.now(),
        what: "pod.deleted",
        namespace,
        name,
        uid: pod.metadata.uid,
      });
      return gone;
    }
    const now = this.clock.now();
    this.truth.add({
      at: now,
      what: "pod.deletion-requested",
      namespace,
      name,
      uid: pod.metadata.uid,
      detail: { gracePeriodSeconds: grace },
    });
    return this.store.mutate("pods", namespace, name, (o) => {
      o.metadata.deletionTimestamp = formatTime(now + grace * 1000);
      o.metadata.deletionGracePeriodSeconds = grace;
    })!;
  }

  private suffix(): string {
    let out = "";
    for (let i = 0; i < 5; i++) {
      this.seed = (this.seed * 1103515245 + 12345) % 2147483648;
      out += RANDOM[this.seed % RANDOM.length];
    }
    return out;
  }
}
