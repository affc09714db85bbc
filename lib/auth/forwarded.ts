// X-Forwarded-For, -Host and -Proto are whatever the client sent, unless the TCP peer is one of
// the reverse proxies listed in LIFELINE_TRUSTED_PROXIES (default: none). The proxy (proxy.ts)
// passes the peer it believes (see peer.ts) to routes in a header it always overwrites.
import { inRange, ipBytes, type IpRange } from "./ip";

/** The TCP peer's address as proxy.ts decided it (empty when unknown); a client's own value is dropped. */
export const PEER_ADDRESS_HEADER = "x-lifeline-peer-address";
/** "1" when the connection itself is TLS, as proxy.ts decided it (empty otherwise); a client's own value is dropped. */
export const PEER_TLS_HEADER = "x-lifeline-peer-tls";

export function isTrustedProxy(peer: string | null, trusted: IpRange[]): boolean {
  return !!peer && trusted.some((r) => inRange(peer, r));
}

/**
 * Who is asking: behind trusted proxies, the right-most X-Forwarded-For address that is not one
 * of them (each proxy appends the address it got the request from, so the ones to its left may
 * be forged); otherwise the TCP peer itself. Null when the peer is unknown.
 */
export function clientAddress(
  peer: string | null,
  forwardedFor: string | null,
  trusted: IpRange[],
): string | null {
  if (!peer || !isTrustedProxy(peer, trusted) || !forwardedFor) return peer;
  const hops = forwardedFor.split(",").map((s) => s.trim());
  for (let i = hops.length - 1; i >= 0; i--) {
    if (!ipBytes(hops[i])) return peer; // not an address: stop believing the chain here
    if (!isTrustedProxy(hops[i], trusted)) return hops[i];
  }
  return peer;
}

/** The peer address proxy.ts passed on (null when unknown). */
export function peerOf(headers: Headers): string | null {
  return headers.get(PEER_ADDRESS_HEADER)?.trim() || null;
}

/**
 * A forwarded header's first value, only when the request came through a trusted proxy. `peer`:
 * the one proxy.ts passed on, unless given (proxy.ts itself, before it has passed anything on).
 */
export function forwarded(
  headers: Headers,
  name: "x-forwarded-host" | "x-forwarded-proto",
  trusted: IpRange[],
  peer = peerOf(headers),
): string | null {
  if (!isTrustedProxy(peer, trusted)) return null;
  return headers.get(name)?.split(",")[0].trim() || null;
}
