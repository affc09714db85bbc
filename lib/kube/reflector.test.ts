// The reflector against the demo cluster over HTTP: every version the API exposed arrives once and
// in order across dropped watches; 410 Gone relists and closes what vanished; failures are explained.
import { getEventListeners } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ManualClock } from "../demo-cluster/clock";
import { DemoCluster } from "../demo-cluster/cluster";
import { podManifest, T0 } from "../demo-cluster/cluster.test-kit";
import { KubeClient } from "./client";
import { kubeConfigFor } from "./connection";
import { Reflector, sleep, type Observation, type ReflectorState } from "./reflector";

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

const nextTurn = () => new Promise<void>((r) => setImmediate(r));

async function setup(path = "/api/v1/namespaces/dev/pods", pageSize?: number) {
  const clock = new ManualClock(T0);
  const cluster = await DemoCluster.start({ scenarios: [], clock });
  stops.push(() => cluster.stop());
  const seen: Observation[] = [];
  const states: ReflectorState[] = [];
  const reflector = new Reflector({
    client: new KubeClient(kubeConfigFor(cluster.url)),
    path,
    kind: "Pod",
    now: () => clock.now(),
    pageSize,
    // Paging is what a page size tests: a watch-list (the default) has no pages.
    initialState: pageSize ? "list" : undefined,
    onObservation: (o) => seen.push(o),
    onState: (s) => states.push(s),
    sleep: nextTurn,
  });
  stops.push(() => reflector.stop());
  const inSync = () =>
    vi.waitFor(
      () => {
        const want = cluster.store
          .list("pods", "dev")
          .map((p) => `${p.metadata.name}@${p.metadata.resourceVersion}`)
          .sort();
        expect(
          reflector
            .items()
            .map((p) => `${p.metadata!.name}@${p.metadata!.resourceVersion}`)
            .sort(),
        ).toEqual(want);
      },
      { timeout: 5000, interval: 5 },
    );
  return { clock, cluster, reflector, seen, states, inSync };
}

const sleeper = (name: string) =>
  podManifest(name, {
    containers: [{ name: "app", image: "busybox:1.36", command: ["sh", "-c", "sleep 4; exit 1"] }],
  });

describe("reflector", () => {
  it("sees every version of every pod exactly once, in order, across dropped watches", async () => {
    const { clock, cluster, reflector, seen, inSync } = await setup();
    const truth = new Map<string, string[]>();
    cluster.store.watch("pods", Number(cluster.store.version()), (c) => {
      const list = truth.get(c.object.metadata.uid!) ?? [];
      list.push(`${c.type}@${c.object.metadata.resourceVersion}`);
      truth.set(c.object.metadata.uid!, list);
    });
    reflector.start();
    await vi.waitFor(() => expect(reflector.state.lists).toBe(1), { timeout: 5000, interval: 5 });
    for (const n of ["a", "b", "c"]) cluster.apply(sleeper(n));
    let cut = 0;
    for (let round = 0; round < 12; round++) {
      clock.advance(2500);
      if (round % 2 === 0) cut += cluster.api.dropWatches();
      clock.advance(2500);
      await inSync();
    }
    const observed = new Map<string, string[]>();
    for (const o of seen) {
      const list = observed.get(o.object.metadata!.uid!) ?? [];
      list.push(`${o.type}@${o.object.metadata!.resourceVersion}`);
      observed.set(o.object.metadata!.uid!, list);
    }
    expect(observed).toEqual(truth);
    expect(reflector.state.lists).toBe(1);
    expect(cut).toBeGreaterThanOrEqual(3);
    // One watch at the start and one more after each cut: no extra relists, no lost reconnects.
    await vi.waitFor(() => expect(reflector.state.watches).toBe(1 + cut), {
      timeout: 5000,
      interval: 5,
    });
  });

  it("relists after 410 Gone and closes the pods that vanished meanwhile", async () => {
    const { clock, cluster, reflector, seen, inSync } = await setup();
    cluster.apply(sleeper("stays"));
    cluster.apply(sleeper("goes"));
    reflector.start();
    clock.advance(3000);
    await inSync();
    cluster.api.dropWatches();
    cluster.registry.deletePod(cluster.store.get("pods", "dev", "goes")!, 0);
    cluster.apply(sleeper("new"));
    cluster.compact();
    await inSync();
    expect(reflector.state.lists).toBe(2);
    const last = (name: string) => seen.filter((o) => o.object.metadata!.name === name).at(-1)!;
    expect(last("goes").type).toBe("DELETED");
    expect(last("new").type).toBe("ADDED");
    expect(seen.every((o) => o.object.kind === "Pod")).toBe(true);
  });

  it("pages through long lists", async () => {
    const { cluster, reflector, inSync } = await setup("/api/v1/namespaces/dev/pods", 2);
    for (const n of ["p1", "p2", "p3", "p4", "p5"]) cluster.apply(sleeper(n));
    reflector.start();
    await inSync();
    expect(reflector.items()).toHaveLength(5);
  });

  it("keeps retrying while the API server restarts, and reports it", async () => {
    const { cluster, reflector, states, inSync } = await setup();
    reflector.start();
    await inSync();
    await cluster.restart();
    cluster.apply(sleeper("after-restart"));
    await inSync();
    expect(states.map((s) => s.phase)).toContain("connected");
  });
});

