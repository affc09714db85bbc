import { describe, expect, it } from "vitest";
import { serverStrings, withoutAddresses } from "./redact";

describe("withoutAddresses", () => {
  it("replaces the server's URL, host and files, and any URL or IP address, keeping the sentence", () => {
    const known = serverStrings("https://api.prod.internal:6443");
    expect(
      withoutAddresses(
        "Lifeline could not reach the cluster to list pods in all namespaces: getaddrinfo ENOTFOUND api.prod.internal.",
        known,
      ),
    ).toBe(
      "Lifeline could not reach the cluster to list pods in all namespaces: getaddrinfo ENOTFOUND the API server.",
    );
    expect(withoutAddresses("connect ECONNREFUSED 10.0.0.1:6443", [])).toBe(
      "connect ECONNREFUSED the API server",
    );
    expect(
      withoutAddresses("connect ECONNREFUSED [fd00::1]:6443 via https://proxy.example:3128/x", []),
    ).toBe("connect ECONNREFUSED the API server via the API server");
    expect(
      withoutAddresses("read /home/ops/.kube/config: no such file", [], ["/home/ops/.kube/config"]),
    ).toBe("read the kubeconfig: no such file");
    // The kubeconfig's path is the kubeconfig; an address in the same sentence is the API server.
    expect(
      withoutAddresses("read /etc/kube.conf: connect ECONNREFUSED 127.0.0.1:3650.", known, [
        "/etc/kube.conf",
      ]),
    ).toBe("read the kubeconfig: connect ECONNREFUSED the API server.");
    expect(
      withoutAddresses("Lifeline may not list pods in namespace dev (403 Forbidden)", known),
    ).toBe("Lifeline may not list pods in namespace dev (403 Forbidden)");
  });

  it("hides a bare IPv6 address with its port, as Node prints it, and keeps times and counts", () => {
    expect(withoutAddresses("connect ECONNREFUSED 2001:db8::5:6443", [])).toBe(
      "connect ECONNREFUSED the API server",
    );
    expect(withoutAddresses("connect ECONNREFUSED fd00:10:96::1:443", [])).toBe(
      "connect ECONNREFUSED the API server",
    );
    expect(withoutAddresses("connect ECONNREFUSED ::1:6443", [])).toBe(
      "connect ECONNREFUSED the API server",
    );
    expect(withoutAddresses("connect ETIMEDOUT 2001:db8:0:0:0:0:0:5 after 3 tries", [])).toBe(
      "connect ETIMEDOUT the API server after 3 tries",
    );
    expect(withoutAddresses("connect ECONNREFUSED ::ffff:10.0.0.1:6443", [])).toBe(
      "connect ECONNREFUSED the API server",
    );
    expect(
      withoutAddresses("watch ended at 10:54:23 UTC (2026-11-24T10:54:23Z), 3:1 retries", []),
    ).toBe("watch ended at 10:54:23 UTC (2026-11-24T10:54:23Z), 3:1 retries");
  });
});
