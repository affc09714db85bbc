// The workload kiosk's "nodes not Ready" from GET /api/nodes rows: the pod kiosk's rule (Ready not
// True, or the node controller's unreachable / not-ready taint still on), only nodes running pods
// of the wall's namespaces, and never a throw on a partial row.
import { describe, expect, it } from "vitest";
import { nodesNotReady } from "./kiosk-nodes";

const T0 = Date.parse("2026-11-25T10:00:00Z");
const row = (name: string, over: object = {}) => ({
  name,
  uid: `uid-${name}`,
  createdAt: T0,
  observedFrom: T0,
  deletedAt: null,
  conditions: [],
  taints: [],
  unschedulable: [],
  ready: {
    status: "True",
    reason: "KubeletReady",
    message: "kubelet is posting ready status",
    since: T0,
  },
  warnings: [],
  pods: 3,
  ...over,
});
const taint = (key: string, end: number | null) => ({
  key,
  value: null,
  effect: "NoExecute",
  start: T0,
  end,
});

describe("nodesNotReady", () => {
  it("names the nodes under pods whose Ready is not True or that are tainted so, sorted", () => {
    expect(
      nodesNotReady([
        row("node-2", {
          ready: { status: "Unknown", reason: "NodeStatusUnknown", message: null, since: T0 },
        }),
        row("node-1", {
          ready: { status: "False", reason: "KubeletNotReady", message: null, since: T0 },
        }),
        row("node-3"),
        row("node-4", { taints: [taint("node.kubernetes.io/unreachable", null)] }),
        // A taint since removed: Ready again.
        row("node-5", { taints: [taint("node.kubernetes.io/not-ready", T0 + 1000)] }),
      ]),
    ).toEqual(["node-1", "node-2", "node-4"]);
  });

  it("leaves out nodes running none of the pods, deleted ones, and those Lifeline knows nothing of", () => {
    const down = { ready: { status: "False", reason: null, message: null, since: T0 } };
    expect(
      nodesNotReady([
        row("idle", { ...down, pods: 0 }),
        row("gone", { ...down, deletedAt: T0 }),
        row("unknown", { ready: null }),
      ]),
    ).toEqual([]);
  });

  it("never throws on what is not an answer", () => {
    expect(nodesNotReady(null)).toEqual([]);
    expect(nodesNotReady({ nodes: [] })).toEqual([]);
    expect(
      nodesNotReady([
        null,
        7,
        { name: 3 },
        { name: "x", pods: "2" },
        { name: "y", pods: 1, ready: "False", taints: [null] },
      ]),
    ).toEqual([]);
  });
});
