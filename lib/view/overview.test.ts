import { describe, expect, it } from "vitest";
import { noteStatus, RECENT_LIMIT, type PodRow } from "../rows/pod-row";
import { LANE, LANE_LEGEND, laneBatches, lanePercentBoxes } from "./lanes";
import { PALETTE, UNKEPT_FILL } from "./palette";
import {
  urlTime,
  DEFAULT_STATE,
  filterRows,
  laneOf,
  readState,
  restartNear,
  segmentAt,
  sortRows,
  windowRange,
  writeState,
  zoomWindow,
} from "./overview";

const T = Date.parse("2026-11-20T09:00:00Z");
const row = (name: string, over: Partial<PodRow> = {}): PodRow => ({
  uid: name,
  namespace: "dev",
  name,
  node: "node-1",
  phase: "Running",
  status: "Running",
  ready: "1/1",
  restarts: "0",
  restartCount: 0,
  lastRestartAt: null,
  age: "1m",
  labels: { app: name },
  createdAt: T,
  deletedAt: null,
  podReady: true,
  recent: [],
  ...over,
});

describe("overview state in the URL", () => {
  it("round-trips every field and leaves defaults out", () => {
    const s = {
      ...DEFAULT_STATE,
      namespaces: ["dev", "prod"],
      selector: "app=web",
      status: "CrashLoopBackOff",
      node: "node-2",
      search: "api",
      from: T,
      to: T + 3_600_000,
      sort: "restarts" as const,
      desc: true,
      tz: "utc" as const,
    };
    const q = writeState(s);
    expect(readState(q)).toEqual(s);
    expect(writeState(DEFAULT_STATE).toString()).toBe("");
  });
  it("falls back to defaults on unreadable values, and a backwards window is live", () => {
    const s = readState(
      new URLSearchParams(
        "window=3y&sort=drop&from=2026-11-20T10:00:00Z&to=2026-11-20T09:00:00Z&tz=mars",
      ),
    );
    expect(s).toEqual(DEFAULT_STATE);
    expect(windowRange(readState(new URLSearchParams("window=15m")), T)).toEqual([T - 900_000, T]);
  });
  it("zooms about a point and keeps a sane span", () => {
    expect(zoomWindow([0, 1000_000], 0.5, 1000_000)).toEqual([500_000, 1000_000]);
    expect(zoomWindow([0, 120_000], 0.01)).toEqual([30_000, 90_000]);
  });
});

describe("problems first", () => {
  const now = T + 30 * 60_000;
  it("sorts worst first, then by namespace and name; columns both ways", () => {
    const rows = [
      row("zeta"),
      row("alpha", { status: "Error" }),
      row("beta", { podReady: false }),
      row("gamma", { status: "ImagePullBackOff" }),
    ];
    expect(sortRows(rows, "problems", false, now).map((r) => r.name)).toEqual([
      "alpha",
      "gamma",
      "beta",
      "zeta",
    ]);
    expect(sortRows(rows, "name", true, now).map((r) => r.name)).toEqual([
      "zeta",
      "gamma",
      "beta",
      "alpha",
    ]);
  });
  it("sorts by lib/health: a pod stuck Terminating on a lost node before a warning, a warning before ok", () => {
    const lost = { ready: "Unknown", since: now - 600_000, unreachable: true, notReady: false };
    const rows = [
      row("a-fine", { node: "node-2" }),
      row("b-on-lost-node", { nodeState: lost }),
      row("c-stuck", {
        status: "Terminating",
        deletion: { at: now - 60_000, grace: 30 },
        nodeState: lost,
      }),
    ];
    expect(sortRows(rows, "problems", false, now).map((r) => r.name)).toEqual([
      "c-stuck",
      "b-on-lost-node",
      "a-fine",
    ]);
  });
  it("filters by namespaces, status, node, search and labels", () => {
    const rows = [row("web-1"), row("web-2", { namespace: "prod" }), row("db", { node: "node-2" })];
    expect(
      filterRows(rows, { namespaces: ["dev"], status: "", node: "", search: "WEB" }).map(
        (r) => r.name,
      ),
    ).toEqual(["web-1"]);
    expect(
      filterRows(rows, { namespaces: [], status: "", node: "node-2", search: "" }).map(
        (r) => r.name,
      ),
    ).toEqual(["db"]);
    expect(
      filterRows(rows, {
        namespaces: [],
        status: "",
        node: "",
        search: "",
        labels: (l) => l.app === "web-2",
      }).map((r) => r.name),
    ).toEqual(["web-2"]);
  });
});

