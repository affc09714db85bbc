// The collector's workload watches against the demo cluster, into the history store: a Deployment
// and its ReplicaSet created, changed and deleted arrive as versions of their states (never the
// objects: no env value gets past the collector); a status renewal that changes nothing of the
// state stores nothing; a kind the RBAC leaves out is "forbidden" while the others go on.
import { afterEach, describe, expect, it, vi } from "vitest";
import { ManualClock } from "../demo-cluster/clock";
import { DemoCluster } from "../demo-cluster/cluster";
import { T0 } from "../demo-cluster/cluster.test-kit";
import type { KubeObject } from "../demo-cluster/api-server/store";
import { HistoryStore } from "../store/history-store";
import { workloadAccess } from "../live/workload-access";
import { KubeClient } from "./client";
import { Collector } from "./collector";
import { kubeConfigFor } from "./connection";
import { KubeError } from "./kube-error";
import type { Observation } from "./reflector";

const stops: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});
const WAIT = { timeout: 4000, interval: 5 };

const template = (image: string, labels: Record<string, string> = {}) => ({
  metadata: { labels: { app: "web", ...labels } },
  spec: {
    containers: [
      {
        name: "app",
        image,
        env: [{ name: "DB_PASSWORD", value: "hunter2" }],
        resources: { requests: { cpu: "100m" } },
      },
    ],
  },
});

function deployment(): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name: "web",
      namespace: "dev",
      annotations: { "deployment.kubernetes.io/revision": "1" },
    },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: "web" } },
      template: template("nginx:1.27"),
    },
  } as unknown as KubeObject;
}

function replicaSet(owner: KubeObject): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name: "web-7d9c5b8f4",
      namespace: "dev",
      labels: { app: "web", "pod-template-hash": "7d9c5b8f4" },
      annotations: { "deployment.kubernetes.io/revision": "1" },
      ownerReferences: [
        {
          apiVersion: "apps/v1",
          kind: "Deployment",
          name: "web",
          uid: owner.metadata.uid!,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: "web", "pod-template-hash": "7d9c5b8f4" } },
      template: template("nginx:1.27", { "pod-template-hash": "7d9c5b8f4" }),
    },
  } as unknown as KubeObject;
}

/** A client to a cluster that does not serve CronJobs: 404 for their paths, as kube-apiserver answers an unknown resource. */
class NoCronJobs extends KubeClient {
  override async get<T>(
    path: string,
    query: Record<string, string> = {},
    verb = "list",
    signal?: AbortSignal,
  ): Promise<T> {
    if (path.endsWith("/cronjobs"))
      throw new KubeError(404, "NotFound", "the server could not find the requested resource", {
        verb,
        path,
      });
    return super.get<T>(path, query, verb, signal);
  }
  override async watch(...args: Parameters<KubeClient["watch"]>): Promise<void> {
    const [path, , , ,] = args;
    if (path.endsWith("/cronjobs"))
      throw new KubeError(404, "NotFound", "the server could not find the requested resource", {
        verb: "watch",
        path,
      });
    return super.watch(...args);
  }
}

async function collecting(rbac?: { without: string[] }, client = KubeClient) {
  // The cluster's clock stays put (no controller runs); the collector's clock is ours.
  const clock = new ManualClock(T0);
  const cluster = await DemoCluster.start({ scenarios: [], clock, rbac });
  stops.push(() => cluster.stop());
  const store = new HistoryStore(":memory:");
  stops.push(() => store.close());
  const seen: Observation[] = [];
  let now = T0;
  const collector = new Collector({
    client: new client(kubeConfigFor(cluster.url)),
    namespaces: ["dev"],
    now: () => now,
    onObservation: (o) => {
      seen.push(o);
      store.observe(o);
    },
    // A forbidden kind's re-check waits until the test ends.
    sleep: (_ms, signal) => new Promise((r) => signal.addEventListener("abort", () => r())),
  });
  stops.push(() => collector.stop());
  await collector.start();
  await vi.waitFor(() => expect(collector.state().phase).toBe("connected"), WAIT);
  return { cluster, store, seen, collector, tick: (ms: number) => (now += ms) };
}

