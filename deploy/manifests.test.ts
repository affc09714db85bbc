// deploy/: the plain YAML is the base rendered, every variant renders with kubectl's kustomize,
// and every object it renders matches the Kubernetes OpenAPI schemas (kubernetes-models).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateObject } from "./models.test-kit";
import {
  DEPLOY,
  VARIANTS,
  findKubectl,
  idOf,
  kustomize,
  objectsOf,
  type K8sObject,
} from "./render.test-kit";

const kubectl = findKubectl();
if (!kubectl)
  console.warn(
    "deploy/ tests skipped: no kubectl found to render the manifests (set KUBECTL, or apt-get install -y kubernetes-client)",
  );

describe.skipIf(!kubectl)("deploy/ rendered by kubectl kustomize", () => {
  const rendered = Object.fromEntries(VARIANTS.map((v) => [v, kustomize(kubectl!, v)]));

  it("deploy/lifeline.yaml is exactly `kubectl kustomize deploy/base` (regenerate: npm run manifests)", () => {
    expect(readFileSync(join(DEPLOY, "lifeline.yaml"), "utf8")).toBe(rendered.base);
  });

  it("the base renders the objects docs/deploy.md lists, in its namespace", () => {
    const objects = objectsOf(rendered.base);
    expect(objects.map(idOf)).toEqual([
      "Namespace/lifeline",
      "ServiceAccount/lifeline/lifeline",
      "ClusterRole/lifeline",
      "ClusterRoleBinding/lifeline",
      "Service/lifeline/lifeline",
      "Service/lifeline/lifeline-headless",
      "StatefulSet/lifeline/lifeline",
      "NetworkPolicy/lifeline/lifeline",
    ]);
  });

  it.each(VARIANTS)("every object of %s matches its Kubernetes schema", (variant) => {
    const objects = objectsOf(rendered[variant]);
    expect(objects.length).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const o of objects) {
      try {
        validateObject(o);
      } catch (err) {
        failures.push(`${idOf(o)}: ${(err as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it.each(VARIANTS)("%s renders no Secret (the user creates it: docs/deploy.md)", (variant) => {
    expect(objectsOf(rendered[variant]).filter((o) => o.kind === "Secret")).toEqual([]);
  });

  it("the base's image is lifeline:0.1.0, and an overlay's `images:` entry retargets it", () => {
    const images = (text: string) =>
      objectsOf(text)
        .filter((o) => o.kind === "StatefulSet")
        .flatMap((o) => podSpecOf(o).containers.map((c) => c.image));
    expect(images(rendered.base)).toEqual(["lifeline:0.1.0"]);
    // Each overlay keeps the base's image (it changes where Lifeline runs, not what).
    for (const v of VARIANTS) expect(images(rendered[v])).toContain("lifeline:0.1.0");
  });
});

describe("the schema check itself", () => {
  const ns = { apiVersion: "v1", kind: "Namespace", metadata: { name: "x" } } as K8sObject;

  it("accepts a valid object and refuses a field of the wrong type", () => {
    expect(() => validateObject(ns)).not.toThrow();
    expect(() =>
      validateObject({
        apiVersion: "apps/v1",
        kind: "StatefulSet",
        metadata: { name: "x" },
        spec: { serviceName: "x", replicas: "one", selector: {}, template: {} },
      }),
    ).toThrow(/replicas must be integer/);
  });

  it("refuses a field the kind does not have, at any depth (the models' validators let them by)", () => {
    const sts = {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "x", labels: { any: "label" } },
      spec: {
        serviceName: "x",
        selector: {},
        template: {
          spec: {
            containers: [
              {
                name: "a",
                securityContext: { readOnlyRootFilesystem: true },
                ports: [{ containerPort: 1 }],
              },
            ],
          },
        },
      },
    };
    expect(() => validateObject(sts)).not.toThrow();
    const typo = structuredClone(sts);
    (typo.spec.template.spec.containers[0].securityContext as Record<string, boolean>) = {
      readOnlyRootFileSystem: true,
    };
    expect(() => validateObject(typo)).toThrow(
      "StatefulSet.spec.template.spec.containers[0].securityContext.readOnlyRootFileSystem",
    );
    expect(() => validateObject({ ...ns, spec: { bogus: 1 } } as K8sObject)).toThrow(
      "Namespace.spec.bogus",
    );
  });

  it("refuses a kind it has no model for, rather than passing it unchecked", () => {
    expect(() => validateObject({ ...ns, kind: "Secret" })).toThrow(/no model/);
    expect(() => validateObject({ ...ns, apiVersion: "example.com/v1", kind: "Thing" })).toThrow(
      /no model/,
    );
  });
});

function podSpecOf(o: K8sObject): { containers: { image: string }[] } {
  return (o.spec as { template: { spec: { containers: { image: string }[] } } }).template.spec;
}
