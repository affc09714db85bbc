import { describe, expect, it } from "vitest";
import { StreamHub, type Sink } from "../stream/hub";
import type { PodRow } from "../rows/pod-row";
import { MAX_VIEWS, Views, type WindowQuery } from "./views";

const T = Date.parse("2026-11-20T09:00:00Z");
const row = (name: string, over: Partial<PodRow> = {}): PodRow => ({
  uid: `uid-${name}`,
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
  createdAt: T - 60_000,
  deletedAt: null,
  podReady: true,
  recent: [],
  ...over,
});

interface Got {
  event: string;
  data: {
    pods: PodRow[];
    window: {
      offset: number;
      total: number;
      uids: string[];
      counts: { all: number; statuses: string[] };
    };
  };
}

function setup(rows: PodRow[], clock = { now: T }, turnMs = 0) {
  const queue: (() => void)[] = [];
  let tick = () => {};
  const hub = new StreamHub<PodRow>({ setInterval: () => ({ clear() {} }) });
  const views = new Views({
    hub,
    rows: () => rows,
    now: () => clock.now,
    schedule: (fn) => queue.push(fn),
    slice: 2,
    turnMs,
    gapMs: 0,
    setInterval: (fn) => {
      tick = fn;
      return { clear() {} };
    },
  });
  const run = () => {
    while (queue.length) queue.shift()!();
  };
  /** One turn of the loop: the next step of whatever is loading. */
  const turn = () => queue.shift()?.();
  const open = (over: Partial<WindowQuery> = {}) => {
    const got: Got[] = [];
    const sink: Sink = {
      write(text) {
        const m = /^event: (\w+)\ndata: (.*)\n\n$/s.exec(text);
        if (m && m[1] !== "ping") got.push({ event: m[1], data: JSON.parse(m[2]) });
        return true;
      },
      close() {},
    };
    const sub = views.subscribe(
      {
        filter: {},
        selector: "",
        status: "",
        node: "",
        search: "",
        sort: "name",
        desc: false,
        windowMs: 3_600_000,
        offset: 0,
        limit: 3,
        ...over,
      },
      sink,
    );
    return { got, sub };
  };
  return { hub, views, run, turn, pending: () => queue.length, open, tick: () => tick() };
}

const names = (g: Got) => g.data.window.uids.map((u) => u.slice(4));

