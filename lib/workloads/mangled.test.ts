// Property: the workload model never throws, whatever the store hands it. Each scenario's input is
// mangled at random (a seeded generator, so a failure replays): fields nulled, retyped or deleted,
// arrays turned into strings, versions duplicated, shuffled or given bad times, pods' timelines
// broken. The result must still be plain JSON with the shape the views read.
import { describe, expect, it } from "vitest";
import { workloadStories, workloadStoryInput } from "../fixtures/workloads";
import { buildWorkloadTimeline } from ".";
import type { WorkloadTimelineInput } from "./types";

/** mulberry32: a small seeded generator. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JUNK: unknown[] = [
  null,
  undefined,
  0,
  -1,
  NaN,
  Infinity,
  "",
  "x",
  "2026-13-45T99:00:00Z",
  [],
  {},
  [null],
  true,
  { type: 1 },
];

/** Mangles `v` in place at up to `n` random places; returns the (possibly replaced) value. */
function mangle(v: unknown, rand: () => number, n: number): unknown {
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  if (rand() < 0.02) return pick(JUNK);
  for (let i = 0; i < n; i++) {
    let node = v;
    // Walk down a random path, then break what is there.
    for (let depth = 0; depth < 8; depth++) {
      if (!node || typeof node !== "object") break;
      const keys = Object.keys(node);
      if (!keys.length) break;
      const k = pick(keys);
      const child = (node as Record<string, unknown>)[k];
      if (child && typeof child === "object" && rand() < 0.7) {
        node = child;
        continue;
      }
      const r = rand();
      if (r < 0.4) (node as Record<string, unknown>)[k] = pick(JUNK);
      else if (r < 0.6) delete (node as Record<string, unknown>)[k];
      else if (r < 0.8 && Array.isArray(node)) node.push(pick(JUNK), structuredClone(node[0]));
      else (node as Record<string, unknown>)[k] = String(child);
      break;
    }
  }
  return v;
}

function mangledInput(base: WorkloadTimelineInput, rand: () => number): WorkloadTimelineInput {
  const input = structuredClone(base) as WorkloadTimelineInput & Record<string, unknown>;
  const r = rand();
  if (r < 0.1) input.versions.reverse();
  else if (r < 0.2) input.versions.push(...structuredClone(input.versions.slice(0, 3)));
  else if (r < 0.25) input.versions = input.versions.slice(-1);
  mangle(input.versions, rand, 1 + Math.floor(rand() * 6));
  if (rand() < 0.5) mangle(input.owned, rand, 1 + Math.floor(rand() * 4));
  if (rand() < 0.5) mangle(input.pods, rand, 1 + Math.floor(rand() * 4));
  if (rand() < 0.05) input.now = NaN;
  if (rand() < 0.1) input.window = { from: input.now - 60_000, to: input.now };
  return input;
}

describe("buildWorkloadTimeline on mangled input", () => {
  const stories = workloadStories();
  it.each(stories.map((s) => [s.name, s] as const))(
    "%s: 300 mangled inputs, never a throw, always the shape",
    (_name, story) => {
      const base = workloadStoryInput(story);
      const rand = rng(story.name.length * 7919);
      const plain = JSON.stringify(buildWorkloadTimeline(base));
      let differed = 0;
      for (let i = 0; i < 300; i++) {
        const input = mangledInput(base, rand);
        let out;
        try {
          out = buildWorkloadTimeline(input);
        } catch (e) {
          throw new Error(`iteration ${i} threw: ${(e as Error).stack}`);
        }
        expect(Array.isArray(out.revisions) && Array.isArray(out.rollouts)).toBe(true);
        expect(["ok", "warning", "failing"]).toContain(out.health.level);
        if (JSON.stringify(out) !== plain) differed++;
      }
      // The mangling reaches what the model reads (a no-op mangler would prove nothing).
      expect(differed).toBeGreaterThan(100);
    },
    60_000,
  );

  it.each([
    ["nothing", {}],
    ["null", null],
    ["versions not an array", { versions: "x", now: 1 }],
    ["versions of junk", { versions: JUNK, owned: JUNK, pods: JUNK, now: 1 }],
    [
      "a deleted version only",
      { versions: [{ observedAt: 5, deleted: true, state: null }], now: 10 },
    ],
  ])("%s gives an empty timeline with a warning", (_name, input) => {
    const out = buildWorkloadTimeline(input as never);
    expect(out.rollouts).toEqual([]);
    expect(out.health.level).toBe("ok");
    expect(out.warnings.length).toBeGreaterThan(0);
  });
});
