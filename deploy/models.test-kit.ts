// Validates rendered objects against the Kubernetes OpenAPI schemas, with the kubernetes-models
// packages (their generated validators; prometheus-operator's CRDs for the ServiceMonitor). A kind
// not listed here is an error, so a new kind in the manifests needs its model added.
// Those validators let unknown fields through (a misspelt `readOnlyRootFileSystem` would pass and
// the API server would drop or refuse it), so built-in kinds are also walked along the field lists
// of @kubernetes/client-node's models, generated from the same OpenAPI, and a field not in them is an error.
import * as k8s from "@kubernetes/client-node";
import { StatefulSet } from "kubernetes-models/apps/v1";
import { Namespace, Service, ServiceAccount } from "kubernetes-models/v1";
import { Ingress, NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import {
  ClusterRole,
  ClusterRoleBinding,
  Role,
  RoleBinding,
} from "kubernetes-models/rbac.authorization.k8s.io/v1";
import { ServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1";
import type { K8sObject } from "./render.test-kit";

interface Validating {
  validate(): void;
}
type ModelClass = new (data: never) => Validating;

interface Attribute {
  baseName: string;
  type: string;
}
type Generated = { getAttributeTypeMap?: () => Attribute[] };

/** The paths of the fields in `value` that its type (client-node's name for it) does not have. */
export function unknownFields(value: unknown, type: string, path: string): string[] {
  if (value === null || typeof value !== "object") return [];
  const array = /^Array<(.+)>$/.exec(type);
  if (array)
    return Array.isArray(value)
      ? value.flatMap((v, i) => unknownFields(v, array[1], `${path}[${i}]`))
      : [];
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map)
    return Object.entries(value).flatMap(([k, v]) => unknownFields(v, map[1], `${path}.${k}`));
  const attributes = (k8s as unknown as Record<string, Generated | undefined>)[
    type
  ]?.getAttributeTypeMap?.();
  if (!attributes) return []; // a string, number, IntOrString, any …
  return Object.entries(value).flatMap(([k, v]) => {
    const a = attributes.find((x) => x.baseName === k);
    return a ? unknownFields(v, a.type, `${path}.${k}`) : [`${path}.${k}`];
  });
}

/** Custom resources: no client-node model, so only the schema check. */
const CUSTOM = new Set(["monitoring.coreos.com/v1/ServiceMonitor"]);

const MODELS: Record<string, ModelClass> = {
  "v1/Namespace": Namespace,
  "v1/ServiceAccount": ServiceAccount,
  "v1/Service": Service,
  "apps/v1/StatefulSet": StatefulSet,
  "rbac.authorization.k8s.io/v1/ClusterRole": ClusterRole,
  "rbac.authorization.k8s.io/v1/ClusterRoleBinding": ClusterRoleBinding,
  "rbac.authorization.k8s.io/v1/Role": Role,
  "rbac.authorization.k8s.io/v1/RoleBinding": RoleBinding,
  "networking.k8s.io/v1/NetworkPolicy": NetworkPolicy,
  "networking.k8s.io/v1/Ingress": Ingress,
  "monitoring.coreos.com/v1/ServiceMonitor": ServiceMonitor,
};

/** Throws when the object does not match its kind's schema, or its kind is not one we know. */
export function validateObject(o: K8sObject): void {
  const Model = MODELS[`${o.apiVersion}/${o.kind}`];
  if (!Model)
    throw new Error(
      `${o.apiVersion} ${o.kind} "${o.metadata?.name}" has no model to validate it against: add one in deploy/models.test-kit.ts`,
    );
  new Model(o as never).validate();
  if (CUSTOM.has(`${o.apiVersion}/${o.kind}`)) return;
  const unknown = unknownFields(o, `V1${o.kind}`, o.kind);
  if (unknown.length)
    throw new Error(
      `fields the ${o.apiVersion} ${o.kind} schema does not have: ${unknown.join(", ")}`,
    );
}
