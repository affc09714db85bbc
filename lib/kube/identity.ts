// Which cluster this is, so that its history is kept apart from any other's: the kube-system
// namespace's uid (created with the cluster, never reused, the same through every API server
// address and context that reaches it). Read with one `get`; when RBAC forbids it (or there is no
// such namespace), a hash of the API server URL and the context name stands in.
import { createHash } from "node:crypto";
import type { ClusterIdentity } from "../store/data-dir";
import type { KubeClient } from "./client";
import { KubeError } from "./kube-error";

const UID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * The cluster's identity, or null when the cluster cannot be reached or refuses the credentials now (then nothing is known:
 * the caller decides). `timeoutMs` bounds the wait for an API server that accepts and never answers.
 */
export async function readClusterIdentity(
  client: Pick<KubeClient, "get">,
  server: string,
  context: string | null,
  timeoutMs = 10_000,
): Promise<ClusterIdentity | null> {
  try {
    const ns = await client.get<{ metadata?: { uid?: unknown } }>(
      "/api/v1/namespaces/kube-system",
      {},
      "get",
      AbortSignal.timeout(timeoutMs),
    );
    const uid = ns?.metadata?.uid;
    if (typeof uid === "string" && UID.test(uid))
      return { id: uid.toLowerCase(), source: "kube-system-uid", server, context };
  } catch (err) {
    // Unreachable, or credentials refused (the collector says so): nothing is known yet.
    if (!(err instanceof KubeError) || err.status === 0 || err.status === 401) return null;
    // 403 (RBAC), 404: no uid to be had from this cluster.
  }
  return serverIdentity(server, context);
}

/** The stand-in identity: the API server URL and the context, hashed. */
export function serverIdentity(server: string, context: string | null): ClusterIdentity {
  const hash = createHash("sha256")
    .update(`${server}\n${context ?? ""}`)
    .digest("hex")
    .slice(0, 20);
  return { id: `server-${hash}`, source: "server-and-context", server, context };
}
