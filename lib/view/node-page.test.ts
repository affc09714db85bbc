import { describe, expect, it } from "vitest";
import type { Node } from "../k8s/types";
import { buildNodeTimeline } from "../nodes/node-timeline";
import { nodeState } from "../nodes/node-state";
import type { PodRow } from "../rows/pod-row";
import { nodePage } from "./node-page";
import { nodeReadyFill, PALETTE } from "./palette";

const T0 = Date.parse("2026-11-20T09:00:00Z");
const s = (sec: number) => T0 + sec * 1000;
const iso = (sec: number) => new Date(s(sec)).toISOString().replace(".000Z", "Z");

function node(ready: string, since: number, taints: [string, string, number][] = []): Node {
  return {
    metadata: { name: "node-2", uid: "n2", creationTimestamp: iso(-3600) },
    spec: { taints: taints.map(([key, effect, at]) => ({ key, effect, timeAdded: iso(at) })) },
    status: {
      conditions: [
        { type: "DiskPressure", status: "False", lastTransitionTime: iso(-3600) },
        {
          type: "Ready",
          status: ready,
          reason: ready === "True" ? "KubeletReady" : "NodeStatusUnknown",
          message: ready === "True" ? undefined : "Kubelet stopped posting node status.",
          lastTransitionTime: iso(since),
        },
      ],
    },
  };
}

const row = (name: string, over: Partial<PodRow> = {}): PodRow => ({
  uid: name,
  namespace: "dev",
  name,
  node: "node-2",
  phase: "Running",
  status: "Running",
  ready: "1/1",
  restarts: "0",
  restartCount: 0,
  lastRestartAt: null,
  age: "1m",
  labels: {},
  createdAt: s(-600),
  deletedAt: null,
  podReady: true,
  recent: [{ status: "Running", start: s(-600), phase: "Running", ready: true, restarts: 0 }],
  ...over,
});

// The node was Ready, then lost at 300 s: Unknown, tainted unreachable (NoExecute) at 340 s.
const timeline = buildNodeTimeline({
  name: "node-2",
  versions: [
    { observedAt: s(-3600), deleted: false, state: nodeState(node("True", -3600)) },
    {
      observedAt: s(340),
      deleted: false,
      state: nodeState(
        node("Unknown", 300, [
          ["node.kubernetes.io/unreachable", "NoSchedule", 300],
          ["node.kubernetes.io/unreachable", "NoExecute", 340],
        ]),
      ),
    },
  ],
  now: s(900),
});

describe("nodePage", () => {
  const pods = [
    row("web-1", { deletedAt: s(700), deletion: { at: s(670), grace: 30 } }),
    row("agent-x", {}),
    row("late", { createdAt: s(320) }),
    row("gone-before", { createdAt: s(-900), deletedAt: s(-800) }),
    row("evicting", { deletion: { at: s(940), grace: 30 } }),
    // A Job's pod that completed before the loss: not on the node any more.
    row("pi-done", {
      phase: "Succeeded",
      status: "Completed",
      recent: [
        { status: "Running", start: s(-600), phase: "Running", ready: true, restarts: 0 },
        { status: "Completed", start: s(100), phase: "Succeeded", ready: false, restarts: 0 },
      ],
    }),
  ];
  const page = nodePage({ node: timeline, pods, from: s(0), to: s(900), now: s(900) });

  it("draws Ready first, then the other conditions, the taints by name, each clipped to the window", () => {
    expect(page.tracks.map((t) => t.label)).toEqual([
      "Ready",
      "DiskPressure",
      "node.kubernetes.io/unreachable:NoExecute",
      "node.kubernetes.io/unreachable:NoSchedule",
    ]);
    expect(page.tracks[0].boxes).toEqual([
      expect.objectContaining({ start: s(0), end: s(300), label: "Ready", hatched: false }),
      expect.objectContaining({
        start: s(300),
        end: s(900),
        label: "Unknown",
        fill: nodeReadyFill("Unknown"),
        hatched: true,
        detail: "Ready=Unknown · NodeStatusUnknown · Kubelet stopped posting node status.",
      }),
    ]);
    // A pressure condition is fine when False.
    expect(page.tracks[1].boxes[0]).toMatchObject({ fill: PALETTE.green, label: "False" });
    expect(page.tracks[2].boxes).toEqual([
      expect.objectContaining({ start: s(340), end: s(900), fill: PALETTE.vermillion }),
    ]);
  });

  it("lists the pods alive in the window, oldest first, each with its lane", () => {
    // Same creation time: by name.
    expect(page.pods.map((p) => p.row.name)).toEqual([
      "agent-x",
      "evicting",
      "pi-done",
      "web-1",
      "late",
    ]);
    expect(page.pods[3].lane.segments.at(-1)).toMatchObject({ end: s(700) });
  });

  it("says what the lost node took with it: the pods on it when Ready went, and what became of each", () => {
    expect(page.loss).toMatchObject({
      since: s(300),
      status: "Unknown",
      reason: "NodeStatusUnknown",
    });
    expect(page.loss!.pods.map((p) => [p.row.name, p.fate])).toEqual([
      ["agent-x", "still-there"],
      ["evicting", "terminating"],
      ["web-1", "deleted"],
    ]);
  });

  it("has no loss for a Ready node, and a window before the loss shows it Ready", () => {
    const before = nodePage({ node: timeline, pods, from: s(0), to: s(200), now: s(900) });
    expect(before.loss).toBeNull();
    expect(before.tracks.map((t) => t.label)).toEqual(["Ready", "DiskPressure"]);
  });

  it("draws only the pods when the node's history is not known", () => {
    const none = nodePage({ node: null, pods, from: s(0), to: s(900), now: s(900) });
    expect(none.tracks).toEqual([]);
    expect(none.loss).toBeNull();
    expect(none.pods).toHaveLength(5);
  });
});
