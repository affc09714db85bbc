// The TCP peer's address, which Next does not pass to routes (its x-forwarded-for is whatever the
// client sent). `npm start` (scripts/start.mjs) serves Next itself and stamps every request with
// `<proof> <address> <http|https>`, the proof a random value made at start and known only to this
// process: a client can send the header, but not with the proof. The scheme is the connection's
// own (TLS or not), the only proof of https besides a trusted proxy's X-Forwarded-Proto.
import { createHash, timingSafeEqual } from "node:crypto";

export const PEER_HEADER = "x-lifeline-peer";

const digest = (s: string) => createHash("sha256").update(s).digest();

export interface PeerConnection {
  /** The TCP peer's address (null when unknown). */
  address: string | null;
  /** The connection itself is TLS. */
  tls: boolean;
}

export function peerConnectionFrom(
  value: string | null,
  proof: string | undefined,
): PeerConnection {
  if (!value || !proof) return { address: null, tls: false };
  const [given, address, scheme] = value.split(" ");
  if (!timingSafeEqual(digest(given), digest(proof))) return { address: null, tls: false };
  return { address: address?.trim() || null, tls: scheme === "https" };
}

export function peerFrom(value: string | null, proof: string | undefined): string | null {
  return peerConnectionFrom(value, proof).address;
}
