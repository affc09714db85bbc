// The kiosk's workload cards: which workloads get one, their order (problems first by the
// workload health rule over the list's rows), what each says, and its strip over the window.
import { describe, expect, it } from "vitest";
import { translator } from "../i18n";
import type { Rollout, WorkloadTimeline } from "../workloads/types";
import {
  availability,
  cardRollout,
  cardStrip,
  rolloutLine,
  rowSignature,
  workloadCards,
  type KioskWorkloadRow,
} from "./kiosk-workloads";
import { PALETTE } from "./palette";

const t = translator("en");
const T = Date.parse("2026-11-25T10:00:00Z");
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
const cond = (type: string, status: string, reason: string, at: number, message = "") => ({
  type,
  status,
  reason,
  message,
  lastTransitionTime: iso(at),
});
const counts = (desired: number | null, ready: number | null, available = ready) => ({
  desired,
  current: desired,
  updated: desired,
  ready,
  available,
});
const row = (over: Partial<KioskWorkloadRow>): KioskWorkloadRow => ({
  kind: "Deployment",
  namespace: "shop",
  name: "web",
  counts: counts(3, 3),
  conditions: [
    cond("Available", "True", "MinimumReplicasAvailable", T - 60 * MIN),
    cond("Progressing", "True", "NewReplicaSetAvailable", T - 60 * MIN),
  ],
  owner: null,
  revision: 2,
  updateRevision: null,
  paused: false,
  job: null,
  ...over,
});
const STALL = 'ReplicaSet "checkout-6b7f9c5d4" has timed out progressing.';
const checkout = row({
  namespace: "rollouts",
  name: "checkout",
  counts: counts(3, 3),
  revision: 3,
  conditions: [
    cond("Available", "True", "MinimumReplicasAvailable", T - 60 * MIN),
    cond("Progressing", "False", "ProgressDeadlineExceeded", T - 2 * MIN, STALL),
  ],
});
const job = (name: string, owner: string | null, c: ReturnType<typeof cond>[], active = 0) =>
  row({
    kind: "Job",
    namespace: "batch",
    name,
    counts: counts(1, 0, null),
    conditions: c,
    owner: owner ? { kind: "CronJob", name: owner } : null,
    revision: null,
    job: { completions: 1, succeeded: c.some((x) => x.type === "Complete") ? 1 : 0, active },
  });
const rows: KioskWorkloadRow[] = [
  row({ name: "web" }),
  row({
    kind: "ReplicaSet",
    name: "web-7d9c5b8f4",
    owner: { kind: "Deployment", name: "web" },
    conditions: [],
  }),
  checkout,
  row({
    kind: "StatefulSet",
    namespace: "db",
    name: "pg",
    counts: counts(3, 2),
    conditions: [],
    revision: null,
  }),
  row({ kind: "DaemonSet", namespace: "kube-system", name: "agent", conditions: [] }),
  row({
    kind: "CronJob",
    namespace: "batch",
    name: "db-backup",
    counts: counts(null, null),
    conditions: [],
    revision: null,
  }),
  job("db-backup-29400001", "db-backup", [cond("Complete", "True", "", T - 3 * MIN)]),
  job("db-backup-29400002", "db-backup", [cond("Failed", "True", "BackoffLimitExceeded", T - MIN)]),
  job("db-backup-29400003", "db-backup", [], 1),
  job("migrate", null, [cond("Complete", "True", "", T - 30 * MIN)]),
];

describe("workloadCards", () => {
  const cards = workloadCards(rows, T);
  it("one card per workload no other owns: a CronJob's Jobs and a Deployment's ReplicaSets have none", () => {
    expect(cards.map((c) => c.key)).toEqual([
      "CronJob/batch/db-backup",
      "Deployment/rollouts/checkout",
      "StatefulSet/db/pg",
      "Job/batch/migrate",
      "DaemonSet/kube-system/agent",
      "Deployment/shop/web",
    ]);
  });

  it("problems first by the workload health rule, as the /workloads list sorts", () => {
    expect(cards.map((c) => c.health.level)).toEqual([
      "failing",
      "failing",
      "warning",
      "ok",
      "ok",
      "ok",
    ]);
    expect(cards[0].health.reason).toEqual({
      key: "health.workload.runFailed",
      vars: { reason: "BackoffLimitExceeded" },
    });
    expect(cards[1].health.reason).toEqual({
      key: "health.workload.stalled",
      vars: { message: STALL },
    });
    // The CronJob's third run is still going.
    expect(cards[0].activeRuns).toBe(1);
  });

  it("never throws on a malformed list", () => {
    expect(workloadCards(null as never, T)).toEqual([]);
    expect(workloadCards([null, { kind: "Deployment" }] as never, T)).toHaveLength(1);
  });
});

