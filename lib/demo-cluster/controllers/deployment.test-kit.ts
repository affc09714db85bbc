// Helpers for the Deployment controller's tests: a Deployment manifest, edits as an update would
// make them (defaults, generation), and short reads of its ReplicaSets, pods and events.
import type { CoreEvent } from "../../k8s/types";
import { RESOURCES } from "../api-server/resources";
import { updateObject } from "../api-server/update";
import type { KubeObject } from "../api-server/store";
import type { Kit } from "../cluster.test-kit";
import { isActive } from "./workload-controllers";
import {
  type DeploymentSpec,
  type DeploymentStatus,
  replicasOf,
  revisionOf,
} from "./deployment-util";

export function deployment(
  name: string,
  spec: Partial<DeploymentSpec> & Record<string, unknown> = {},
  image = "nginx:1.27",
): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "dev" },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: "web", image }] },
      },
      ...spec,
    },
  };
}

const DEPLOYMENTS = RESOURCES.find((r) => r.plural === "deployments")!;

/** Changes a Deployment through the API server's update path (as a PUT: defaults, validation, generation). */
export function edit(kit: Kit, name: string, change: (spec: DeploymentSpec) => void): void {
  updateObject(kit.cluster.store, {
    resource: DEPLOYMENTS,
    namespace: "dev",
    name,
    dryRun: false,
    next: (o) => {
      change(o.spec as DeploymentSpec);
      return o;
    },
  });
}

export const setImage = (kit: Kit, name: string, image: string) =>
  edit(kit, name, (s) => void (s.template.spec!.containers![0].image = image));

export function get(kit: Kit, name: string): KubeObject & { status: DeploymentStatus } {
  return kit.cluster.store.get("deployments", "dev", name) as KubeObject & {
    status: DeploymentStatus;
  };
}

/** The Deployment's ReplicaSets, oldest revision first. */
export function replicaSets(kit: Kit, name: string): KubeObject[] {
  const uid = get(kit, name)?.metadata.uid;
  return kit.cluster.store
    .list("replicasets", "dev")
    .filter((rs) => rs.metadata.ownerReferences?.some((r) => r.uid === uid))
    .sort((a, b) => revisionOf(a) - revisionOf(b));
}

/** "name:spec/ready" per ReplicaSet, oldest revision first: the shape of a rollout at a glance. */
export function sizes(kit: Kit, name: string): string[] {
  return replicaSets(kit, name).map(
    (rs) =>
      `${rs.metadata.name}:${replicasOf(rs)}/${(rs.status as { readyReplicas?: number }).readyReplicas ?? 0}`,
  );
}

export function pods(kit: Kit, rs: KubeObject): KubeObject[] {
  return kit.cluster.store
    .list("pods", "dev")
    .filter((p) => isActive(p) && p.metadata.ownerReferences?.[0]?.uid === rs.metadata.uid);
}

/** "Reason: message" of the events about an object, oldest first. */
export function events(kit: Kit, name: string, kind = "Deployment"): string[] {
  return (kit.cluster.store.list("events", "dev") as unknown as CoreEvent[])
    .filter((e) => e.involvedObject?.name === name && e.involvedObject?.kind === kind)
    .sort((a, b) => ((a.metadata?.name ?? "") < (b.metadata?.name ?? "") ? -1 : 1))
    .map((e) => `${e.reason}: ${e.message}`);
}

/** Type, status, reason and message of each condition, in order; times apart. */
export function conditions(kit: Kit, name: string): string[] {
  return (get(kit, name).status.conditions ?? []).map(
    (c) => `${c.type}=${c.status} ${c.reason}: ${c.message}`,
  );
}

export function condition(kit: Kit, name: string, type: string) {
  return get(kit, name).status.conditions?.find((c) => c.type === type);
}
