// The update path shared by PUT and PATCH, as kube-apiserver's generic registry store runs it
// (apiserver/pkg/registry/generic/registry/store.go Update, rest.BeforeUpdate,
// ValidateObjectMetaUpdate): a resourceVersion precondition (409 Conflict), the name and namespace
// the URL names, uid and creationTimestamp kept, status ignored on the object and everything but
// status ignored on /status, the kind's own rules (update-strategies.ts), metadata.generation
// counted on spec changes for apps and batch kinds, dryRun, and no write when nothing changed
// (etcd3's GuaranteedUpdate skips identical bytes, so no new resourceVersion and no MODIFIED).
import { ApiError, badRequest, invalid } from "./api-error";
import type { ResourceType } from "./resources";
import type { KubeObject, ObjectStore } from "./store";
import { sameJson, UPDATE_STRATEGIES } from "./update-strategies";
import type { Cause } from "./validation";

export interface UpdateRequest {
  resource: ResourceType;
  namespace: string | undefined;
  name: string;
  /** "status": only the status is written (the `/status` subresource). */
  subresource?: "status";
  /** Makes the new object from (a copy of) the current one: a PUT returns its body, a PATCH the patched object. */
  next: (current: KubeObject) => KubeObject;
  dryRun: boolean;
}

/** "replicasets.apps" / "pods": the group-qualified resource kube names in errors. */
export function qualifiedResource(resource: ResourceType): string {
  return resource.group ? `${resource.plural}.${resource.group}` : resource.plural;
}

export function notFoundError(resource: ResourceType, name: string): ApiError {
  return new ApiError(404, "NotFound", `${qualifiedResource(resource)} "${name}" not found`, {
    name,
    ...(resource.group ? { group: resource.group } : {}),
    kind: resource.plural,
  });
}

/** apierrors.NewConflict(resource, name, errors.New(OptimisticLockErrorMsg)). */
export function conflictError(resource: ResourceType, name: string): ApiError {
  return new ApiError(
    409,
    "Conflict",
    `Operation cannot be fulfilled on ${qualifiedResource(resource)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    { name, ...(resource.group ? { group: resource.group } : {}), kind: resource.plural },
  );
}

/** Kinds whose strategies count spec changes in metadata.generation (apps/*, batch/*). */
const hasGeneration = (resource: ResourceType) =>
  resource.group === "apps" || resource.group === "batch";

const immutable = (field: string, value: unknown): Cause => ({
  field,
  message: `Invalid value: ${JSON.stringify(value)}: field is immutable`,
});

/** The JSON type name Go's encoding/json puts in its UnmarshalTypeError. */
const goJsonType = (v: unknown) =>
  Array.isArray(v) ? "array" : typeof v === "boolean" ? "bool" : typeof v;

/** Runs an update against the store and returns what was (or, with dryRun, would be) stored. */
export function updateObject(store: ObjectStore, req: UpdateRequest): KubeObject {
  const { resource, namespace, name } = req;
  const current =
    resource.namespaced && namespace === undefined
      ? undefined
      : store.get(resource.storage, namespace, name);
  if (!current) throw notFoundError(resource, name);
  const next = req.next(structuredClone(current));
  if (typeof next.metadata !== "object" || next.metadata === null)
    next.metadata = {} as KubeObject["metadata"];
  for (const field of ["spec", "status"] as const) {
    const v = next[field];
    if (v !== undefined && (typeof v !== "object" || v === null || Array.isArray(v)))
      throw badRequest(
        `json: cannot unmarshal ${goJsonType(v)} into Go struct field ${resource.kind}.${field} of type v1.${resource.kind}${field === "spec" ? "Spec" : "Status"}`,
      );
  }
  const meta = next.metadata;
  const rv = meta.resourceVersion;
  if (rv !== undefined && rv !== "" && rv !== current.metadata.resourceVersion)
    throw conflictError(resource, name);
  if (resource.namespaced) {
    if (meta.namespace && meta.namespace !== namespace)
      throw badRequest(
        "the namespace of the provided object does not match the namespace sent on the request",
      );
    meta.namespace = namespace;
  } else delete meta.namespace;
  const causes: Cause[] = [];
  if (meta.name !== name) causes.push(immutable("metadata.name", meta.name ?? ""));
  if (meta.uid && meta.uid !== current.metadata.uid)
    causes.push(immutable("metadata.uid", meta.uid));
  for (const map of ["labels", "annotations"] as const) {
    const v = meta[map] as unknown;
    if (
      v != null &&
      (typeof v !== "object" ||
        Array.isArray(v) ||
        Object.values(v).some((x) => typeof x !== "string"))
    ) {
      causes.push({ field: `metadata.${map}`, message: "Invalid value: must be a map of strings" });
      delete meta[map];
    }
  }
  // What the caller may not change comes back from the stored object (rest.BeforeUpdate).
  const system = current.metadata;
  meta.uid = system.uid;
  meta.creationTimestamp = system.creationTimestamp;
  if (system.deletionTimestamp) meta.deletionTimestamp = system.deletionTimestamp;
  else delete meta.deletionTimestamp;
  if (system.deletionGracePeriodSeconds != null)
    meta.deletionGracePeriodSeconds = system.deletionGracePeriodSeconds;
  else delete meta.deletionGracePeriodSeconds;
  if (system.generation !== undefined) meta.generation = system.generation;
  else delete meta.generation;
  delete (meta as Record<string, unknown>).managedFields;
  if (req.subresource === "status") {
    // ResetObjectMetaForStatus and the status strategies: only status is taken.
    next.metadata = { ...structuredClone(system), resourceVersion: meta.resourceVersion };
    for (const key of Object.keys(next))
      if (key !== "metadata" && key !== "status" && key !== "apiVersion" && key !== "kind")
        delete next[key];
    for (const key of Object.keys(current))
      if (key !== "metadata" && key !== "status") next[key] = structuredClone(current[key]);
  } else {
    const strategy = UPDATE_STRATEGIES[resource.storage];
    strategy?.prepareForUpdate?.(current, next);
    causes.push(...(strategy?.validateUpdate?.(current, next) ?? []));
    if (resource.subresources.includes("status")) {
      if (current.status === undefined) delete next.status;
      else next.status = structuredClone(current.status);
    }
    if (hasGeneration(resource) && next.spec !== undefined)
      meta.generation = (system.generation ?? 1) + (sameJson(current.spec, next.spec) ? 0 : 1);
  }
  if (causes.length) throw invalid(resource.kind, name, causes, resource.group);
  // Stored as the store has it (the wire's apiVersion and kind are the route's business).
  for (const key of ["apiVersion", "kind"] as const)
    if (current[key] === undefined) delete next[key];
    else next[key] = current[key];
  next.metadata.resourceVersion = current.metadata.resourceVersion;
  if (sameJson(current, next)) return current;
  if (req.dryRun) return next;
  return store.replace(resource.storage, next) ?? next;
}
