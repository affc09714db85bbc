import { describe, expect, it } from "vitest";
import { freshness, kioskGrid, kioskOptions, pageCount, storeBadge, streamAlive } from "./kiosk";

describe("kiosk options", () => {
  it("reads namespaces, selector, cycle, stale and window", () => {
    expect(
      kioskOptions(
        new URLSearchParams("namespaces=dev,prod&selector=app%3Dweb&cycle=45s&window=6h"),
      ),
    ).toEqual({
      namespaces: ["dev", "prod"],
      selector: "app=web",
      cycleMs: 45_000,
      staleMs: 30_000,
      window: "6h",
      tz: "local",
      group: "pod",
      problems: [],
    });
    // A NOC wall on UTC.
    expect(kioskOptions(new URLSearchParams("tz=utc")).tz).toBe("utc");
    expect(kioskOptions(new URLSearchParams("")).cycleMs).toBe(20_000);
    expect(kioskOptions(new URLSearchParams("cycle=off")).cycleMs).toBe(0);
  });
  it("keeps going on bad input and says what it ignored", () => {
    const o = kioskOptions(
      new URLSearchParams("namespaces=dev,Bad_NS&cycle=1s&stale=soon&window=2y"),
    );
    expect(o.namespaces).toEqual(["dev"]);
    expect(o.cycleMs).toBe(20_000);
    expect(o.staleMs).toBe(30_000);
    expect(o.window).toBe("1h");
    expect(o.problems).toHaveLength(4);
    expect(o.problems[0]).toMatch(/"Bad_NS" is not a namespace name/);
    expect(o.problems.join(" ")).toMatch(/cycle must be between 5s and 600s/);
  });
  it("group=workload makes workloads the cards; any other group is named and pods are shown", () => {
    expect(kioskOptions(new URLSearchParams("group=workload")).group).toBe("workload");
    expect(kioskOptions(new URLSearchParams("group=pod")).problems).toEqual([]);
    const bad = kioskOptions(new URLSearchParams("group=deployments"));
    expect(bad.group).toBe("pod");
    expect(bad.problems).toEqual(['group "deployments" is not one of pod, workload; pod is used.']);
    // The label selector picks pods: with workload cards it is said to be unused, not applied.
    const sel = kioskOptions(new URLSearchParams("group=workload&selector=app%3Dweb"));
    expect(sel.selector).toBe("");
    expect(sel.problems).toEqual(["selector picks pods; it is not used with group=workload."]);
  });
  it("never widens a mistyped scope to every namespace", () => {
    // The only namespace named is unreadable: the wall asks for it anyway (the server answers with
    // its sentence), instead of showing the whole cluster as if none was named.
    const o = kioskOptions(new URLSearchParams("namespaces=Bad_NS"));
    expect(o.namespaces).toEqual(["Bad_NS"]);
    expect(o.problems[0]).toMatch(/"Bad_NS" is not a namespace name/);
    expect(o.problems[0]).not.toMatch(/left out/);
  });
});

describe("kiosk grid", () => {
  it("fits 1920×1080 and scales to 3840×2160 with the same cards, twice the size", () => {
    const hd = kioskGrid(1920, 1080);
    const uhd = kioskGrid(3840, 2160);
    expect(hd).toEqual({ unit: 16, cols: 4, rows: 7, perPage: 28 });
    expect(uhd).toEqual({ unit: 32, cols: 4, rows: 7, perPage: 28 });
    // Everything fits: header + rows of cards and gaps within the height.
    for (const [w, h, g] of [
      [1920, 1080, hd],
      [3840, 2160, uhd],
    ] as const) {
      expect(
        g.unit * 5 + g.rows * (g.unit * 7.5 + g.unit * 0.75) + g.unit * 0.75,
      ).toBeLessThanOrEqual(h);
      expect(g.cols * (g.unit * 24 + g.unit * 0.75) + g.unit * 0.75).toBeLessThanOrEqual(w);
    }
  });
  it("pages", () => {
    expect(pageCount(0, 32)).toBe(1);
    expect(pageCount(33, 32)).toBe(2);
  });
});

