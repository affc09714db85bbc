// The TCP peer's address, which Next does not pass to routes (its x-forwarded-for is whatever the
// client sent). `npm start` (scripts/start.mjs) serves Next itself and stamps every request with
// `<proof> <address>`, the proof a random value made at start and known only to this process: a
// client can send the header, but not with the proof.
import { createHash, timingSafeEqual } from "node:crypto";

export const PEER_HEADER = "x-lifeline-peer";

const digest = (s: string) => createHash("sha256").update(s).digest();

export function peerFrom(value: string | null, proof: string | undefined): string | null {
  if (!value || !proof) return null;
  const space = value.indexOf(" ");
  if (space < 0 || !timingSafeEqual(digest(value.slice(0, space)), digest(proof))) return null;
  return value.slice(space + 1).trim() || null;
}
