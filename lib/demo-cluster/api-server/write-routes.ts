// PUT and PATCH on an object and on its `/status`, and the `/scale` subresource (GET, PUT, PATCH
// of an autoscaling/v1 Scale), as kube-apiserver's handlers (endpoints/handlers update.go,
// patch.go) and the scale REST storages (pkg/registry/apps/*/storage ScaleREST) answer them.
import type { IncomingMessage, ServerResponse } from "node:http";
import { badRequest, invalid } from "./api-error";
import type { Registry } from "./api-server";
import { applyPatch, patchTypeOf } from "./patch";
import { PATCH_SCHEMAS } from "./patch-meta";
import {
  fromWire,
  methodNotAllowed,
  parseBody,
  readBody,
  readBodyBytes,
  send,
  wire,
  type Route,
} from "./request";
import type { KubeObject, ObjectStore } from "./store";
import { notFoundError } from "./update";

export interface WriteDeps {
  registry: Registry;
  store: ObjectStore;
}

/** Serves PUT/PATCH on an object or its /status, and every verb on a subresource other than `log`. */
export async function serveWrite(
  req: IncomingMessage,
  res: ServerResponse,
  route: Route,
  q: URLSearchParams,
  deps: WriteDeps,
): Promise<void> {
  const { resource, namespace, subresource } = route;
  const name = route.name!;
  const dryRun = q.get("dryRun") === "All";
  if (subresource === "scale") return serveScale(req, res, route, dryRun, deps);
  const status = subresource === "status" ? ("status" as const) : undefined;
  if (subresource && !status) throw methodNotAllowed();
  if (req.method === "GET" && status) {
    const object = deps.store.get(resource.storage, namespace, name);
    if (!object || (resource.namespaced && namespace === undefined))
      throw notFoundError(resource, name);
    return send(res, 200, wire(resource, object));
  }
  let next: (current: KubeObject) => KubeObject;
  if (req.method === "PUT") {
    const body = await parseBody(await readBodyBytes(req), req.headers["content-type"], resource);
    const object = fromWire(resource, body);
    checkName(object.metadata, name, namespace);
    next = () => object;
  } else if (req.method === "PATCH") {
    const type = patchTypeOf(req.headers["content-type"]);
    const body = await readBody(req);
    const schema = PATCH_SCHEMAS[resource.storage];
    next = (current) => fromWire(resource, applyPatch(type, wire(resource, current), body, schema));
  } else throw methodNotAllowed();
  const updated = deps.registry.update({
    resource,
    namespace,
    name,
    subresource: status,
    next,
    dryRun,
  });
  send(res, 200, wire(resource, updated));
}

/** update.go checkName: a PUT's object must carry the URL's name (and namespace, when it has one). */
function checkName(
  meta: { name?: string; namespace?: string },
  name: string,
  namespace: string | undefined,
): void {
  if ((meta.name ?? "") !== name)
    throw badRequest(
      `the name of the object (${meta.name ?? ""}) does not match the name on the URL (${name})`,
    );
  if (namespace && meta.namespace && meta.namespace !== namespace)
    throw badRequest(
      `the namespace of the object (${meta.namespace}) does not match the namespace on the request (${namespace})`,
    );
}

type LabelSelector = {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
};

/** labels.Selector.String() of a LabelSelector (metav1.LabelSelectorAsSelector): requirements sorted by key. */
export function selectorString(sel: LabelSelector | undefined): string {
  const parts: [string, string][] = [];
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) parts.push([k, `${k}=${v}`]);
  for (const e of sel?.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(",");
    const text =
      e.operator === "In"
        ? `${e.key} in (${values})`
        : e.operator === "NotIn"
          ? `${e.key} notin (${values})`
          : e.operator === "Exists"
            ? e.key
            : `!${e.key}`;
    parts.push([e.key, text]);
  }
  return parts
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map((p) => p[1])
    .join(",");
}

/** scaleFromDeployment / scaleFromReplicaSet / scaleFromStatefulSet. */
export function toScale(object: KubeObject): Record<string, unknown> {
  const { name, namespace, uid, resourceVersion, creationTimestamp } = object.metadata;
  const spec = (object.spec ?? {}) as { replicas?: number; selector?: LabelSelector };
  const status = (object.status ?? {}) as { replicas?: number };
  const replicas = spec.replicas ?? 1;
  const selector = selectorString(spec.selector);
  return {
    kind: "Scale",
    apiVersion: "autoscaling/v1",
    metadata: { name, namespace, uid, resourceVersion, creationTimestamp },
    // ScaleSpec.replicas is omitempty; ScaleStatus.replicas is not.
    spec: replicas ? { replicas } : {},
    status: { replicas: status.replicas ?? 0, ...(selector ? { selector } : {}) },
  };
}

const SCALE = { apiVersion: "autoscaling/v1", kind: "Scale" };

async function serveScale(
  req: IncomingMessage,
  res: ServerResponse,
  route: Route,
  dryRun: boolean,
  deps: WriteDeps,
): Promise<void> {
  const { resource, namespace } = route;
  const name = route.name!;
  const current = () => {
    const object =
      resource.namespaced && namespace === undefined
        ? undefined
        : deps.store.get(resource.storage, namespace, name);
    if (!object) throw notFoundError(resource, name);
    return object;
  };
  let scale: Record<string, unknown>;
  if (req.method === "GET") return send(res, 200, toScale(current()));
  if (req.method === "PUT")
    scale = await parseBody(await readBodyBytes(req), req.headers["content-type"], SCALE);
  else if (req.method === "PATCH") {
    const type = patchTypeOf(req.headers["content-type"]);
    scale = applyPatch(type, toScale(current()), await readBody(req), undefined);
  } else throw methodNotAllowed();
  const updated = deps.registry.update({
    resource,
    namespace,
    name,
    dryRun,
    next: (object) => applyScale(object, scale, name),
  });
  send(res, 200, toScale(updated));
}

/** ScaleREST.Update: the Scale's checks (ValidateScale), then its replicas (and resourceVersion precondition) on the object. */
function applyScale(object: KubeObject, scale: Record<string, unknown>, name: string): KubeObject {
  if (scale.apiVersion !== undefined && scale.apiVersion !== "autoscaling/v1")
    throw badRequest(
      `the API version in the data (${String(scale.apiVersion)}) does not match the expected API version (autoscaling/v1)`,
    );
  if (scale.kind !== undefined && scale.kind !== "Scale")
    throw badRequest(
      `the kind in the data (${String(scale.kind)}) does not match the expected kind (Scale)`,
    );
  const meta = (scale.metadata ?? {}) as { name?: string; resourceVersion?: string };
  if (meta.name !== undefined && meta.name !== name)
    throw badRequest(
      `the name of the object (${meta.name}) does not match the name on the URL (${name})`,
    );
  const replicas = ((scale.spec ?? {}) as { replicas?: unknown }).replicas ?? 0;
  if (typeof replicas !== "number" || !Number.isInteger(replicas))
    throw badRequest(`spec.replicas must be a whole number, not ${JSON.stringify(replicas)}`);
  if (replicas < 0)
    throw invalid(
      "Scale",
      name,
      [
        {
          field: "spec.replicas",
          message: `Invalid value: ${replicas}: must be greater than or equal to 0`,
        },
      ],
      "autoscaling",
    );
  if (meta.resourceVersion) object.metadata.resourceVersion = meta.resourceVersion;
  const spec = (object.spec ??= {}) as { replicas?: number };
  spec.replicas = replicas;
  return object;
}
