// The stream's one reducer: what each event does to a view's rows and its connection, that it
// never throws on what it cannot read, and that it reads the frames the server's hub writes.
import { describe, expect, it } from "vitest";
import { StreamHub, type Sink } from "../stream/hub";
import {
  applyFrame,
  applyFrames,
  emptyStream,
  FRAME,
  forgetRemoved,
  STREAM_EVENTS,
  streamPath,
  workloadStreamPath,
  type Frame,
  type StreamState,
} from "./stream-frames";

interface Row {
  uid: string;
  name: string;
  deletedAt: number | null;
}
const row = (name: string, deletedAt: number | null = null): Row => ({
  uid: `u-${name}`,
  name,
  deletedAt,
});
const names = (s: StreamState<Row>) => [...s.rows.values()].map((r) => r.name).sort();
const fold = (s: StreamState<Row>, ...frames: Frame[]) => frames.reduce(applyFrame, s);
const snapshot = (...rows: Row[]): Frame => ({ type: "snapshot", data: { pods: rows }, at: 1 });
const pod = (r: Row, at = 2): Frame => ({ type: "pod", data: { uid: r.uid, row: r }, at });
const removed = (r: Row, at = 3): Frame => ({ type: "removed", data: { uid: r.uid, row: r }, at });

describe("the stream's path", () => {
  it("is the one the early script, the overview, the kiosk and the pod page ask for", () => {
    expect(streamPath({})).toBe("/api/stream");
    expect(streamPath({ namespaces: ["dev", "prod"], selector: "app in (web,api)" })).toBe(
      "/api/stream?namespace=dev%2Cprod&selector=app+in+%28web%2Capi%29",
    );
    expect(streamPath({ namespaces: ["default"], pod: "web-1" })).toBe(
      "/api/stream?namespace=default&pod=web-1",
    );
  });
});

describe("applyFrame", () => {
  it("a snapshot replaces the rows; deltas add, update and remove", () => {
    let s = fold(emptyStream<Row>(false), snapshot(row("a"), row("b")));
    expect(names(s)).toEqual(["a", "b"]);
    expect(s).toMatchObject({ connection: "open", synced: true, loaded: true, changes: 1 });
    s = fold(s, pod(row("c")), pod({ ...row("a"), name: "a2" }), removed(row("b", 5)));
    expect(names(s)).toEqual(["a2", "c"]);
    expect(s.changes).toBe(4);
    expect(s.lastFrameAt).toBe(3);
    s = fold(s, snapshot(row("d")));
    expect(names(s)).toEqual(["d"]);
  });

  it("keepRemoved: a removed pod stays, marked deleted, also through a snapshot", () => {
    let s = fold(emptyStream<Row>(true), snapshot(row("a"), row("b")), removed(row("b", 5)));
    expect(s.rows.get("u-b")?.deletedAt).toBe(5);
    s = fold(s, snapshot(row("c")));
    expect(names(s)).toEqual(["b", "c"]);
    expect(names(forgetRemoved(s, 6))).toEqual(["c"]);
    expect(forgetRemoved(s, 5)).toBe(s);
  });

  it("a ping says the stream is alive and changes nothing else", () => {
    const s = fold(emptyStream<Row>(false), snapshot(row("a")));
    const after = applyFrame(s, { type: "ping", data: {}, at: 15_000 });
    expect(after.lastFrameAt).toBe(15_000);
    expect(after.rows).toBe(s.rows);
    expect(after.changes).toBe(s.changes);
  });

  it("resync: the rows stay but are behind (not open, not synced) until the next snapshot replaces them", () => {
    let s = fold(emptyStream<Row>(false), snapshot(row("a"), row("b")));
    s = applyFrame(s, { type: "resync", data: { reason: "fell behind" }, at: 9 });
    expect(s).toMatchObject({ connection: "down", synced: false, resync: true, loaded: true });
    expect(names(s)).toEqual(["a", "b"]);
    // Deltas that still come do not make it current.
    s = fold(s, pod(row("c")));
    expect(s).toMatchObject({ connection: "down", synced: false, resync: true });
    s = fold(s, snapshot(row("b")));
    expect(s).toMatchObject({ connection: "open", synced: true, resync: false });
    expect(names(s)).toEqual(["b"]);
  });

  it("the connection: open, down on an error, and why it was refused until a snapshot", () => {
    let s = emptyStream<Row>(false);
    expect(s.connection).toBe("connecting");
    s = fold(s, { type: "open" });
    expect(s.connection).toBe("open");
    s = fold(s, { type: "error" }, { type: "refused", data: "Not yours." });
    expect(s).toMatchObject({ connection: "down", refused: "Not yours.", lastFrameAt: null });
    s = fold(s, { type: "refused", data: undefined });
    expect(s.refused).toBe("Not yours.");
    s = fold(s, snapshot());
    expect(s).toMatchObject({ connection: "open", refused: null });
  });

  it("never throws on what it cannot read, and changes no rows for it", () => {
    const s = fold(emptyStream<Row>(true), snapshot(row("a")));
    const odd: Frame[] = [
      { type: "snapshot" },
      { type: "snapshot", data: { pods: "all" } },
      { type: "snapshot", data: null },
      { type: "pod", data: { row: row("x") } },
      { type: "removed", data: 7 },
      { type: "resync" },
      { type: "ping" },
    ];
    let after = s;
    expect(() => (after = applyFrames(s, odd))).not.toThrow();
    expect(after.rows).toBe(s.rows);
    expect(after.changes).toBe(s.changes);
    // A snapshot's unreadable rows are left out; a delta with an unreadable row still counts.
    const mixed = fold(
      emptyStream<Row>(false),
      { type: "snapshot", data: { pods: [null, 3, { name: "no uid" }, row("a")] } },
      { type: "pod", data: { uid: "u-a", row: null } },
    );
    expect(names(mixed)).toEqual(["a"]);
    expect(mixed.changes).toBe(2);
  });

  it("is pure: a batch copies the rows once and leaves the state it was given alone", () => {
    const s = fold(emptyStream<Row>(false), snapshot(row("a")));
    const rows = s.rows;
    const after = applyFrames(s, [pod(row("b")), removed(row("a")), pod(row("c"))]);
    expect(s.rows).toBe(rows);
    expect(names(s)).toEqual(["a"]);
    expect(names(after)).toEqual(["b", "c"]);
    expect(applyFrames(s, [])).toBe(s);
  });
});

