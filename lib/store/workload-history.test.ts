// Workload history in the store: one version per change of the state, none for an unchanged one;
// a window's versions; what one owner owns; the current ones per namespace; retention by age and
// by size; kept across a reopen; vanished ones closed after a list.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Observation } from "../kube/reflector";
import { projectWorkload } from "../kube/workload-resources";
import { HistoryStore } from "./history-store";

const T0 = Date.parse("2026-11-20T09:00:00Z");
const open: HistoryStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});
const tempFile = () => join(mkdtempSync(join(tmpdir(), "lifeline-workloads-")), "history.db");
const storeAt = (file = ":memory:") => {
  const s = new HistoryStore(file);
  open.push(s);
  return s;
};

const DEPLOY_UID = "6f1c2a3e-0000-4000-8000-000000000001";

function deployment(image: string, opts: { ready?: number; lastUpdate?: string } = {}) {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name: "web",
      namespace: "dev",
      uid: DEPLOY_UID,
      resourceVersion: String(Math.random()),
      generation: 2,
      creationTimestamp: "2026-11-19T08:00:00Z",
      annotations: { "deployment.kubernetes.io/revision": "2" },
    },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: {
          containers: [{ name: "app", image, env: [{ name: "TOKEN", value: "s3cr3t" }] }],
        },
      },
    },
    status: {
      observedGeneration: 2,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: opts.ready ?? 3,
      availableReplicas: opts.ready ?? 3,
      conditions: [
        {
          type: "Available",
          status: "True",
          reason: "MinimumReplicasAvailable",
          message: "Deployment has minimum availability.",
          lastUpdateTime: opts.lastUpdate ?? "2026-11-20T08:00:00Z",
          lastTransitionTime: "2026-11-20T08:00:00Z",
        },
      ],
    },
  };
}

function replicaSet(name: string, revision: number, created: string, uid: string) {
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name,
      namespace: "dev",
      uid,
      creationTimestamp: created,
      labels: { app: "web", "pod-template-hash": name.split("-").pop() },
      annotations: { "deployment.kubernetes.io/revision": String(revision) },
      ownerReferences: [
        {
          apiVersion: "apps/v1",
          kind: "Deployment",
          name: "web",
          uid: DEPLOY_UID,
          controller: true,
        },
      ],
    },
    spec: { replicas: revision === 2 ? 3 : 0, selector: { matchLabels: { app: "web" } } },
    status: { replicas: revision === 2 ? 3 : 0 },
  };
}

/** An observation as the collector delivers it: the object projected to its state. */
const seen = (
  object: Record<string, unknown>,
  observedAt: number,
  type: Observation["type"] = "MODIFIED",
): Observation =>
  projectWorkload({ kind: String(object.kind), type, object: object as never, observedAt });

