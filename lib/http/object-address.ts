// The workload and node pages' addresses, /workloads/{namespace}/{kind}/{name} and /nodes/{name}:
// as for pod pages (pod-address.ts), the proxy answers 400 for an address no object can have and
// 403 for a namespace the access does not cover, and the page says why in the same sentence as
// GET /api/workloads… does (the validation is the routes' own: params.ts, workload-params.ts).
import { canSee, type Access } from "../auth/access";
import { BadInput, namespaceParam, nodeParam } from "../routes/params";
import { workloadKindParam, workloadNameParam } from "../routes/workload-params";

const decode = (parts: string[]): string[] | null => {
  try {
    return parts.map(decodeURIComponent);
  } catch {
    return null;
  }
};

/** The decoded namespace, kind and name of a workload page's path; null for any other path. */
export function workloadPageParts(
  pathname: string,
): { namespace: string; kind: string; name: string } | null {
  const m = /^\/workloads\/([^/]+)\/([^/]+)\/([^/]+)\/?$/.exec(pathname);
  const d = m && decode([m[1], m[2], m[3]]);
  return d ? { namespace: d[0], kind: d[1], name: d[2] } : null;
}

/** The decoded name of a node page's path; null for any other path. */
export function nodePageParts(pathname: string): { name: string } | null {
  const m = /^\/nodes\/([^/]+)\/?$/.exec(pathname);
  const d = m && decode([m[1]]);
  return d ? { name: d[0] } : null;
}

/** The first check's sentence that throws BadInput, else null. */
function firstBad(checks: (() => unknown)[]): string | null {
  for (const check of checks) {
    try {
      check();
    } catch (err) {
      if (err instanceof BadInput) return err.message;
      throw err;
    }
  }
  return null;
}

/** Why no workload can have this address (namespace, then kind, then name), or null when one can. */
export function invalidWorkloadAddress(
  namespace: string,
  kind: string,
  name: string,
): string | null {
  return firstBad([
    () => namespaceParam(namespace),
    () => workloadKindParam(kind),
    () => workloadNameParam(name),
  ]);
}

/** Why no node can have this name, or null when one can. */
export function invalidNodeAddress(name: string): string | null {
  return firstBad([() => nodeParam(name)]);
}

/**
 * The status of a workload or node page's answer, decided before the page runs: 400 for an
 * address no such object can have, 403 for a workload in a namespace `access` does not cover
 * (whatever the name: whether it exists is not told), undefined otherwise (the page answers 200,
 * or 404 for an object Lifeline has no record of).
 */
export function objectPageStatus(pathname: string, access: Access | null): 400 | 403 | undefined {
  const w = workloadPageParts(pathname);
  if (w) {
    if (invalidWorkloadAddress(w.namespace, w.kind, w.name)) return 400;
    if (access && !canSee(access, w.namespace)) return 403;
    return undefined;
  }
  const n = nodePageParts(pathname);
  if (n && invalidNodeAddress(n.name)) return 400;
  return undefined;
}