/** SSE text as the browser's EventSource hands it over: event name, data parsed. */
function parseSse(text: string): Frame[] {
  return text
    .split("\n\n")
    .filter(Boolean)
    .map((block) => {
      const type = /^event: (.*)$/m.exec(block)?.[1] as Frame["type"];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      return { type, data: data === undefined ? undefined : JSON.parse(data), at: 0 };
    });
}

function sink(capacity = Infinity): Sink & { text: () => string } {
  const frames: string[] = [];
  return {
    write: (f) => frames.push(f) <= capacity,
    close: () => {},
    text: () => frames.join(""),
  };
}

describe("the frames the server's hub writes", () => {
  const hub = () =>
    new StreamHub<Row>({ setInterval: () => ({ clear() {} }), replay: 2, maxPending: 1 });
  const delta = (type: "pod" | "removed", r: Row) => ({
    type,
    uid: r.uid,
    namespace: "dev",
    name: r.name,
    labels: {},
    row: r,
  });

  it("use only the events the client listens to, and fold into the hub's rows", () => {
    const h = hub();
    const s = sink();
    h.subscribe({}, s, null, () => ({ pods: [row("a"), row("b")] }));
    h.publish(delta("pod", row("c")));
    h.publish(delta("removed", row("a", 7)));
    const frames = parseSse(s.text());
    for (const f of frames) expect(STREAM_EVENTS).toContain(f.type);
    expect(names(applyFrames(emptyStream<Row>(false), frames))).toEqual(["b", "c"]);
    expect(names(applyFrames(emptyStream<Row>(true), frames))).toEqual(["a", "b", "c"]);
  });

  it("a Last-Event-ID no longer kept: resync then a fresh snapshot, and the state is current", () => {
    const h = hub();
    for (const n of ["a", "b", "c", "d"]) h.publish(delta("pod", row(n)));
    const s = sink();
    h.subscribe({}, s, 0, () => ({ pods: [row("c"), row("d")] }));
    const frames = parseSse(s.text());
    expect(frames.map((f) => f.type)).toEqual([FRAME.resync, FRAME.snapshot]);
    const state = applyFrames(fold(emptyStream<Row>(false), snapshot(row("a"))), frames);
    expect(state).toMatchObject({ synced: true, resync: false, connection: "open" });
    expect(names(state)).toEqual(["c", "d"]);
  });

  it("a subscriber that fell behind: resync, the stream ends, the state says it is behind", () => {
    const h = hub();
    const s = sink(1);
    h.subscribe({}, s, null, () => ({ pods: [row("a")] }));
    for (const n of ["b", "c", "d"]) h.publish(delta("pod", row(n)));
    const frames = parseSse(s.text());
    expect(frames[frames.length - 1].type).toBe(FRAME.resync);
    expect(applyFrames(emptyStream<Row>(false), frames)).toMatchObject({
      resync: true,
      synced: false,
      connection: "down",
    });
  });
});

