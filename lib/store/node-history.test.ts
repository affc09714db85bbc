// Node history in the store: every change that matters, none per heartbeat, across a reopen,
// under retention; and the demo cluster's lost node read back from the store.
import Database from "better-sqlite3";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Kit, T0 } from "../demo-cluster/cluster.test-kit";
import type { Node } from "../k8s/types";
import type { Observation } from "../kube/reflector";
import { buildNodeTimeline } from "../nodes/node-timeline";
import { HistoryStore } from "./history-store";

const open: HistoryStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});
const tempFile = () => join(mkdtempSync(join(tmpdir(), "lifeline-nodes-")), "history.db");
const storeAt = (file: string) => {
  const s = new HistoryStore(file);
  open.push(s);
  return s;
};
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");

function node(
  ready: string,
  since: number,
  heartbeat: number,
  rv: number,
  taints: { key: string; effect: string; timeAdded?: string }[] = [],
): Node {
  return {
    apiVersion: "v1",
    kind: "Node",
    metadata: {
      name: "node-1",
      uid: "n-uid-1",
      resourceVersion: String(rv),
      creationTimestamp: iso(T0 - 3600_000),
    },
    spec: { taints },
    status: {
      conditions: [
        {
          type: "Ready",
          status: ready,
          reason: ready === "True" ? "KubeletReady" : "NodeStatusUnknown",
          message:
            ready === "True"
              ? "kubelet is posting ready status"
              : "Kubelet stopped posting node status.",
          lastTransitionTime: iso(since),
          lastHeartbeatTime: iso(heartbeat),
        },
      ],
      capacity: { cpu: "4" },
    },
  };
}
const obs = (n: Node, at: number, type: Observation["type"] = "MODIFIED"): Observation => ({
  kind: "Node",
  type,
  object: n as Observation["object"],
  observedAt: at,
});

