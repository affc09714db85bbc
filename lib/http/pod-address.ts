// A pod page's address, /pods/{namespace}/{name}: the proxy answers 400 for names no pod can have
// (namespace not a DNS-1123 label, name not a DNS-1123 subdomain) and the page says why.
import { BadInput, namespaceParam, podNameParam } from "../live/params";
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
export function invalidPodAddress(namespace: string, name: string): { key: "pod.invalid.namespace" | "pod.invalid.name"; vars: { value: string } } | null {
  for (const [check, value, key] of [[namespaceParam, namespace, "pod.invalid.namespace"], [podNameParam, name, "pod.invalid.name"]] as const) {
    try {
      check(value);
    } catch (err) {
      if (err instanceof BadInput) return { key, vars: { value: quoteInput(value) } };
      throw err;
    }
  }
  return null;
}
