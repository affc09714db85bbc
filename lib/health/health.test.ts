import { describe, expect, it } from "vitest";
import type { PodRow, StatusChange } from "../rows/pod-row";
import { healthCounts, podHealth, type NodeReadiness } from ".";

const T = Date.parse("2026-11-20T09:00:00Z");
const now = T + 30 * 60_000;
const row = (over: Partial<PodRow> = {}): PodRow => ({
  uid: "u",
  namespace: "dev",
  name: "p",
  node: "node-1",
  phase: "Running",
  status: "Running",
  ready: "1/1",
  restarts: "0",
  restartCount: 0,
  lastRestartAt: null,
  age: "30m",
  labels: {},
  createdAt: T,
  deletedAt: null,
  podReady: true,
  recent: [],
  ...over,
});
const change = (
  atMin: number,
  status: string,
  restarts: number,
  phase = "Running",
): StatusChange => ({
  status,
  start: now - atMin * 60_000,
  phase,
  ready: status === "Running",
  restarts,
});
const ready = (atMin: number, isReady: boolean): StatusChange => ({
  status: "Running",
  start: now - atMin * 60_000,
  phase: "Running",
  ready: isReady,
  restarts: 0,
});
const lost: NodeReadiness = {
  ready: "Unknown",
  since: now - 4 * 60_000,
  unreachable: true,
  notReady: false,
};
const notReady: NodeReadiness = {
  ready: "False",
  since: now - 90_000,
  unreachable: false,
  notReady: true,
};
// A crash loop seen by the lane: Running, Error, CrashLoopBackOff, Running again (restart 3 → 4).
const crashLoop = [
  change(8, "Running", 3),
  change(6, "Error", 3),
  change(5.5, "CrashLoopBackOff", 3),
  change(3, "Running", 4),
];