describe("node history", () => {
  it("keeps Ready True → Unknown → True across a reopen, and does not grow on heartbeats", () => {
    const file = tempFile();
    let store = storeAt(file);
    store.observe(obs(node("True", T0 - 600_000, T0, 1), T0, "ADDED"));
    const bytes = () =>
      (
        new Database(file, { readonly: true })
          .prepare("SELECT count(*) AS n FROM node_versions")
          .get() as { n: number }
      ).n;
    // Heartbeats: lastHeartbeatTime and resourceVersion change every 10 s, nothing else does.
    for (let i = 1; i <= 30; i++)
      store.observe(obs(node("True", T0 - 600_000, T0 + i * 10_000, 1 + i), T0 + i * 10_000));
    expect(store.nodes.versions("node-1")).toHaveLength(1);
    expect(bytes()).toBe(1);
    const unreachable = [
      { key: "node.kubernetes.io/unreachable", effect: "NoSchedule", timeAdded: iso(T0 + 350_000) },
      { key: "node.kubernetes.io/unreachable", effect: "NoExecute", timeAdded: iso(T0 + 350_000) },
    ];
    store.observe(obs(node("Unknown", T0 + 350_000, T0 + 300_000, 40, unreachable), T0 + 351_000));
    store.observe(obs(node("Unknown", T0 + 350_000, T0 + 300_000, 41), T0 + 500_000));
    store.observe(obs(node("True", T0 + 501_000, T0 + 501_000, 42), T0 + 501_500));
    store.observe(obs(node("True", T0 + 501_000, T0 + 511_000, 43), T0 + 511_000));
    store.close();
    open.pop();

    store = storeAt(file);
    const versions = store.nodes.versions("node-1");
    expect(versions).toHaveLength(4);
    expect(store.nodes.names()).toEqual(["node-1"]);
    const tl = buildNodeTimeline({ name: "node-1", versions, now: T0 + 600_000 });
    expect(
      tl.conditions.map((c) => [c.status, c.start - T0, c.end === null ? null : c.end - T0]),
    ).toEqual([
      ["True", -600_000, 350_000],
      ["Unknown", 350_000, 501_000],
      ["True", 501_000, null],
    ]);
    expect(tl.taints.map((t) => [t.effect, t.start - T0, t.end! - T0])).toEqual([
      ["NoExecute", 350_000, 500_000],
      ["NoSchedule", 350_000, 500_000],
    ]);
    expect(tl.uid).toBe("n-uid-1");
    // What the pod timeline reads of the node: as it stood then.
    expect(store.nodes.at("node-1", T0 + 400_000)?.status?.conditions?.[0]).toMatchObject({
      type: "Ready",
      status: "Unknown",
    });
    expect(store.nodes.at("node-1")?.status?.conditions?.[0]).toMatchObject({ status: "True" });
    expect(store.nodes.at("node-1", T0 - 1)).toBeNull();
  });

  it("is covered by retention: what ended before the cut goes, the state at the cut stays; deleted nodes go whole", () => {
    const store = storeAt(":memory:");
    store.observe(obs(node("True", T0, T0, 1), T0, "ADDED"));
    store.observe(obs(node("Unknown", T0 + 100_000, T0, 2), T0 + 100_000));
    store.observe(obs(node("True", T0 + 200_000, T0 + 200_000, 3), T0 + 200_000));
    store.observe(
      obs({ ...node("True", T0, T0, 1), metadata: { name: "node-2", uid: "n2" } }, T0, "ADDED"),
    );
    store.observe(
      obs(
        { ...node("True", T0, T0, 1), metadata: { name: "node-2", uid: "n2" } },
        T0 + 50_000,
        "DELETED",
      ),
    );
    store.prune(T0 + 150_000);
    expect(store.nodes.names()).toEqual(["node-1"]);
    expect(store.nodes.versions("node-1").map((v) => v.observedAt - T0)).toEqual([
      100_000, 200_000,
    ]);
    store.prune(T0 + 300_000);
    expect(store.nodes.versions("node-1").map((v) => v.observedAt - T0)).toEqual([200_000]);
  });

  it("keeps the one row per node of a file written before node history, as its first version", () => {
    const file = tempFile();
    const db = new Database(file);
    db.exec(
      "CREATE TABLE nodes (name TEXT PRIMARY KEY, updated_at INTEGER NOT NULL, body TEXT NOT NULL)",
    );
    db.prepare("INSERT INTO nodes VALUES (?, ?, ?)").run(
      "node-1",
      T0,
      JSON.stringify(node("True", T0 - 60_000, T0, 1)),
    );
    db.prepare("INSERT INTO nodes VALUES (?, ?, ?)").run("broken", T0, "{not json");
    db.close();
    const store = storeAt(file);
    expect(store.nodes.versions("node-1")).toMatchObject([
      { observedAt: T0, deleted: false, state: { name: "node-1", uid: "n-uid-1" } },
    ]);
    expect(store.nodes.names()).toEqual(["node-1"]);
  });

  it("reads the demo cluster's lost node back from the store: Unknown, the unreachable NoExecute taint", () => {
    const kit = new Kit({ scenarios: ["node-lost"] });
    const store = storeAt(":memory:");
    kit.cluster.store.watch("nodes", 0, (c) =>
      store.observe({
        kind: "Node",
        type: c.type,
        object: structuredClone(c.object) as Observation["object"],
        observedAt: kit.clock.now(),
      }),
    );
    kit.at(600);
    const lost = kit.cluster.truth.query({ what: "node.lost" })[0];
    expect(lost).toBeDefined();
    const name = lost.name!;
    const tl = buildNodeTimeline({
      name,
      versions: store.nodes.versions(name),
      now: kit.clock.now(),
    });
    const ready = tl.conditions.filter((c) => c.type === "Ready");
    expect(ready.map((c) => c.status)).toEqual(["True", "Unknown"]);
    const unknownAt = kit.cluster.truth
      .query({ what: "node.condition", name })
      .find((e) => e.to === "Unknown")!.at;
    expect(ready[1]).toMatchObject({
      start: Math.floor(unknownAt / 1000) * 1000,
      end: null,
      reason: "NodeStatusUnknown",
    });
    expect(tl.taints).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          key: "node.kubernetes.io/unreachable",
          effect: "NoExecute",
          start: ready[1].start,
          end: null,
        }),
      ]),
    );
    // The kubelets of the other nodes go on heartbeating for ten minutes: few versions, not one per heartbeat.
    for (const other of store.nodes.names())
      expect(store.nodes.versions(other).length).toBeLessThanOrEqual(4);
  });
});
