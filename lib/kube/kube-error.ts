// A failed call to the cluster, with a sentence an operator can act on.

export class KubeError extends Error {
  constructor(
    /** HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly context: { verb: string; path: string },
    /** The Status's `details.causes` reasons (e.g. ResourceVersionTooLarge), when it had any. */
    readonly causes: string[] = [],
  ) {
    super(message);
  }

  /** What to tell a person: which permission is missing, what could not be reached. */
  sentence(): string {
    const { verb, path } = this.context;
    const what = describePath(path);
    if (this.status === 401)
      return `The cluster rejected Lifeline's credentials (401 Unauthorized) when it tried to ${verb} ${what}: check the kubeconfig user or the service account token.`;
    if (this.status === 403)
      return `Lifeline may not ${verb} ${what} (403 Forbidden): grant its user or service account "${verb}" on ${what} (see deploy/ for the read-only role).${
        // The authorizer's sentence names the user and the scope: "pods is forbidden: User … cannot list …".
        this.message ? ` The API server said: ${this.message.replace(/\.+$/, "")}.` : ""
      }`;
    if (this.status === 0)
      return `Lifeline could not reach the cluster to ${verb} ${what}: ${this.message}.`;
    return `The cluster answered ${this.status} ${this.reason} when Lifeline tried to ${verb} ${what}: ${this.message}`;
  }
}

/** "pods in namespace dev", "events.k8s.io events in all namespaces", "nodes". */
export function describePath(path: string): string {
  const m = /^\/apis?\/(?:([^/]+)\/)?[^/]+\/(?:namespaces\/([^/]+)\/)?([^/?]+)/.exec(
    path.replace(/^\/api\//, "/api/core/"),
  );
  if (!m) return path;
  const [, group, namespace, resource] = m;
  const name = group && group !== "core" ? `${group} ${resource}` : resource;
  if (resource === "nodes" || resource === "namespaces") return name;
  return namespace ? `${name} in namespace ${namespace}` : `${name} in all namespaces`;
}

export interface StatusLike {
  code?: number;
  reason?: string;
  message?: string;
  details?: { causes?: { reason?: string; message?: string }[] } | null;
}

/**
 * The server has not reached the resourceVersion asked for: a cluster started afresh behind the
 * same address (its versions begin again), or an API server whose cache is behind. As client-go's
 * reflector tells it (isTooLargeResourceVersionError): the cause ResourceVersionTooLarge, or — from
 * servers before 1.18.6 — a Timeout whose cause or message says "Too large resource version".
 */
export function isTooLargeResourceVersion(s: StatusLike | null | undefined): boolean {
  if (!s || typeof s !== "object") return false;
  const causes = Array.isArray(s.details?.causes) ? s.details!.causes : [];
  if (causes.some((c) => c?.reason === "ResourceVersionTooLarge")) return true;
  if (s.reason !== "Timeout" && s.code !== 504) return false;
  return (
    causes.some((c) => c?.message === "Too large resource version") ||
    String(s.message ?? "").includes("Too large resource version")
  );
}

/** The same question of a failed call. */
export function isTooLargeError(err: unknown): boolean {
  return (
    err instanceof KubeError &&
    isTooLargeResourceVersion({
      code: err.status,
      reason: err.reason,
      message: err.message,
      details: { causes: err.causes.map((reason) => ({ reason })) },
    })
  );
}
