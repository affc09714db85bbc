import { describe, expect, it } from "vitest";
import { describePath, KubeError } from "./kube-error";

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
    expect(new KubeError(401, "Unauthorized", "Unauthorized", { verb: "watch", path: "/api/v1/nodes" }).sentence())
      .toBe("The cluster rejected Lifeline's credentials (401 Unauthorized) when it tried to watch nodes: check the kubeconfig user or the service account token.");
  });
});
