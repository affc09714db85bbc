// Strategic merge, JSON merge and JSON patches applied to real-shaped objects with the bodies
// kubectl sends (kubectl apply's three-way patch, set image, rollout restart, label).
import { describe, expect, it } from "vitest";
import { applyPatch, JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH } from "./patch";
import { PATCH_SCHEMAS } from "./patch-meta";
import { strategicMerge } from "./strategic-merge";

const deployment = () => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: {
    name: "web",
    namespace: "dev",
    labels: { app: "web" },
    finalizers: ["a.example/one", "b.example/two"],
  },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: "web" } },
    strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
    template: {
      metadata: { labels: { app: "web" } },
      spec: {
        containers: [
          {
            name: "web",
            image: "nginx:1.27",
            ports: [{ containerPort: 80, protocol: "TCP" }],
            env: [
              { name: "MODE", value: "prod" },
              { name: "LEVEL", value: "info" },
            ],
          },
          { name: "sidecar", image: "busybox:1.36", command: ["sleep", "infinity"] },
        ],
        tolerations: [{ key: "a", operator: "Exists" }],
      },
    },
  },
});

type Deployment = ReturnType<typeof deployment> & {
  metadata: { annotations?: Record<string, string> };
};
const smp = (patch: object, o: object = deployment()) =>
  strategicMerge(o as never, patch as never, PATCH_SCHEMAS.deployments) as unknown as Deployment;
const containersOf = (o: ReturnType<typeof deployment>) => o.spec.template.spec.containers;

describe("strategic merge patch", () => {
  it("kubectl set image: the named container's image changes, the rest of it and the other containers stay", () => {
    const out = smp({
      spec: { template: { spec: { containers: [{ image: "nginx:1.28", name: "web" }] } } },
    });
    const [web, sidecar] = containersOf(out);
    expect(web).toEqual({ ...deployment().spec.template.spec.containers[0], image: "nginx:1.28" });
    expect(sidecar).toEqual(deployment().spec.template.spec.containers[1]);
  });

  it("kubectl apply's patch: $setElementOrder/containers orders the merged list, last-applied annotation added", () => {
    const out = smp({
      metadata: { annotations: { "kubectl.kubernetes.io/last-applied-configuration": "{}\n" } },
      spec: {
        template: {
          spec: {
            "$setElementOrder/containers": [{ name: "sidecar" }, { name: "web" }],
            containers: [{ image: "nginx:1.28", name: "web" }],
          },
        },
      },
    });
    expect(containersOf(out).map((c) => [c.name, c.image])).toEqual([
      ["sidecar", "busybox:1.36"],
      ["web", "nginx:1.28"],
    ]);
    expect(out.metadata.annotations).toEqual({
      "kubectl.kubernetes.io/last-applied-configuration": "{}\n",
    });
    expect(out.metadata.labels).toEqual({ app: "web" });
  });

  it("without $setElementOrder a new container comes first (mergeSortedSlice puts items the live list lacks before it); $patch: delete removes one", () => {
    const out = smp({
      spec: {
        template: {
          spec: {
            containers: [
              { name: "cache", image: "redis:7" },
              { name: "sidecar", $patch: "delete" },
            ],
          },
        },
      },
    });
    expect(containersOf(out).map((c) => c.name)).toEqual(["cache", "web"]);
  });

  it("env merges by name, ports by containerPort; an env entry with $patch: delete goes", () => {
    const out = smp({
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: "web",
                env: [
                  { name: "LEVEL", value: "debug" },
                  { name: "MODE", $patch: "delete" },
                  { name: "NEW", value: "1" },
                ],
                ports: [{ containerPort: 8080 }],
              },
            ],
          },
        },
      },
    });
    const web = containersOf(out)[0];
    expect(web.env).toEqual([
      { name: "LEVEL", value: "debug" },
      { name: "NEW", value: "1" },
    ]);
    expect(web.ports).toEqual([{ containerPort: 8080 }, { containerPort: 80, protocol: "TCP" }]);
  });

  it("tolerations carry no patch strategy: the patch's list replaces the live one", () => {
    const out = smp({ spec: { template: { spec: { tolerations: [{ key: "b" }] } } } });
    expect(out.spec.template.spec.tolerations).toEqual([{ key: "b" }]);
  });

  it("finalizers merge as a set; $deleteFromPrimitiveList/finalizers removes", () => {
    expect(
      smp({
        metadata: {
          finalizers: ["c.example/three", "a.example/one"],
          "$deleteFromPrimitiveList/finalizers": ["b.example/two"],
        },
      }).metadata.finalizers,
    ).toEqual(["c.example/three", "a.example/one"]);
  });

  it("$retainKeys on the strategy (kubectl apply switching to Recreate) drops rollingUpdate", () => {
    const out = smp({
      spec: { strategy: { $retainKeys: ["type"], rollingUpdate: null, type: "Recreate" } },
    });
    expect(out.spec.strategy).toEqual({ type: "Recreate" });
    expect(() => smp({ spec: { strategy: { $retainKeys: ["type"], foo: 1 } } })).toThrow(
      "invalid patch format of retainKeys",
    );
  });

  it("$patch: replace on a map takes the patch's map; in a list, the patch's items become the list", () => {
    expect(smp({ metadata: { labels: { tier: "x", $patch: "replace" } } }).metadata.labels).toEqual(
      { tier: "x" },
    );
    const out = smp({
      spec: {
        template: { spec: { containers: [{ $patch: "replace" }, { name: "only", image: "x:1" }] } },
      },
    });
    expect(containersOf(out)).toEqual([{ name: "only", image: "x:1" }]);
  });

  it("kubectl rollout restart: a template annotation added, nothing else touched", () => {
    const patch = {
      spec: {
        template: {
          metadata: {
            annotations: { "kubectl.kubernetes.io/restartedAt": "2026-11-25T09:00:00Z" },
          },
        },
      },
    };
    const out = smp(patch);
    expect(out.spec.template.metadata).toEqual({
      labels: { app: "web" },
      annotations: { "kubectl.kubernetes.io/restartedAt": "2026-11-25T09:00:00Z" },
    });
    expect(containersOf(out)).toEqual(containersOf(deployment()));
  });

  it("a container without its merge key is refused with apimachinery's text", () => {
    expect(() => smp({ spec: { template: { spec: { containers: [{ image: "x" }] } } } })).toThrow(
      "map: map[image:x] does not contain declared merge key: name",
    );
    expect(() => smp({ metadata: { $patch: "merge-all" } })).toThrow(
      "unknown patch type: merge-all in map: map[$patch:merge-all]",
    );
  });

  it("the inputs are left as they were", () => {
    const o = deployment();
    const patch = { spec: { template: { spec: { containers: [{ name: "web", image: "y" }] } } } };
    smp(patch, o);
    expect(o).toEqual(deployment());
    expect(patch.spec.template.spec.containers).toEqual([{ name: "web", image: "y" }]);
  });
});

