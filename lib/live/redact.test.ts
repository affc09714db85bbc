import { describe, expect, it } from "vitest";
import { serverStrings, withoutAddresses } from "./redact";

describe("withoutAddresses", () => {
  it("replaces the server's URL, host and files, and any URL or IP address, keeping the sentence", () => {
    const known = serverStrings("https://api.prod.internal:6443");
    expect(withoutAddresses("Lifeline could not reach the cluster to list pods in all namespaces: getaddrinfo ENOTFOUND api.prod.internal.", known)).toBe("Lifeline could not reach the cluster to list pods in all namespaces: getaddrinfo ENOTFOUND the API server.");
    expect(withoutAddresses("connect ECONNREFUSED 10.0.0.1:6443", [])).toBe("connect ECONNREFUSED the API server");
    expect(withoutAddresses("connect ECONNREFUSED [fd00::1]:6443 via https://proxy.example:3128/x", [])).toBe("connect ECONNREFUSED the API server via the API server");
    expect(withoutAddresses("read /home/ops/.kube/config: no such file", ["/home/ops/.kube/config"], "the kubeconfig")).toBe("read the kubeconfig: no such file");
    expect(withoutAddresses("Lifeline may not list pods in namespace dev (403 Forbidden)", known)).toBe("Lifeline may not list pods in namespace dev (403 Forbidden)");
  });
});