describe("freshness", () => {
  const now = 1_000_000;
  const base = {
    now,
    startedAt: now - 100_000,
    lastGoodAt: now - 1000,
    streamAlive: true,
    clusterOk: true,
  };
  it("is live while the stream is alive and the server has the cluster, however quiet", () => {
    expect(freshness({ ...base, lastGoodAt: now - 500_000 }, 30_000)).toEqual({ state: "live" });
  });
  it("goes stale once the last good moment is older than the limit, and says which side failed", () => {
    expect(freshness({ ...base, clusterOk: false, lastGoodAt: now - 20_000 }, 30_000)).toEqual({
      state: "live",
    });
    expect(freshness({ ...base, clusterOk: false, lastGoodAt: now - 31_000 }, 30_000)).toEqual({
      state: "stale",
      since: now - 31_000,
      why: "cluster",
    });
    expect(
      freshness(
        { ...base, streamAlive: false, clusterOk: false, lastGoodAt: now - 31_000 },
        30_000,
      ),
    ).toEqual({ state: "stale", since: now - 31_000, why: "stream" });
    expect(
      freshness({ ...base, streamAlive: false, lastGoodAt: null, startedAt: now - 40_000 }, 30_000),
    ).toEqual({ state: "stale", since: null, why: "stream" });
  });
  it("is connecting, not live, until it has been current once", () => {
    expect(
      freshness({ ...base, clusterOk: false, lastGoodAt: null, startedAt: now - 10_000 }, 30_000),
    ).toEqual({ state: "connecting" });
    expect(
      freshness({ ...base, clusterOk: false, lastGoodAt: null, startedAt: now - 31_000 }, 30_000),
    ).toEqual({ state: "stale", since: null, why: "cluster" });
  });
  it("is stale at once, as of the moment the server lost the cluster, once the server says it is unreachable", () => {
    // Loaded during an outage: not "connecting" with healthy cards for the whole limit, then "last update —".
    expect(
      freshness(
        {
          ...base,
          clusterOk: false,
          lastGoodAt: null,
          startedAt: now - 5_000,
          clusterLostAt: now - 90_000,
        },
        30_000,
      ),
    ).toEqual({ state: "stale", since: now - 90_000, why: "cluster" });
    // Watching when it went: as of the last good moment.
    expect(
      freshness(
        { ...base, clusterOk: false, lastGoodAt: now - 2_000, clusterLostAt: now - 2_500 },
        30_000,
      ),
    ).toEqual({ state: "stale", since: now - 2_000, why: "cluster" });
    // The cluster is back: live again whatever was said before.
    expect(freshness({ ...base, clusterLostAt: now - 90_000 }, 30_000)).toEqual({ state: "live" });
  });
  it("presumes an open stream dead after three missed pings", () => {
    expect(streamAlive(true, now - 44_000, now)).toBe(true);
    expect(streamAlive(true, now - 46_000, now)).toBe(false);
    expect(streamAlive(false, now, now)).toBe(false);
    expect(streamAlive(true, null, now)).toBe(false);
  });
});

describe("the store badge", () => {
  it("says on the wall when the history is not being saved, red once something was lost, and nothing while it is", () => {
    expect(storeBadge(undefined)).toBeNull();
    expect(storeBadge({ state: "ok", dropped: 3 })).toBeNull();
    expect(storeBadge({ state: "failing" })).toEqual({ key: "kiosk.storeFailing", tone: "warn" });
    expect(storeBadge({ state: "failing", dropped: 0 })).toEqual({
      key: "kiosk.storeFailing",
      tone: "warn",
    });
    expect(storeBadge({ state: "failing", dropped: 12 })).toEqual({
      key: "kiosk.storeLosing",
      tone: "error",
    });
  });
});
