// node-4, the node-lost story's own node: tainted so that only that story's pods (which tolerate
// the taint, and my-nginx prefers the node) go there, so that losing it ends no other story.
import type { NodeSpec } from "../nodes";

const TAINT = "lifeline.dev/story";

export const NODE_4: NodeSpec = {
  name: "node-4",
  labels: { "topology.kubernetes.io/zone": "zone-d" },
  taints: [{ key: TAINT, value: "node-lost", effect: "NoSchedule" }],
};

/** The toleration the story's pods carry. */
export const STORY_NODE = {
  key: TAINT,
  operator: "Equal",
  value: "node-lost",
  effect: "NoSchedule",
};

/** node-4 if it can: once it is lost, replacements go to the other nodes. */
export const PREFER_NODE_4 = {
  nodeAffinity: {
    preferredDuringSchedulingIgnoredDuringExecution: [
      {
        weight: 100,
        preference: {
          matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: ["node-4"] }],
        },
      },
    ],
  },
};
