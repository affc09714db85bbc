// The model never throws on partial or malformed objects; it says what it could not derive.
import { describe, expect, it } from "vitest";
import type { Pod } from "../k8s/types";
import { buildTimeline } from "./build-timeline";
import type { Observation } from "./types";

const NOW = Date.parse("2026-11-20T10:00:00Z");
const obs = (object: unknown, observedAt = NOW - 1000, type: Observation["type"] = "ADDED") => ({
  type,
  object: object as Pod,
  observedAt,
});

describe("partial objects", () => {
  it.each([
    ["an empty object", {}],
    ["no status", { metadata: { name: "a", uid: "u" }, spec: { containers: [{ name: "c" }] } }],
    ["status null", { metadata: { name: "a" }, status: null }],
    ["unknown phase", { metadata: { name: "a" }, status: { phase: "Exploded" } }],
    [
      "null timestamps",
      {
        metadata: { name: "a", creationTimestamp: null },
        status: {
          phase: "Running",
          conditions: [{ type: "Ready", status: "True", lastTransitionTime: null }],
        },
      },
    ],
    [
      "garbage timestamps",
      {
        metadata: { name: "a", creationTimestamp: "yesterday" },
        status: { phase: "Running", startTime: 42 },
      },
    ],
    [
      "containerStatuses with holes",
      {
        metadata: { name: "a" },
        status: {
          phase: "Running",
          containerStatuses: [null, { name: "c" }, { state: { running: {} } }],
        },
      },
    ],
    [
      "running without startedAt",
      {
        metadata: { name: "a" },
        spec: { containers: [{ name: "c" }] },
        status: {
          phase: "Running",
          containerStatuses: [{ name: "c", state: { running: { startedAt: null } } }],
        },
      },
    ],
    [
      "terminated without times",
      {
        metadata: { name: "a" },
        status: {
          phase: "Failed",
          containerStatuses: [{ name: "c", state: { terminated: { exitCode: 1 } } }],
        },
      },
    ],
    [
      "conditions not an array",
      { metadata: { name: "a" }, status: { phase: "Pending", conditions: "nope" } },
    ],
    [
      "spec containers not an array",
      {
        metadata: { name: "a" },
        spec: { containers: { name: "c" } },
        status: { phase: "Pending" },
      },
    ],
  ])("%s", (_name, object) => {
    expect(() =>
      buildTimeline({ observations: [obs(object)], events: [], now: NOW }),
    ).not.toThrow();
  });

  it("says why an unknown phase is not drawn", () => {
    const tl = buildTimeline({
      observations: [obs({ metadata: { name: "a" }, status: { phase: "Exploded" } })],
      now: NOW,
    });
    expect(tl.phases).toEqual([]);
    expect(tl.warnings.map((w) => w.code)).toContain("unknown-phase");
  });

  it("reports runs it cannot place for lack of timestamps", () => {
    const tl = buildTimeline({
      observations: [
        obs({
          metadata: { name: "a" },
          spec: { containers: [{ name: "c" }] },
          status: { phase: "Running", containerStatuses: [{ name: "c", state: { running: {} } }] },
        }),
      ],
      now: NOW,
    });
    expect(tl.containers[0].runs).toEqual([]);
    expect(tl.warnings.map((w) => w.code)).toContain("missing-container-times");
  });

  it("handles no observations, junk observations and junk events", () => {
    expect(buildTimeline({ observations: [], now: NOW }).warnings.map((w) => w.code)).toEqual([
      "no-observations",
    ]);
    const junk = [
      null,
      3,
      { type: "ADDED" },
      { type: "ADDED", object: {}, observedAt: Number.NaN },
    ] as unknown as Observation[];
    const tl = buildTimeline({
      observations: junk,
      events: [null, 7, {}, { involvedObject: null }] as never,
      now: NOW,
    });
    expect(tl.warnings.map((w) => w.code)).toContain("bad-observation");
    expect(() => buildTimeline(undefined as never)).not.toThrow();
  });

  it("skips a version of another pod that reused the name", () => {
    const a = {
      metadata: { name: "web", uid: "one", creationTimestamp: "2026-11-20T09:59:00Z" },
      status: { phase: "Pending" },
    };
    const b = {
      metadata: { name: "web", uid: "two", creationTimestamp: "2026-11-20T09:59:30Z" },
      status: { phase: "Running" },
    };
    const tl = buildTimeline({
      observations: [obs(a, NOW - 60_000), obs(b, NOW - 30_000, "MODIFIED")],
      now: NOW,
    });
    expect(tl.uid).toBe("one");
    expect(tl.phases.map((p) => p.phase)).toEqual(["Pending"]);
    expect(tl.warnings.map((w) => w.code)).toContain("uid-mismatch");
  });

  it("ignores events about another pod with the same name", () => {
    const pod = {
      metadata: { name: "web", uid: "one", creationTimestamp: "2026-11-20T09:59:00Z" },
      status: { phase: "Pending" },
    };
    const ev = (uid: string) => ({
      metadata: { uid: `e-${uid}` },
      involvedObject: { kind: "Pod", name: "web", uid },
      reason: "FailedScheduling",
      type: "Warning",
      message: "0/1 nodes",
      firstTimestamp: "2026-11-20T09:59:01Z",
      lastTimestamp: "2026-11-20T09:59:01Z",
      count: 1,
    });
    const tl = buildTimeline({
      observations: [obs(pod, NOW - 60_000)],
      events: [ev("one"), ev("two")],
      now: NOW,
    });
    expect(tl.markers.filter((m) => m.kind === "unschedulable")).toHaveLength(1);
  });

  it("sorts observations given out of order", () => {
    const p = (phase: string) => ({
      metadata: { name: "a", uid: "u", creationTimestamp: "2026-11-20T09:00:00Z" },
      status: { phase },
    });
    const tl = buildTimeline({
      observations: [
        obs(p("Running"), Date.parse("2026-11-20T09:00:10Z"), "MODIFIED"),
        obs(p("Pending"), Date.parse("2026-11-20T09:00:00.100Z")),
      ],
      now: NOW,
    });
    expect(tl.phases.map((x) => x.phase)).toEqual(["Pending", "Running"]);
  });
});

