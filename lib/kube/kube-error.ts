// A failed call to the cluster, with a sentence an operator can act on.

export class KubeError extends Error {
  constructor(
    /** HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly context: { verb: string; path: string },
  ) {
    super(message);
  }

  /** What to tell a person: which permission is missing, what could not be reached. */
  sentence(): string {
    const { verb, path } = this.context;
    const what = describePath(path);
    if (this.status === 401) return `The cluster rejected Lifeline's credentials (401 Unauthorized) when it tried to ${verb} ${what}: check the kubeconfig user or the service account token.`;
    if (this.status === 403) return `Lifeline may not ${verb} ${what} (403 Forbidden): grant its user or service account "${verb}" on ${what} (see deploy/ for the read-only role).`;
    if (this.status === 0) return `Lifeline could not reach the cluster to ${verb} ${what}: ${this.message}.`;
    return `The cluster answered ${this.status} ${this.reason} when Lifeline tried to ${verb} ${what}: ${this.message}`;
  }
}

/** "pods in namespace dev", "events.k8s.io events in all namespaces", "nodes". */
export function describePath(path: string): string {
  const m = /^\/apis?\/(?:([^/]+)\/)?[^/]+\/(?:namespaces\/([^/]+)\/)?([^/?]+)/.exec(path.replace(/^\/api\//, "/api/core/"));
  if (!m) return path;
  const [, group, namespace, resource] = m;
  const name = group && group !== "core" ? `${group} ${resource}` : resource;
  if (resource === "nodes" || resource === "namespaces") return name;
  return namespace ? `${name} in namespace ${namespace}` : `${name} in all namespaces`;
}
