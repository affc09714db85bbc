import { describe, expect, it } from "vitest";
import { story, storyInput } from "../fixtures";
import { buildTimeline } from "../timeline";
import { translator } from "../i18n";
import { buildNodeTimeline, type NodeVersion } from "../nodes/node-timeline";
import type { NodeState } from "../nodes/node-state";
import { layoutTimeline } from "./timeline-layout";
import { PALETTE } from "./palette";

const state = (ready: string, since: string, taints: NodeState["taints"] = []): NodeState => ({
  name: "node-1",
  uid: "n1",
  creationTimestamp: null,
  unschedulable: false,
  taints,
  conditions: [
    {
      type: "Ready",
      status: ready,
      reason: ready === "True" ? "KubeletReady" : "NodeStatusUnknown",
      message: ready === "True" ? null : "Kubelet stopped posting node status.",
      lastTransitionTime: since,
    },
  ],
});

describe("the node track", () => {
  const input = storyInput(story("liveness-exec")!);
  const tl = buildTimeline(input);
  const start = tl.createdAt!;
  const at = (ms: number) => new Date(start + ms).toISOString().replace(/\.\d+Z$/, "Z");
  const unreachable = {
    key: "node.kubernetes.io/unreachable",
    value: null,
    effect: "NoExecute",
    timeAdded: at(60_000),
  };
  const versions: NodeVersion[] = [
    { observedAt: start, deleted: false, state: state("True", at(-3600_000)) },
    {
      observedAt: start + 61_000,
      deleted: false,
      state: state("Unknown", at(60_000), [unreachable]),
    },
    { observedAt: start + 120_000, deleted: false, state: state("True", at(120_000)) },
  ];
  const node = buildNodeTimeline({ name: "node-1", versions, now: input.now });

  it("draws the node's Ready over the pod's life and its taints added and removed, with tooltips", () => {
    const l = layoutTimeline(tl, input.now, { width: 960, node });
    expect(l.rows.map((r) => r.id).slice(0, 3)).toEqual(["phase", "status", "node"]);
    const row = l.rows.find((r) => r.id === "node")!;
    expect(row.label).toBe("Node node-1");
    expect(row.boxes.map((b) => [b.label, b.fill, !!b.hatched])).toEqual([
      ["Ready", PALETTE.green, false],
      ["Unknown", PALETTE.grey, true],
      ["Ready", PALETTE.green, false],
    ]);
    // The first stretch began before the pod: drawn from the plot's left edge.
    expect(row.boxes[0].x).toBe(l.gutter);
    expect(row.boxes[1].title).toMatch(
      /^Node node-1: Unknown \(NodeStatusUnknown\), .* → .* \(1m0s\) — Kubelet stopped posting node status\.$/,
    );
    expect(row.ticks.map((k) => [k.kind, k.start - start])).toEqual([
      ["taint-added", 60_000],
      ["taint-removed", 120_000],
    ]);
    expect(row.ticks[0].title).toMatch(/^Taint node\.kubernetes\.io\/unreachable:NoExecute added/);
    expect(row.ticks[0].x).toBeCloseTo(row.boxes[1].x, 5);
    expect(row.ticks[1].shape).toBe("down-open");
  });

  it("says NotReady for Ready=False, in Chinese too, and draws nothing without a node", () => {
    const notReady = buildNodeTimeline({
      name: "node-1",
      versions: [
        {
          observedAt: start,
          deleted: false,
          state: {
            ...state("False", at(0)),
            conditions: [
              {
                type: "Ready",
                status: "False",
                reason: "KubeletNotReady",
                message: "PLEG is not healthy",
                lastTransitionTime: at(0),
              },
            ],
          },
        },
      ],
      now: input.now,
    });
    const zh = layoutTimeline(tl, input.now, { width: 960, node: notReady, t: translator("zh") });
    const row = zh.rows.find((r) => r.id === "node")!;
    expect(row.label).toBe("节点 node-1");
    expect(row.boxes.map((b) => [b.label, b.fill, b.hatched])).toEqual([
      ["NotReady", PALETTE.vermillion, true],
    ]);
    expect(row.boxes[0].title).toContain("节点 node-1：NotReady（KubeletNotReady）");
    expect(
      layoutTimeline(tl, input.now, { width: 960, node: null }).rows.some((r) => r.id === "node"),
    ).toBe(false);
    const unknown = buildNodeTimeline({ name: "node-9", versions: [], now: input.now });
    expect(
      layoutTimeline(tl, input.now, { width: 960, node: unknown }).rows.some(
        (r) => r.id === "node",
      ),
    ).toBe(false);
  });
});
