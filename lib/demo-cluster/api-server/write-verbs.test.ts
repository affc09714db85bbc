// PUT and PATCH over HTTP: preconditions, immutability, status and generation, dryRun, the
// patch types, /status and /scale, discovery's verbs and RBAC, as kube-apiserver answers them.
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../clock";
import { DemoCluster, type DemoClusterOptions } from "../cluster";
import { T0 } from "../cluster.test-kit";

const clusters: DemoCluster[] = [];
afterEach(async () => {
  await Promise.all(clusters.splice(0).map((c) => c.stop()));
});

const RS = "/apis/apps/v1/namespaces/dev/replicasets";

async function start(opts: DemoClusterOptions = {}) {
  const clock = new ManualClock(T0);
  const cluster = await DemoCluster.start({ scenarios: [], clock, ...opts });
  clusters.push(cluster);
  const call = async (path: string, method = "GET", body?: unknown, type = "application/json") => {
    const res = await fetch(cluster.url + path, {
      method,
      headers: body === undefined ? {} : { "Content-Type": type },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const patch = (path: string, body: unknown, type = "merge") =>
    call(path, "PATCH", body, type.includes("/") ? type : `application/${type}-patch+json`);
  const rs = (name: string, replicas = 1) =>
    call(RS, "POST", {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: { name, labels: { app: name } },
      spec: {
        replicas,
        selector: { matchLabels: { app: name } },
        template: {
          metadata: { labels: { app: name } },
          spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
        },
      },
    });
  return { cluster, clock, call, patch, rs };
}

describe("PUT", () => {
  it("replaces the object; a stale resourceVersion is 409 with kube's sentence; a missing one 404", async () => {
    const { call, rs } = await start();
    const created = (await rs("web")).body;
    const next = structuredClone(created);
    next.metadata.labels.tier = "front";
    const put = await call(`${RS}/web`, "PUT", next);
    expect(put.status).toBe(200);
    expect(put.body.metadata.labels).toEqual({ app: "web", tier: "front" });
    expect(Number(put.body.metadata.resourceVersion)).toBeGreaterThan(
      Number(created.metadata.resourceVersion),
    );
    expect(put.body.metadata.uid).toBe(created.metadata.uid);
    const stale = await call(`${RS}/web`, "PUT", next);
    expect(stale).toEqual({
      status: 409,
      body: {
        kind: "Status",
        apiVersion: "v1",
        metadata: {},
        status: "Failure",
        message:
          'Operation cannot be fulfilled on replicasets.apps "web": the object has been modified; please apply your changes to the latest version and try again',
        reason: "Conflict",
        details: { name: "web", group: "apps", kind: "replicasets" },
        code: 409,
      },
    });
    const missing = await call(`${RS}/nope`, "PUT", { ...next, metadata: { name: "nope" } });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('replicasets.apps "nope" not found');
    const renamed = await call(`${RS}/web`, "PUT", { ...next, metadata: { name: "other" } });
    expect(renamed.status).toBe(400);
    expect(renamed.body.message).toBe(
      "the name of the object (other) does not match the name on the URL (web)",
    );
  });

  it("keeps uid and creationTimestamp, ignores status, counts spec changes in generation", async () => {
    const { call, rs } = await start();
    const created = (await rs("web")).body;
    const next = structuredClone(created);
    delete next.metadata.resourceVersion;
    delete next.metadata.uid;
    next.metadata.creationTimestamp = "2001-01-01T00:00:00Z";
    next.status = { replicas: 99 };
    next.spec.replicas = 2;
    const put = (await call(`${RS}/web`, "PUT", next)).body;
    expect(put.metadata.uid).toBe(created.metadata.uid);
    expect(put.metadata.creationTimestamp).toBe(created.metadata.creationTimestamp);
    expect(put.status.replicas).not.toBe(99);
    expect(put.metadata.generation).toBe(2);
    const changedUid = await call(`${RS}/web`, "PUT", {
      ...put,
      metadata: { ...put.metadata, uid: "0000" },
    });
    expect(changedUid.status).toBe(422);
    expect(changedUid.body.message).toBe(
      'ReplicaSet.apps "web" is invalid: metadata.uid: Invalid value: "0000": field is immutable',
    );
  });
});

describe("PATCH", () => {
  it("merge patch: labels leave generation alone, spec bumps it; watchers get MODIFIED; a no-op writes nothing", async () => {
    const { cluster, patch, rs } = await start();
    await rs("web");
    const seen: string[] = [];
    cluster.store.watch("replicasets", Number(cluster.store.version()), (c) =>
      seen.push(`${c.type} ${c.object.metadata.generation}`),
    );
    const labelled = (await patch(`${RS}/web`, { metadata: { labels: { tier: "front" } } })).body;
    expect(labelled.metadata.generation).toBe(1);
    const scaled = (await patch(`${RS}/web`, { spec: { replicas: 3 } })).body;
    expect(scaled.metadata.generation).toBe(2);
    const again = (await patch(`${RS}/web`, { spec: { replicas: 3 } })).body;
    expect(again.metadata.resourceVersion).toBe(
      cluster.store.get("replicasets", "dev", "web")!.metadata.resourceVersion,
    );
    expect(seen.filter((s) => s.startsWith("MODIFIED 1"))).toHaveLength(1);
    expect(seen).toContain("MODIFIED 2");
    const before = seen.length;
    const noop = await patch(`${RS}/web`, { metadata: { labels: { tier: "front" } } });
    expect(noop.status).toBe(200);
    expect(seen.length).toBe(before);
  });

  it("strategic merge patch (kubectl set image) changes one container's image; JSON patch test/replace", async () => {
    const { patch, rs } = await start();
    await rs("web");
    const set = await patch(
      `${RS}/web`,
      { spec: { template: { spec: { containers: [{ image: "nginx:1.28", name: "web" }] } } } },
      "strategic-merge",
    );
    expect(set.status).toBe(200);
    expect(set.body.spec.template.spec.containers).toMatchObject([
      { name: "web", image: "nginx:1.28", imagePullPolicy: "IfNotPresent" },
    ]);
    expect(set.body.metadata.generation).toBe(2);
    const json = await patch(
      `${RS}/web`,
      [
        { op: "test", path: "/spec/replicas", value: 1 },
        { op: "replace", path: "/spec/replicas", value: 2 },
      ],
      "json",
    );
    expect(json.body.spec.replicas).toBe(2);
    const failed = await patch(
      `${RS}/web`,
      [{ op: "test", path: "/spec/replicas", value: 1 }],
      "json",
    );
    expect(failed.status).toBe(422);
    expect(failed.body.message).toBe(
      "the server rejected our request due to an error in our request: testing value /spec/replicas failed: test failed",
    );
    const badKey = await patch(
      `${RS}/web`,
      { spec: { template: { spec: { containers: [{ image: "x" }] } } } },
      "strategic-merge",
    );
    expect(badKey.status).toBe(400);
    expect(badKey.body.message).toBe("map: map[image:x] does not contain declared merge key: name");
  });

  it("refuses a changed selector, an invalid result and a renamed object, writing nothing", async () => {
    const { cluster, patch, rs } = await start();
    await rs("web");
    const version = cluster.store.get("replicasets", "dev", "web")!.metadata.resourceVersion;
    const selector = await patch(`${RS}/web`, {
      spec: {
        selector: { matchLabels: { app: "other" } },
        template: { metadata: { labels: { app: "other" } } },
      },
    });
    expect(selector.status).toBe(422);
    expect(selector.body.message).toBe(
      'ReplicaSet.apps "web" is invalid: spec.selector: Invalid value: &v1.LabelSelector{MatchLabels:map[string]string{"app":"other"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
    const negative = await patch(`${RS}/web`, { spec: { replicas: -1 } });
    expect(negative.status).toBe(422);
    expect(negative.body.details).toMatchObject({ name: "web", group: "apps", kind: "ReplicaSet" });
    expect(negative.body.details.causes[0].field).toBe("spec.replicas");
    const renamed = await patch(`${RS}/web`, { metadata: { name: "other" } });
    expect(renamed.body.message).toBe(
      'ReplicaSet.apps "web" is invalid: metadata.name: Invalid value: "other": field is immutable',
    );
    expect(cluster.store.get("replicasets", "dev", "web")!.metadata.resourceVersion).toBe(version);
  });

  it("a field sent as null is unset, as once decoded by kube (kubectl rollout undo's template has creationTimestamp: null)", async () => {
    const { patch, rs } = await start();
    const template = (await rs("web")).body.spec.template;
    const undo = await patch(
      `${RS}/web`,
      [
        {
          op: "replace",
          path: "/spec/template",
          value: { ...template, metadata: { ...template.metadata, creationTimestamp: null } },
        },
      ],
      "json",
    );
    expect(undo.body.spec.template).toEqual(template);
    expect(undo.body.metadata.generation).toBe(1);
  });

  it("a spec that is no object is 400, a deployment's invalid template 422, and the cluster goes on", async () => {
    const { call, clock, patch, rs } = await start();
    await rs("web");
    const number = await patch(`${RS}/web`, { spec: 5 });
    expect(number.status).toBe(400);
    expect(number.body.message).toBe(
      "json: cannot unmarshal number into Go struct field ReplicaSet.spec of type v1.ReplicaSetSpec",
    );
    const DEPLOY = "/apis/apps/v1/namespaces/dev/deployments";
    await call(DEPLOY, "POST", {
      metadata: { name: "d" },
      spec: {
        selector: { matchLabels: { app: "d" } },
        template: {
          metadata: { labels: { app: "d" } },
          spec: { containers: [{ name: "web", image: "nginx:1.27" }] },
        },
      },
    });
    const broken = await patch(`${DEPLOY}/d`, {
      spec: { template: { spec: { containers: "x" } } },
    });
    expect(broken.status).toBe(422);
    expect(broken.body.message).toMatch(
      /^Deployment\.apps "d" is invalid: spec\.template\.spec\.containers/,
    );
    clock.advance(1_000);
    expect((await call(`${DEPLOY}/d`)).body.spec.template.spec.containers).toHaveLength(1);
  });

  it("dryRun=All answers the result and writes nothing", async () => {
    const { cluster, patch, rs } = await start();
    await rs("web");
    const version = cluster.store.version();
    const dry = await patch(`${RS}/web?dryRun=All`, { spec: { replicas: 4 } });
    expect(dry.body.spec.replicas).toBe(4);
    expect(cluster.store.version()).toBe(version);
    expect(
      (cluster.store.get("replicasets", "dev", "web")!.spec as { replicas: number }).replicas,
    ).toBe(1);
  });

  it("pods: the image may change, a port may not (ValidatePodUpdate)", async () => {
    const { call, patch } = await start();
    await call("/api/v1/namespaces/dev/pods", "POST", {
      metadata: { name: "p" },
      spec: { containers: [{ name: "app", image: "nginx:1.27" }] },
    });
    const image = await patch(
      "/api/v1/namespaces/dev/pods/p",
      { spec: { containers: [{ name: "app", image: "nginx:1.28" }] } },
      "strategic-merge",
    );
    expect(image.status).toBe(200);
    expect(image.body.status.phase).toBe("Pending");
    const port = await patch(
      "/api/v1/namespaces/dev/pods/p",
      { spec: { containers: [{ name: "app", ports: [{ containerPort: 80 }] }] } },
      "strategic-merge",
    );
    expect(port.status).toBe(422);
    expect(port.body.message).toBe(
      'Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n(changed: spec.containers)',
    );
  });

  it("cluster-scoped objects: a namespace's labels change, its spec and status do not", async () => {
    const { patch } = await start();
    const ns = await patch("/api/v1/namespaces/dev", {
      metadata: { labels: { team: "web" } },
      spec: { finalizers: [] },
      status: { phase: "Terminating" },
    });
    expect(ns.status).toBe(200);
    expect(ns.body.metadata.labels).toMatchObject({ team: "web" });
    expect(ns.body.spec).toEqual({ finalizers: ["kubernetes"] });
    expect(ns.body.status).toEqual({ phase: "Active" });
    expect(ns.body.metadata.namespace).toBeUndefined();
  });

  it("answers 415 for server-side apply and unknown types", async () => {
    const { patch, rs } = await start();
    await rs("web");
    const apply = await patch(`${RS}/web`, "{}", "application/apply-patch+yaml");
    expect(apply.status).toBe(415);
    expect(apply.body.message).toMatch(
      /server-side apply .* is not supported by the demo cluster: use client-side apply/,
    );
    const text = await patch(`${RS}/web`, "{}", "text/plain");
    expect(text.status).toBe(415);
    expect(text.body.message).toBe(
      "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json",
    );
  });
});

describe("subresources", () => {
  it("/status writes the status only; the object's own PUT cannot", async () => {
    const { call, rs } = await start();
    const created = (await rs("web")).body;
    const body = structuredClone(created);
    body.spec.replicas = 7;
    body.metadata.labels = { changed: "yes" };
    body.status = { replicas: 5, observedGeneration: 1 };
    const put = await call(`${RS}/web/status`, "PUT", body);
    expect(put.status).toBe(200);
    expect(put.body.status).toEqual({ replicas: 5, observedGeneration: 1 });
    expect(put.body.spec.replicas).toBe(1);
    expect(put.body.metadata.labels).toEqual({ app: "web" });
    expect((await call(`${RS}/web/status`)).body.status).toEqual({
      replicas: 5,
      observedGeneration: 1,
    });
  });

  it("/scale: GET an autoscaling/v1 Scale, PATCH and PUT its replicas (the ReplicaSet controller follows)", async () => {
    const { cluster, clock, call, patch, rs } = await start();
    const created = (await rs("web")).body;
    clock.advance(100);
    const scale = await call(`${RS}/web/scale`);
    expect(scale.body).toEqual({
      kind: "Scale",
      apiVersion: "autoscaling/v1",
      metadata: {
        name: "web",
        namespace: "dev",
        uid: created.metadata.uid,
        resourceVersion: cluster.store.get("replicasets", "dev", "web")!.metadata.resourceVersion,
        creationTimestamp: created.metadata.creationTimestamp,
      },
      spec: { replicas: 1 },
      status: { replicas: 1, selector: "app=web" },
    });
    const patched = await patch(`${RS}/web/scale`, { spec: { replicas: 3 } });
    expect(patched.body.spec).toEqual({ replicas: 3 });
    clock.advance(100);
    expect(cluster.store.list("pods", "dev")).toHaveLength(3);
    const stale = await call(`${RS}/web/scale`, "PUT", scale.body);
    expect(stale.status).toBe(409);
    const negative = await call(`${RS}/web/scale`, "PUT", { spec: { replicas: -1 } });
    expect(negative.body.message).toBe(
      'Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
    const zero = await call(`${RS}/web/scale`, "PUT", { metadata: { name: "web" }, spec: {} });
    expect(zero.body.spec).toEqual({});
    expect((await call(`/apis/apps/v1/namespaces/dev/daemonsets/x/scale`)).status).toBe(404);
  });

  it("discovery lists update and patch, and get/patch/update on status and scale", async () => {
    const { call } = await start();
    const apps = (await call("/apis/apps/v1")).body.resources as Record<string, unknown>[];
    expect(apps.find((r) => r.name === "replicasets")!.verbs).toEqual([
      "create",
      "delete",
      "get",
      "list",
      "patch",
      "update",
      "watch",
    ]);
    expect(apps.find((r) => r.name === "deployments/scale")).toEqual({
      name: "deployments/scale",
      singularName: "",
      namespaced: true,
      group: "autoscaling",
      version: "v1",
      kind: "Scale",
      verbs: ["get", "patch", "update"],
    });
    expect(apps.find((r) => r.name === "deployments/status")!.verbs).toEqual([
      "get",
      "patch",
      "update",
    ]);
  });

  it("RBAC names update and patch as the authorizer does", async () => {
    const { call } = await start({ rbac: { namespaces: ["dev"] } });
    const user = '"system:serviceaccount:lifeline:lifeline"';
    const put = await call("/apis/apps/v1/namespaces/prod/replicasets/web", "PUT", {
      metadata: { name: "web" },
    });
    expect(put.body.message).toBe(
      `replicasets.apps "web" is forbidden: User ${user} cannot update resource "replicasets" in API group "apps" in the namespace "prod"`,
    );
    const scale = await call(
      "/apis/apps/v1/namespaces/prod/replicasets/web/scale",
      "PATCH",
      {},
      "application/merge-patch+json",
    );
    expect(scale.body.message).toBe(
      `replicasets.apps "web" is forbidden: User ${user} cannot patch resource "replicasets/scale" in API group "apps" in the namespace "prod"`,
    );
  });
});
