import { describe, expect, it, vi } from "vitest";
import { ManualClock } from "../clock";
import { DemoCluster } from "../cluster";
import { EventRecorder } from "../events";
import { TruthLog } from "../truth";
import { Registry } from "../api-server/registry";
import { ObjectStore } from "../api-server/store";
import { ReplicaSetController } from "./replicaset-controller";

const T0 = Date.parse("2026-11-20T09:00:00Z");

describe("the workload controllers", () => {
  it("do not reconcile for a pod no controller owns (the scale pods), and do for one they own", () => {
    const clock = new ManualClock(T0);
    const store = new ObjectStore();
    for (const name of ["dev", "scale"])
      store.create("namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name } }, T0);
    const rs = store.create(
      "replicasets",
      {
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        metadata: { name: "web", namespace: "dev" },
        spec: { replicas: 1, template: { spec: { containers: [{ name: "c", image: "nginx" }] } } },
      },
      T0,
    );
    const controller = new ReplicaSetController(
      store,
      clock,
      new EventRecorder(store, clock),
      new Registry(store, clock, new TruthLog()),
    );
    controller.start();
    clock.advance(0);
    const owned = store.list("pods", "dev");
    expect(owned).toHaveLength(1);
    expect(owned[0].metadata.ownerReferences?.[0].uid).toBe(rs.metadata.uid);
    const stray = store.create(
      "pods",
      { apiVersion: "v1", kind: "Pod", metadata: { name: "stray", namespace: "scale" }, spec: {} },
      clock.now(),
    );
    const list = vi.spyOn(store, "list");
    store.replace("pods", { ...stray, status: { phase: "Running" } });
    clock.advance(1_000);
    expect(list).not.toHaveBeenCalled();
    // A change to the pod it owns: a round, which lists the pods.
    store.replace("pods", { ...owned[0], status: { phase: "Running" } });
    clock.advance(1_000);
    expect(list).toHaveBeenCalled();
    controller.stop();
  });

  it("do not run with controllers: false: a Deployment put in the store stays as written", () => {
    const clock = new ManualClock(T0);
    const cluster = DemoCluster.inProcess({ scenarios: [], clock, controllers: false });
    const created = cluster.apply({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "dev" },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: { containers: [{ name: "c", image: "nginx" }] },
        },
      },
    });
    clock.advance(60_000);
    expect(cluster.store.list("replicasets", "dev")).toEqual([]);
    expect(cluster.store.list("pods", "dev")).toEqual([]);
    // No status written: the version the API server stored at creation is still the one there.
    expect(cluster.store.get("deployments", "dev", "web")?.metadata.resourceVersion).toBe(
      created.metadata.resourceVersion,
    );
    void cluster.stop();
  });

  it("list the pods once per round, not once per ReplicaSet, and each still counts only its own", () => {
    const clock = new ManualClock(T0);
    const store = new ObjectStore();
    store.create(
      "namespaces",
      { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } },
      T0,
    );
    const sets = ["a", "b", "c"].map((name, i) =>
      store.create(
        "replicasets",
        {
          apiVersion: "apps/v1",
          kind: "ReplicaSet",
          metadata: { name, namespace: "dev" },
          spec: {
            replicas: i + 1,
            template: { spec: { containers: [{ name: "c", image: "nginx" }] } },
          },
        },
        T0,
      ),
    );
    const controller = new ReplicaSetController(
      store,
      clock,
      new EventRecorder(store, clock),
      new Registry(store, clock, new TruthLog()),
    );
    controller.start();
    clock.advance(0);
    const list = vi.spyOn(store, "list");
    // Every pod Running and Ready: one round updates the three statuses.
    for (const p of store.list("pods", "dev"))
      store.replace("pods", {
        ...p,
        status: { phase: "Running", conditions: [{ type: "Ready", status: "True" }] },
      });
    list.mockClear();
    clock.advance(1_000);
    // Each round lists the ReplicaSets once (its status writes start a second one, which finds
    // nothing to do); before the index, each ReplicaSet's sync listed the pods twice.
    const lists = (resource: string) => list.mock.calls.filter(([r]) => r === resource).length;
    expect(lists("replicasets")).toBeGreaterThan(0);
    expect(lists("pods")).toBe(lists("replicasets"));
    expect(
      sets.map((rs) => store.get("replicasets", "dev", rs.metadata.name)?.status),
    ).toMatchObject([
      { replicas: 1, readyReplicas: 1, availableReplicas: 1 },
      { replicas: 2, readyReplicas: 2, availableReplicas: 2 },
      { replicas: 3, readyReplicas: 3, availableReplicas: 3 },
    ]);
    controller.stop();
  });
});
