// Events keep their history in the store: every observed version of an event (its count and last
// time), so the timeline from the store — after a reopen too — is the one the live feed gives.
import Database from "better-sqlite3";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Kit, runs } from "../demo-cluster/cluster.test-kit";
import { story, storyFeed, storyInput } from "../fixtures";
import type { CoreEvent } from "../k8s/types";
import type { Observation } from "../kube/reflector";
import { buildTimeline } from "../timeline";
import { HistoryStore } from "./history-store";

const open: HistoryStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

function storeAt(file: string): HistoryStore {
  const s = new HistoryStore(file);
  open.push(s);
  return s;
}

const tempFile = () => join(mkdtempSync(join(tmpdir(), "lifeline-events-")), "history.db");

describe("event history in the store", () => {
  it("liveness-every-second: each of the 4 runs has its own 3 failures and its kill marker, read from a reopened store", () => {
    const s = story("liveness-every-second")!;
    const file = tempFile();
    const writer = storeAt(file);
    // The collector writes in batches; a batch boundary must not matter.
    const feed = storyFeed(s) as Observation[];
    for (let i = 0; i < feed.length; i += 7) writer.observeMany(feed.slice(i, i + 7));
    writer.close();
    open.pop();

    const store = storeAt(file);
    const uid = s.observations[0].object.metadata!.uid!;
    const now = Date.parse(s.now);
    const tl = store.timeline(uid, now)!;
    const app = tl.containers[0];
    expect(app.runs).toHaveLength(4);
    // The kubelet's one Unhealthy event grew 1 → 12 and one Killing event 1 → 4.
    const unhealthy = store.events(uid).filter((e) => e.reason === "Unhealthy");
    expect(unhealthy.map((e) => (e as { count?: number }).count)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);
    const kills = tl.markers.filter((m) => m.kind === "probe-kill");
    for (const run of app.runs) {
      const inRun = app.probes.filter((p) => p.at >= run.start && p.at <= run.end!);
      expect(inRun.map((p) => [p.probe, p.outcome, p.count])).toEqual([
        ["liveness", "failure", 1],
        ["liveness", "failure", 1],
        ["liveness", "failure", 1],
      ]);
      expect(kills.filter((k) => k.at >= run.start && k.at <= run.end!)).toHaveLength(1);
    }
    expect(kills).toHaveLength(4);
    // The same timeline the model draws from the live feed.
    expect(tl).toEqual(buildTimeline(storyInput(s)));
  });
});

/** Feeds a store from the demo cluster's change feed, every change as the collector would deliver it. */
function feed(kit: Kit, store: HistoryStore): void {
  for (const [resource, kind] of [
    ["pods", "Pod"],
    ["events", "Event"],
    ["nodes", "Node"],
  ] as const) {
    kit.cluster.store.watch(resource, 0, (c) => {
      store.observe({
        kind,
        type: c.type,
        object: structuredClone(c.object) as Observation["object"],
        observedAt: kit.clock.now(),
      });
    });
  }
}

describe("event history on the demo cluster", () => {
  it("pod-liveness-exec: every run has its probe failures and its kill marker, from a reopened store", () => {
    const file = tempFile();
    const kit = new Kit({ scenarios: ["pod-liveness-exec"] });
    feed(kit, storeAt(file));
    kit.at(900);
    const uid = kit.pod("pod-liveness-exec")!.metadata!.uid!;
    open.pop()!.close();
    const tl = storeAt(file).timeline(uid, kit.clock.now())!;
    const nginx = tl.containers[0];
    const truth = runs(kit, "pod-liveness-exec", "nginx").filter((r) => r.end !== null);
    expect(truth.length).toBeGreaterThanOrEqual(5);
    const ended = nginx.runs.filter((r) => r.end !== null);
    expect(ended).toHaveLength(truth.length);
    const kills = tl.markers.filter((m) => m.kind === "probe-kill");
    ended.forEach((run, i) => {
      const failures = nginx.probes.filter(
        (p) =>
          p.probe === "liveness" &&
          p.outcome === "failure" &&
          p.at >= run.start &&
          p.at <= run.end!,
      );
      expect(
        failures.reduce((n, p) => n + p.count, 0),
        `run ${i + 1}`,
      ).toBe(3);
      expect(
        kills.filter((k) => k.at >= run.start && k.at <= run.end!),
        `run ${i + 1}`,
      ).toHaveLength(1);
    });
  });
});

