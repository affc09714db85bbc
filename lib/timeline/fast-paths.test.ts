// The per-update fast paths (compare in place, allocate nothing) must see every change the slow
// path sees: resources compared without building them, the owner kept when it is the same.
import { describe, expect, it } from "vitest";
import type { Pod } from "../k8s/types";
import { quantities, resourceSet, sameQuantities, sameResourceSet } from "./container-spec";
import { TimelineBuilder } from "./timeline-builder";

const T0 = Date.parse("2026-11-20T09:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

type Res = { requests?: Record<string, unknown>; limits?: Record<string, unknown> } | null;

/** A running pod of one container whose spec and status resources are given. */
function pod(
  rv: number,
  spec: Res,
  status: { allocated?: Record<string, unknown>; resources?: Res } = {},
  owner = "api-7d9c",
): Pod {
  return {
    metadata: {
      name: "api-7d9c-x",
      namespace: "prod",
      uid: "u1",
      resourceVersion: String(rv),
      creationTimestamp: iso(T0),
      ownerReferences: [
        { apiVersion: "v1", kind: "Node", name: "n1" },
        { apiVersion: "apps/v1", kind: "ReplicaSet", name: owner, controller: true },
      ],
    },
    spec: { nodeName: "n1", containers: [{ name: "app", image: "app:1", resources: spec }] },
    status: {
      phase: "Running",
      containerStatuses: [
        {
          name: "app",
          ready: true,
          restartCount: 0,
          state: { running: { startedAt: iso(T0 + 2000) } },
          ...(status.allocated ? { allocatedResources: status.allocated } : {}),
          ...(status.resources ? { resources: status.resources } : {}),
        },
      ],
    },
  } as Pod;
}

function feed(versions: Pod[]) {
  const b = new TimelineBuilder();
  versions.forEach((object, k) =>
    b.observe({ type: k === 0 ? "ADDED" : "MODIFIED", object, observedAt: T0 + 1000 * (k + 3) }),
  );
  return b.build({ now: T0 + 60_000 });
}

const base = { requests: { cpu: "250m", memory: "128Mi" }, limits: { cpu: "1" } };

describe("resources compared in place", () => {
  it.each<[string, Res]>([
    ["a value changes", { requests: { cpu: "500m", memory: "128Mi" }, limits: { cpu: "1" } }],
    [
      "a quantity is added",
      { requests: { cpu: "250m", memory: "128Mi" }, limits: { cpu: "1", memory: "256Mi" } },
    ],
    ["a quantity is removed", { requests: { cpu: "250m" }, limits: { cpu: "1" } }],
    [
      "a quantity moves from requests to limits",
      { requests: { cpu: "250m" }, limits: { cpu: "1", memory: "128Mi" } },
    ],
    ["every quantity is removed", {}],
  ])("a spec whose resources change (%s) is a resize request", (_, next) => {
    const tl = feed([pod(1, base), pod(2, base), pod(3, next)]);
    expect(tl.markers.filter((m) => m.kind === "resize-requested").map((m) => m.at)).toEqual([
      T0 + 5000,
    ]);
    const desired = tl.containers[0].resources.map((r) => r.desired);
    expect(desired).toEqual([resourceSet(base), resourceSet(next as never)]);
  });

  it("the same quantities in another order, or a number for its text, change nothing", () => {
    const same = { limits: { cpu: 1 }, requests: { memory: "128Mi", cpu: "250m" } };
    const tl = feed([pod(1, base), pod(2, same), pod(3, base)]);
    expect(tl.markers.filter((m) => m.kind.startsWith("resize"))).toEqual([]);
    expect(tl.containers[0].resources).toHaveLength(1);
  });

  it("the kubelet's allocated and applied resources are followed version by version", () => {
    const applied = { requests: { cpu: "250m" }, limits: { cpu: "1" } };
    const more = { requests: { cpu: "500m" }, limits: { cpu: "1" } };
    const tl = feed([
      pod(1, base, { allocated: { cpu: "250m" }, resources: applied }),
      pod(2, base, { allocated: { cpu: "250m" }, resources: applied }),
      pod(3, base, { allocated: { cpu: "500m" }, resources: applied }),
      pod(4, base, { allocated: { cpu: "500m" }, resources: more }),
      pod(5, base, { allocated: { cpu: "500m", memory: "128Mi" }, resources: more }),
    ]);
    expect(tl.containers[0].resources.map((r) => [r.start, r.allocated, r.actual])).toEqual([
      [T0, { cpu: "250m" }, resourceSet(applied)],
      [T0 + 5000, { cpu: "500m" }, resourceSet(applied)],
      [T0 + 6000, { cpu: "500m" }, resourceSet(more)],
      [T0 + 7000, { cpu: "500m", memory: "128Mi" }, resourceSet(more)],
    ]);
    expect(tl.markers.filter((m) => m.kind === "resized").map((m) => m.at)).toEqual([T0 + 6000]);
  });

  it("agrees with building the quantities and comparing them", () => {
    const cases: unknown[] = [
      undefined,
      null,
      "1",
      [],
      {},
      { cpu: "1" },
      { cpu: 1 },
      { cpu: "1", memory: "1Gi" },
      { memory: "1Gi" },
      { cpu: "2" },
      { cpu: "1", bad: { x: 1 } },
      { cpu: true },
    ];
    for (const a of cases) {
      for (const b of cases) {
        const built = quantities(b);
        const stored = Object.keys(built).length > 0 ? built : null;
        // What the slow path compares: the built quantities, in any key order.
        const sorted = (m: Record<string, string>) =>
          JSON.stringify(Object.entries(m).sort(([x], [y]) => (x < y ? -1 : 1)));
        expect(sameQuantities(a, stored), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(
          sorted(quantities(a)) === sorted(stored ?? {}),
        );
      }
    }
    expect(sameResourceSet(null, null)).toBe(true);
    expect(sameResourceSet({ requests: {}, limits: {} }, null)).toBe(true);
    expect(sameResourceSet({ requests: { cpu: "1" } }, null)).toBe(false);
    expect(sameResourceSet(null, resourceSet({ limits: { cpu: "1" } }))).toBe(false);
    expect(sameResourceSet({ requests: { cpu: "1" } }, resourceSet({ limits: { cpu: "1" } }))).toBe(
      false,
    );
  });
});

describe("the owner", () => {
  it("follows a change of controller (adoption by another ReplicaSet)", () => {
    const tl = feed([pod(1, base), pod(2, base), pod(3, base, {}, "api-8f00")]);
    expect(tl.owner).toEqual({ kind: "ReplicaSet", name: "api-8f00" });
  });

  it("is the controller, not the first reference", () => {
    expect(feed([pod(1, base), pod(2, base)]).owner).toEqual({
      kind: "ReplicaSet",
      name: "api-7d9c",
    });
  });
});
