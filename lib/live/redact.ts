// What a viewer may read of the server's own connection: its errors without the addresses and
// files they name (the API server's URL, host and port, the kubeconfig's path, any IP address).
// Pure; used by Live.info for a viewer limited to namespaces.

const URL_RE = /\b[a-z][a-z0-9+.-]*:\/\/[^\s'"),]+/gi;
const IPV6_RE = /\[[0-9a-f:.]+\](?::\d+)?/gi;
const IPV4_RE = /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g;

/**
 * `text` with each of `known` (the server's URL, host, kubeconfig paths: exact strings) and any
 * URL or IP address replaced by `instead`.
 */
export function withoutAddresses(text: string, known: readonly string[], instead = "the API server"): string {
  let out = text;
  // Longest first: the URL before the host inside it.
  for (const k of [...new Set(known)].filter(Boolean).sort((a, b) => b.length - a.length)) out = out.split(k).join(instead);
  return out.replace(URL_RE, instead).replace(IPV6_RE, instead).replace(IPV4_RE, instead);
}

/** The strings that say where the server is: its URL, host (with and without the port). */
export function serverStrings(server: string): string[] {
  try {
    const u = new URL(server);
    return [server, u.origin, u.host, u.hostname.replace(/^\[|\]$/g, "")];
  } catch {
    return server ? [server] : [];
  }
}