describe("a cluster started afresh behind the same address", () => {
  it("relists on Too large resource version and closes the pods the new cluster does not have", async () => {
    const { clock, cluster, reflector, seen, states } = await setup();
    for (const n of ["ghost", "kept", "a", "b", "c"]) cluster.apply(sleeper(n));
    reflector.start();
    clock.advance(3000);
    await vi.waitFor(() => expect(reflector.state.resourceVersion).toBe(cluster.store.version()), {
      timeout: 5000,
      interval: 5,
    });
    const old = Number(reflector.state.resourceVersion);
    const ghost = cluster.store.get("pods", "dev", "ghost")!.metadata.uid!;
    // The cluster goes and a new one, with none of its state, answers on the same port.
    const port = cluster.port;
    await cluster.stop();
    const fresh = await DemoCluster.start({ scenarios: [], clock, port });
    stops.push(() => fresh.stop());
    fresh.apply(sleeper("kept"));
    fresh.apply(sleeper("new"));
    expect(Number(fresh.store.version())).toBeLessThan(old);
    const want = () =>
      fresh.store
        .list("pods", "dev")
        .map((p) => `${p.metadata.uid}@${p.metadata.resourceVersion}`)
        .sort();
    await vi.waitFor(
      () =>
        expect(
          reflector
            .items()
            .map((p) => `${p.metadata!.uid}@${p.metadata!.resourceVersion}`)
            .sort(),
        ).toEqual(want()),
      { timeout: 5000, interval: 5 },
    );
    expect(seen.filter((o) => o.object.metadata!.uid === ghost).at(-1)!.type).toBe("DELETED");
    expect(reflector.state.lists).toBe(2);
    expect(reflector.state.phase).toBe("connected");
    // Not an error to retry: the reflector relists as client-go does, and then follows the new cluster.
    expect(states.every((s) => !/Too large/.test(s.lastError ?? ""))).toBe(true);
    fresh.apply(sleeper("later"));
    await vi.waitFor(
      () =>
        expect(
          reflector
            .items()
            .map((p) => p.metadata!.name)
            .sort(),
        ).toEqual(["kept", "later", "new"]),
      { timeout: 5000, interval: 5 },
    );
  });

  async function fake(watchAnswer: (res: import("node:http").ServerResponse) => void) {
    let lists = 0;
    const server = createServer((req, res) => {
      const url = new URL(req.url!, "http://x");
      if (url.searchParams.get("watch") === "1") return watchAnswer(res);
      lists++;
      const items =
        lists === 1
          ? [
              {
                metadata: {
                  uid: "u-ghost",
                  name: "ghost",
                  namespace: "dev",
                  resourceVersion: "900",
                },
              },
            ]
          : [];
      res.writeHead(200, { "Content-Type": "application/json" }).end(
        JSON.stringify({
          kind: "PodList",
          apiVersion: "v1",
          metadata: { resourceVersion: lists === 1 ? "1000" : "12" },
          items,
        }),
      );
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    stops.push(() => new Promise((r) => server.close(() => r())));
    const seen: Observation[] = [];
    const reflector = new Reflector({
      client: new KubeClient(
        kubeConfigFor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
      ),
      path: "/api/v1/namespaces/dev/pods",
      kind: "Pod",
      now: () => 0,
      onObservation: (o) => seen.push(o),
      sleep: nextTurn,
      // This server answers every watch with the error, a watch-list too: the paged list is what is tested.
      initialState: "list",
    });
    stops.push(() => reflector.stop());
    reflector.start();
    await vi.waitFor(
      () =>
        expect(seen.map((o) => `${o.type} ${o.object.metadata!.name}`)).toEqual([
          "ADDED ghost",
          "DELETED ghost",
        ]),
      { timeout: 5000, interval: 5 },
    );
    expect(reflector.state.lastError).toBeNull();
  }
  const tooLarge = {
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: "Timeout: Too large resource version: 1000, current: 12",
    reason: "Timeout",
    details: {
      causes: [{ reason: "ResourceVersionTooLarge", message: "Too large resource version" }],
      retryAfterSeconds: 1,
    },
    code: 504,
  };

  it("relists when the watch answers 504 Too large resource version", async () => {
    await fake((res) =>
      res.writeHead(504, { "Content-Type": "application/json" }).end(JSON.stringify(tooLarge)),
    );
  });

  it("relists when the watch stream carries it as an ERROR event", async () => {
    await fake((res) =>
      res
        .writeHead(200, { "Content-Type": "application/json" })
        .end(JSON.stringify({ type: "ERROR", object: tooLarge }) + "\n"),
    );
  });
});

describe("failures a person must fix", () => {
  let server: Server;
  async function forbidden(): Promise<string> {
    server = createServer((_req, res) => {
      const body = JSON.stringify({
        kind: "Status",
        apiVersion: "v1",
        status: "Failure",
        message:
          'pods is forbidden: User "system:serviceaccount:lifeline:lifeline" cannot list resource "pods" in API group "" at the cluster scope',
        reason: "Forbidden",
        code: 403,
      });
      res.writeHead(403, { "Content-Type": "application/json" }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    stops.push(() => new Promise((r) => server.close(() => r())));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it("403 says which permission is missing, and the reflector retries with back-off", async () => {
    const url = await forbidden();
    const delays: number[] = [];
    const reflector = new Reflector({
      client: new KubeClient(kubeConfigFor(url)),
      path: "/api/v1/pods",
      kind: "Pod",
      now: () => 0,
      onObservation: () => {},
      sleep: async (ms) => {
        delays.push(ms);
        await nextTurn();
      },
    });
    stops.push(() => reflector.stop());
    reflector.start();
    await vi.waitFor(() => expect(delays.length).toBeGreaterThanOrEqual(8), {
      timeout: 5000,
      interval: 5,
    });
    expect(reflector.state.phase).toBe("retrying");
    expect(reflector.state.lastStatus).toBe(403);
    expect(reflector.state.lastError).toBe(
      'Lifeline may not list pods in all namespaces (403 Forbidden): grant its user or service account "list" on pods in all namespaces (see deploy/ for the read-only role). The API server said: pods is forbidden: User "system:serviceaccount:lifeline:lifeline" cannot list resource "pods" in API group "" at the cluster scope.',
    );
    expect(delays.slice(0, 8)).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it("403 on an optional resource (nodes) is a state of its own, asked again every few minutes", async () => {
    const url = await forbidden();
    const delays: number[] = [];
    const states: string[] = [];
    const reflector = new Reflector({
      client: new KubeClient(kubeConfigFor(url)),
      path: "/api/v1/nodes",
      kind: "Node",
      optional: true,
      now: () => 0,
      onObservation: () => {},
      onState: (s) => states.push(s.phase),
      sleep: async (ms) => {
        delays.push(ms);
        await nextTurn();
      },
    });
    stops.push(() => reflector.stop());
    reflector.start();
    await vi.waitFor(() => expect(delays.length).toBeGreaterThanOrEqual(3), {
      timeout: 5000,
      interval: 5,
    });
    expect(reflector.state.phase).toBe("forbidden");
    expect(reflector.state.lastStatus).toBe(403);
    expect(reflector.state.lastError).toContain("The API server said: pods is forbidden");
    expect(delays.slice(0, 3)).toEqual([300_000, 300_000, 300_000]);
    // Each re-check that is refused again leaves it forbidden: no "syncing" nor "retrying" between.
    expect(states).toEqual(["forbidden"]);
  });

  it("an unreachable server is said to be unreachable", async () => {
    const reflector = new Reflector({
      client: new KubeClient(kubeConfigFor("http://127.0.0.1:1")),
      path: "/apis/events.k8s.io/v1/namespaces/dev/events",
      kind: "Event",
      now: () => 0,
      onObservation: () => {},
      sleep: nextTurn,
    });
    stops.push(() => reflector.stop());
    reflector.start();
    await vi.waitFor(() => expect(reflector.state.phase).toBe("retrying"), {
      timeout: 5000,
      interval: 5,
    });
    expect(reflector.state.lastError).toMatch(
      /^Lifeline could not reach the cluster to watch events\.k8s\.io events in namespace dev: .*ECONNREFUSED/,
    );
  });
});

describe("the wait between retries", () => {
  it("leaves no abort listener behind once the wait is over, however many back-offs there were", async () => {
    vi.useFakeTimers();
    try {
      const abort = new AbortController();
      for (let i = 0; i < 20; i++) {
        const waited = sleep(1000, abort.signal);
        await vi.advanceTimersByTimeAsync(1000);
        await waited;
      }
      expect(getEventListeners(abort.signal, "abort")).toHaveLength(0);
      // An abort during a wait still ends it at once.
      const waiting = sleep(60_000, abort.signal);
      expect(getEventListeners(abort.signal, "abort")).toHaveLength(1);
      abort.abort();
      await waiting;
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
