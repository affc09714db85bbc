import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Kit, podManifest, T0 } from "../demo-cluster/cluster.test-kit";
import type { Observation } from "../kube/reflector";
import { buildTimeline } from "../timeline";
import { HistoryStore, WAL_AUTOCHECKPOINT_PAGES } from "./history-store";

const open: HistoryStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

function tempFile(): string {
  return join(mkdtempSync(join(tmpdir(), "lifeline-store-")), "history.db");
}

function storeAt(file: string): HistoryStore {
  const s = new HistoryStore(file);
  open.push(s);
  return s;
}

/** Feeds a store from the demo cluster's own change feed (as the collector would deliver it). */
function feed(kit: Kit, store: HistoryStore): Observation[] {
  const seen: Observation[] = [];
  for (const [resource, kind] of [
    ["pods", "Pod"],
    ["events", "Event"],
    ["nodes", "Node"],
  ] as const) {
    kit.cluster.store.watch(resource, 0, (c) => {
      const o = {
        kind,
        type: c.type,
        object: structuredClone(c.object) as Observation["object"],
        observedAt: kit.clock.now(),
      };
      store.observe(o);
      if (kind === "Pod") seen.push(o);
    });
  }
  return seen;
}

describe("history store", () => {
  it("gives back the same timeline the live observations give, after a reopen", () => {
    const file = tempFile();
    const kit = new Kit({ scenarios: ["pod-liveness-exec"] });
    const store = storeAt(file);
    const live = feed(kit, store);
    kit.at(600);
    const uid = kit.pod("pod-liveness-exec")!.metadata!.uid!;
    const events = kit.events("pod-liveness-exec");
    const expected = buildTimeline({
      observations: live.filter((o) => o.object.metadata!.uid === uid) as never,
      events,
      now: kit.clock.now(),
    });
    const fromStore = store.timeline(uid, kit.clock.now())!;
    expect(fromStore.containers[0].runs).toEqual(expected.containers[0].runs);
    expect(fromStore.containers[0].backoffs).toEqual(expected.containers[0].backoffs);
    expect(fromStore.status).toEqual(expected.status);
    store.close();
    open.pop();
    const again = storeAt(file);
    expect(again.timeline(uid, kit.clock.now())!.containers[0].runs).toEqual(
      expected.containers[0].runs,
    );
    expect(again.pods({ namespace: "dev" }).map((p) => p.name)).toEqual(["pod-liveness-exec"]);
    expect(again.record(uid)).toMatchObject({
      namespace: "dev",
      name: "pod-liveness-exec",
      node: "node-1",
      phase: "Running",
      deletedAt: null,
    });
  });

  it("stores only the parts that changed, and never env values, commands or arguments", () => {
    const file = tempFile();
    const kit = new Kit();
    const store = storeAt(file);
    feed(kit, store);
    kit.apply(
      podManifest("secretive", {
        containers: [
          {
            name: "app",
            image: "busybox:1.36",
            command: ["sh", "-c", "sleep 3600 # token=hunter2"],
            env: [{ name: "PASSWORD", value: "hunter2" }],
          },
        ],
      }),
    );
    kit.at(20);
    const db = new Database(file, { readonly: true });
    const versions = db
      .prepare("SELECT meta IS NULL AS m, spec IS NULL AS s, status IS NULL AS st FROM versions")
      .all() as { m: number; s: number; st: number }[];
    db.close();
    expect(versions.length).toBeGreaterThan(3);
    // After the first version the spec only changes once (nodeName), the metadata rarely.
    expect(versions.slice(1).filter((v) => !v.s).length).toBeLessThanOrEqual(1);
    store.close();
    open.pop();
    for (const f of [file, file + "-wal"]) {
      let text = "";
      try {
        text = readFileSync(f, "latin1");
      } catch {
        continue;
      }
      expect(text).not.toContain("hunter2");
    }
  });

  it("keeps pods that reuse a name apart, closes pods that vanished while down, and prunes old history", () => {
    const store = storeAt(tempFile());
    const pod = (uid: string, rv: string) => ({
      metadata: {
        uid,
        name: "web-0",
        namespace: "dev",
        resourceVersion: rv,
        creationTimestamp: "2026-11-20T09:00:00Z",
      },
      status: { phase: "Running" },
    });
    store.observe({ kind: "Pod", type: "ADDED", object: pod("old", "1"), observedAt: T0 });
    store.observe({ kind: "Pod", type: "DELETED", object: pod("old", "2"), observedAt: T0 + 1000 });
    store.observe({ kind: "Pod", type: "ADDED", object: pod("new", "3"), observedAt: T0 + 2000 });
    store.observe({
      kind: "Pod",
      type: "ADDED",
      object: { ...pod("other", "4"), metadata: { ...pod("other", "4").metadata, name: "web-1" } },
      observedAt: T0 + 2000,
    });
    expect(store.pods({ namespace: "dev", name: "web-0" }).map((p) => p.uid)).toEqual([
      "new",
      "old",
    ]);
    expect(store.record("old")).toMatchObject({ deletedAt: T0 + 1000, status: "Deleted" });
    expect(store.closeVanished(new Set(["new"]), T0 + 5000)).toEqual(["other"]);
    expect(store.record("other")!.deletedAt).toBe(T0 + 5000);
    expect(store.observations("other").at(-1)!.type).toBe("DELETED");
    expect(store.prune(T0 + 3000)).toEqual({ pods: 1, events: 0, workloads: 0 });
    expect(store.record("old")).toBeUndefined();
    expect(
      store
        .pods()
        .map((p) => p.uid)
        .sort(),
    ).toEqual(["new", "other"]);
    // Malformed observations are ignored, not thrown on.
    for (const bad of [
      null,
      {},
      { kind: "Pod" },
      { kind: "Pod", object: { metadata: {} } },
      { kind: "Event", object: { regarding: 5 } },
    ]) {
      expect(() => store.observe(bad as never)).not.toThrow();
    }
  });

  it("closes a pod on a tombstone (identity only) and keeps its last version as it was", () => {
    const store = storeAt(tempFile());
    const pod = {
      metadata: {
        uid: "u1",
        name: "web-0",
        namespace: "dev",
        resourceVersion: "7",
        creationTimestamp: "2026-11-20T09:00:00Z",
      },
      spec: { nodeName: "node-1", containers: [{ name: "web", image: "nginx" }] },
      status: { phase: "Running" },
    };
    store.observe({ kind: "Pod", type: "ADDED", object: pod, observedAt: T0 });
    store.observe({
      kind: "Pod",
      type: "DELETED",
      object: { metadata: { uid: "u1", name: "web-0", namespace: "dev", resourceVersion: "7" } },
      observedAt: T0 + 5000,
    });
    expect(store.record("u1")).toMatchObject({
      deletedAt: T0 + 5000,
      status: "Deleted",
      node: "node-1",
      phase: "Running",
    });
    const versions = store.observations("u1");
    expect(versions.map((v) => v.type)).toEqual(["ADDED", "DELETED"]);
    expect(versions[1].object).toEqual(versions[0].object);
    // A second tombstone for a pod already closed changes nothing.
    store.observe({
      kind: "Pod",
      type: "DELETED",
      object: { metadata: { uid: "u1" } },
      observedAt: T0 + 9000,
    });
    expect(store.observations("u1")).toHaveLength(2);
    expect(store.record("u1")!.deletedAt).toBe(T0 + 5000);
  });

  it("keeps under a size limit by dropping the pods that ended longest ago, never one still running", () => {
    const store = storeAt(tempFile());
    const big = "x".repeat(2000);
    const pod = (uid: string, i: number) => ({
      metadata: {
        uid,
        name: uid,
        namespace: "dev",
        resourceVersion: String(i),
        creationTimestamp: "2026-11-20T09:00:00Z",
        labels: { note: big + i },
      },
      status: { phase: "Running" },
    });
    const batch: Observation[] = [];
    // 300 pods, each with 5 versions; the first 200 end, pod i at T0 + i s.
    for (let i = 0; i < 300; i++) {
      for (let v = 0; v < 5; v++)
        batch.push({
          kind: "Pod",
          type: v ? "MODIFIED" : "ADDED",
          object: pod(`p${i}`, i * 10 + v),
          observedAt: T0,
        });
      if (i < 200)
        batch.push({
          kind: "Pod",
          type: "DELETED",
          object: pod(`p${i}`, i * 10 + 9),
          observedAt: T0 + i * 1000,
        });
    }
    store.observeMany(batch);
    const before = store.usedBytes();
    const limit = Math.floor(before * 0.6);
    const r = store.pruneToSize(limit, 20);
    expect(r.usedBytes).toBeLessThanOrEqual(limit);
    expect(r.pods).toBeGreaterThan(0);
    const left = new Set(store.pods().map((p) => p.uid));
    // Every running pod is still there; the ended ones that are left are the most recent to end.
    for (let i = 200; i < 300; i++) expect(left.has(`p${i}`)).toBe(true);
    const endedLeft = [...left]
      .map((u) => Number(u.slice(1)))
      .filter((i) => i < 200)
      .sort((a, b) => a - b);
    expect(endedLeft).toEqual(Array.from({ length: 200 - r.pods }, (_, k) => r.pods + k));
    // A limit only running pods exceed: it drops every ended pod and stops there.
    const all = store.pruneToSize(1);
    expect(all.pods).toBe(200 - r.pods);
    expect(store.pods()).toHaveLength(100);
  });

  it("loses nothing it acknowledged when the process is killed mid-write", async () => {
    const file = tempFile();
    // node itself (with tsx as a loader), so SIGKILL hits the process that writes.
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(process.cwd(), "lib/store/crash-child.test-kit.ts"), file],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let acked = 0;
    let killed = false;
    try {
      await new Promise<void>((resolve) => {
        child.stdout.setEncoding("utf8");
        child.stdout.on("data", (chunk: string) => {
          const lines = chunk.trim().split("\n");
          acked = Number(lines[lines.length - 1]);
          if (acked >= 300 && !killed) killed = child.kill("SIGKILL");
        });
        child.on("exit", () => resolve());
      });
    } finally {
      // Never leave the writer running behind a failed or timed-out test.
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    expect(killed).toBe(true);
    expect(acked).toBeGreaterThanOrEqual(300);
    const db = new Database(file);
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    const rows = (db.prepare("SELECT COUNT(*) AS n FROM versions").get() as { n: number }).n;
    db.close();
    expect(rows).toBeGreaterThanOrEqual(acked);
    const store = storeAt(file);
    expect(store.pods({ namespace: "dev" })).toHaveLength(50);
  }, 60_000);
});

describe("the store's checkpoints", () => {
  it("checkpoint the WAL every 4 MiB (a checkpoint of 64 MiB held the live streams' event loop: p99 162 ms)", () => {
    const s = storeAt(tempFile());
    const db = (s as unknown as { db: Database.Database }).db;
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(WAL_AUTOCHECKPOINT_PAGES);
    expect(
      WAL_AUTOCHECKPOINT_PAGES * (db.pragma("page_size", { simple: true }) as number),
    ).toBeLessThanOrEqual(4 * 1024 * 1024);
  });
});
