import { describe, expect, it } from "vitest";
import {
  CRASH_LOOP_WINDOW_MS,
  PENDING_TOO_LONG_MS,
  RECENT_RESTART_MS,
  healthRank,
  podHealth,
  type PodFacts,
} from "./index";
import { healthRankUntil } from "./rank-until";

const T0 = Date.parse("2026-11-25T06:00:00Z");
const MIN = 60_000;

/** A small deterministic generator (mulberry32), so a failure names its seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATUSES = [
  "Running",
  "Pending",
  "ContainerCreating",
  "Init:0/1",
  "CrashLoopBackOff",
  "Error",
  "Completed",
  "Terminating",
];

/** A row around T0: lane changes, restarts, creation, a deletion's grace, in whole seconds. */
function rowOf(rnd: () => number): PodFacts {
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const around = (spanMin: number) =>
    T0 + Math.round(((rnd() - 0.7) * spanMin * MIN) / 1000) * 1000;
  const recent = [];
  let t = around(120);
  let restarts = Math.floor(rnd() * 3);
  for (let i = 0, n = Math.floor(rnd() * 8); i < n; i++) {
    t += Math.round(rnd() * 15 * 60) * 1000;
    if (rnd() < 0.5) restarts++;
    recent.push({
      status: pick(STATUSES),
      start: t,
      phase: pick(["Running", "Pending"]),
      ready: rnd() < 0.5,
      restarts,
    });
  }
  return {
    status: pick(STATUSES),
    phase: pick(["Running", "Pending", "Succeeded"]),
    podReady: rnd() < 0.6,
    createdAt: rnd() < 0.9 ? around(30) : null,
    deletedAt: rnd() < 0.05 ? around(30) : null,
    lastRestartAt: rnd() < 0.6 ? around(90) : null,
    restartCount: restarts,
    node: rnd() < 0.9 ? "node-1" : null,
    recent,
    ...(rnd() < 0.15 ? { deletion: { at: around(20), grace: 30 } } : {}),
  };
}

const rankAt = (p: PodFacts, t: number) => healthRank(podHealth(p, t));

describe("healthRankUntil", () => {
  it("gives podHealth's rank, the same at every moment before `until` (random rows)", () => {
    let moved = 0;
    for (let seed = 1; seed <= 1000; seed++) {
      const rnd = random(seed);
      const p = rowOf(rnd);
      const now = T0 + Math.round((rnd() - 0.5) * 60) * 10_000;
      const { rank, until } = healthRankUntil(p, now);
      expect(rank, `seed ${seed}`).toBe(rankAt(p, now));
      expect(until, `seed ${seed}`).toBeGreaterThan(now);
      // Every moment a rule reads, one millisecond either side, and a few between: all before `until` keep the rank.
      const moments = [
        p.deletion?.at,
        p.createdAt,
        p.lastRestartAt,
        ...(p.recent ?? []).map((c) => c.start),
      ]
        .filter((x): x is number => typeof x === "number")
        .flatMap((x) => [
          x,
          x + PENDING_TOO_LONG_MS,
          x + CRASH_LOOP_WINDOW_MS,
          x + RECENT_RESTART_MS,
        ])
        .flatMap((x) => [x - 1, x, x + 1]);
      const end = Math.min(until, now + 3 * RECENT_RESTART_MS);
      for (let i = 0; i < 8; i++) moments.push(now + Math.floor(rnd() * (end - now)));
      for (const t of moments.filter((t) => t >= now && t < end))
        expect(rankAt(p, t), `seed ${seed} at ${t - now} ms`).toBe(rank);
      if (until < Infinity && rankAt(p, until) !== rank) moved++;
    }
    // Not vacuous: many rows change rank right at their `until`.
    expect(moved).toBeGreaterThan(50);
  }, 30_000);

  it("a row at rest has nothing ahead; a pending one changes when it has waited too long", () => {
    const running: PodFacts = {
      status: "Running",
      phase: "Running",
      podReady: true,
      createdAt: T0 - 86_400_000,
      deletedAt: null,
      lastRestartAt: null,
      restartCount: 0,
      node: "node-1",
      recent: [
        { status: "Running", start: T0 - 86_400_000, phase: "Running", ready: true, restarts: 0 },
      ],
    };
    expect(healthRankUntil(running, T0)).toEqual({ rank: 0, until: Infinity });
    const pending = {
      ...running,
      status: "Pending",
      phase: "Pending",
      podReady: false,
      createdAt: T0 - MIN,
      recent: [],
    };
    expect(healthRankUntil(pending, T0)).toEqual({
      rank: 0,
      until: T0 - MIN + PENDING_TOO_LONG_MS + 1,
    });
    expect(rankAt(pending, T0 - MIN + PENDING_TOO_LONG_MS + 1)).toBe(1);
    const restarted = { ...running, lastRestartAt: T0 - 50 * MIN, restartCount: 1 };
    expect(healthRankUntil(restarted, T0)).toEqual({ rank: 1, until: T0 + 10 * MIN });
    expect(rankAt(restarted, T0 + 10 * MIN)).toBe(0);
  });

  it("keeps nothing for a lane it cannot read", () => {
    const bad = {
      status: "Running",
      recent: [{ status: "Running", start: "yesterday" }],
    } as unknown as PodFacts;
    expect(healthRankUntil(bad, T0).until).toBe(T0);
    expect(healthRankUntil(null as unknown as PodFacts, T0).until).toBe(T0);
  });
});
