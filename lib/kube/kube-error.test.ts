import { describe, expect, it } from "vitest";
import { describePath, isTooLargeError, isTooLargeResourceVersion, KubeError } from "./kube-error";

describe("describePath", () => {
  it.each([
    ["/api/v1/pods", "pods in all namespaces"],
    ["/api/v1/namespaces/dev/pods", "pods in namespace dev"],
    ["/api/v1/nodes", "nodes"],
    ["/apis/events.k8s.io/v1/events", "events.k8s.io events in all namespaces"],
    ["/apis/apps/v1/namespaces/web/replicasets", "apps replicasets in namespace web"],
  ])("%s → %s", (path, text) => {
    expect(describePath(path)).toBe(text);
  });
});

describe("KubeError.sentence", () => {
  it("names the credentials problem on 401", () => {
    expect(
      new KubeError(401, "Unauthorized", "Unauthorized", {
        verb: "watch",
        path: "/api/v1/nodes",
      }).sentence(),
    ).toBe(
      "The cluster rejected Lifeline's credentials (401 Unauthorized) when it tried to watch nodes: check the kubeconfig user or the service account token.",
    );
  });
});

describe("isTooLargeResourceVersion", () => {
  it("recognises kube-apiserver's answer and the older servers' shapes client-go also accepts, nothing else", () => {
    const cause = { reason: "ResourceVersionTooLarge", message: "Too large resource version" };
    expect(
      isTooLargeResourceVersion({
        code: 504,
        reason: "Timeout",
        message: "Timeout: Too large resource version: 9, current: 3",
        details: { causes: [cause] },
      }),
    ).toBe(true);
    expect(
      isTooLargeResourceVersion({
        code: 504,
        reason: "Timeout",
        details: { causes: [{ message: "Too large resource version" }] },
      }),
    ).toBe(true); // 1.17.0–1.18.5
    expect(
      isTooLargeResourceVersion({
        code: 504,
        reason: "Timeout",
        message: "Timeout: Too large resource version: 9, current: 3",
      }),
    ).toBe(true); // before 1.17
    expect(
      isTooLargeResourceVersion({
        code: 504,
        reason: "Timeout",
        message: "Timeout: request did not complete within the allotted timeout",
      }),
    ).toBe(false);
    expect(
      isTooLargeResourceVersion({
        code: 410,
        reason: "Expired",
        message: "too old resource version: 1 (5)",
      }),
    ).toBe(false);
    expect(isTooLargeResourceVersion({ code: 500, message: "Too large resource version" })).toBe(
      false,
    );
    expect(isTooLargeResourceVersion(null)).toBe(false);
    expect(isTooLargeResourceVersion({ details: { causes: "x" } } as never)).toBe(false);
    expect(
      isTooLargeError(
        new KubeError(
          504,
          "Timeout",
          "Timeout: Too large resource version: 9, current: 3",
          { verb: "list", path: "/api/v1/pods" },
          ["ResourceVersionTooLarge"],
        ),
      ),
    ).toBe(true);
    expect(isTooLargeError(new Error("Too large resource version"))).toBe(false);
  });
});