describe("a windowed stream's frames", () => {
  const r = (uid: string, ready = "1/1") => ({ uid, deletedAt: null, ready });
  const counts = { all: 3, statuses: ["Running"], nodes: ["n1", "n2"], nodesNotReady: [] };
  it("keeps the rows a frame leaves out and the counts it does not carry", () => {
    let s = applyFrames(emptyStream<ReturnType<typeof r>>(false), [
      {
        type: "snapshot",
        data: { pods: [r("a"), r("b")], window: { offset: 0, total: 3, uids: ["a", "b"], counts } },
      },
    ]);
    s = applyFrames(s, [
      {
        type: "window",
        data: {
          pods: [r("b", "0/1"), r("c")],
          window: { offset: 0, total: 4, uids: ["c", "b"], counts: { all: 4 } },
        },
      },
    ]);
    expect([...s.rows.values()]).toEqual([r("c"), r("b", "0/1")]);
    expect(s.window).toEqual({
      offset: 0,
      total: 4,
      uids: ["c", "b"],
      counts: { ...counts, all: 4 },
    });
    // Counts that do not read are not taken.
    const bad = applyFrames(s, [
      {
        type: "window",
        data: { pods: [], window: { offset: 0, total: 4, uids: [], counts: { all: "x" } } },
      },
    ]);
    expect(bad.window).toEqual(s.window);
  });
});

describe("the workload channel", () => {
  interface Wl {
    uid: string;
    name: string;
    pods: number;
  }
  const wl = (name: string, pods = 1): Wl => ({ uid: `w-${name}`, name, pods });
  const rows = (s: StreamState<Wl>) => [...s.rows.values()].map((r) => `${r.name}:${r.pods}`);
  const denial = { resource: "cronjobs.batch", kind: "CronJob", reason: "forbidden" };

  it("has its path", () => {
    expect(workloadStreamPath([])).toBe("/api/stream?channel=workloads");
    expect(workloadStreamPath(["shop", "batch"])).toBe(
      "/api/stream?channel=workloads&namespace=shop%2Cbatch",
    );
  });

  it("folds the snapshot's workloads and omitted, then workload, removed and omitted frames", () => {
    let s = applyFrames(emptyStream<Wl>(false), [
      { type: "snapshot", data: { workloads: [wl("web"), wl("api")], omitted: [] }, at: 1 },
    ]);
    expect(rows(s)).toEqual(["web:1", "api:1"]);
    expect(s.omitted).toEqual([]);
    expect([s.synced, s.loaded, s.connection]).toEqual([true, true, "open"]);
    s = applyFrames(s, [
      { type: FRAME.workload, data: { uid: "w-web", row: wl("web", 5) }, at: 2 },
      { type: FRAME.workload, data: { uid: "w-db", row: wl("db", 2) }, at: 2 },
      { type: FRAME.removed, data: { uid: "w-api", row: null }, at: 3 },
      { type: FRAME.omitted, data: { omitted: [denial] }, at: 4 },
    ]);
    expect(rows(s)).toEqual(["web:5", "db:2"]);
    expect(s.omitted).toEqual([denial]);
    expect(s.lastFrameAt).toBe(4);
    expect(s.changes).toBe(4);
    // What it cannot read changes nothing.
    const same = applyFrames(s, [
      { type: FRAME.omitted, data: { omitted: "all" } },
      { type: FRAME.snapshot, data: { workloads: "none" } },
      { type: FRAME.workload, data: { row: wl("x") } },
    ]);
    expect(rows(same)).toEqual(["web:5", "db:2"]);
    expect(same.omitted).toEqual([denial]);
  });

  it("is among the events the client listens for", () => {
    expect(STREAM_EVENTS).toEqual(expect.arrayContaining(["workload", "omitted", "removed"]));
  });
});
