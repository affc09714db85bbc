// Validates rendered objects against the Kubernetes OpenAPI schemas, with the kubernetes-models
// packages (their generated validators; prometheus-operator's CRDs for the ServiceMonitor). A kind
// not listed here is an error, so a new kind in the manifests needs its model added.
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
}
