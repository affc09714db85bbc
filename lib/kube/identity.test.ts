import { describe, expect, it } from "vitest";
import { readClusterIdentity, serverIdentity } from "./identity";
import { KubeError } from "./kube-error";

const answering = (result: unknown) => ({ get: async <T>() => result as T });
const failing = (status: number) => ({
  get: async <T>(): Promise<T> => {
    throw new KubeError(status, "x", "no", { verb: "get", path: "/api/v1/namespaces/kube-system" });
  },
});
const server = "https://10.0.0.1:6443";

describe("cluster identity", () => {
  it("is the kube-system namespace's uid", async () => {
    expect(
      await readClusterIdentity(
        answering({ metadata: { uid: "0B6F3C2E-1D4A-4F5E-9A7B-3C2D1E0F9A8B" } }),
        server,
        "prod",
      ),
    ).toEqual({
      id: "0b6f3c2e-1d4a-4f5e-9a7b-3c2d1e0f9a8b",
      source: "kube-system-uid",
      server,
      context: "prod",
    });
  });

  it("falls back to the API server URL and context when RBAC forbids the namespace or it has no usable uid", async () => {
    const fallback = serverIdentity(server, "prod");
    expect(fallback.id).toMatch(/^server-[0-9a-f]{20}$/);
    expect(fallback.source).toBe("server-and-context");
    expect(serverIdentity(server, "staging").id).not.toBe(fallback.id);
    expect(await readClusterIdentity(failing(403), server, "prod")).toEqual(fallback);
    expect(await readClusterIdentity(failing(404), server, "prod")).toEqual(fallback);
    expect(
      await readClusterIdentity(answering({ metadata: { uid: "../../etc" } }), server, "prod"),
    ).toEqual(fallback);
    expect(await readClusterIdentity(answering(null), server, "prod")).toEqual(fallback);
  });

  it("knows nothing while the cluster cannot be reached or refuses the credentials", async () => {
    expect(await readClusterIdentity(failing(0), server, "prod")).toBeNull();
    expect(await readClusterIdentity(failing(401), server, "prod")).toBeNull();
  });
});