describe("podHealth", () => {
  describe.each([
    // [what, row, level, reason key, vars it names]
    ["a Running, ready pod", row(), "ok", null, {}],
    [
      "a Completed pod",
      row({ status: "Completed", phase: "Succeeded", podReady: false }),
      "ok",
      null,
      {},
    ],
    [
      "a deleted pod",
      row({ status: "Deleted", deletedAt: now - 1000, podReady: false }),
      "ok",
      null,
      {},
    ],
    [
      "CrashLoopBackOff",
      row({ status: "CrashLoopBackOff", podReady: false }),
      "failing",
      "problem.failing",
      { status: "CrashLoopBackOff" },
    ],
    [
      "Init:CrashLoopBackOff",
      row({ status: "Init:CrashLoopBackOff", phase: "Pending", podReady: false }),
      "failing",
      "problem.failing",
      { status: "Init:CrashLoopBackOff" },
    ],
    [
      "Unknown (NodeLost)",
      row({ status: "Unknown", podReady: false }),
      "failing",
      "problem.failing",
      { status: "Unknown" },
    ],
    [
      "crash-looping, during its running seconds",
      row({
        status: "Running",
        restartCount: 4,
        lastRestartAt: now - 3 * 60_000,
        recent: crashLoop,
      }),
      "failing",
      "health.crashLooping",
      { n: 4 },
    ],
    [
      "two restarts within 10 minutes, no back-off seen",
      row({
        restartCount: 2,
        lastRestartAt: now - 60_000,
        recent: [change(9, "Running", 0), change(5, "Running", 1), change(1, "Running", 2)],
      }),
      "failing",
      "health.crashLooping",
      { n: 2 },
    ],
    [
      "a back-off long over (out of the loop)",
      row({
        restartCount: 4,
        lastRestartAt: now - 20 * 60_000,
        recent: [change(25, "CrashLoopBackOff", 3), change(20, "Running", 4)],
      }),
      "warning",
      "problem.restarted",
      {},
    ],
    [
      "one restart a minute ago",
      row({ restartCount: 1, lastRestartAt: now - 60_000 }),
      "warning",
      "problem.restarted",
      { d: "1m 00s" },
    ],
    [
      "Unschedulable, a minute old",
      row({
        status: "Pending",
        phase: "Pending",
        node: null,
        podReady: false,
        createdAt: now - 60_000,
        unschedulable: "0/3 nodes are available: 3 Insufficient cpu.",
      }),
      "failing",
      "health.unschedulable",
      { message: "0/3 nodes are available: 3 Insufficient cpu." },
    ],
    [
      "Unschedulable with no message",
      row({
        status: "Pending",
        phase: "Pending",
        node: null,
        podReady: false,
        createdAt: now - 60_000,
        unschedulable: "",
      }),
      "failing",
      "health.unschedulableBare",
      {},
    ],
    [
      "Pending a minute, not unschedulable",
      row({
        status: "ContainerCreating",
        phase: "Pending",
        podReady: false,
        createdAt: now - 60_000,
      }),
      "ok",
      null,
      {},
    ],
    [
      "Pending six minutes",
      row({
        status: "ContainerCreating",
        phase: "Pending",
        podReady: false,
        createdAt: now - 6 * 60_000,
      }),
      "warning",
      "problem.pending",
      { d: "6m 00s" },
    ],
    ["Running, not ready", row({ podReady: false }), "warning", "problem.notReady", {}],
    [
      "ready now, its readiness lost twice in the last 10 minutes (a flapping readiness probe)",
      row({
        recent: [ready(9, true), ready(7, false), ready(6, true), ready(3, false), ready(2, true)],
      }),
      "warning",
      "health.readinessFlapping",
      { n: 2, d: "3m 00s" },
    ],
    [
      // The rule is for pods Ready now (docs/health.md): a pod that has since completed is not flapping.
      "Completed, not ready, its readiness lost while Running 3 minutes ago",
      row({
        status: "Completed",
        phase: "Succeeded",
        podReady: false,
        recent: [
          ready(9, true),
          ready(3, false),
          { ...ready(2, false), status: "Completed", phase: "Succeeded" },
        ],
      }),
      "ok",
      null,
      {},
    ],
    [
      "ready since its readiness was lost 20 minutes ago",
      row({ recent: [ready(30, true), ready(20, false), ready(19, true)] }),
      "ok",
      null,
      {},
    ],
    [
      "on a node whose Ready is Unknown",
      row({ nodeState: lost }),
      "warning",
      "health.nodeNotReady",
      { node: "node-1", state: "Unknown", d: "4m 00s" },
    ],
    [
      "on a NotReady node, itself not ready",
      row({ podReady: false, nodeState: notReady }),
      "warning",
      "health.nodeNotReady",
      { node: "node-1", state: "NotReady", d: "1m 30s" },
    ],
    [
      "on a node whose Ready is False, time unknown",
      row({ nodeState: { ...notReady, since: null } }),
      "warning",
      "health.nodeNotReadyNoTime",
      { node: "node-1", state: "NotReady" },
    ],
    [
      "Terminating within its grace period on a lost node",
      row({ status: "Terminating", deletion: { at: now + 10_000, grace: 30 }, nodeState: lost }),
      "warning",
      "health.nodeNotReady",
      { node: "node-1" },
    ],
    [
      "Terminating past its grace period on a lost node",
      row({
        status: "Terminating",
        podReady: false,
        deletion: { at: now - 120_000, grace: 30 },
        nodeState: lost,
      }),
      "failing",
      "health.stuckOnLostNode",
      { node: "node-1", d: "2m 00s" },
    ],
    [
      "Terminating past its grace period on an unreachable-tainted node",
      row({
        status: "Terminating",
        deletion: { at: now - 1000, grace: 30 },
        nodeState: { ready: "True", since: null, unreachable: true, notReady: false },
      }),
      "failing",
      "health.stuckOnLostNode",
      { node: "node-1" },
    ],
    [
      "Terminating past its grace period on a Ready node",
      row({ status: "Terminating", deletion: { at: now - 60_000, grace: 30 } }),
      "warning",
      "health.terminatingLong",
      { d: "1m 00s" },
    ],
    [
      "Terminating within its grace period",
      row({ status: "Terminating", deletion: { at: now + 10_000, grace: 30 } }),
      "ok",
      null,
      {},
    ],
  ] as const)("%s", (_what, r, level, key, vars) => {
    it(`is ${level}${key ? ` (${key})` : ""}`, () => {
      const h = podHealth(r, now);
      expect(h.level).toBe(level);
      expect(h.reason?.key ?? null).toBe(key);
      if (key) expect(h.reason!.vars).toMatchObject(vars);
    });
  });

  it("takes the node's state passed beside the row over the row's own", () => {
    expect(podHealth(row(), now, lost).level).toBe("warning");
    expect(podHealth(row({ nodeState: lost }), now, null).level).toBe("ok");
  });

  it("never throws on partial rows (an old snapshot's, a malformed pod's)", () => {
    for (const r of [
      {},
      { status: 3 },
      { recent: [null, { start: "x" }] },
      { deletion: {} },
      { nodeState: {} },
      null,
    ] as unknown as PodRow[]) {
      expect(() => podHealth(r, now)).not.toThrow();
    }
  });
});

describe("healthCounts", () => {
  it("counts levels and names the nodes not Ready under the rows", () => {
    const rows = [
      row(),
      row({ status: "CrashLoopBackOff" }),
      row({ nodeState: lost }),
      row({ node: "node-2", nodeState: notReady }),
      row({ node: "node-2", nodeState: notReady }),
    ];
    expect(healthCounts(rows, now)).toEqual({
      failing: 1,
      warning: 3,
      ok: 1,
      nodesNotReady: ["node-1", "node-2"],
    });
  });
});