describe("the overview's windowed stream", () => {
  const rows = ["a", "b", "c", "d", "e", "f", "g"].map((n) => row(n));

  it("sends the rows at its offset once the view has loaded (a slice per turn), with the total and the counts", () => {
    const { run, open } = setup(rows);
    const s = open({ offset: 2, limit: 3 });
    expect(s.got).toEqual([]);
    run();
    expect(s.got).toHaveLength(1);
    expect(s.got[0].event).toBe("snapshot");
    expect(names(s.got[0])).toEqual(["c", "d", "e"]);
    expect(s.got[0].data.pods.map((p) => p.name)).toEqual(["c", "d", "e"]);
    expect(s.got[0].data.window).toMatchObject({
      offset: 2,
      total: 7,
      counts: { all: 7, statuses: ["Running"] },
    });
  });

  it("sends a change inside its rows (that row only), a shift from before them, and nothing for a change after them", () => {
    const { run, open, views } = setup(rows);
    const s = open({ offset: 2, limit: 3 });
    run();
    views.changed(row("d", { ready: "0/1" }));
    run();
    expect(s.got).toHaveLength(2);
    expect(s.got[1].event).toBe("window");
    expect(s.got[1].data.pods.map((p) => [p.name, p.ready])).toEqual([["d", "0/1"]]);
    expect(names(s.got[1])).toEqual(["c", "d", "e"]);
    // After the window, same place, same counts: nothing to say.
    views.changed(row("g", { ready: "0/1" }));
    run();
    expect(s.got).toHaveLength(2);
    // A new pod before the window shifts it: b now stands at 2.
    views.changed(row("aa"));
    run();
    expect(s.got).toHaveLength(3);
    expect(names(s.got[2])).toEqual(["b", "c", "d"]);
    expect(s.got[2].data.pods.map((p) => p.name)).toEqual(["b"]);
    expect(s.got[2].data.window.total).toBe(8);
  });

  it("keeps a removed pod's last row, marked Deleted, and counts its status", () => {
    const { run, open, views } = setup(rows);
    const s = open({ offset: 0, limit: 2 });
    run();
    views.changed(row("a", { status: "Deleted", deletedAt: T, podReady: false }));
    run();
    expect(names(s.got[1])).toEqual(["a", "b"]);
    // Only the counts that changed: the statuses (the nodes and the rest are as they were).
    expect(s.got[1].data.window.counts).toEqual({ statuses: ["Deleted", "Running"] });
    views.forget("uid-a");
    run();
    expect(names(s.got[2])).toEqual(["b", "c"]);
  });

  it("shares one view between the streams of one query, and filters and sorts on the server", () => {
    const { run, open, views } = setup([...rows, row("web-1", { status: "Error" })]);
    const a = open({ sort: "problems" });
    const b = open({ sort: "problems", offset: 1 });
    const c = open({ search: "WEB", status: "Error" });
    run();
    expect(views.size).toBe(2);
    expect(names(a.got[0])).toEqual(["web-1", "a", "b"]);
    expect(names(b.got[0])).toEqual(["a", "b", "c"]);
    expect(names(c.got[0])).toEqual(["web-1"]);
    expect(c.got[0].data.window.counts).toMatchObject({ all: 8, statuses: ["Error", "Running"] });
  });

  it("sends a new order of the same rows: one pod's restart ages out as another's Pending grows too long", () => {
    const clock = { now: T };
    // a: restarted 55 minutes ago (a warning for 5 more minutes); b: Pending for 1 minute (a warning after 5).
    const a = row("a", { restartCount: 1, lastRestartAt: T - 55 * 60_000 });
    const b = row("b", { status: "Pending", phase: "Pending", podReady: false, ready: "0/1" });
    const { run, open, tick } = setup([a, b], clock);
    const s = open({ sort: "problems", limit: 2 });
    run();
    expect(names(s.got[0])).toEqual(["a", "b"]);
    clock.now = T + 6 * 60_000;
    tick();
    run();
    // Same rows, same counts (one warning in dev): only their order moved.
    expect(s.got).toHaveLength(2);
    expect(names(s.got[1])).toEqual(["b", "a"]);
    expect(s.got[1].data.pods).toEqual([]);
    expect(s.got[1].data.window.counts).toBeUndefined();
  });

  it("refuses a new query past the most views it holds, unless one nobody streams can go", () => {
    const { run, open, views } = setup(rows);
    const q = (search: string) => ({
      filter: {},
      selector: "",
      status: "",
      node: "",
      search,
      sort: "name" as const,
      desc: false,
      windowMs: 3_600_000,
      offset: 0,
      limit: 3,
    });
    const subs = [];
    for (let i = 0; i < MAX_VIEWS; i++) {
      expect(views.admit(q(`q${i}`))).toBe(true);
      subs.push(open({ search: `q${i}` }));
    }
    run();
    expect(views.admit(q("one more"))).toBe(false);
    expect(views.admit(q("q3"))).toBe(true);
    subs[0].sub.cancel();
    expect(views.admit(q("one more"))).toBe(true);
    expect(views.size).toBe(MAX_VIEWS - 1);
  });

  it("stops sending to a stream that closed", () => {
    const { run, open, views } = setup(rows);
    const s = open();
    run();
    s.sub.cancel();
    views.changed(row("a", { ready: "0/1" }));
    run();
    expect(s.got).toHaveLength(1);
  });

  it("sends the first window as soon as every row is keyed, before the rest is sorted, then what the sort changed nothing of", () => {
    const many = Array.from({ length: 60 }, (_, i) => row(`p${String(i).padStart(2, "0")}`));
    const { turn, pending, open, run } = setup(many);
    const s = open({ limit: 3 });
    while (!s.got.length && pending()) turn();
    expect(s.got).toHaveLength(1);
    // Sorting 60 rows two at a time is still under way.
    expect(pending()).toBeGreaterThan(0);
    expect(names(s.got[0])).toEqual(["p00", "p01", "p02"]);
    expect(s.got[0].data.window.total).toBe(60);
    run();
    expect(s.got).toHaveLength(1);
  });

  it("drops a view whose last stream left before it loaded, and stops loading it", () => {
    const many = Array.from({ length: 50 }, (_, i) => row(`p${i}`));
    let keyed = 0;
    const { views, open } = setup(
      new Proxy(many, {
        get(target, prop, recv) {
          if (typeof prop === "string" && /^\d+$/.test(prop)) keyed++;
          return Reflect.get(target, prop, recv);
        },
      }),
    );
    const s = open({ search: "p1" });
    expect(views.size).toBe(1);
    s.sub.cancel();
    expect(views.size).toBe(0);
    // slice 2: the first step read 2 rows; nothing more is read once it is dropped.
    expect(keyed).toBeLessThanOrEqual(2);
  });

  it("keeps a minute's idle views, at most four", () => {
    const { run, open, views } = setup(rows);
    for (const search of ["a", "b", "c", "d", "e", "f"]) {
      const s = open({ search });
      run();
      s.sub.cancel();
    }
    expect(views.size).toBe(4);
  });
  it("holds a kept query's view without streams: loaded a slice per turn, never idle, never made room for", () => {
    const clock = { now: T };
    const { run, open, views, tick, pending } = setup(rows, clock);
    const q = {
      filter: {},
      selector: "",
      status: "",
      node: "",
      search: "",
      sort: "name" as const,
      desc: false,
      windowMs: 3_600_000,
    };
    views.keep(q);
    expect(views.size).toBe(1);
    expect(pending()).toBeGreaterThan(0); // loading in slices, not at once
    run();
    expect(views.peek(q, 2)?.rows.map((r) => r.name)).toEqual(["a", "b"]);
    // Two minutes without a stream: an idle view would be gone.
    clock.now += 120_000;
    tick();
    run();
    expect(views.size).toBe(1);
    // A stream of the same query reads it: its first frame comes without a load.
    const s = open();
    expect(s.got).toHaveLength(1);
    expect(names(s.got[0])).toEqual(["a", "b", "c"]);
    s.sub.cancel();
    // Idle views past MAX_IDLE, and queries up to MAX_VIEWS, never push it out.
    for (let i = 0; i < MAX_VIEWS - 1; i++) {
      const o = open({ search: `q${i}` });
      run();
      o.sub.cancel();
    }
    const more = { ...q, search: "more", offset: 0, limit: 3 };
    for (let i = 0; i < MAX_VIEWS; i++)
      if (views.admit({ ...more, search: `x${i}` })) open({ search: `x${i}` });
    run();
    clock.now += 120_000;
    tick();
    run();
    expect(views.peek(q, 1)?.rows.map((r) => r.name)).toEqual(["a"]);
  });
  it("runs a load's steps for up to turnMs a turn: several steps a turn, not one", () => {
    const many = Array.from({ length: 60 }, (_, i) => row(`p${String(i).padStart(2, "0")}`));
    const stepwise = setup(many);
    stepwise.open();
    expect(stepwise.pending()).toBeGreaterThan(0);
    // A budget no load of 60 rows reaches: loaded within the turn that asked for it.
    const budget = setup(many, { now: T }, 60_000);
    const s = budget.open();
    expect(budget.pending()).toBe(0);
    expect(names(s.got[0])).toEqual(["p00", "p01", "p02"]);
  });
});
