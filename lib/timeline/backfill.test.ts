// A pod first met mid-life: one observation plus the events still in the cluster.
import { describe, expect, it } from "vitest";
import { story, storySnapshot } from "../fixtures";
import { buildTimeline } from "./build-timeline";

const T0 = Date.parse("2026-11-20T09:00:00Z");
const at = (sec: number) => T0 + sec * 1000;
const seen = (sec: number) => at(sec) + 80;

function backfill(name: string) {
  return buildTimeline(storySnapshot(story(name)!));
}

describe("backfill", () => {
  it("liveness-exec: the latest run from lastState, earlier runs counted but not invented", () => {
    const tl = backfill("liveness-exec");
    expect(tl.reconstructed).toBe(true);
    expect(tl.observedFrom).toBe(seen(800));
    const nginx = tl.containers[0];
    expect(nginx.runs.map((r) => [r.attempt, r.start, r.end, r.reason])).toEqual([
      [8, at(778), at(800), "Completed"],
    ]);
    expect(nginx.unplacedRuns).toBe(7);
    expect(nginx.backoffs).toEqual([
      {
        start: at(800),
        end: null,
        announcedDelayMs: 300_000,
        observedDelayMs: null,
        beforeAttempt: 9,
      },
    ]);
    // The Started event (count 8, firstTimestamp 5 s) proves when the pod first ran.
    expect(tl.phases).toEqual([
      { phase: "Pending", start: at(0), end: at(5) },
      { phase: "Running", start: at(5), end: null },
    ]);
    // Between the first start and the latest run the status is unknown: a gap, with a warning.
    expect(tl.status).toEqual([
      { status: "Pending", start: at(0), end: at(5) },
      { status: "Running", start: at(778), end: at(800) },
      { status: "CrashLoopBackOff", start: at(800), end: null },
    ]);
    expect(tl.warnings.map((w) => w.code).sort()).toEqual(["status-gap", "unplaced-runs"]);
    // Events still in the cluster give the whole probe history.
    expect(nginx.probes).toHaveLength(24);
  });

  it("sidecar: init progress from init container times", () => {
    const tl = backfill("sidecar");
    expect(tl.status).toEqual([
      { status: "Pending", start: at(0), end: at(4) },
      { status: "Init:0/2", start: at(4), end: at(5) },
      { status: "Init:1/2", start: at(5), end: at(8) },
      { status: "PodInitializing", start: at(8), end: at(9) },
      { status: "Running", start: at(9), end: null },
    ]);
    expect(tl.warnings).toEqual([]);
  });

  it("conditions: a True condition was not True before its lastTransitionTime", () => {
    const tl = backfill("job-completed");
    const initialized = tl.conditions.filter((c) => c.type === "Initialized");
    expect(initialized).toEqual([
      {
        type: "Initialized",
        status: "False",
        reason: null,
        message: null,
        start: at(0),
        end: at(2),
      },
      { type: "Initialized", status: "True", reason: null, message: null, start: at(2), end: null },
    ]);
    expect(tl.phases.map((p) => [p.phase, p.start, p.end])).toEqual([
      ["Pending", at(0), at(5)],
      ["Running", at(5), at(35)],
      ["Succeeded", at(35), null],
    ]);
    expect(tl.status.map((s) => [s.status, s.start])).toEqual([
      ["Pending", at(0)],
      ["Running", at(5)],
      ["Completed", at(35)],
    ]);
  });

  it("init-crashloop: the latest init run and the open back-off", () => {
    const tl = backfill("init-crashloop");
    const migrate = tl.containers[0];
    expect(migrate.runs.map((r) => [r.attempt, r.start, r.end])).toEqual([[4, at(40), at(41)]]);
    expect(migrate.unplacedRuns).toBe(3);
    expect(tl.status.at(-1)).toEqual({ status: "Init:CrashLoopBackOff", start: at(41), end: null });
    // The first Started event (4 s) ends Pending even though the run it proves is not placed.
    expect(tl.status[0]).toEqual({ status: "Pending", start: at(0), end: at(4) });
  });

  it("a pod seen at creation is not reconstructed", () => {
    const s = story("unschedulable")!;
    const tl = buildTimeline({
      ...storySnapshot(s),
      observations: [{ type: "ADDED", object: s.observations[0].object, observedAt: seen(0) }],
    });
    expect(tl.reconstructed).toBe(false);
  });
});