describe("merge patch and JSON patch", () => {
  it("kubectl label / annotate bodies (merge patch): keys added, null removes", () => {
    const out = applyPatch(
      MERGE_PATCH,
      deployment(),
      JSON.stringify({ metadata: { labels: { tier: "front", app: null } } }),
      undefined,
    ) as ReturnType<typeof deployment>;
    expect(out.metadata.labels).toEqual({ tier: "front" });
    // A merge patch replaces lists whole.
    const replaced = applyPatch(
      MERGE_PATCH,
      deployment(),
      JSON.stringify({
        spec: { template: { spec: { containers: [{ name: "web", image: "y" }] } } },
      }),
      undefined,
    ) as ReturnType<typeof deployment>;
    expect(containersOf(replaced)).toEqual([{ name: "web", image: "y" }]);
  });

  it("JSON patch: replace and test; a failed test or a missing path is 422 saying why", () => {
    const out = applyPatch(
      JSON_PATCH,
      deployment(),
      JSON.stringify([
        { op: "test", path: "/spec/replicas", value: 2 },
        { op: "replace", path: "/spec/replicas", value: 5 },
      ]),
      undefined,
    ) as ReturnType<typeof deployment>;
    expect(out.spec.replicas).toBe(5);
    const failure = (ops: unknown) => {
      try {
        applyPatch(JSON_PATCH, deployment(), JSON.stringify(ops), undefined);
      } catch (err) {
        return (err as { status(): unknown }).status();
      }
      return undefined;
    };
    expect(failure([{ op: "test", path: "/spec/replicas", value: 3 }])).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message:
        "the server rejected our request due to an error in our request: testing value /spec/replicas failed: test failed",
      reason: "Invalid",
      code: 422,
    });
    expect(failure([{ op: "replace", path: "/spec/paused", value: true }])).toMatchObject({
      code: 422,
      message:
        "the server rejected our request due to an error in our request: replace operation does not apply: doc is missing key: /spec/paused: missing value",
    });
    expect(failure({ op: "replace" })).toMatchObject({
      code: 400,
      message: "json: cannot unmarshal object into Go value of type jsonpatch.Patch",
    });
  });

  it("a strategic merge patch that is not an object, or not JSON, is 400", () => {
    expect(() => applyPatch(STRATEGIC_MERGE_PATCH, deployment(), "[1]", undefined)).toThrow(
      "a application/strategic-merge-patch+json body must be a JSON object",
    );
    expect(() => applyPatch(STRATEGIC_MERGE_PATCH, deployment(), "{", undefined)).toThrow(
      /the patch is not valid JSON/,
    );
  });
});