describe("what a card says", () => {
  const cards = new Map(workloadCards(rows, T).map((c) => [c.key, c]));
  const say = (key: string) => {
    const a = availability(cards.get(key)!, T);
    return t(a.key, a.vars);
  };
  it("availability as kubectl prints it", () => {
    expect(say("StatefulSet/db/pg")).toBe("2/3 ready");
    expect(say("Deployment/rollouts/checkout")).toBe("3/3 ready");
    expect(say("Job/batch/migrate")).toBe("1/1 complete");
    expect(say("CronJob/batch/db-backup")).toBe(
      "last run failed: BackoffLimitExceeded, 1m 00s ago",
    );
  });

  const rollout = (over: Partial<Rollout>): Rollout => ({
    from: 2,
    fromName: "checkout-5f4d8b7c6",
    to: 3,
    toName: "checkout-6b7f9c5d4",
    start: T - 12 * MIN,
    end: null,
    outcome: "stalled",
    stalledAt: T - 2 * MIN,
    stalledUntil: null,
    pending: false,
    pausedSpans: [],
    rollback: false,
    durationMs: 12 * MIN,
    evidence: [],
    ...over,
  });

  it("the rollout under way: revisions from the timeline, whether one is open from the row", () => {
    const c = cards.get("Deployment/rollouts/checkout")!;
    const r = cardRollout(c, { rollouts: [rollout({})] });
    expect(r).toEqual({
      from: 2,
      to: 3,
      start: T - 12 * MIN,
      stalledAt: T - 2 * MIN,
      paused: false,
    });
    expect(rolloutLine(r!, T, t)).toBe("revision 2 → 3 · 12m 00s · stalled 2m 00s");
    // No timeline yet: the row's Progressing says since when, and the revision it rolls to.
    const bare = cardRollout(c, null)!;
    expect(rolloutLine(bare, T, t)).toBe("to revision 3 · 2m 00s · stalled 2m 00s");
    // The row says the rollout ended (undone): the timeline read earlier no longer counts.
    const done = cards.get("Deployment/shop/web")!;
    expect(cardRollout(done, { rollouts: [rollout({})] })).toBeNull();
  });

  it("a StatefulSet's rollout is its timeline's (it has no Progressing condition)", () => {
    const c = cards.get("StatefulSet/db/pg")!;
    expect(cardRollout(c, null)).toBeNull();
    const open = rollout({ outcome: "in-progress", stalledAt: null, from: 1, to: 2 });
    expect(rolloutLine(cardRollout(c, { rollouts: [open] })!, T, t)).toBe(
      "revision 1 → 2 · 12m 00s",
    );
    expect(
      cardRollout(c, { rollouts: [{ ...open, outcome: "complete", end: T - MIN }] }),
    ).toBeNull();
  });

  it("the row's signature changes with what the timeline would draw", () => {
    const a = rowSignature(checkout);
    expect(rowSignature({ ...checkout })).toBe(a);
    expect(rowSignature({ ...checkout, revision: 4 })).not.toBe(a);
    expect(rowSignature({ ...checkout, counts: counts(3, 2) })).not.toBe(a);
    // A rollout whose start the collector observed: the card's health may change with it alone.
    expect(rowSignature({ ...checkout, rolloutSince: T - MIN })).not.toBe(a);
  });
});