describe("lanes", () => {
  const change = (
    start: number,
    status: string,
    phase: string,
    ready: boolean,
    restarts: number,
  ) => ({ start, status, phase, ready, restarts });
  const r = row("crashy", {
    createdAt: T,
    recent: [
      change(T + 10_000, "Running", "Running", true, 0),
      change(T + 40_000, "CrashLoopBackOff", "Running", false, 1),
      change(T + 60_000, "Running", "Running", true, 1),
      change(T + 90_000, "CrashLoopBackOff", "Running", false, 2),
    ],
  });
  const lane = laneOf(r, T + 100_000);
  it("draws what happened before Lifeline saw the pod as unobserved, then each change, ready bands and restart ticks", () => {
    expect(lane.segments.map((s) => [s.start - T, s.end - T, s.status, s.unobserved])).toEqual([
      [0, 10_000, "Running", true],
      [10_000, 40_000, "Running", false],
      [40_000, 60_000, "CrashLoopBackOff", false],
      [60_000, 90_000, "Running", false],
      [90_000, 100_000, "CrashLoopBackOff", false],
    ]);
    expect(lane.ready.map((x) => [x.start - T, x.end - T])).toEqual([
      [10_000, 40_000],
      [60_000, 90_000],
    ]);
    expect(lane.restarts.map((x) => [x.at - T, x.count])).toEqual([
      [40_000, 1],
      [90_000, 2],
    ]);
  });
  it("hit-tests by binary search and finds the nearest restart", () => {
    expect(segmentAt(lane, T + 45_000)!.status).toBe("CrashLoopBackOff");
    expect(segmentAt(lane, T + 40_000)!.start).toBe(T + 40_000);
    expect(segmentAt(lane, T + 100_000)!.start).toBe(T + 90_000);
    expect(segmentAt(lane, T - 1)).toBeNull();
    expect(segmentAt(lane, T + 200_000)).toBeNull();
    expect(restartNear(lane, T + 41_000, 2000)!.count).toBe(1);
    expect(restartNear(lane, T + 70_000, 2000)).toBeNull();
  });
  it("draws the stretch whose changes were dropped for the count limit as watched but not kept, never as before Lifeline watched", () => {
    // A crash loop watched from its creation: far more changes than a live row keeps.
    let recent: PodRow["recent"] = [];
    for (let i = 0; i < 3 * RECENT_LIMIT; i++)
      recent = noteStatus(
        recent,
        {
          status: i % 2 ? "CrashLoopBackOff" : "Running",
          phase: "Running",
          ready: i % 2 === 0,
          restarts: Math.ceil(i / 2),
        },
        T + 5000 + i * 10_000,
      );
    expect(recent[0].start).toBeGreaterThan(T + 5000);
    const looping = laneOf(
      row("looping", { createdAt: T, watchedFrom: T + 5000, recent }),
      T + 3 * RECENT_LIMIT * 10_000,
    );
    expect(
      looping.segments.filter((s) => s.unobserved).map((s) => [s.start - T, s.end - T]),
    ).toEqual([[0, 5000]]);
    expect(looping.segments.filter((s) => s.unkept).map((s) => [s.start - T, s.end - T])).toEqual([
      [5000, recent[0].start - T],
    ]);
    // Drawn solid in its own neutral fill (not faint, not a phase's colour), with a legend entry of its own.
    const b = laneBatches([looping], (t) => (t - T) / 1000, 10_000, 24);
    expect(b.solid.get(UNKEPT_FILL)).toEqual([
      5,
      LANE.phaseTop,
      (recent[0].start - T) / 1000 - 5,
      LANE.phaseHeight,
    ]);
    expect(LANE_LEGEND.some((l) => l.fill === UNKEPT_FILL)).toBe(true);
  });
  it("ends a deleted pod's lane at its deletion", () => {
    const gone = laneOf(
      {
        ...r,
        deletedAt: T + 95_000,
        recent: [...r.recent, change(T + 95_000, "Deleted", "Running", false, 2)],
      },
      T + 200_000,
    );
    expect(gone.segments.at(-1)!.end).toBe(T + 95_000);
  });
  it("batches boxes by colour and skips sub-pixel ones", () => {
    // 100 s over 1000 px: 10 px a second. A 20 ms segment is 0.2 px wide.
    const tiny = laneOf(
      row("tiny", {
        createdAt: T,
        recent: [
          change(T, "Running", "Running", true, 0),
          change(T + 20, "Error", "Failed", false, 0),
        ],
      }),
      T + 20,
    );
    const b = laneBatches([lane, null, tiny], (t) => (t - T) / 100, 1000, 28);
    // The CrashLoopBackOff stretches (phase Running) are back-off, not Running: one batch per colour.
    expect([...b.solid.keys()].sort()).toEqual([PALETTE.blue, PALETTE.vermillion].sort());
    expect(b.solid.get(PALETTE.blue)!.length / 4).toBe(2);
    expect(b.solid.get(PALETTE.vermillion)!.length / 4).toBe(2);
    expect(b.patterned.length / 4).toBe(2);
    expect(b.faint.get(PALETTE.blue)!.length / 4).toBe(1);
    expect(b.restarts.length / 4).toBe(2);
    expect(b.skipped).toBeGreaterThanOrEqual(2);
    // Rows stack: the third lane's boxes sit two rows down.
    expect(b.ready.filter((_, i) => i % 4 === 1).every((y) => y < 28)).toBe(true);
  });
});

