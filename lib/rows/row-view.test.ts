import { describe, expect, it } from "vitest";
import { filterRows, sortClock, sortRows, SORT_KEYS, type SortKey } from "./order";
import type { PodRow } from "./pod-row";
import { podHealth } from "../health";
import { RowView, type ViewQuery } from "./row-view";
import { drain } from "./sliced-sort";

const T = Date.parse("2026-11-20T09:00:00Z");
const STATUSES = ["Running", "Pending", "CrashLoopBackOff", "Error", "Completed", "Terminating"];
const NODES = ["node-a", "node-b", "node-c"];
const lost = { ready: "Unknown", since: T - 600_000, unreachable: true, notReady: false };

/** A deterministic generator (mulberry32): the same sequence every run. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomRow(r: () => number, uid: string, now: number): PodRow {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const status = pick(STATUSES);
  const restarts = Math.floor(r() * 4);
  const row: PodRow = {
    uid,
    namespace: pick(["dev", "prod", "kube-system"]),
    // Names repeat across namespaces and uids: ties go to namespace, then name, then uid.
    name: `web-${Math.floor(r() * 40)}`,
    node: r() < 0.1 ? null : pick(NODES),
    phase: status === "Pending" ? "Pending" : "Running",
    status,
    ready: pick(["0/1", "1/1", "1/2", "2/2"]),
    restarts: String(restarts),
    restartCount: restarts,
    lastRestartAt: restarts ? now - Math.floor(r() * 3_600_000) : null,
    age: "1m",
    labels: { app: pick(["web", "db"]) },
    createdAt: now - Math.floor(r() * 7_200_000),
    deletedAt: null,
    podReady: r() < 0.7,
    recent: [],
  };
  if (r() < 0.1) row.nodeState = lost;
  return row;
}

/** What the overview computed in the browser from every row: the reference the view must equal. */
function reference(rows: Iterable<PodRow>, q: ViewQuery, clock: number): PodRow[] {
  const alive = [...rows].filter(
    (r) => q.base(r) && !(r.deletedAt !== null && r.deletedAt < clock - q.keepRemovedMs),
  );
  const shown = filterRows(alive, {
    namespaces: [],
    status: q.status,
    node: q.node,
    search: q.search,
  });
  return sortRows(shown, q.sort, q.desc, clock);
}

/** The health counts of rows, worked out from lib/health directly. */
function health(rows: PodRow[], clock: number) {
  const out = { failing: 0, warning: 0, ok: 0 };
  const byNs = new Map<string, [number, number]>();
  for (const r of rows) {
    const level = podHealth(r, clock).level;
    out[level]++;
    if (level === "ok") continue;
    const t = byNs.get(r.namespace) ?? [0, 0];
    t[level === "failing" ? 0 : 1]++;
    byNs.set(r.namespace, t);
  }
  const namespaces = [...byNs]
    .map(([ns, [f, w]]) => [ns, f, w] as [string, number, number])
    .sort((a, b) => b[1] - a[1] || b[2] - a[2] || (a[0] < b[0] ? -1 : 1));
  return { ...out, namespaces };
}

const query = (over: Partial<ViewQuery> = {}): ViewQuery => ({
  base: () => true,
  status: "",
  node: "",
  search: "",
  sort: "problems",
  desc: false,
  keepRemovedMs: 3_600_000,
  ...over,
});

const uids = (rows: PodRow[]) => rows.map((r) => r.uid);