describe("event versions, stored compactly", () => {
  const s = story("liveness-every-second")!;
  const uid = s.observations[0].object.metadata!.uid!;
  const unhealthy = s.events.filter((e) => e.reason === "Unhealthy");
  const ev = (
    e: CoreEvent,
    observedAt: number,
    type: Observation["type"] = "MODIFIED",
  ): Observation => ({ kind: "Event", type, object: e as never, observedAt });
  const rows = (file: string, sql: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare(sql).all() as Record<string, unknown>[];
    } finally {
      db.close();
    }
  };

  it("keeps the body once and a small row per version; a relist's repeat is not a version", () => {
    const file = tempFile();
    const store = storeAt(file);
    store.observe({
      kind: "Pod",
      type: "ADDED",
      object: s.observations[0].object as never,
      observedAt: 1,
    });
    unhealthy.forEach((e, i) => store.observe(ev(e, 1000 + i)));
    store.observe(ev(unhealthy.at(-1)!, 5000)); // the same version again, after a relist
    const versions = rows(file, "SELECT count, body FROM event_versions ORDER BY id");
    expect(versions.map((v) => v.count)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(versions.filter((v) => v.body !== null)).toHaveLength(1);
    // What comes back is what was observed, field for field.
    expect(store.events(uid)).toEqual(unhealthy);
  });

  it("stores the body again when more than count and time changed (an aggregated message)", () => {
    const file = tempFile();
    const store = storeAt(file);
    store.observe({
      kind: "Pod",
      type: "ADDED",
      object: s.observations[0].object as never,
      observedAt: 1,
    });
    const [a, b] = unhealthy;
    const combined = {
      ...b,
      message: `(combined from similar events): ${b.message} (2)`,
      metadata: { ...b.metadata, resourceVersion: "99999" },
      count: 3,
      lastTimestamp: "2026-11-20T09:00:30Z",
    };
    for (const [i, e] of [a, b, combined].entries()) store.observe(ev(e, 1000 + i));
    expect(
      rows(file, "SELECT body FROM event_versions ORDER BY id").map((v) => v.body !== null),
    ).toEqual([true, false, true]);
    expect(store.events(uid)).toEqual([a, b, combined]);
  });

  it("reads a file written before versions were kept (one body per event) as that event's one version", () => {
    const file = tempFile();
    const db = new Database(file);
    db.exec(
      "CREATE TABLE events (key TEXT PRIMARY KEY, pod_uid TEXT, namespace TEXT, pod_name TEXT, last_at INTEGER NOT NULL, body TEXT NOT NULL)",
    );
    const last = unhealthy.at(-1)!;
    db.prepare("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?)").run(
      last.metadata!.uid,
      uid,
      "dev",
      "heartbeat",
      Date.parse(last.lastTimestamp!),
      JSON.stringify(last),
    );
    db.close();
    const store = storeAt(file);
    store.observe({
      kind: "Pod",
      type: "ADDED",
      object: s.observations[0].object as never,
      observedAt: 1,
    });
    expect(store.events(uid)).toEqual([last]);
    open.pop()!.close();
    expect(storeAt(file).events(uid)).toEqual([last]); // migrated once, not twice
  });

  it("drops an ended pod's event versions with it", () => {
    const file = tempFile();
    const store = storeAt(file);
    for (const o of storyFeed(s)) store.observe(o as Observation);
    store.observe({
      kind: "Pod",
      type: "DELETED",
      object: { metadata: { uid, name: "heartbeat", namespace: "dev" } } as never,
      observedAt: Date.parse(s.now),
    });
    expect(store.prune(Date.parse(s.now) + 1)).toMatchObject({ pods: 1 });
    expect(rows(file, "SELECT count(*) AS n FROM event_versions")).toEqual([{ n: 0 }]);
    expect(rows(file, "SELECT count(*) AS n FROM events")).toEqual([{ n: 0 }]);
  });

  it("counts an event for a pod only when it is in the pod's namespace", () => {
    const store = storeAt(":memory:");
    store.observe({
      kind: "Pod",
      type: "ADDED",
      object: s.observations[0].object as never,
      observedAt: 1,
    });
    const foreign = {
      ...unhealthy[0],
      metadata: {
        ...unhealthy[0].metadata,
        namespace: "secret-team",
        uid: "0f0f0f0f-0000-4000-a000-000000000001",
      },
      message: "Readiness probe failed: planted",
    };
    store.observe(ev(foreign as CoreEvent, 1000, "ADDED"));
    store.observe(ev(unhealthy[0], 1001, "ADDED"));
    expect(store.events(uid).map((e) => (e as CoreEvent).message)).toEqual([unhealthy[0].message]);
  });
});

describe("workloads' events in the store", () => {
  const at = Date.parse("2026-11-25T10:00:00Z");
  const ev = (name: string, kind: string, obj: string, uid: string, reason: string, count = 1) =>
    ({
      kind: "Event",
      type: "ADDED",
      observedAt: at,
      object: {
        apiVersion: "v1",
        kind: "Event",
        metadata: { name, namespace: "shop", uid: `ev-${name}` },
        involvedObject: { kind, namespace: "shop", name: obj, uid, apiVersion: "apps/v1" },
        reason,
        message: `${reason} of ${obj}`,
        type: "Normal",
        count,
        firstTimestamp: "2026-11-25T09:59:00Z",
        lastTimestamp: "2026-11-25T10:00:00Z",
        source: { component: "deployment-controller" },
      } as CoreEvent,
    }) as unknown as Observation;

  it("keeps a Deployment's events under its own kind and name: not a pod's of the same name, not an earlier uid's", () => {
    const file = tempFile();
    const writer = storeAt(file);
    writer.observeMany([
      ev("checkout.1", "Deployment", "checkout", "d-2", "ScalingReplicaSet"),
      ev("checkout.1", "Deployment", "checkout", "d-2", "ScalingReplicaSet", 3),
      ev("checkout.0", "Deployment", "checkout", "d-1", "ScalingReplicaSet"),
      ev("checkout.p", "Pod", "checkout", "", "Scheduled"),
      ev("checkout.c", "ConfigMap", "checkout", "c-1", "Ignored"),
    ]);
    writer.close();
    open.pop();
    const store = storeAt(file);
    const mine = store.objectEvents({
      kind: "Deployment",
      namespace: "shop",
      name: "checkout",
      uid: "d-2",
    });
    // The last version of each (count 3), once.
    expect(mine.map((e) => [e.metadata?.name, (e as CoreEvent).count])).toEqual([
      ["checkout.1", 3],
    ]);
    expect(
      store.objectEvents({ kind: "ReplicaSet", namespace: "shop", name: "checkout", uid: "d-2" }),
    ).toEqual([]);
  });
});
