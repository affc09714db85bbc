// Who is asking: from a bearer token, the access cookie, or a trusted proxy's user header.
import type { AuthConfig } from "./config";
import { inRange } from "./ip";
import { sameSecret, sessionExpiry, verifySession, verifyViewerToken } from "./tokens";

export interface Access {
  /** admin: everything (read-only against the cluster all the same); viewer: only `namespaces`. */
  role: "admin" | "viewer";
  /** Who, when known: the proxy's user, or a viewer token's label. */
  user: string | null;
  /** The namespaces this access may see; null: all of them. */
  namespaces: string[] | null;
  /** When it ends (viewer tokens and sessions), epoch ms. */
  expiresAt: number | null;
  /** A viewer may read captured container logs (a token minted with --logs); an admin always may. */
  logs?: boolean;
}

export const ADMIN: Access = { role: "admin", user: null, namespaces: null, expiresAt: null };

export interface AuthInput {
  /** The Authorization header. */
  authorization: string | null;
  /** The lifeline_access cookie: an admin session or a viewer token. */
  cookie: string | null;
  /** The value of the configured proxy user header. */
  proxyUser: string | null;
  /** The TCP peer's address as the server saw it, when known. */
  peer: string | null;
}

/**
 * `why`: what the sign-in page says about it (a viewer link that failed; otherwise just "sign in").
 * `credential`: the refused credential that counts against the client's failed-attempt limit (a
 * bearer token, a forged session cookie); none when nothing was presented, or only a stale one.
 */
export type Authenticated =
  | { ok: true; access: Access }
  | { ok: false; reason: string; why?: "link-invalid" | "link-expired"; credential?: string };

export const ACCESS_COOKIE = "lifeline_access";

function viewer(config: AuthConfig, token: string, now: number): Authenticated {
  const v = verifyViewerToken(config.secret, token, now);
  return v.ok
    ? {
        ok: true,
        access: {
          role: "viewer",
          user: v.value.label ?? null,
          namespaces: v.value.namespaces,
          expiresAt: v.value.expiresAt,
          ...(v.value.logs ? { logs: true } : {}),
        },
      }
    : { ok: false, reason: v.reason, why: v.expired ? "link-expired" : "link-invalid" };
}

export function authenticate(input: AuthInput, config: AuthConfig, now: number): Authenticated {
  // 1. An explicit bearer token decides alone: a bad one is refused, never ignored.
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(input.authorization ?? "")?.[1];
  if (input.authorization && !bearer)
    return {
      ok: false,
      reason: "the Authorization header is not of the form 'Bearer <token>'",
      credential: input.authorization,
    };
  if (bearer) {
    if (bearer.startsWith("lv1.")) {
      const v = viewer(config, bearer, now);
      return v.ok ? v : { ...v, credential: bearer };
    }
    if (config.adminToken && sameSecret(bearer, config.adminToken))
      return { ok: true, access: ADMIN };
    return { ok: false, reason: "the bearer token is not valid here", credential: bearer };
  }
  // 2. The cookie a login or a viewer link left.
  const cookie = input.cookie;
  if (cookie?.startsWith("lv1.")) return viewer(config, cookie, now);
  if (cookie?.startsWith("ls") && config.adminToken) {
    const session = verifySession(config.sessionKey, config.adminToken, cookie, now);
    if (session === "valid")
      return { ok: true, access: { ...ADMIN, expiresAt: sessionExpiry(cookie) } };
    // Stale (before a restart or a key change) or expired: not a session, nothing guessed either.
    if (session === "forged")
      return {
        ok: false,
        reason: "the session cookie is not one this server signed",
        credential: cookie,
      };
  }
  // 3. An authenticating proxy, believed only from the configured addresses.
  if (config.mode === "proxy" && config.proxyHeader) {
    const user = input.proxyUser?.trim();
    if (user) {
      if (input.peer && config.trustedProxies.some((r) => inRange(input.peer!, r)))
        return { ok: true, access: { ...ADMIN, user: user.slice(0, 200) } };
      return {
        ok: false,
        reason: `the ${config.proxyHeader} header came from ${input.peer ?? "an unknown address"}, which is not in LIFELINE_TRUSTED_PROXIES`,
      };
    }
  }
  // 4. Local use: no login.
  if (config.mode === "none") return { ok: true, access: ADMIN };
  return {
    ok: false,
    reason:
      config.mode === "token"
        ? "log in, or send 'Authorization: Bearer <token>'"
        : "sign in through the proxy in front of Lifeline",
  };
}

/** May this access see `namespace`? */
export function canSee(access: Access, namespace: string): boolean {
  return access.namespaces === null || access.namespaces.includes(namespace);
}

/** May this access read captured container logs? An admin may; a viewer when its token says so. */
export function canReadLogs(access: Access): boolean {
  return access.role === "admin" || access.logs === true;
}

/** The access as a request header value (set by the proxy, read by routes and pages). */
export function encodeAccess(access: Access): string {
  return Buffer.from(JSON.stringify(access)).toString("base64url");
}

export function decodeAccess(value: string | null): Access | null {
  if (!value) return null;
  try {
    const a = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Access;
    if (
      (a.role !== "admin" && a.role !== "viewer") ||
      (a.namespaces !== null && !Array.isArray(a.namespaces))
    )
      return null;
    if (a.role === "viewer" && a.namespaces === null) return null;
    return a;
  } catch {
    return null;
  }
}
