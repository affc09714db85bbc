// What a viewer may read of the server's own connection: its errors without the addresses and
// files they name (the API server's URL, host and port, the kubeconfig's path, any IP address).
// Pure; used by Live.info for a viewer limited to namespaces.

const URL_RE = /\b[a-z][a-z0-9+.-]*:\/\/[^\s'"),]+/gi;
const IPV6_RE = /\[[0-9a-f:.]+\](?::\d+)?/gi;
// A bare IPv6 address as Node prints it in an error, with its port glued on ("2001:db8::5:6443",
// "::ffff:10.0.0.1:6443"): a run of hex groups and colons, kept only when it has a "::" or seven
// colons or more, so a time ("10:54:23") or a ratio ("3:1") stays.
const BARE_IPV6_RE =
  /(?<![\w:.])[0-9a-f:]*:[0-9a-f:]*(?:\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?)?(?![\w:]|\.\d)/gi;
const IPV4_RE = /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g;

const isBareIpv6 = (s: string) =>
  /[0-9a-f]/i.test(s) && (s.includes("::") || (s.match(/:/g)?.length ?? 0) >= 7);

/** `text` with each of `known` (exact strings) replaced by `instead`, longest first. */
function withoutStrings(text: string, known: readonly string[], instead: string): string {
  let out = text;
  // Longest first: the URL before the host inside it.
  for (const k of [...new Set(known)].filter(Boolean).sort((a, b) => b.length - a.length))
    out = out.split(k).join(instead);
  return out;
}

/**
 * `text` with each of `files` (the kubeconfig's paths: exact strings) replaced by "the
 * kubeconfig", and each of `known` (the server's URL and host: exact strings) and any URL or IP
 * address by "the API server".
 */
export function withoutAddresses(
  text: string,
  known: readonly string[],
  files: readonly string[] = [],
): string {
  const server = "the API server";
  return withoutStrings(withoutStrings(text, files, "the kubeconfig"), known, server)
    .replace(URL_RE, server)
    .replace(IPV6_RE, server)
    .replace(BARE_IPV6_RE, (m) => (isBareIpv6(m) ? server : m))
    .replace(IPV4_RE, server);
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
