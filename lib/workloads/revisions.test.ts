// What changed between two templates: the summary's fields, and "other fields" from the digest alone.
import { describe, expect, it } from "vitest";
import { templateChanges } from "./revisions";
import { templateSummary } from "./workload-state";

const tmpl = (c: object = {}, annotations: object = {}, spec: object = {}) =>
  templateSummary({
    metadata: { labels: { app: "web" }, annotations },
    spec: { containers: [{ name: "web", image: "nginx:1.27", ...c }], ...spec },
  });

describe("templateChanges", () => {
  it("kubectl rollout restart: only restartedAt", () => {
    const ch = templateChanges(
      tmpl(),
      tmpl({}, { "kubectl.kubernetes.io/restartedAt": "2026-11-24T10:00:00Z" }),
    )!;
    expect(ch.restartedAt).toEqual({ from: null, to: "2026-11-24T10:00:00Z" });
    expect(ch.otherFields).toBe(false);
    expect(ch.images).toEqual([]);
  });

  it("a field the summary does not name: other fields", () => {
    const ch = templateChanges(tmpl(), tmpl({}, {}, { terminationGracePeriodSeconds: 5 }))!;
    expect(ch).toMatchObject({
      images: [],
      env: [],
      resources: [],
      restartedAt: null,
      otherFields: true,
    });
  });

  it("an env value alone changes nothing it can show, and is not other fields either", () => {
    const a = tmpl({ env: [{ name: "TOKEN", value: "a" }] });
    const b = tmpl({ env: [{ name: "TOKEN", value: "b" }] });
    expect(templateChanges(a, b)).toMatchObject({ env: [], otherFields: false });
  });

  it("env names, limits and containers added or removed", () => {
    const a = tmpl({
      env: [{ name: "A" }, { name: "B" }],
      resources: { limits: { memory: "1Gi" } },
    });
    const b = templateSummary({
      spec: {
        initContainers: [{ name: "migrate", image: "app:2" }],
        containers: [{ name: "web", image: "nginx:1.27", env: [{ name: "B" }, { name: "C" }] }],
      },
    });
    expect(templateChanges(a, b)).toMatchObject({
      containersAdded: ["init:migrate"],
      env: [{ container: "web", added: ["C"], removed: ["A"] }],
      resources: [{ container: "web", field: "limits", resource: "memory", from: "1Gi", to: null }],
      otherFields: false,
    });
    expect(templateChanges(null, b)).toBeNull();
  });
});