describe("the collector's workloads", () => {
  it("a Deployment and its ReplicaSet created, changed, deleted are versions of their states; a status renewal is none", async () => {
    const { cluster, store, seen, tick } = await collecting();
    const deploy = cluster.apply(deployment());
    const rs = cluster.apply(replicaSet(deploy));
    const versions = (kind: string, name: string) => {
      const [w] = store.workloads.named("dev", kind, name);
      return w ? store.workloads.versionsIn(w.uid) : [];
    };
    await vi.waitFor(() => expect(versions("ReplicaSet", "web-7d9c5b8f4")).toHaveLength(1), WAIT);
    expect(versions("Deployment", "web")).toHaveLength(1);
    const [first] = versions("Deployment", "web");
    expect(first).toMatchObject({ observedAt: T0, deleted: false });
    expect(first.state).toMatchObject({
      kind: "Deployment",
      name: "web",
      uid: deploy.metadata.uid,
      revision: 1,
      counts: { desired: 0, current: 0, updated: 0, ready: 0, available: 0 },
    });
    expect(first.state!.template!.containers[0]).toMatchObject({
      image: "nginx:1.27",
      envNames: ["DB_PASSWORD"],
    });
    // The state, never the object: no env value in what the collector delivered nor in the store.
    expect(JSON.stringify(seen)).not.toContain("hunter2");
    expect(JSON.stringify(store.workloads.current())).not.toContain("hunter2");
    expect(store.workloads.owned(deploy.metadata.uid!).map((w) => w.name)).toEqual([
      "web-7d9c5b8f4",
    ]);

    // The Deployment controller renews lastUpdateTime on every sync: a new object, the same state.
    tick(1000);
    const condition = (lastUpdateTime: string) => ({
      type: "Progressing",
      status: "True",
      reason: "NewReplicaSetAvailable",
      message: 'ReplicaSet "web-7d9c5b8f4" has successfully progressed.',
      lastUpdateTime,
      lastTransitionTime: "2026-11-20T09:00:00Z",
    });
    cluster.store.mutate("deployments", "dev", "web", (d) => {
      (d as { status?: unknown }).status = {
        observedGeneration: 1,
        conditions: [condition("2026-11-20T09:00:01Z")],
      };
    });
    await vi.waitFor(() => expect(versions("Deployment", "web")).toHaveLength(2), WAIT);
    const before = seen.length;
    tick(1000);
    cluster.store.mutate("deployments", "dev", "web", (d) => {
      (d as { status?: { conditions?: unknown[] } }).status!.conditions = [
        condition("2026-11-20T09:00:02Z"),
      ];
    });
    await vi.waitFor(() => expect(seen.length).toBe(before + 1), WAIT);
    expect(versions("Deployment", "web")).toHaveLength(2);

    // A new image: a new version, with the new template.
    tick(1000);
    cluster.store.mutate("deployments", "dev", "web", (d) => {
      (d as unknown as { spec: { template: unknown } }).spec.template = template("nginx:1.28");
    });
    await vi.waitFor(() => expect(versions("Deployment", "web")).toHaveLength(3), WAIT);
    expect(versions("Deployment", "web")[2]).toMatchObject({ observedAt: T0 + 3000 });
    expect(versions("Deployment", "web")[2].state!.template!.containers[0].image).toBe(
      "nginx:1.28",
    );

    // Deleted: a last version that says so, with the state it had.
    tick(1000);
    cluster.store.remove("replicasets", "dev", rs.metadata.name);
    await vi.waitFor(() => expect(versions("ReplicaSet", "web-7d9c5b8f4")).toHaveLength(2), WAIT);
    expect(versions("ReplicaSet", "web-7d9c5b8f4")[1]).toMatchObject({
      observedAt: T0 + 4000,
      deleted: true,
      state: { name: "web-7d9c5b8f4", revision: 1, templateHash: "7d9c5b8f4" },
    });
    expect(store.workloads.current().map((w) => `${w.kind}/${w.name}`)).toEqual(["Deployment/web"]);
  }, 15_000);

  it("a kind the RBAC leaves out is forbidden, said once; the other kinds are collected", async () => {
    const { cluster, store, collector } = await collecting({ without: ["statefulsets.apps"] });
    const deploy = cluster.apply(deployment());
    await vi.waitFor(
      () => expect(store.workloads.named("dev", "Deployment", "web")).toHaveLength(1),
      WAIT,
    );
    expect(deploy.metadata.uid).toBe(store.workloads.named("dev", "Deployment", "web")[0].uid);
    const state = collector.state();
    expect(state.phase).toBe("connected");
    expect(
      state.reflectors.filter((r) => r.phase === "forbidden").map((r) => [r.path, r.lastStatus]),
    ).toEqual([["/apis/apps/v1/namespaces/dev/statefulsets", 403]]);
    expect(workloadAccess(state).map((d) => d.sentence)).toEqual([
      "Lifeline may not list statefulsets.apps in dev: workload pages omit StatefulSets there.",
    ]);
    // Asked once (a watch-list, then the paged list client-go falls back to), then left to its re-check.
    expect(cluster.rbac.denied.map((d) => `${d.verb} ${d.path.split("?")[0]}`)).toEqual([
      "watch /apis/apps/v1/namespaces/dev/statefulsets",
      "list /apis/apps/v1/namespaces/dev/statefulsets",
    ]);
  }, 15_000);

  it("a kind the cluster does not serve (404) is said the same way; the others are collected", async () => {
    const { cluster, store, collector } = await collecting(undefined, NoCronJobs);
    cluster.apply(deployment());
    await vi.waitFor(
      () => expect(store.workloads.named("dev", "Deployment", "web")).toHaveLength(1),
      WAIT,
    );
    const state = collector.state();
    expect(state.phase).toBe("connected");
    expect(
      state.reflectors.filter((r) => r.phase === "forbidden").map((r) => [r.path, r.lastStatus]),
    ).toEqual([["/apis/batch/v1/namespaces/dev/cronjobs", 404]]);
    expect(workloadAccess(state).map((d) => d.sentence)).toEqual([
      "The cluster does not serve cronjobs.batch: workload pages omit CronJobs.",
    ]);
  }, 15_000);
});
