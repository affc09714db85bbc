// Signed credentials: scoped viewer tokens (HMAC-SHA256 with LIFELINE_SECRET) that name the
// namespaces they may see and when they expire, and the admin session a login leaves in a cookie.
import { createHmac, timingSafeEqual } from "node:crypto";

const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export interface ViewerGrant {
  /** The namespaces the holder may see (at least one). */
  namespaces: string[];
  /** Epoch milliseconds after which the token is refused. */
  expiresAt: number;
  /** An optional label for logs ("noc-wall"). */
  label?: string;
  /** The holder may read the containers' captured logs (minted with --logs). */
  logs?: boolean;
}

function b64url(data: Buffer | string): string {
  return Buffer.from(data).toString("base64url");
}

function mac(key: string, text: string): Buffer {
  return createHmac("sha256", key).update(text).digest();
}

/** Constant-time comparison of two byte strings of any length. */
export function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export function checkGrant(grant: ViewerGrant, now: number): string | null {
  if (!Array.isArray(grant.namespaces) || grant.namespaces.length === 0)
    return "a viewer token must name at least one namespace";
  for (const ns of grant.namespaces) {
    if (typeof ns !== "string" || ns.length > 63 || !NAMESPACE.test(ns))
      return `"${String(ns).slice(0, 70)}" is not a namespace name`;
  }
  if (!Number.isFinite(grant.expiresAt)) return "a viewer token needs an expiry";
  if (grant.expiresAt <= now) return "the expiry is in the past";
  if (
    grant.label !== undefined &&
    (typeof grant.label !== "string" || !/^[\w .:-]{1,64}$/.test(grant.label))
  )
    return "a label may hold letters, digits, spaces and . : _ - (64 at most)";
  return null;
}

/** `lv1.<payload>.<mac>`: the payload is readable (base64url JSON), the MAC makes it unforgeable. */
export function mintViewerToken(secret: string, grant: ViewerGrant, now: number): string {
  const problem = checkGrant(grant, now);
  if (problem) throw new Error(problem);
  const payload = b64url(
    JSON.stringify({
      ns: [...new Set(grant.namespaces)].sort(),
      exp: Math.floor(grant.expiresAt / 1000),
      ...(grant.label ? { l: grant.label } : {}),
      ...(grant.logs ? { lg: 1 } : {}),
    }),
  );
  return `lv1.${payload}.${b64url(mac(secret, `lv1.${payload}`))}`;
}

export type Verified<T> = { ok: true; value: T } | { ok: false; reason: string; expired?: true };

export function verifyViewerToken(
  secret: string | null,
  token: string,
  now: number,
): Verified<ViewerGrant> {
  const m = /^lv1\.([A-Za-z0-9_-]{1,2048})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return { ok: false, reason: "this is not a Lifeline viewer token" };
  if (!secret)
    return {
      ok: false,
      reason: "this server has no LIFELINE_SECRET, so it accepts no viewer tokens",
    };
  if (!sameBytes(Buffer.from(m[2], "base64url"), mac(secret, `lv1.${m[1]}`)))
    return {
      ok: false,
      reason:
        "the viewer token's signature does not match (tampered, or signed with another secret)",
    };
  let body: { ns?: unknown; exp?: unknown; l?: unknown; lg?: unknown };
  try {
    body = JSON.parse(Buffer.from(m[1], "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "the viewer token cannot be read" };
  }
  const grant: ViewerGrant = {
    namespaces: body.ns as string[],
    expiresAt: Number(body.exp) * 1000,
    ...(typeof body.l === "string" ? { label: body.l } : {}),
    ...(body.lg === 1 ? { logs: true } : {}),
  };
  if (Number.isFinite(grant.expiresAt) && grant.expiresAt <= now)
    return {
      ok: false,
      reason: `the viewer token expired at ${new Date(grant.expiresAt).toISOString()}`,
      expired: true,
    };
  const problem = checkGrant(grant, now);
  return problem
    ? { ok: false, reason: `the viewer token is not valid: ${problem}` }
    : { ok: true, value: grant };
}

/**
 * The admin session a login leaves in the cookie: `ls2.<key id>.<expiry>.<mac>`. The MAC is keyed
 * by the server's session key (session-key.ts) and the admin token together: the cookie never
 * holds the token, a client cannot build one from a guess of the token, and changing the token or
 * the key ends every session. The key id (a hash of the key and the token) tells a session signed
 * before a restart, a key change or a token change (stale) from a forged one.
 */
export function mintSession(key: Buffer, adminToken: string, expiresAt: number): string {
  const head = `ls2.${keyId(key, adminToken)}.${Math.floor(expiresAt / 1000)}`;
  return `${head}.${b64url(sessionMac(key, adminToken, head))}`;
}

/** valid; expired or stale (signed with another key, or an older format): simply not a session; forged: counts as a failed attempt. */
export type SessionCheck = "valid" | "expired" | "stale" | "forged";

export function verifySession(
  key: Buffer,
  adminToken: string,
  value: string,
  now: number,
): SessionCheck {
  if (value.startsWith("ls1.")) return "stale"; // keyed by the admin token alone, before sessions had a key of their own
  const m = /^ls2\.([A-Za-z0-9_-]{8})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!m) return "forged";
  if (m[1] !== keyId(key, adminToken)) return "stale";
  if (
    !sameBytes(Buffer.from(m[3], "base64url"), sessionMac(key, adminToken, `ls2.${m[1]}.${m[2]}`))
  )
    return "forged";
  return Number(m[2]) * 1000 <= now ? "expired" : "valid";
}

/** When a session ends (epoch ms), read from a value verifySession found valid. */
export function sessionExpiry(value: string): number {
  return Number(value.split(".")[2]) * 1000;
}

function keyId(key: Buffer, adminToken: string): string {
  return b64url(sessionMac(key, adminToken, "lifeline session key id")).slice(0, 8);
}

function sessionMac(key: Buffer, adminToken: string, head: string): Buffer {
  return createHmac("sha256", key)
    .update(mac("lifeline admin token", adminToken))
    .update(head)
    .digest();
}

/** Compares a presented admin token with the configured one without leaking where they differ. */
export function sameSecret(presented: string, expected: string): boolean {
  // HMAC both to a fixed length first: timingSafeEqual needs equal lengths, and lengths must not leak either.
  return sameBytes(mac("lifeline-compare", presented), mac("lifeline-compare", expected));
}