describe("RowView", () => {
  const queries: [string, Partial<ViewQuery>][] = [
    ...SORT_KEYS.flatMap((sort): [string, Partial<ViewQuery>][] => [
      [`${sort}`, { sort }],
      [`${sort} desc`, { sort: sort as SortKey, desc: true }],
    ]),
    ["prod only, by status", { base: (r) => r.namespace === "prod", sort: "status" }],
    ["Running on node-b", { status: "Running", node: "node-b" }],
    ["search WEB-1", { search: " WEB-1", sort: "name" }],
  ];
  it.each(queries)(
    "holds the same rows in the same order as sorting them all (%s), change after change",
    (_, over) => {
      const r = rng(42);
      const q = query(over);
      let now = T;
      const all = new Map<string, PodRow>();
      for (let i = 0; i < 300; i++) all.set(`u${i}`, randomRow(r, `u${i}`, now));
      const view = new RowView(q, sortClock(now));
      // Loaded a slice at a time while the changes go on: what comes meanwhile waits for the load.
      const loading = view.load([...all.values()], 17);
      for (let step = 0; step < 1500; step++) {
        if (!view.ready) loading.next();
        const x = r();
        const uid = `u${Math.floor(r() * 400)}`;
        if (x < 0.6) {
          const row = randomRow(r, uid, now);
          all.set(uid, row);
          view.upsert(row);
        } else if (x < 0.75 && all.has(uid)) {
          // A removal: the last row stays, marked Deleted, for the window.
          const row = { ...all.get(uid)!, status: "Deleted", podReady: false, deletedAt: now };
          all.set(uid, row);
          view.upsert(row);
        } else if (x < 0.8) {
          all.delete(uid);
          view.remove(uid);
        } else if (x < 0.83) {
          now += 7 * 60_000;
          drain(view.reclock(sortClock(now), 37));
        }
        if (view.ready && (step % 50 === 0 || step === 1499)) {
          const want = reference(all.values(), q, view.clock);
          expect(uids(view.slice(0, 1000))).toEqual(uids(want));
          expect(view.total).toBe(want.length);
          expect(uids(view.slice(10, 5))).toEqual(uids(want.slice(10, 15)));
          if (q.sort === "problems") expect(view.counts().health).toEqual(health(want, view.clock));
          else expect(view.counts().health).toBeUndefined();
        }
      }
    },
  );

  it("knows its first rows, in order, once every row is keyed and before the rest is sorted", () => {
    const r = rng(3);
    const all = Array.from({ length: 3000 }, (_, i) => randomRow(r, `u${i}`, T));
    const q = query();
    const want = reference(all, q, sortClock(T));
    const view = new RowView(q, sortClock(T));
    const loading = view.load(all, 100);
    let early = 0;
    while (!view.ready) {
      if (!view.readable(0, 120)) expect(view.slice(0, 120)).toEqual([]);
      else if (!view.ready) {
        early++;
        expect(uids(view.slice(0, 120))).toEqual(uids(want.slice(0, 120)));
        expect(uids(view.slice(380, 120))).toEqual(uids(want.slice(380, 500)));
        expect(view.readable(400, 120)).toBe(false);
        expect(view.total).toBe(want.length);
      }
      loading.next();
    }
    expect(early).toBeGreaterThan(10);
    expect(uids(view.slice(0, 3000))).toEqual(uids(want));
  });

  it("many rows at once: hundreds expire and hundreds change rank in one reclock, as sorting them all says", () => {
    const r = rng(7);
    let now = T;
    const all = new Map<string, PodRow>();
    for (let i = 0; i < 2000; i++) all.set(`u${i}`, randomRow(r, `u${i}`, now));
    const q = query();
    const view = RowView.of(q, sortClock(now), all.values());
    // 600 removed now; then two hours on: they leave, and restarts and Pending pods change rank.
    for (let i = 0; i < 600; i++) {
      const row = { ...all.get(`u${i}`)!, status: "Deleted", podReady: false, deletedAt: now };
      all.set(row.uid, row);
      view.upsert(row);
    }
    now += 2 * 3_600_000;
    drain(view.reclock(sortClock(now), 100));
    const want = reference(all.values(), q, view.clock);
    expect(want.length).toBe(1400);
    expect(uids(view.slice(0, 5000))).toEqual(uids(want));
    expect(view.counts().health).toEqual(health(want, view.clock));
    expect(view.counts().all).toBe(1400);
  });

  it("names no node as not Ready for a removed pod's last row (it says what the node was then)", () => {
    const gone: PodRow = {
      ...randomRow(rng(11), "gone", T),
      node: "node-a",
      nodeState: lost,
      status: "Deleted",
      deletedAt: T,
    };
    const here: PodRow = { ...randomRow(rng(12), "here", T), node: "node-b", nodeState: lost };
    expect(RowView.of(query(), T, [gone, here]).counts().nodesNotReady).toEqual(["node-b"]);
  });

  it("counts the rows on its base, their statuses and nodes, and the troubled nodes under what passes", () => {
    const q = query({ base: (r) => r.namespace === "dev", status: "Running", sort: "name" });
    const rows: PodRow[] = [
      randomRow(rng(1), "a", T),
      randomRow(rng(2), "b", T),
      randomRow(rng(3), "c", T),
    ].map((r, i) => ({
      ...r,
      namespace: i < 2 ? "dev" : "prod",
      status: i === 0 ? "Running" : "Pending",
      node: NODES[i],
      nodeState: lost,
    }));
    const view = RowView.of(q, T, rows);
    expect(view.counts()).toEqual({
      all: 2,
      statuses: ["Pending", "Running"],
      nodes: ["node-a", "node-b"],
      nodesNotReady: ["node-a"],
    });
    view.upsert({ ...rows[0], status: "Error" });
    expect(view.counts()).toEqual({
      all: 2,
      statuses: ["Error", "Pending"],
      nodes: ["node-a", "node-b"],
      nodesNotReady: [],
    });
    expect(view.total).toBe(0);
  });

  it("lets a removed pod go once its deletion is older than the window", () => {
    const q = query({ keepRemovedMs: 3_600_000 });
    const row = { ...randomRow(rng(5), "gone", T), status: "Deleted", deletedAt: T };
    const view = RowView.of(q, T, [row]);
    expect(view.total).toBe(1);
    drain(view.reclock(T + 3_600_000));
    expect(view.total).toBe(1);
    drain(view.reclock(T + 3_610_000));
    expect(view.total).toBe(0);
    expect(view.counts().all).toBe(0);
  });

  it("with no removed rows (keepRemovedMs 0, the kiosk), a pod leaves rows and counts the moment it is removed", () => {
    const q = query({ keepRemovedMs: 0 });
    const live = { ...randomRow(rng(6), "here", T), status: "Running", podReady: true };
    const view = RowView.of(q, T, [live]);
    expect(view.counts().health!.ok + view.counts().health!.warning).toBe(1);
    // Removed a second after the view's clock, before any reclock.
    view.upsert({ ...live, status: "Deleted", podReady: false, deletedAt: T + 1_000 });
    expect(view.total).toBe(0);
    expect(view.counts().all).toBe(0);
    expect(view.counts().health).toMatchObject({ failing: 0, warning: 0, ok: 0 });
    // A removed row met when the view loads is left out too.
    const gone = { ...live, uid: "gone", status: "Deleted", deletedAt: T + 5_000 };
    expect(RowView.of(q, T, [gone, live]).total).toBe(1);
  });

  it("moves a pod up when its problem score changes with the clock alone", () => {
    // Restarted a minute ago: a warning for now; an hour later an ordinary running pod.
    const base = randomRow(rng(9), "x", T);
    const restarted: PodRow = {
      ...base,
      namespace: "zz",
      status: "Running",
      podReady: true,
      ready: "1/1",
      nodeState: undefined,
      restartCount: 1,
      lastRestartAt: T - 60_000,
    };
    const fine: PodRow = {
      ...restarted,
      uid: "y",
      namespace: "aa",
      restartCount: 0,
      lastRestartAt: null,
    };
    const view = RowView.of(query(), T, [fine, restarted]);
    expect(uids(view.slice(0, 2))).toEqual(["x", "y"]);
    drain(view.reclock(T + 2 * 3_600_000));
    expect(uids(view.slice(0, 2))).toEqual(["y", "x"]);
  });
});