describe("cardStrip", () => {
  const from = T - 60 * MIN;
  const base = {
    kind: "Deployment",
    counts: {
      desired: [{ start: T - 120 * MIN, end: null, value: 3 }],
      available: [
        { start: T - 120 * MIN, end: T - 20 * MIN, value: 3 },
        { start: T - 20 * MIN, end: T - 10 * MIN, value: 2 },
        { start: T - 10 * MIN, end: T - 5 * MIN, value: 0 },
        { start: T - 5 * MIN, end: null, value: 3 },
      ],
      current: [],
      updated: [],
      ready: [],
    },
    rollouts: [
      {
        from: 2,
        to: 3,
        start: T - 20 * MIN,
        end: T - 5 * MIN,
        outcome: "rolled-back",
        stalledAt: T - 10 * MIN,
        stalledUntil: T - 6 * MIN,
      },
    ],
    cronJob: null,
    conditions: [],
  } as unknown as WorkloadTimeline;

  it("available against desired over the window, short stretches hatched, rollouts by phase beneath", () => {
    const s = cardStrip(base, from, T, T, t);
    expect(s.boxes.map((b) => [b.start - T, b.end - T, b.fill, b.hatched, b.detail])).toEqual([
      [-60 * MIN, -20 * MIN, PALETTE.green, false, "3 of 3 available"],
      [-20 * MIN, -10 * MIN, PALETTE.orange, true, "2 of 3 available"],
      [-10 * MIN, -5 * MIN, PALETTE.vermillion, true, "0 of 3 available"],
      [-5 * MIN, 0, PALETTE.green, false, "3 of 3 available"],
    ]);
    expect(s.under.map((u) => [u.start - T, u.end - T, u.detail])).toEqual([
      [-20 * MIN, -10 * MIN, "revision 2 → 3: rolled back"],
      [-10 * MIN, -6 * MIN, "revision 2 → 3: stalled"],
      [-6 * MIN, -5 * MIN, "revision 2 → 3: rolled back"],
    ]);
  });

  it("a template changed while paused: its rollout beneath says no revision was made yet", () => {
    const paused = {
      ...base,
      rollouts: [
        {
          from: 2,
          to: null,
          start: T - 4 * MIN,
          end: null,
          outcome: "paused",
          stalledAt: null,
          stalledUntil: null,
          pending: true,
          pausedSpans: [{ start: T - 4 * MIN, end: null }],
        },
      ],
    } as unknown as WorkloadTimeline;
    expect(cardStrip(paused, from, T, T, t).under.map((u) => [u.start - T, u.detail])).toEqual([
      [-4 * MIN, "revision 2 → a changed template, no revision yet: paused"],
    ]);
  });

  it("a CronJob's runs by result, its missed schedules as ticks", () => {
    const cron = {
      ...base,
      kind: "CronJob",
      rollouts: [],
      cronJob: {
        runs: [
          {
            job: "db-backup-1",
            start: T - 3 * MIN,
            end: T - 2.5 * MIN,
            result: "Complete",
            reason: null,
          },
          {
            job: "db-backup-2",
            start: T - 2 * MIN,
            end: T - 1.5 * MIN,
            result: "Failed",
            reason: "BackoffLimitExceeded",
          },
          { job: "db-backup-3", start: T - 0.5 * MIN, end: null, result: "Running", reason: null },
        ],
        missed: [T - 90 * MIN, T - 30 * MIN],
      },
    } as unknown as WorkloadTimeline;
    const s = cardStrip(cron, from, T, T, t);
    expect(s.boxes.map((b) => [b.start - T, b.end - T, b.fill, b.hatched, b.detail])).toEqual([
      [-3 * MIN, -2.5 * MIN, PALETTE.green, false, "db-backup-1: Complete"],
      [
        -2 * MIN,
        -1.5 * MIN,
        PALETTE.vermillion,
        true,
        "db-backup-2: Failed (BackoffLimitExceeded)",
      ],
      [-0.5 * MIN, 0, PALETTE.blue, false, "db-backup-3: Running"],
    ]);
    expect(s.ticks).toEqual([{ at: T - 30 * MIN, detail: "missed schedule" }]);
    expect(s.under).toEqual([]);
  });

  it("nothing to draw without a timeline, and no throw on a malformed one", () => {
    expect(cardStrip(null, from, T, T, t)).toEqual({ boxes: [], under: [], ticks: [] });
    expect(cardStrip({ kind: "Deployment" } as never, from, T, T, t).boxes).toEqual([]);
  });
});
