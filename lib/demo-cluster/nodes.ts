// The demo cluster's nodes as objects: what a node is given (NodeSpec), the three default ones,
// and the Node object its kubelet registers (capacity, addresses, node info).
import type { CrashLoopBackOffConfig } from "./kubelet/backoff";
import type { KubeObject } from "./api-server/store";

export interface NodeSpec {
  name: string;
  cpu?: string;
  memory?: string;
  pods?: number;
  labels?: Record<string, string>;
  /** Taints the node registers with (a node kept for one story: scenarios/catalogue.ts). */
  taints?: {
    key: string;
    value?: string;
    effect: "NoSchedule" | "PreferNoSchedule" | "NoExecute";
  }[];
  /** The kubelet's CrashLoopBackOff settings on this node (default 10 s → 300 s). */
  crashLoopBackOff?: CrashLoopBackOffConfig;
}

export const DEFAULT_NODES: NodeSpec[] = [
  { name: "node-1", labels: { "topology.kubernetes.io/zone": "zone-a" } },
  { name: "node-2", labels: { "topology.kubernetes.io/zone": "zone-b" } },
  { name: "node-3", labels: { "topology.kubernetes.io/zone": "zone-c" } },
];

/** The Node object for `spec`, the `index`-th node of the cluster, at `ip`. */
export function nodeObject(spec: NodeSpec, index: number, ip: string): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: spec.name,
      labels: {
        "kubernetes.io/hostname": spec.name,
        "kubernetes.io/os": "linux",
        "kubernetes.io/arch": "amd64",
        ...(spec.labels ?? {}),
      },
    },
    spec: {
      podCIDR: `10.244.${index}.0/24`,
      ...(spec.taints?.length ? { taints: structuredClone(spec.taints) } : {}),
    },
    status: {
      capacity: {
        cpu: spec.cpu ?? "4",
        memory: spec.memory ?? "8Gi",
        pods: String(spec.pods ?? 110),
      },
      allocatable: {
        cpu: spec.cpu ?? "4",
        memory: spec.memory ?? "8Gi",
        pods: String(spec.pods ?? 110),
      },
      addresses: [
        { type: "InternalIP", address: ip },
        { type: "Hostname", address: spec.name },
      ],
      nodeInfo: {
        kubeletVersion: "v1.34.0",
        containerRuntimeVersion: "containerd://2.1.0",
        osImage: "Lifeline demo node",
        kernelVersion: "6.12.0",
        operatingSystem: "linux",
        architecture: "amd64",
      },
    },
  };
}
