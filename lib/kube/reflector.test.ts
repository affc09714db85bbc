// The reflector against the demo cluster over HTTP: every version the API exposed arrives once and
// in order across dropped watches; 410 Gone relists and closes what vanished; failures are explained.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ManualClock } from "../demo-cluster/clock";
import { DemoCluster } from "../demo-cluster/cluster";
import { podManifest, T0 } from "../demo-cluster/test-kit";
import { KubeClient } from "./client";
import { kubeConfigFor } from "./connection";
import { Reflector, type Observation, type ReflectorState } from "./reflector";

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
    client: new KubeClient(kubeConfigFor(cluster.url)), path, kind: "Pod", now: () => clock.now(), pageSize,
    onObservation: (o) => seen.push(o), onState: (s) => states.push(s), sleep: nextTurn,
  });
  stops.push(() => reflector.stop());
  const inSync = () => vi.waitFor(() => {
    const want = cluster.store.list("pods", "dev").map((p) => `${p.metadata.name}@${p.metadata.resourceVersion}`).sort();
    expect(reflector.items().map((p) => `${p.metadata!.name}@${p.metadata!.resourceVersion}`).sort()).toEqual(want);
  }, { timeout: 5000, interval: 5 });
  return { clock, cluster, reflector, seen, states, inSync };
}

const sleeper = (name: string) => podManifest(name, { containers: [{ name: "app", image: "busybox:1.36", command: ["sh", "-c", "sleep 4; exit 1"] }] });

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
    await vi.waitFor(() => expect(reflector.state.watches).toBe(1 + cut), { timeout: 5000, interval: 5 });
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

describe("failures a person must fix", () => {
  let server: Server;
  async function forbidden(): Promise<string> {
    server = createServer((_req, res) => {
      const body = JSON.stringify({ kind: "Status", apiVersion: "v1", status: "Failure", message: 'pods is forbidden: User "system:serviceaccount:lifeline:lifeline" cannot list resource "pods" in API group "" at the cluster scope', reason: "Forbidden", code: 403 });
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
      client: new KubeClient(kubeConfigFor(url)), path: "/api/v1/pods", kind: "Pod", now: () => 0,
      onObservation: () => {}, sleep: async (ms) => { delays.push(ms); await nextTurn(); },
    });
    stops.push(() => reflector.stop());
    reflector.start();
    await vi.waitFor(() => expect(delays.length).toBeGreaterThanOrEqual(8), { timeout: 5000, interval: 5 });
    expect(reflector.state.phase).toBe("retrying");
    expect(reflector.state.lastStatus).toBe(403);
    expect(reflector.state.lastError).toBe('Lifeline may not list pods in all namespaces (403 Forbidden): grant its user or service account "list" on pods in all namespaces (see deploy/ for the read-only role).');
    expect(delays.slice(0, 8)).toEqual([500, 1000, 2000, 4000, 8000, 16000, 30000, 30000]);
  });

  it("an unreachable server is said to be unreachable", async () => {
    const reflector = new Reflector({
      client: new KubeClient(kubeConfigFor("http://127.0.0.1:1")), path: "/apis/events.k8s.io/v1/namespaces/dev/events", kind: "Event", now: () => 0,
      onObservation: () => {}, sleep: nextTurn,
    });
    stops.push(() => reflector.stop());
    reflector.start();
    await vi.waitFor(() => expect(reflector.state.phase).toBe("retrying"), { timeout: 5000, interval: 5 });
    expect(reflector.state.lastError).toMatch(/^Lifeline could not reach the cluster to list events\.k8s\.io events in namespace dev: .*ECONNREFUSED/);
  });
});
