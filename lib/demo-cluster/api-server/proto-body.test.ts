// Decoding Kubernetes protobuf bodies: the ones kubectl v1.32 really sent (recorded by
// scripts/kubectl-protobuf-bodies.ts) against the JSON kubectl prints for the same command, and
// bodies built from the vendored schema for the types with their own JSON form.
import { describe, expect, it } from "vitest";
import { ApiError } from "./api-error";
import { decodeProtobufBody } from "./proto-body";
import { encodeMessage, envelope, protobufBody } from "./proto-body.test-kit";
import recorded from "./testdata/kubectl-protobuf-bodies.json";

const CORE = "k8s.io.api.core.v1";
const APPS = "k8s.io.api.apps.v1";
const T = 1763629200; // 2025-11-20T09:00:00Z

/** kubectl 1.32 prints a zero creationTimestamp as null; 1.34's ObjectMeta tags it omitzero (types.go), so it is left out. */
function withoutNullCreationTimestamps(o: unknown): unknown {
  return JSON.parse(
    JSON.stringify(o, (key, value) =>
      key === "creationTimestamp" && value === null ? undefined : value,
    ),
  );
}

interface DeploymentShape {
  kind: string;
  apiVersion: string;
  metadata: unknown;
  spec: {
    replicas: number;
    selector: unknown;
    strategy: unknown;
    template: { spec: { containers: unknown[] } };
  };
  status: unknown;
}

