import { describe, expect, it } from "vitest";
import { invalidPodAddress, podPageParts, podPageStatus } from "./pod-address";

describe("podPageParts", () => {
  it("reads /pods/{namespace}/{name}, decoded", () => {
    expect(podPageParts("/pods/dev/api-1")).toEqual({ namespace: "dev", name: "api-1" });
    expect(podPageParts("/pods/Dev/a%20b")).toEqual({ namespace: "Dev", name: "a b" });
    expect(podPageParts("/pods/dev/x/")).toEqual({ namespace: "dev", name: "x" });
  });
  it("is null for other paths and for what does not decode", () => {
    expect(podPageParts("/pods/dev")).toBeNull();
    expect(podPageParts("/pods/dev/x/y")).toBeNull();
    expect(podPageParts("/api/pods/dev/x/timeline")).toBeNull();
    expect(podPageParts("/pods/dev/%E0%A4%A")).toBeNull();
  });
});

describe("invalidPodAddress", () => {
  it("a namespace that is not a DNS-1123 label", () => {
    expect(invalidPodAddress("Dev", "x")).toEqual({
      key: "pod.invalid.namespace",
      vars: { value: '"Dev"' },
    });
    expect(invalidPodAddress("a".repeat(64), "x")!.key).toBe("pod.invalid.namespace");
    expect(invalidPodAddress("dev.team", "x")!.key).toBe("pod.invalid.namespace");
  });
  it("a name that is not a DNS-1123 subdomain, quoted in at most 100 characters", () => {
    expect(invalidPodAddress("dev", "a b")).toEqual({
      key: "pod.invalid.name",
      vars: { value: '"a b"' },
    });
    expect(invalidPodAddress("dev", "%E0%A4%A")!.key).toBe("pod.invalid.name");
    expect(invalidPodAddress("dev", "X".repeat(300))!.vars.value).toMatch(/…" \(300 characters\)$/);
  });
  it("valid names", () => {
    expect(invalidPodAddress("dev", "api-7d9f.x")).toBeNull();
  });
});

describe("podPageStatus", () => {
  const viewer = { role: "viewer" as const, user: null, namespaces: ["dev"], expiresAt: null };
  const admin = { role: "admin" as const, user: null, namespaces: null, expiresAt: null };
  it("403 for a pod page outside the access's namespaces, whatever the name; 400 first for a name no pod can have", () => {
    expect(podPageStatus("/pods/kube-system/coredns", viewer)).toBe(403);
    expect(podPageStatus("/pods/kube-system/no-such-pod", viewer)).toBe(403);
    expect(podPageStatus("/pods/kube-system/a%20b", viewer)).toBe(400);
    expect(podPageStatus("/pods/dev/api", viewer)).toBeUndefined();
    expect(podPageStatus("/pods/kube-system/coredns", admin)).toBeUndefined();
    expect(podPageStatus("/pods/kube-system/coredns", null)).toBeUndefined();
    expect(podPageStatus("/kiosk", viewer)).toBeUndefined();
  });
});