describe("workload history", () => {
  it("stores one version per change of the state, none for a status renewal, and never an env value", () => {
    const store = storeAt();
    store.observe(seen(deployment("nginx:1.27"), T0, "ADDED"));
    store.observe(
      seen(deployment("nginx:1.27", { lastUpdate: "2026-11-20T09:00:05Z" }), T0 + 5000),
    );
    store.observe(seen(deployment("nginx:1.27", { ready: 2 }), T0 + 10_000));
    store.observe(seen(deployment("nginx:1.28", { ready: 2 }), T0 + 20_000));
    const versions = store.workloads.versionsIn(DEPLOY_UID);
    expect(
      versions.map((v) => [
        v.observedAt - T0,
        v.state?.counts.ready,
        v.state?.template?.containers[0].image,
      ]),
    ).toEqual([
      [0, 3, "nginx:1.27"],
      [10_000, 2, "nginx:1.27"],
      [20_000, 2, "nginx:1.28"],
    ]);
    expect(versions[0].state?.template?.containers[0].envNames).toEqual(["TOKEN"]);
    expect(JSON.stringify(versions)).not.toContain("s3cr3t");
  });

  it("answers a window as the pod timeline does: the version standing at its start, then those in it", () => {
    const store = storeAt();
    store.observe(seen(deployment("nginx:1.27"), T0, "ADDED"));
    store.observe(seen(deployment("nginx:1.27", { ready: 2 }), T0 + 10_000));
    store.observe(seen(deployment("nginx:1.28", { ready: 2 }), T0 + 20_000));
    store.observe(seen(deployment("nginx:1.28"), T0 + 30_000));
    const at = (from: number, to: number) =>
      store.workloads.versionsIn(DEPLOY_UID, T0 + from, T0 + to).map((v) => v.observedAt - T0);
    expect(at(15_000, 25_000)).toEqual([10_000, 20_000]);
    expect(at(10_000, 30_000)).toEqual([10_000, 20_000, 30_000]);
    expect(at(-5000, -1000)).toEqual([]);
    expect(at(40_000, 50_000)).toEqual([30_000]);
  });

  it("backfills what a list shows, finds what an owner owns, and lists the current ones per namespace", () => {
    const store = storeAt();
    // Met mid-life: the Deployment and its ReplicaSets as listed, revisions and creation times kept.
    store.observe(seen(deployment("nginx:1.28"), T0, "ADDED"));
    store.observe(
      seen(replicaSet("web-5c9f7d6b8d", 1, "2026-11-19T08:00:00Z", "rs-1"), T0, "ADDED"),
    );
    store.observe(
      seen(replicaSet("web-7d9c5b8f4", 2, "2026-11-20T07:55:00Z", "rs-2"), T0, "ADDED"),
    );
    const owned = store.workloads.owned(DEPLOY_UID);
    expect(owned.map((w) => [w.name, w.state?.revision, w.state?.creationTimestamp])).toEqual([
      ["web-5c9f7d6b8d", 1, "2026-11-19T08:00:00Z"],
      ["web-7d9c5b8f4", 2, "2026-11-20T07:55:00Z"],
    ]);
    // An orphaned ReplicaSet (ownerReferences removed) is still one it owned.
    const orphan = replicaSet("web-5c9f7d6b8d", 1, "2026-11-19T08:00:00Z", "rs-1");
    orphan.metadata.ownerReferences = [];
    store.observe(seen(orphan, T0 + 1000));
    expect(store.workloads.owned(DEPLOY_UID).map((w) => w.name)).toEqual([
      "web-5c9f7d6b8d",
      "web-7d9c5b8f4",
    ]);
    store.observe(
      seen(replicaSet("web-7d9c5b8f4", 2, "2026-11-20T07:55:00Z", "rs-2"), T0 + 2000, "DELETED"),
    );
    expect(
      store.workloads.current({ namespaces: ["dev"] }).map((w) => `${w.kind}/${w.name}`),
    ).toEqual(["Deployment/web", "ReplicaSet/web-5c9f7d6b8d"]);
    expect(store.workloads.current({ namespaces: ["prod"] })).toEqual([]);
    expect(store.workloads.current({ kind: "Deployment" }).map((w) => w.name)).toEqual(["web"]);
  });

  it("closes, after a list, those the cluster no longer lists; a tombstone closes with the last state", () => {
    const store = storeAt();
    store.observe(
      seen(replicaSet("web-5c9f7d6b8d", 1, "2026-11-19T08:00:00Z", "rs-1"), T0, "ADDED"),
    );
    store.observe(
      seen(replicaSet("web-7d9c5b8f4", 2, "2026-11-20T07:55:00Z", "rs-2"), T0, "ADDED"),
    );
    expect(store.workloads.closeVanished("ReplicaSet", "prod", new Set(), T0 + 1000)).toEqual([]);
    expect(
      store.workloads.closeVanished("ReplicaSet", "dev", new Set(["rs-2"]), T0 + 1000),
    ).toEqual(["rs-1"]);
    const last = store.workloads.versionsIn("rs-1").at(-1)!;
    expect(last).toMatchObject({
      observedAt: T0 + 1000,
      deleted: true,
      state: { name: "web-5c9f7d6b8d" },
    });
    expect(store.workloads.record("rs-1")?.deletedAt).toBe(T0 + 1000);
    // A tombstone for one never stored is nothing to close.
    store.observe(
      seen(
        { kind: "ReplicaSet", metadata: { uid: "rs-9", name: "x", namespace: "dev" } },
        T0,
        "DELETED",
      ),
    );
    expect(store.workloads.record("rs-9")).toBeUndefined();
  });

  it("keeps its history across a reopen, and retention drops the deleted ones and old versions", () => {
    const file = tempFile();
    const first = storeAt(file);
    first.observe(seen(deployment("nginx:1.27"), T0, "ADDED"));
    first.observe(seen(deployment("nginx:1.28"), T0 + 60_000));
    first.observe(
      seen(replicaSet("web-5c9f7d6b8d", 1, "2026-11-19T08:00:00Z", "rs-1"), T0, "ADDED"),
    );
    first.observe(
      seen(replicaSet("web-5c9f7d6b8d", 1, "2026-11-19T08:00:00Z", "rs-1"), T0 + 30_000, "DELETED"),
    );
    first.close();
    open.splice(open.indexOf(first), 1);

    const again = storeAt(file);
    expect(again.workloads.versionsIn(DEPLOY_UID)).toHaveLength(2);
    // The same state observed again after the reopen is no new version.
    again.observe(
      seen(deployment("nginx:1.28", { lastUpdate: "2026-11-20T09:02:00Z" }), T0 + 120_000),
    );
    expect(again.workloads.versionsIn(DEPLOY_UID)).toHaveLength(2);

    expect(again.prune(T0 + 90_000)).toMatchObject({ workloads: 1 });
    expect(again.workloads.record("rs-1")).toBeUndefined();
    // The version standing at the cut stays: it says how the Deployment stood then.
    expect(again.workloads.versionsIn(DEPLOY_UID).map((v) => v.observedAt)).toEqual([T0 + 60_000]);
  });

  it("by size, drops the workloads deleted longest ago when no pod or event is left to drop", () => {
    const store = storeAt(tempFile());
    for (let i = 0; i < 300; i++) {
      const rs = replicaSet(`web-${i}`, i + 1, "2026-11-19T08:00:00Z", `rs-${i}`);
      store.observe(seen(rs, T0 + i, "ADDED"));
      store.observe(seen(rs, T0 + 1000 + i, "DELETED"));
    }
    store.observe(seen(deployment("nginx:1.28"), T0, "ADDED"));
    const before = store.usedBytes();
    const r = store.pruneToSize(before - 1, 50);
    expect(r.workloads).toBeGreaterThanOrEqual(50);
    expect(r.usedBytes).toBeLessThan(before);
    // The oldest deletions went first; the Deployment, still there, stays.
    expect(store.workloads.record("rs-0")).toBeUndefined();
    expect(store.workloads.record("rs-299")).toBeDefined();
    expect(store.workloads.record(DEPLOY_UID)).toBeDefined();
  });
});
