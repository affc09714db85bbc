// Finished workloads for bench/workloads-built.ts: one Deployment of R replicas is built by the demo
// cluster's own Deployment and ReplicaSet controllers, scheduler and kubelet on a manual clock (so
// every field is what they write: status counts and conditions, revision and desired-replicas
// annotations, pod-template-hash, ownerReferences, Running pods' conditions and container
// statuses), then copied D times with its own names, uids, pod-template-hash, node and IPs, and
// created straight in a store whose controllers do not run: no round of reconciling 20,000 pods.
import { randomUUID } from "node:crypto";
import { parseTime } from "../lib/k8s/time";
import { ManualClock } from "../lib/demo-cluster/clock";
import { DemoCluster } from "../lib/demo-cluster/cluster";
import { nodeObject } from "../lib/demo-cluster/nodes";
import type { KubeObject, ObjectStore } from "../lib/demo-cluster/api-server/store";
import { HASH_LABEL, podTemplateHash } from "../lib/demo-cluster/controllers/deployment-util";

export const NAMESPACE = "bench";
const SEED = "wlseed";
const PODS_PER_NODE = 100;

interface Seed {
  deployment: KubeObject;
  replicaSet: KubeObject;
  pods: KubeObject[];
}

const templateOf = (d: KubeObject) =>
  (d.spec as { template: Parameters<typeof podTemplateHash>[0] }).template;

export function deployment(name: string, replicas: number): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: NAMESPACE },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            {
              name: "web",
              image: "nginx:1.27",
              env: [{ name: "MODE", value: "bench" }],
              resources: { requests: { cpu: "10m", memory: "16Mi" } },
            },
          ],
        },
      },
    },
  };
}

/** One Deployment of `replicas` pods as the demo cluster's controllers and kubelet finish it, at `start` + up to 5 min. */
export function seed(replicas: number, start: number): Seed {
  const clock = new ManualClock(start);
  const demo = DemoCluster.inProcess({
    scenarios: [],
    clock,
    nodes: [{ name: "seed-node", cpu: "64", memory: "256Gi", pods: 110 }],
  });
  demo.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: NAMESPACE } });
  demo.apply(deployment(SEED, replicas));
  const d = () => demo.store.get("deployments", NAMESPACE, SEED)!;
  for (let s = 0; s < 300; s++) {
    const status = d().status as { availableReplicas?: number; updatedReplicas?: number };
    if (status.availableReplicas === replicas && status.updatedReplicas === replicas) break;
    clock.advance(1000);
  }
  const deploymentObject = structuredClone(d());
  const status = deploymentObject.status as { availableReplicas?: number };
  if (status.availableReplicas !== replicas)
    throw new Error(`the seed Deployment did not become available: ${JSON.stringify(status)}`);
  const [replicaSet, ...others] = demo.store.list("replicasets", NAMESPACE);
  if (!replicaSet || others.length) throw new Error("the seed Deployment has not one ReplicaSet");
  const pods = demo.store.list("pods", NAMESPACE);
  void demo.stop();
  return { deployment: deploymentObject, replicaSet: structuredClone(replicaSet), pods };
}

/** Nodes without kubelets (nothing runs the pods or posts heartbeats), Ready, 100 pods each. */
export function nodes(store: ObjectStore, count: number, now: number): string[] {
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `bench-node-${i + 1}`;
    const node = nodeObject({ name, cpu: "64", memory: "256Gi", pods: 110 }, 1000 + i, hostIP(i));
    (node.status as Record<string, unknown>).conditions = [
      {
        type: "Ready",
        status: "True",
        reason: "KubeletReady",
        message: "kubelet is posting ready status",
        lastHeartbeatTime: new Date(now).toISOString().replace(/\.\d+Z$/, "Z"),
        lastTransitionTime: new Date(now).toISOString().replace(/\.\d+Z$/, "Z"),
      },
    ];
    store.create("nodes", node, now);
    names.push(name);
  }
  return names;
}

const hostIP = (node: number) => `10.1.${Math.floor(node / 250)}.${(node % 250) + 1}`;
const podIP = (i: number) => {
  const node = Math.floor(i / PODS_PER_NODE);
  return `10.${64 + Math.floor(node / 256)}.${node % 256}.${(i % PODS_PER_NODE) + 2}`;
};

/**
 * Creates `count` copies of the seed in `store` (Deployment, ReplicaSet, pods), named app-0 …;
 * each object keeps the seed's creationTimestamp. Pods go 100 to a node, in order.
 */
export function build(store: ObjectStore, s: Seed, count: number): void {
  const seedHash = s.replicaSet.metadata.labels?.[HASH_LABEL];
  // The hash is of the template as stored (with the API server's defaults), as the controller takes it.
  const template = JSON.stringify(templateOf(s.deployment));
  const hashOf = (name: string) => podTemplateHash(JSON.parse(template.split(SEED).join(name)));
  if (!seedHash || hashOf(SEED) !== seedHash)
    throw new Error("the seed's pod-template-hash is not the one podTemplateHash gives");
  const text = JSON.stringify([s.deployment, s.replicaSet, ...s.pods]);
  const uids = [s.deployment, s.replicaSet, ...s.pods].map((o) => o.metadata.uid!);
  const nodeNames = nodes(store, Math.ceil((count * s.pods.length) / PODS_PER_NODE), Date.now());
  let pod = 0;
  for (let i = 0; i < count; i++) {
    const name = `app-${i}`;
    const hash = hashOf(name);
    let t = text.split(SEED).join(name).split(seedHash).join(hash);
    for (const uid of uids) t = t.split(uid).join(randomUUID());
    const [d, rs, ...pods] = JSON.parse(t) as KubeObject[];
    for (const [resource, o] of [
      ["deployments", d],
      ["replicasets", rs],
    ] as const)
      store.create(resource, o, parseTime(o.metadata.creationTimestamp)!);
    for (const p of pods) {
      const node = Math.floor(pod / PODS_PER_NODE);
      (p.spec as { nodeName: string }).nodeName = nodeNames[node];
      const status = p.status as Record<string, unknown>;
      status.hostIP = hostIP(node);
      status.hostIPs = [{ ip: hostIP(node) }];
      status.podIP = podIP(pod);
      status.podIPs = [{ ip: podIP(pod) }];
      // A container's id is the runtime's, one per container run: unique across the copies.
      for (const c of (status.containerStatuses ?? []) as { containerID?: string }[])
        c.containerID = `containerd://${pod.toString(16).padStart(16, "0").repeat(4)}`;
      store.create("pods", p, parseTime(p.metadata.creationTimestamp)!);
      pod++;
    }
  }
}