describe("mangled fixtures", () => {
  // Deterministic PRNG so a failure reproduces.
  function rng(seed: number) {
    return () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
  }
  const JUNK: unknown[] = [
    null,
    undefined,
    0,
    -1,
    "",
    "x",
    "2026-13-45T99:99:99Z",
    [],
    {},
    [null],
    true,
    { a: 1 },
  ];

  function mangle(value: unknown, random: () => number, depth = 0): unknown {
    if (value === null || typeof value !== "object")
      return random() < 0.08 ? JUNK[Math.floor(random() * JUNK.length)] : value;
    if (random() < 0.03 * depth) return JUNK[Math.floor(random() * JUNK.length)];
    if (Array.isArray(value)) return value.map((v) => mangle(v, random, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      if (random() > 0.05) out[k] = mangle(v, random, depth + 1);
    return out;
  }

  it("never throws on 300 randomly damaged stories", async () => {
    const { stories, storyInput } = await import("../fixtures");
    const { kubectlStatus } = await import("./kubectl-status");
    const random = rng(42);
    for (let i = 0; i < 300; i++) {
      const input = storyInput(stories[i % stories.length]);
      const observations = input.observations.map((o) => ({
        ...o,
        object: mangle(o.object, random) as Pod,
      }));
      const events = (input.events ?? []).map((e) => mangle(e, random));
      expect(() =>
        buildTimeline({ observations, events: events as never, now: input.now }),
      ).not.toThrow();
      for (const o of observations) expect(() => kubectlStatus(o.object, input.now)).not.toThrow();
    }
    // CPU-bound (300 builds): on a loaded machine it can pass the default 5 s (30 s seen at load 30).
  }, 90_000);
});
