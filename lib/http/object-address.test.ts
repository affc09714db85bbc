import { describe, expect, it } from "vitest";
import type { Access } from "../auth/access";
import {
  invalidNodeAddress,
  invalidWorkloadAddress,
  nodePageParts,
  objectPageStatus,
  workloadPageParts,
} from "./object-address";

describe("workloadPageParts and nodePageParts", () => {
  it("read /workloads/{namespace}/{kind}/{name} and /nodes/{name}, decoded", () => {
    expect(workloadPageParts("/workloads/dev/deployments/web")).toEqual({
      namespace: "dev",
      kind: "deployments",
      name: "web",
    });
    expect(workloadPageParts("/workloads/Dev/deploy/a%20b/")).toEqual({
      namespace: "Dev",
      kind: "deploy",
      name: "a b",
    });
    expect(nodePageParts("/nodes/node-1")).toEqual({ name: "node-1" });
    expect(nodePageParts("/nodes/Not_A_Node/")).toEqual({ name: "Not_A_Node" });
  });
  it("are null for other paths and for what does not decode", () => {
    expect(workloadPageParts("/workloads")).toBeNull();
    expect(workloadPageParts("/workloads/dev/deployments")).toBeNull();
    expect(workloadPageParts("/api/workloads/dev/deployments/web")).toBeNull();
    expect(workloadPageParts("/workloads/dev/deployments/%E0%A4%A")).toBeNull();
    expect(nodePageParts("/nodes")).toBeNull();
    expect(nodePageParts("/nodes/a/b")).toBeNull();
    expect(nodePageParts("/api/nodes")).toBeNull();
  });
});

describe("invalidWorkloadAddress and invalidNodeAddress: the sentence the page shows", () => {
  it.each([
    ["Bad_NS", "deployments", "x", /^namespace "Bad_NS" is not a valid namespace name/],
    ["dev", "pods", "x", /^kind "pods" is not a workload kind: deployments, /],
    ["dev", "deployments", "Web App", /^"Web App" is not a valid workload name/],
  ])("%s/%s/%s", (namespace, kind, name, sentence) => {
    expect(invalidWorkloadAddress(namespace, kind, name)).toMatch(sentence);
  });
  it("valid workload addresses, in any form kubectl takes the kind", () => {
    expect(invalidWorkloadAddress("dev", "deployments", "web")).toBeNull();
    expect(invalidWorkloadAddress("batch", "cj", "db-backup")).toBeNull();
    expect(invalidWorkloadAddress("dev", "StatefulSet", "db.x")).toBeNull();
  });
  it("node names", () => {
    expect(invalidNodeAddress("Not_A_Node")).toBe(
      "node \"Not_A_Node\" is not a valid node name (lowercase letters, digits, '-' and '.', at most 253 characters).",
    );
    expect(invalidNodeAddress("ip-10-0-0-1.ec2.internal")).toBeNull();
  });
});

describe("objectPageStatus", () => {
  const viewer: Access = { role: "viewer", user: null, namespaces: ["dev"], expiresAt: null };
  const admin: Access = { role: "admin", user: null, namespaces: null, expiresAt: null };
  it("400 for an address no object can have, whoever asks", () => {
    expect(objectPageStatus("/workloads/dev/pods/x", admin)).toBe(400);
    expect(objectPageStatus("/workloads/Bad_NS/deployments/x", viewer)).toBe(400);
    expect(objectPageStatus("/workloads/dev/deployments/Web", null)).toBe(400);
    expect(objectPageStatus("/nodes/Not_A_Node", viewer)).toBe(400);
  });
  it("403 for a workload in a namespace the access does not cover, whether it exists or not", () => {
    expect(objectPageStatus("/workloads/kube-system/deployments/coredns", viewer)).toBe(403);
    expect(objectPageStatus("/workloads/kube-system/deployments/no-such", viewer)).toBe(403);
    expect(objectPageStatus("/workloads/kube-system/deployments/coredns", admin)).toBeUndefined();
  });
  it("undefined otherwise: the page answers", () => {
    expect(objectPageStatus("/workloads/dev/deployments/web", viewer)).toBeUndefined();
    expect(objectPageStatus("/nodes/node-1", viewer)).toBeUndefined();
    expect(objectPageStatus("/workloads", viewer)).toBeUndefined();
    expect(objectPageStatus("/pods/Dev/x", viewer)).toBeUndefined();
  });
});
