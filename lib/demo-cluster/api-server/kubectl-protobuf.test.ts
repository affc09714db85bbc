// Protobuf request bodies through the API server (content negotiation, the write path seeing the
// JSON body's object) and kubectl's imperative commands, which send them, against the demo cluster.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../clock";
import { DemoCluster } from "../cluster";
import { T0 } from "../cluster.test-kit";
import { findKubectl } from "./kubectl.test-kit";
import { protobufBody } from "./proto-body.test-kit";

const run = promisify(execFile);
const kubectl = findKubectl("kubectl protobuf tests");
const PROTOBUF = "application/vnd.kubernetes.protobuf";

describe("protobuf bodies over HTTP", { timeout: 30_000 }, () => {
  const clock = new ManualClock(T0);
  let cluster: DemoCluster;
  const post = async (path: string, body: Buffer | string, headers: Record<string, string>) => {
    const payload = typeof body === "string" ? body : new Blob([new Uint8Array(body)]);
    const res = await fetch(cluster.url + path, { method: "POST", headers, body: payload });
    return { status: res.status, type: res.headers.get("content-type"), body: await res.json() };
  };

  beforeAll(async () => {
    cluster = await DemoCluster.start({ clock, scenarios: [] });
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it("creates a pod from the zero values gogo-protobuf writes, defaulted as the JSON body would be", async () => {
    // Go's generated Marshal writes every non-pointer field, empty strings too: restartPolicy ""
    // must reach defaulting as absent (JSON's omitempty), not fail validation as an unsupported value.
    const body = protobufBody("v1", "Pod", "k8s.io.api.core.v1", {
      metadata: { name: "from-proto", namespace: "", generateName: "", creationTimestamp: {} },
      spec: {
        restartPolicy: "",
        dnsPolicy: "",
        containers: [
          { name: "app", image: "busybox:1.36", imagePullPolicy: "", command: ["sleep", "3600"] },
        ],
      },
    });
    const created = await post("/api/v1/namespaces/dev/pods", body, {
      "Content-Type": PROTOBUF,
      Accept: `${PROTOBUF},application/json`,
    });
    expect(created.status).toBe(201);
    expect(created.type).toBe("application/json");
    expect(created.body.metadata.name).toBe("from-proto");
    expect(created.body.spec.restartPolicy).toBe("Always");
    expect(created.body.spec.dnsPolicy).toBe("ClusterFirst");
    expect(created.body.spec.containers[0].imagePullPolicy).toBe("IfNotPresent");
    const got = await fetch(`${cluster.url}/api/v1/namespaces/dev/pods/from-proto`);
    expect((await got.json()).spec.containers[0].command).toEqual(["sleep", "3600"]);
  });

  it("takes protobuf on PUT, of the object and of its Scale", async () => {
    const deployment = {
      metadata: { name: "web" },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: { containers: [{ name: "app", image: "nginx" }] },
        },
      },
    };
    const apps = "k8s.io.api.apps.v1";
    const path = "/apis/apps/v1/namespaces/dev/deployments";
    const headers = { "Content-Type": PROTOBUF };
    expect(
      (await post(path, protobufBody("apps/v1", "Deployment", apps, deployment), headers)).status,
    ).toBe(201);
    const labelled = { ...deployment, metadata: { name: "web", labels: { tier: "front" } } };
    const put = await fetch(`${cluster.url}${path}/web`, {
      method: "PUT",
      headers,
      body: new Blob([new Uint8Array(protobufBody("apps/v1", "Deployment", apps, labelled))]),
    });
    expect(put.status).toBe(200);
    expect((await put.json()).metadata.labels).toEqual({ tier: "front" });
    const scale = protobufBody("autoscaling/v1", "Scale", "k8s.io.api.autoscaling.v1", {
      metadata: { name: "web" },
      spec: { replicas: 4 },
    });
    const scaled = await fetch(`${cluster.url}${path}/web/scale`, {
      method: "PUT",
      headers,
      body: new Blob([new Uint8Array(scale)]),
    });
    expect(scaled.status).toBe(200);
    expect((await scaled.json()).spec).toEqual({ replicas: 4 });
    const got = await (await fetch(`${cluster.url}${path}/web`)).json();
    expect(got.spec.replicas).toBe(4);
  });

  it("checks the envelope's kind against the resource as for a JSON body", async () => {
    const body = protobufBody("apps/v1", "Deployment", "k8s.io.api.apps.v1", {
      metadata: { name: "web" },
    });
    const res = await post("/api/v1/namespaces", body, { "Content-Type": PROTOBUF });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(
      "the API version in the data (apps/v1) does not match the expected API version (v1)",
    );
  });

  it("answers 400 for a protobuf body that is not one", async () => {
    const res = await post("/api/v1/namespaces", '{"metadata":{"name":"x"}}', {
      "Content-Type": PROTOBUF,
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(
      "the object provided is unrecognized (must be of type Namespace): provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]",
    );
  });

  it("answers 415 for a body in another format, naming the two it takes", async () => {
    const res = await post("/api/v1/namespaces", "metadata:\n  name: x\n", {
      "Content-Type": "application/yaml",
    });
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({
      kind: "Status",
      reason: "UnsupportedMediaType",
      message:
        "the body of the request was in an unknown format - accepted media types include: application/json, application/vnd.kubernetes.protobuf (got application/yaml)",
    });
  });

  it("answers 406 to a client that takes only protobuf, and JSON to one that takes JSON too", async () => {
    const only = await fetch(`${cluster.url}/api/v1/namespaces/dev`, {
      headers: { Accept: PROTOBUF },
    });
    expect(only.status).toBe(406);
    expect(await only.json()).toMatchObject({
      reason: "NotAcceptable",
      message: "only the following media types are accepted: application/json",
    });
    for (const accept of [`${PROTOBUF}, */*`, `${PROTOBUF},application/json`, "application/*"]) {
      const res = await fetch(`${cluster.url}/api/v1/namespaces/dev`, {
        headers: { Accept: accept },
      });
      expect(res.status).toBe(200);
    }
  });
});

describe.skipIf(!kubectl)("kubectl's protobuf writes against the demo cluster", () => {
  const clock = new ManualClock(T0);
  let cluster: DemoCluster;
  const k = async (...args: string[]) =>
    (await run(kubectl!, ["--kubeconfig", cluster.kubeconfigPath, ...args], { timeout: 20_000 }))
      .stdout;
  const json = async (...args: string[]) => JSON.parse(await k(...args, "-o", "json"));

  beforeAll(async () => {
    cluster = await DemoCluster.start({ clock, scenarios: [] });
  });
  afterAll(async () => {
    await cluster?.stop();
  });

  it("creates a namespace and gets it back", { timeout: 60_000 }, async () => {
    expect((await k("create", "namespace", "x")).trim()).toBe("namespace/x created");
    const ns = await json("get", "ns", "x");
    expect(ns.metadata.name).toBe("x");
    expect(ns.metadata.creationTimestamp).toBe("2026-11-20T09:00:00Z");
    expect((await k("get", "ns", "x", "--no-headers")).trim().split(/\s+/).slice(0, 2)).toEqual([
      "x",
      "Active",
    ]);
  });

  it(
    "creates a deployment, stored and served as kubectl wrote it",
    { timeout: 60_000 },
    async () => {
      expect((await k("create", "deployment", "web", "--image=nginx", "--replicas=2")).trim()).toBe(
        "deployment.apps/web created",
      );
      const d = await json("get", "deployment", "web");
      expect(d.metadata).toMatchObject({ name: "web", namespace: "dev", labels: { app: "web" } });
      expect(d.spec.replicas).toBe(2);
      expect(d.spec.selector).toEqual({ matchLabels: { app: "web" } });
      expect(d.spec.template.spec.containers[0]).toMatchObject({ name: "nginx", image: "nginx" });
      // The Deployment controller rolls it out like one written as JSON.
      clock.advance(30_000);
      const rolled = await json("get", "deployment", "web");
      expect(rolled.status).toMatchObject({ replicas: 2, updatedReplicas: 2, readyReplicas: 2 });
    },
  );

  it(
    "creates a job whose pod the Job controller starts and runs",
    { timeout: 60_000 },
    async () => {
      expect(
        (
          await k("create", "job", "pi", "--image=busybox:1.36", "--", "sh", "-c", "echo 3.14")
        ).trim(),
      ).toBe("job.batch/pi created");
      clock.advance(10_000);
      const pods = await json("get", "pods", "-l", "job-name=pi");
      expect(pods.items).toHaveLength(1);
      expect(pods.items[0].spec.containers[0].command).toEqual(["sh", "-c", "echo 3.14"]);
      expect(pods.items[0].spec.restartPolicy).toBe("Never");
      expect(pods.items[0].status.phase).toBe("Succeeded");
    },
  );

  it("creates a cronjob with its schedule", { timeout: 60_000 }, async () => {
    expect(
      (
        await k(
          "create",
          "cronjob",
          "tick",
          "--image=busybox:1.36",
          "--schedule=*/1 * * * *",
          "--",
          "date",
        )
      ).trim(),
    ).toBe("cronjob.batch/tick created");
    const cj = await json("get", "cronjob", "tick");
    expect(cj.spec.schedule).toBe("*/1 * * * *");
    expect(cj.spec.jobTemplate.spec.template.spec.containers[0].command).toEqual(["date"]);
  });
});
