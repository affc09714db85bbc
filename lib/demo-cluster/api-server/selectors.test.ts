import { describe, expect, it } from "vitest";
import { lookupImage } from "../runtime/images";
import { parseFieldSelector, parseLabelSelector } from "./selectors";
import type { KubeObject } from "./store";

const obj = (labels: Record<string, string>, nodeName = "node-1"): KubeObject => ({
  metadata: { name: "p", namespace: "dev", labels },
  spec: { nodeName },
});

describe("label selectors", () => {
  it.each([
    ["app=web", { app: "web" }, true],
    ["app==web", { app: "web" }, true],
    ["app!=web", { app: "web" }, false],
    ["app!=web", {}, true],
    ["app in (web,api)", { app: "api" }, true],
    ["app notin (web,api)", { app: "db" }, true],
    ["app", { app: "x" }, true],
    ["!app", { app: "x" }, false],
    ["app=web,tier in (front)", { app: "web", tier: "front" }, true],
    ["app=web,tier in (front)", { app: "web", tier: "back" }, false],
    ["", {}, true],
  ])("%s on %j → %s", (sel, labels, expected) => {
    expect(parseLabelSelector(sel)(obj(labels))).toBe(expected);
  });

  it("throws a 400 for what it cannot parse", () => {
    expect(() => parseLabelSelector("app in (")).toThrow(/unable to parse requirement/);
  });
});

describe("field selectors", () => {
  it("matches metadata and per-resource fields, with != and several terms", () => {
    expect(parseFieldSelector("metadata.name=p,spec.nodeName=node-1", "pods")(obj({}))).toBe(true);
    expect(parseFieldSelector("spec.nodeName!=node-1", "pods")(obj({}))).toBe(false);
    expect(parseFieldSelector("spec.nodeName=", "pods")(obj({}, ""))).toBe(true);
    expect(() => parseFieldSelector("spec.nodeName=x", "events")).toThrow(
      "field label not supported: spec.nodeName",
    );
  });
});

describe("image references", () => {
  it.each([
    ["nginx", "docker.io/library/nginx:latest"],
    ["nginx:1.27", "docker.io/library/nginx:1.27"],
    ["docker.1ms.run/library/nginx:latest", "docker.1ms.run/library/nginx:latest"],
    ["localhost:5000/team/redis:7", "localhost:5000/team/redis:7"],
  ])("%s is %s", (ref, normalized) => {
    const r = lookupImage(ref);
    expect(r.ok && r.normalized).toBe(normalized);
  });

  it("tells an unparseable reference from one that does not exist", () => {
    expect(lookupImage("Nginx:Latest")).toMatchObject({ ok: false, reason: "InvalidImageName" });
    expect(lookupImage("nginx:")).toMatchObject({ ok: false, reason: "InvalidImageName" });
    expect(lookupImage("ngnix:1.27")).toMatchObject({ ok: false, reason: "ErrImagePull" });
  });
});
