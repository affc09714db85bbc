// A pod page's address, /pods/{namespace}/{name}: the proxy answers 400 for names no pod can have
// (namespace not a DNS-1123 label, name not a DNS-1123 subdomain) and 403 for a namespace the
// access does not cover; the page says why.
import { canSee, type Access } from "../auth/access";
import { BadInput, namespaceParam, podNameParam } from "../routes/params";
import { quoteInput } from "../text/quote";

/** The decoded namespace and name of a pod page's path; null for any other path. */
export function podPageParts(pathname: string): { namespace: string; name: string } | null {
  const m = /^\/pods\/([^/]+)\/([^/]+)\/?$/.exec(pathname);
  if (!m) return null;
  try {
    return { namespace: decodeURIComponent(m[1]), name: decodeURIComponent(m[2]) };
  } catch {
    return null;
  }
}

/** Why no pod can have this address (an i18n key and its quoted value), or null when one can. */
export function invalidPodAddress(
  namespace: string,
  name: string,
): { key: "pod.invalid.namespace" | "pod.invalid.name"; vars: { value: string } } | null {
  for (const [check, value, key] of [
    [namespaceParam, namespace, "pod.invalid.namespace"],
    [podNameParam, name, "pod.invalid.name"],
  ] as const) {
    try {
      check(value);
    } catch (err) {
      if (err instanceof BadInput) return { key, vars: { value: quoteInput(value) } };
      throw err;
    }
  }
  return null;
}

/**
 * The status of a pod page's answer, decided before the page runs: 400 for a name no pod can have,
 * 403 for a namespace `access` does not cover (whatever the name: whether that pod exists is not
 * told), undefined otherwise (the page answers 200, or 404 for a pod never seen).
 */
export function podPageStatus(pathname: string, access: Access | null): 400 | 403 | undefined {
  const pod = podPageParts(pathname);
  if (!pod) return undefined;
  if (invalidPodAddress(pod.namespace, pod.name)) return 400;
  if (access && !canSee(access, pod.namespace)) return 403;
  return undefined;
}