async function failure(body: Uint8Array, apiVersion = "v1", kind = "Pod") {
  const err = await decodeProtobufBody(body, { apiVersion, kind }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return (err as ApiError).status();
}

describe("protobuf bodies kubectl sent", () => {
  it("records six commands with a protobuf POST each", () => {
    expect(recorded.kubectl).toMatch(/^v1\.32\./);
    expect(recorded.commands.map((c) => c.requests.length)).toEqual([1, 1, 1, 1, 1, 1]);
    for (const c of recorded.commands) {
      expect(c.requests[0].contentType).toBe("application/vnd.kubernetes.protobuf");
      expect(c.requests[0].accept).toBe("application/vnd.kubernetes.protobuf,application/json");
    }
  });

  for (const c of recorded.commands) {
    it(`decodes ${c.command} to the object kubectl prints with -o json --dry-run=client`, async () => {
      const body = Buffer.from(c.requests[0].body, "base64");
      const decoded = await decodeProtobufBody(body, {
        apiVersion: c.dryRun.apiVersion,
        kind: c.dryRun.kind,
      });
      expect(JSON.stringify(c.dryRun)).toContain('"creationTimestamp":null');
      expect(decoded).toEqual(withoutNullCreationTimestamps(c.dryRun));
    });
  }

  it("gives kubectl create deployment's fields as its JSON has them", async () => {
    const c = recorded.commands.find((x) => x.command.startsWith("kubectl create deployment web"))!;
    const d = (await decodeProtobufBody(Buffer.from(c.requests[0].body, "base64"), {
      apiVersion: "apps/v1",
      kind: "Deployment",
    })) as unknown as DeploymentShape;
    expect(d.kind).toBe("Deployment");
    expect(d.apiVersion).toBe("apps/v1");
    expect(d.metadata).toEqual({ name: "web", labels: { app: "web" } });
    expect(d.spec.replicas).toBe(2);
    expect(d.spec.selector).toEqual({ matchLabels: { app: "web" } });
    expect(d.spec.strategy).toEqual({});
    expect(d.spec.template.spec.containers).toEqual([
      { name: "nginx", image: "nginx", resources: {} },
    ]);
    expect(d.status).toEqual({});
  });
});

describe("protobuf bodies built from the schema", () => {
  it("writes Time, Quantity, IntOrString, inline structs, pointers and zero values as encoding/json does", async () => {
    const body = protobufBody("apps/v1", "Deployment", APPS, {
      metadata: {
        name: "web",
        namespace: "",
        generateName: "",
        generation: 0,
        labels: { app: "web" },
        creationTimestamp: { seconds: T, nanos: 999 },
        managedFields: [
          {
            manager: "kubectl",
            operation: "Update",
            apiVersion: "apps/v1",
            time: { seconds: T },
            fieldsType: "FieldsV1",
            fieldsV1: { Raw: Buffer.from('{"f:spec":{"f:replicas":{}}}') },
          },
        ],
      },
      spec: {
        replicas: 0,
        minReadySeconds: 0,
        paused: false,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" }, creationTimestamp: {} },
          spec: {
            restartPolicy: "",
            containers: [
              {
                name: "app",
                image: "nginx",
                imagePullPolicy: "",
                ports: [{ containerPort: 80, protocol: "TCP", hostPort: 0 }],
                resources: { limits: { cpu: { string: "500m" }, memory: { string: "128Mi" } } },
                livenessProbe: { handler: { tcpSocket: { port: { type: 0, intVal: 8080 } } } },
                readinessProbe: {
                  handler: { httpGet: { path: "/", port: { type: 1, strVal: "http" } } },
                  periodSeconds: 5,
                },
              },
            ],
            volumes: [
              { name: "cache", volumeSource: { emptyDir: { sizeLimit: { string: "1Gi" } } } },
            ],
          },
        },
        strategy: {
          type: "RollingUpdate",
          rollingUpdate: {
            maxSurge: { type: 1, strVal: "25%" },
            maxUnavailable: { type: 0, intVal: 0 },
          },
        },
      },
    });
    expect(await decodeProtobufBody(body, { apiVersion: "apps/v1", kind: "Deployment" })).toEqual({
      kind: "Deployment",
      apiVersion: "apps/v1",
      metadata: {
        name: "web",
        labels: { app: "web" },
        // whole seconds: time_proto.go drops nanos
        creationTimestamp: "2025-11-20T09:00:00Z",
        managedFields: [
          {
            manager: "kubectl",
            operation: "Update",
            apiVersion: "apps/v1",
            time: "2025-11-20T09:00:00Z",
            fieldsType: "FieldsV1",
            fieldsV1: { "f:spec": { "f:replicas": {} } },
          },
        ],
      },
      spec: {
        replicas: 0,
        selector: { matchLabels: { app: "web" } },
        template: {
          metadata: { labels: { app: "web" } },
          spec: {
            containers: [
              {
                name: "app",
                image: "nginx",
                ports: [{ containerPort: 80, protocol: "TCP" }],
                resources: { limits: { cpu: "500m", memory: "128Mi" } },
                livenessProbe: { tcpSocket: { port: 8080 } },
                readinessProbe: { httpGet: { path: "/", port: "http" }, periodSeconds: 5 },
              },
            ],
            volumes: [{ name: "cache", emptyDir: { sizeLimit: "1Gi" } }],
          },
        },
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
      },
      status: {},
    });
  });

  it("writes MicroTime with microseconds and a zero Time as null", async () => {
    const body = protobufBody("v1", "Event", CORE, {
      metadata: { name: "web.1", namespace: "dev" },
      involvedObject: { kind: "Pod", name: "web", namespace: "dev" },
      reason: "Pulled",
      eventTime: { seconds: T, nanos: 123456789 },
      firstTimestamp: {},
      series: { count: 2, lastObservedTime: { seconds: T + 60, nanos: 5000 } },
      count: 0,
    });
    const e = await decodeProtobufBody(body, { apiVersion: "v1", kind: "Event" });
    expect(e.eventTime).toBe("2025-11-20T09:00:00.123456Z");
    expect(e.series).toEqual({ count: 2, lastObservedTime: "2025-11-20T09:01:00.000005Z" });
    expect(e.firstTimestamp).toBeNull();
    expect(e.lastTimestamp).toBeNull();
    expect(e).not.toHaveProperty("count");
    expect(e.involvedObject).toEqual({ kind: "Pod", name: "web", namespace: "dev" });
  });

  it("gives a RawExtension's JSON as it is (a ControllerRevision's data)", async () => {
    const body = protobufBody("apps/v1", "ControllerRevision", APPS, {
      metadata: { name: "web-7d9c5b8f4" },
      data: { raw: Buffer.from('{"spec":{"template":{"metadata":{"labels":{"app":"web"}}}}}') },
      revision: 3,
    });
    expect(
      await decodeProtobufBody(body, { apiVersion: "apps/v1", kind: "ControllerRevision" }),
    ).toEqual({
      kind: "ControllerRevision",
      apiVersion: "apps/v1",
      metadata: { name: "web-7d9c5b8f4" },
      data: { spec: { template: { metadata: { labels: { app: "web" } } } } },
      revision: 3,
    });
  });

  it("takes kind and version from the request when the envelope leaves them out (copyKindDefaults)", async () => {
    const raw = encodeMessage(`${CORE}.Namespace`, { metadata: { name: "x" } });
    expect(
      await decodeProtobufBody(envelope(undefined, raw), { apiVersion: "v1", kind: "Namespace" }),
    ).toEqual({
      kind: "Namespace",
      apiVersion: "v1",
      metadata: { name: "x" },
      spec: {},
      status: {},
    });
  });

  it("skips fields a newer client sends that this schema does not know", async () => {
    const known = encodeMessage(`${CORE}.Namespace`, { metadata: { name: "x" } });
    // field 99, length-delimited, 3 bytes: what a later Kubernetes might add
    const raw = Buffer.concat([known, Buffer.from([0x9a, 0x06, 3, 0x61, 0x62, 0x63])]);
    const ns = await decodeProtobufBody(envelope({ apiVersion: "v1", kind: "Namespace" }, raw), {
      apiVersion: "v1",
      kind: "Namespace",
    });
    expect(ns.metadata).toEqual({ name: "x" });
  });
});

