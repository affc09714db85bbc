// The demo cluster playing a namespaced install's RBAC: what a Role and RoleBinding in "dev" allow,
// and the 403 Status kube-apiserver sends for everything else, word for word.
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../clock";
import { DemoCluster } from "../cluster";
import { T0 } from "../cluster.test-kit";

const clusters: DemoCluster[] = [];
afterEach(async () => {
  await Promise.all(clusters.splice(0).map((c) => c.stop()));
});

async function start() {
  const cluster = await DemoCluster.start({
    scenarios: [],
    clock: new ManualClock(T0),
    rbac: { namespaces: ["dev"] },
  });
  clusters.push(cluster);
  const call = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(cluster.url + path, init);
    const text = await res.text();
    const json = res.headers.get("content-type")?.includes("json");
    return { status: res.status, body: json && text ? JSON.parse(text) : text };
  };
  return { cluster, call };
}

const USER = '"system:serviceaccount:lifeline:lifeline"';

describe("the demo cluster's namespaced RBAC", () => {
  it("answers a cluster-wide list of pods with kube-apiserver's Forbidden Status", async () => {
    const { call } = await start();
    expect(await call("/api/v1/pods?limit=500")).toEqual({
      status: 403,
      body: {
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        message: `pods is forbidden: User ${USER} cannot list resource "pods" in API group "" at the cluster scope`,
        reason: "Forbidden",
        details: { kind: "pods" },
        code: 403,
      },
    });
  });

  it("names the verb, the group and the namespace as the authorizer does", async () => {
    const { call } = await start();
    const message = async (path: string) => (await call(path)).body.message;
    expect(await message("/api/v1/nodes?watch=1")).toBe(
      `nodes is forbidden: User ${USER} cannot watch resource "nodes" in API group "" at the cluster scope`,
    );
    expect(await message("/api/v1/nodes/node-a")).toBe(
      `nodes "node-a" is forbidden: User ${USER} cannot get resource "nodes" in API group "" at the cluster scope`,
    );
    expect(await message("/apis/events.k8s.io/v1/namespaces/prod/events")).toBe(
      `events.events.k8s.io is forbidden: User ${USER} cannot list resource "events" in API group "events.k8s.io" in the namespace "prod"`,
    );
    // A namespace object's request is in that namespace (RequestInfo); a Role grants no namespaces.
    const ns = await call("/api/v1/namespaces/kube-system");
    expect(ns.status).toBe(403);
    expect(ns.body.message).toBe(
      `namespaces "kube-system" is forbidden: User ${USER} cannot get resource "namespaces" in API group "" in the namespace "kube-system"`,
    );
    expect(ns.body.details).toEqual({ name: "kube-system", kind: "namespaces" });
  });

  it("serves the bound namespace, discovery and health as before", async () => {
    const { cluster, call } = await start();
    cluster.apply({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "web", namespace: "dev" },
      spec: { containers: [{ name: "app", image: "nginx:1.27" }] },
    });
    const pods = await call("/api/v1/namespaces/dev/pods");
    expect(pods.status).toBe(200);
    expect(pods.body.items.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual([
      "web",
    ]);
    expect((await call("/apis/events.k8s.io/v1/namespaces/dev/events")).status).toBe(200);
    expect((await call("/apis")).status).toBe(200);
    expect((await call("/version")).status).toBe(200);
    expect((await call("/healthz")).status).toBe(200);
  });

  it("lets the permissions change while it runs, as binding a role would", async () => {
    const { cluster, call } = await start();
    expect((await call("/api/v1/nodes")).status).toBe(403);
    cluster.rbac.set(null);
    expect((await call("/api/v1/nodes")).status).toBe(200);
  });
});
