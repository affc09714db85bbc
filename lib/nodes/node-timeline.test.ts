import { describe, expect, it } from "vitest";
import { buildNodeTimeline, type NodeVersion } from "./node-timeline";
import { nodeState, type NodeState } from "./node-state";
import type { Node } from "../k8s/types";

const T0 = Date.parse("2026-11-20T09:00:00Z");
const iso = (sec: number) => new Date(T0 + sec * 1000).toISOString().replace(".000Z", "Z");
const s = (sec: number) => T0 + sec * 1000;

function node(
  over: {
    ready?: [string, number, string?, string?];
    taints?: [string, string, number?][];
    unschedulable?: boolean;
    heartbeat?: number;
    uid?: string;
  } = {},
): Node {
  const [status, since, reason = status === "True" ? "KubeletReady" : undefined, message] =
    over.ready ?? ["True", 0];
  return {
    metadata: {
      name: "node-1",
      uid: over.uid ?? "u-1",
      creationTimestamp: iso(-3600),
      resourceVersion: String(over.heartbeat ?? 1),
    },
    spec: {
      unschedulable: over.unschedulable,
      taints: (over.taints ?? []).map(([key, effect, added]) => ({
        key,
        effect,
        ...(added !== undefined ? { timeAdded: iso(added) } : {}),
      })),
    },
    status: {
      conditions: [
        {
          type: "MemoryPressure",
          status: "False",
          reason: "KubeletHasSufficientMemory",
          lastTransitionTime: iso(-3600),
          lastHeartbeatTime: iso(over.heartbeat ?? 0),
        },
        {
          type: "Ready",
          status,
          reason,
          message,
          lastTransitionTime: iso(since),
          lastHeartbeatTime: iso(over.heartbeat ?? 0),
        },
      ],
    },
  };
}
const v = (sec: number, n: Node | null): NodeVersion => ({
  observedAt: s(sec),
  deleted: n === null,
  state: n ? nodeState(n) : null,
});
const ready = (tl: ReturnType<typeof buildNodeTimeline>) =>
  tl.conditions
    .filter((c) => c.type === "Ready")
    .map((c) => [
      c.status,
      c.reason,
      c.start === null ? null : (c.start - T0) / 1000,
      c.end === null ? null : (c.end - T0) / 1000,
    ]);
const taints = (tl: ReturnType<typeof buildNodeTimeline>) =>
  tl.taints.map((t) => [
    `${t.key}:${t.effect}`,
    (t.start - T0) / 1000,
    t.end === null ? null : (t.end - T0) / 1000,
  ]);

const UNREACHABLE = "node.kubernetes.io/unreachable";

