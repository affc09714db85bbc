import { describe, expect, it } from "vitest";
import type { Observation } from "../kube/reflector";
import { NodeFacts, nodeReadinessOf } from "./node-facts";

const node = (name: string, ready: string, taints: string[] = [], at = "2026-11-20T09:03:50Z") => ({
  apiVersion: "v1",
  kind: "Node",
  metadata: { name, uid: `uid-${name}` },
  spec: { taints: taints.map((key) => ({ key, effect: "NoExecute", timeAdded: at })) },
  status: {
    conditions: [
      { type: "MemoryPressure", status: "False" },
      {
        type: "Ready",
        status: ready,
        reason: "NodeStatusUnknown",
        lastTransitionTime: at,
        lastHeartbeatTime: at,
      },
    ],
  },
});
const obs = (object: object, type: Observation["type"] = "MODIFIED"): Observation => ({
  kind: "Node",
  type,
  object: object as Observation["object"],
  observedAt: 0,
});

describe("node facts", () => {
  it("read Ready, since when and the node controller's taints; never throw on a partial node", () => {
    expect(nodeReadinessOf(node("n1", "Unknown", ["node.kubernetes.io/unreachable"]))).toEqual({
      ready: "Unknown",
      since: Date.parse("2026-11-20T09:03:50Z"),
      unreachable: true,
      notReady: false,
    });
    expect(nodeReadinessOf({} as never)).toEqual({
      ready: "",
      since: null,
      unreachable: false,
      notReady: false,
    });
    expect(
      nodeReadinessOf({ status: { conditions: [null] }, spec: { taints: [null] } } as never),
    ).toEqual({ ready: "", since: null, unreachable: false, notReady: false });
  });
  it("tell when a node's state changed (heartbeats alone are no change), and which nodes are not Ready", () => {
    const f = new NodeFacts();
    expect(f.observe(obs(node("n1", "True"), "ADDED"))).toBe("n1");
    expect(f.observe(obs(node("n1", "True")))).toBeNull();
    expect(f.troubled("n1")).toBeNull();
    expect(f.observe(obs(node("n1", "Unknown", ["node.kubernetes.io/unreachable"])))).toBe("n1");
    expect(f.troubled("n1")).toMatchObject({ ready: "Unknown", unreachable: true });
    expect(f.notReady()).toEqual(["n1"]);
    expect(f.observe(obs(node("n1", "Unknown"), "DELETED"))).toBe("n1");
    expect([f.notReady(), f.size]).toEqual([[], 0]);
    expect(f.observe({ kind: "Pod", type: "ADDED", object: {}, observedAt: 0 })).toBeNull();
  });
});