describe("lane boxes in percent (the server-rendered first screen)", () => {
  it("places phases, readiness and restarts as the canvas does, clipped to the window", () => {
    const lane = laneOf(
      row("a", {
        createdAt: T,
        recent: [
          { status: "ContainerCreating", phase: "Pending", ready: false, restarts: 0, start: T },
          { status: "Running", phase: "Running", ready: true, restarts: 0, start: T + 10_000 },
          { status: "Running", phase: "Running", ready: true, restarts: 1, start: T + 60_000 },
        ],
      }),
      T + 100_000,
    );
    const boxes = lanePercentBoxes(lane, T - 100_000, T + 100_000);
    const phases = boxes.filter((b) => b.kind === "phase");
    expect(phases.map((b) => [b.left, b.width, b.patterned])).toEqual([
      [50, 5, true],
      [55, 25, false],
      [80, 20, false],
    ]);
    expect(boxes.filter((b) => b.kind === "ready").map((b) => [b.left, b.width])).toEqual([
      [55, 45],
    ]);
    expect(boxes.filter((b) => b.kind === "restart").map((b) => b.left)).toEqual([80]);
    // Outside the window: nothing; a zero or backwards window: nothing.
    expect(
      lanePercentBoxes(lane, T + 200_000, T + 300_000).filter((b) => b.kind !== "restart"),
    ).toEqual([]);
    expect(lanePercentBoxes(lane, T, T)).toEqual([]);
  });
});

describe("urlTime (from, to and at in every view's URL)", () => {
  it.each([
    ["1795507900000", 1795507900000],
    ["2026-11-24T08:11:40Z", Date.parse("2026-11-24T08:11:40Z")],
    ["2026-11-24T08:11:40.000Z", Date.parse("2026-11-24T08:11:40Z")],
    ["yesterday", null],
    // What the API refuses is not read as a time here either (Date.parse read "-1" as 2001).
    ["-1", null],
    ["1e30", null],
    ["NaN", null],
    ["Infinity", null],
    ["99999999999999999", null],
    ["Tue Nov 24 2026", null],
    ["", null],
    [null, null],
  ])("reads %j as %j", (v, want) => expect(urlTime(v)).toBe(want));
});