describe("protobuf bodies it cannot decode", () => {
  it("answers 400 for an empty body, a missing prefix, a bare prefix and a broken envelope", async () => {
    expect((await failure(new Uint8Array())).message).toBe(
      "the object provided is unrecognized (must be of type Pod): empty data",
    );
    expect((await failure(Buffer.from('{"kind":"Pod"}'))).message).toBe(
      "the object provided is unrecognized (must be of type Pod): provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]",
    );
    expect((await failure(Buffer.from("k8s\0"))).message).toBe(
      "the object provided is unrecognized (must be of type Pod): empty body",
    );
    const broken = await failure(Buffer.from([0x6b, 0x38, 0x73, 0x00, 0x0a, 0x40, 0x01]));
    expect(broken.code).toBe(400);
    expect(broken.reason).toBe("BadRequest");
    expect(broken.message).toMatch(
      /^the object provided is unrecognized \(must be of type Pod\): .+/,
    );
  });

  it("answers 400 for a kind it has no message for, and for a kind's message that does not decode", async () => {
    const cm = await failure(envelope({ apiVersion: "v1", kind: "ConfigMap" }, new Uint8Array()));
    expect(cm).toMatchObject({
      code: 400,
      reason: "BadRequest",
      message:
        'ConfigMap in version "v1" cannot be handled as a Pod: no kind "ConfigMap" is registered for version "v1" in the demo cluster\'s scheme',
    });
    const truncated = await failure(
      envelope({ apiVersion: "v1", kind: "Pod" }, Buffer.from([0x0a, 0x20, 0x0a])),
    );
    expect(truncated.message).toMatch(/^Pod in version "v1" cannot be handled as a Pod: .+/);
  });

  it("answers 400 when an embedded object is not JSON", async () => {
    const body = protobufBody("apps/v1", "ControllerRevision", APPS, {
      metadata: { name: "r" },
      data: { raw: Buffer.from("not json") },
    });
    expect((await failure(body, "apps/v1", "ControllerRevision")).message).toBe(
      'ControllerRevision in version "v1" cannot be handled as a ControllerRevision: an embedded object (RawExtension or FieldsV1) is not JSON',
    );
  });
});