describe("buildNodeTimeline", () => {
  it.each<
    [
      string,
      NodeVersion[],
      number,
      { ready: unknown[]; taints?: unknown[]; cordon?: unknown[]; deletedAt?: number | null },
    ]
  >([
    [
      "Ready since before the first observation: from its lastTransitionTime",
      [v(100, node({ ready: ["True", 10] }))],
      200,
      { ready: [["True", "KubeletReady", 10, null]] },
    ],
    [
      "lost and back: True → Unknown (at its lastTransitionTime) → True, with the unreachable taints",
      [
        v(0, node({ ready: ["True", -60] })),
        v(
          95,
          node({
            ready: ["Unknown", 90, "NodeStatusUnknown", "Kubelet stopped posting node status."],
            taints: [
              [UNREACHABLE, "NoSchedule", 90],
              [UNREACHABLE, "NoExecute", 90],
            ],
          }),
        ),
        v(
          400,
          node({
            ready: ["Unknown", 90, "NodeStatusUnknown", "Kubelet stopped posting node status."],
          }),
        ),
        v(401, node({ ready: ["True", 401] })),
      ],
      500,
      {
        ready: [
          ["True", "KubeletReady", -60, 90],
          ["Unknown", "NodeStatusUnknown", 90, 401],
          ["True", "KubeletReady", 401, null],
        ],
        taints: [
          [`${UNREACHABLE}:NoExecute`, 90, 400],
          [`${UNREACHABLE}:NoSchedule`, 90, 400],
        ],
      },
    ],
    [
      "a change without a time is placed where it was seen; a time before the previous observation is not believed",
      [
        v(0, node({ ready: ["True", 0] })),
        v(30, node({ ready: ["True", 0], heartbeat: 30 })),
        v(
          60,
          node({
            ready: ["False", 5, "KubeletNotReady", "PLEG is not healthy"],
            taints: [["node.kubernetes.io/not-ready", "NoSchedule"]],
          }),
        ),
      ],
      100,
      {
        ready: [
          ["True", "KubeletReady", 0, 30],
          ["False", "KubeletNotReady", 30, null],
        ],
        taints: [["node.kubernetes.io/not-ready:NoSchedule", 60, null]],
      },
    ],
    [
      "cordoned and uncordoned",
      [
        v(0, node()),
        v(
          30,
          node({
            unschedulable: true,
            taints: [["node.kubernetes.io/unschedulable", "NoSchedule", 29]],
          }),
        ),
        v(90, node()),
      ],
      100,
      {
        ready: [["True", "KubeletReady", 0, null]],
        taints: [["node.kubernetes.io/unschedulable:NoSchedule", 29, 90]],
        cordon: [[29, 90]],
      },
    ],
    [
      "deleted: everything closes at the deletion",
      [v(0, node()), v(50, null)],
      100,
      { ready: [["True", "KubeletReady", 0, 50]], deletedAt: s(50) },
    ],
    [
      "what was observed after now is not there yet",
      [v(0, node()), v(50, node({ ready: ["Unknown", 50, "NodeStatusUnknown"] }))],
      40,
      { ready: [["True", "KubeletReady", 0, null]] },
    ],
  ])("%s", (_name, versions, now, want) => {
    const tl = buildNodeTimeline({ name: "node-1", versions, now: s(now) });
    expect(ready(tl)).toEqual(want.ready);
    if (want.taints) expect(taints(tl)).toEqual(want.taints);
    if (want.cordon)
      expect(
        tl.unschedulable.map((c) => [
          (c.start - T0) / 1000,
          c.end === null ? null : (c.end - T0) / 1000,
        ]),
      ).toEqual(want.cordon);
    if (want.deletedAt !== undefined) expect(tl.deletedAt).toBe(want.deletedAt);
    expect(tl.warnings).toEqual([]);
  });

  it("does not split on heartbeats, keeps the latest message, and tells the Ready state at the end", () => {
    const versions = [0, 10, 20, 30].map((hb) =>
      v(hb, node({ ready: ["True", -60, "KubeletReady", `hb ${hb}`], heartbeat: hb })),
    );
    const tl = buildNodeTimeline({ name: "node-1", versions, now: s(40) });
    expect(ready(tl)).toEqual([["True", "KubeletReady", -60, null]]);
    expect(tl.conditions.find((c) => c.type === "Ready")!.message).toBe("hb 30");
    expect(tl.ready).toEqual({
      status: "True",
      reason: "KubeletReady",
      message: "hb 30",
      since: s(-60),
    });
    expect(tl.conditions.map((c) => c.type)).toEqual(["MemoryPressure", "Ready"]);
  });

  it("as it stood at a moment (until) and within a window (from)", () => {
    const versions = [
      v(0, node({ ready: ["True", 0] })),
      v(100, node({ ready: ["Unknown", 100, "NodeStatusUnknown"] })),
      v(200, node({ ready: ["True", 200] })),
    ];
    const at150 = buildNodeTimeline({ name: "node-1", versions, now: s(300), until: s(150) });
    expect(ready(at150)).toEqual([
      ["True", "KubeletReady", 0, 100],
      ["Unknown", "NodeStatusUnknown", 100, null],
    ]);
    expect(at150.ready).toMatchObject({ status: "Unknown", since: s(100) });
    const late = buildNodeTimeline({ name: "node-1", versions, now: s(300), from: s(150) });
    expect(ready(late)).toEqual([
      ["Unknown", "NodeStatusUnknown", 100, 200],
      ["True", "KubeletReady", 200, null],
    ]);
  });

  it("never throws on malformed input, and says what it skipped", () => {
    const bad = [
      { observedAt: s(0), deleted: false, state: null },
      { observedAt: NaN, deleted: false, state: {} as NodeState },
      null as unknown as NodeVersion,
      {
        observedAt: s(5),
        deleted: false,
        state: {
          name: "node-1",
          conditions: [null, { type: "Ready" }],
          taints: "x",
        } as unknown as NodeState,
      },
    ];
    const tl = buildNodeTimeline({ name: "node-1", versions: bad, now: s(10) });
    expect(ready(tl)).toEqual([["Unknown", null, 5, null]]);
    expect(tl.warnings.map((w) => w.code)).toEqual(["unreadable-version"]);
    expect(() => buildNodeTimeline(undefined as never)).not.toThrow();
    expect(nodeState({ metadata: {} })).toBeNull();
    expect(
      nodeState({
        metadata: { name: "n" },
        spec: { taints: [null as never, { effect: "NoSchedule" }] },
        status: { conditions: "x" as never },
      }),
    ).toMatchObject({ taints: [], conditions: [] });
  });
});
