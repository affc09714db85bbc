// The reflector's watch-list (sendInitialEvents): the state streamed by the demo cluster, the paged
// list when a server refuses it (422) or answers it as a plain watch, the choice kept, and what
// vanished while the reflector was away closed as DELETED after the next watch-list.
import { createServer, request, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ManualClock } from "../demo-cluster/clock";
import { DemoCluster } from "../demo-cluster/cluster";
import { podManifest, T0 } from "../demo-cluster/cluster.test-kit";
import { KubeClient } from "./client";
import { kubeConfigFor } from "./connection";
import { Reflector, type Observation } from "./reflector";

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

type Mode = "pass" | "refuse-watch-list" | "ignore-watch-list" | "down";

/**
 * A front for the demo cluster that records each request and can play an older API server: one
 * that refuses `sendInitialEvents` (422 Invalid, as 1.27–1.31 with the WatchList gate off), one
 * that does not know it and serves a plain watch (before resourceVersionMatch existed), or none.
 */
async function front(target: string) {
  const requests: URLSearchParams[] = [];
  const open = new Set<ServerResponse>();
  let mode: Mode = "pass";
  const server = createServer((req, res) => {
    const url = new URL(req.url!, "http://front");
    const q = url.searchParams;
    requests.push(new URLSearchParams(q));
    const status = (code: number, reason: string, message: string) =>
      res.writeHead(code, { "Content-Type": "application/json" }).end(
        JSON.stringify({
          kind: "Status",
          apiVersion: "v1",
          metadata: {},
          status: "Failure",
          message,
          reason,
          code,
        }),
      );
    if (mode === "down") return status(503, "ServiceUnavailable", "the server is restarting");
    if (q.get("sendInitialEvents") === "true" && mode === "refuse-watch-list")
      return status(
        422,
        "Invalid",
        'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled',
      );
    if (mode === "ignore-watch-list") {
      q.delete("sendInitialEvents");
      q.delete("resourceVersionMatch");
    }
    open.add(res);
    res.on("close", () => open.delete(res));
    const up = request(`${target}${url.pathname}?${q}`, { headers: req.headers }, (r) => {
      res.writeHead(r.statusCode!, r.headers);
      r.pipe(res);
    });
    res.on("close", () => up.destroy());
    up.on("error", () => res.destroy());
    up.end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  stops.push(
    () =>
      new Promise((r) => {
        for (const res of open) res.destroy();
        server.close(() => r());
      }),
  );
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    set: (m: Mode) => void (mode = m),
    /** Cuts every open connection, as a network blip would. */
    cut: () => {
      for (const res of open) res.destroy();
    },
    watchLists: () => requests.filter((q) => q.get("sendInitialEvents") === "true").length,
    lists: () => requests.filter((q) => q.has("limit") && q.get("limit") !== "1").length,
  };
}

async function setup() {
  const clock = new ManualClock(T0);
  const cluster = await DemoCluster.start({ scenarios: [], clock });
  stops.push(() => cluster.stop());
  for (const n of ["a", "b", "c"])
    cluster.apply(podManifest(n, { containers: [{ name: "app", image: "busybox:1.36" }] }));
  const proxy = await front(cluster.url);
  const seen: Observation[] = [];
  let release: () => void = () => {};
  let waiting = 0;
  let hold = false;
  const reflector = new Reflector({
    client: new KubeClient(kubeConfigFor(proxy.url)),
    path: "/api/v1/namespaces/dev/pods",
    kind: "Pod",
    now: () => clock.now(),
    onObservation: (o) => seen.push(o),
    // While the test holds them, back-offs wait until it lets them go (a cut that finds a
    // request on its way is a failure to reach the server, and backs off too).
    sleep: () => {
      waiting++;
      if (!hold) return new Promise<void>((r) => setImmediate(r));
      return new Promise<void>((r) => (release = r));
    },
  });
  stops.push(async () => {
    release();
    await reflector.stop();
  });
  const synced = (lists: number) =>
    vi.waitFor(
      () => {
        expect(reflector.state.lists).toBe(lists);
        expect(reflector.state.phase).toBe("connected");
      },
      { timeout: 5000, interval: 5 },
    );
  const names = (type: string) =>
    seen.filter((o) => o.type === type).map((o) => o.object.metadata!.name);
  return {
    clock,
    cluster,
    proxy,
    reflector,
    seen,
    synced,
    names,
    waiting: () => waiting,
    hold: () => void (hold = true),
    release: () => {
      hold = false;
      release();
    },
  };
}

// Under a busy machine a test's several syncs may take longer than vitest's 5 s default.
describe("the reflector's watch-list", { timeout: 20_000 }, () => {
  it("streams the state with sendInitialEvents, is synced at the end bookmark, and keeps that watch", async () => {
    const { cluster, proxy, reflector, synced, names } = await setup();
    reflector.start();
    await synced(1);
    const first = proxy.requests[0];
    expect(Object.fromEntries(first)).toEqual({
      watch: "1",
      sendInitialEvents: "true",
      resourceVersionMatch: "NotOlderThan",
      allowWatchBookmarks: "true",
      resourceVersion: "",
      timeoutSeconds: "300",
    });
    expect(proxy.lists()).toBe(0);
    expect(names("ADDED")).toEqual(["a", "b", "c"]);
    expect(reflector.state.resourceVersion).toBe(cluster.store.version());
    expect(reflector.state.initialState).toBe("watch-list");
    // The same connection then carries the changes.
    cluster.apply(podManifest("d", { containers: [{ name: "app", image: "busybox:1.36" }] }));
    await vi.waitFor(() => expect(names("ADDED")).toContain("d"), { timeout: 5000, interval: 5 });
    expect(proxy.requests).toHaveLength(1);
    expect(reflector.state.watches).toBe(1);
  });

  it("closes what was deleted while it was away, after the next watch-list", async () => {
    const { cluster, proxy, reflector, synced, names, seen, waiting, hold, release } =
      await setup();
    reflector.start();
    await synced(1);
    hold();
    const waited = waiting();
    const gone = cluster.store.get("pods", "dev", "b")!.metadata.uid;
    // The server goes away; while the reflector backs off, b is deleted and the history compacted.
    proxy.set("down");
    proxy.cut();
    await vi.waitFor(() => expect(waiting()).toBeGreaterThan(waited), {
      timeout: 5000,
      interval: 5,
    });
    cluster.store.remove("pods", "dev", "b");
    cluster.compact();
    proxy.set("pass");
    release();
    await synced(2);
    expect(proxy.watchLists()).toBe(2);
    expect(proxy.lists()).toBe(0);
    expect(names("DELETED")).toEqual(["b"]);
    expect(seen.at(-1)!.object.metadata!.uid).toBe(gone);
    // The others were unchanged: not told again.
    expect(names("ADDED")).toEqual(["a", "b", "c"]);
    expect(reflector.items().map((p) => p.metadata!.name)).toEqual(["a", "c"]);
  });

  it("lists page by page when the server refuses watch-lists, and does not ask again", async () => {
    const { cluster, proxy, reflector, synced, names } = await setup();
    proxy.set("refuse-watch-list");
    reflector.start();
    await synced(1);
    expect(proxy.watchLists()).toBe(1);
    expect(proxy.lists()).toBe(1);
    expect(names("ADDED")).toEqual(["a", "b", "c"]);
    expect(reflector.state.initialState).toBe("list");
    expect(reflector.state.lastError).toBeNull();
    // A later relist (410 Gone after a cut) lists again, without trying a watch-list first.
    cluster.store.remove("pods", "dev", "c");
    cluster.compact();
    proxy.cut();
    await synced(2);
    expect(proxy.watchLists()).toBe(1);
    expect(proxy.lists()).toBe(2);
    expect(names("DELETED")).toEqual(["c"]);
  });

  it("lists when the server answers a watch-list as a plain watch (no end bookmark)", async () => {
    const { cluster, proxy, reflector, synced } = await setup();
    proxy.set("ignore-watch-list");
    reflector.start();
    await vi.waitFor(() => expect(reflector.items()).toHaveLength(3), {
      timeout: 5000,
      interval: 5,
    });
    // Still syncing: three ADDED events are not the end of anything.
    expect(reflector.state.lists).toBe(0);
    expect(reflector.state.phase).toBe("syncing");
    // A change comes before any end bookmark: this is a plain watch. The reflector lists.
    cluster.store.mutate("pods", "dev", "a", (p) => {
      p.metadata.labels = { ...p.metadata.labels, touched: "yes" };
    });
    await synced(1);
    expect(proxy.watchLists()).toBe(1);
    expect(proxy.lists()).toBe(1);
    expect(reflector.state.initialState).toBe("list");
    expect(
      reflector
        .items()
        .map((p) => p.metadata!.resourceVersion)
        .sort(),
    ).toEqual(
      cluster.store
        .list("pods", "dev")
        .map((p) => p.metadata.resourceVersion)
        .sort(),
    );
  });
});
