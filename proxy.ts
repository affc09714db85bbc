// Runs before every page and API route (Next's proxy, formerly middleware): decides who is asking,
// refuses what they may not open, hands the decision to the routes in a header it always
// overwrites, and puts the security headers (a fresh CSP nonce each time) on every response.
import { NextResponse, type NextRequest } from "next/server";
import { ACCESS_COOKIE, authenticate, encodeAccess, type Authenticated } from "@/lib/auth/access";
import { attemptLimiter, clientKey, tooManyText } from "@/lib/auth/attempts";
import { authAudit, type Credential } from "@/lib/auth/audit";
import { accessCookie, overHttps } from "@/lib/auth/http";
import { authConfigFrom, type AuthConfig } from "@/lib/auth/config";
import { clientAddress, PEER_ADDRESS_HEADER, PEER_TLS_HEADER } from "@/lib/auth/forwarded";
import { securityHeaders } from "@/lib/auth/headers";
import { methodRefusal } from "@/lib/http/api-methods";
import { objectPageStatus } from "@/lib/http/object-address";
import { podPageStatus } from "@/lib/http/pod-address";
import { ACCESS_HEADER } from "@/lib/auth/request";
import { PEER_HEADER, peerConnectionFrom } from "@/lib/auth/peer";
import { verifyViewerToken } from "@/lib/auth/tokens";
import type { Why } from "@/lib/auth/why";

let cached: { config: AuthConfig } | { error: string } | null = null;

function authConfig(): { config: AuthConfig } | { error: string } {
  if (!cached) {
    try {
      cached = { config: authConfigFrom(process.env) };
    } catch (err) {
      cached = { error: (err as Error).message };
    }
  }
  return cached;
}

/** The files of public/ a browser fetches without credentials: the icon and the web app manifest. */
const PUBLIC_FILES = new Set([
  "/icon.svg",
  "/icon-192.png",
  "/icon-512.png",
  "/manifest.webmanifest",
  "/favicon.ico",
  "/robots.txt",
]);

/** Reachable without signing in: probes, the sign-in itself, public/'s files, and snapshots (the id is the capability). */
function isOpen(path: string, method: string): boolean {
  return (
    PUBLIC_FILES.has(path) ||
    path === "/api/healthz" ||
    path === "/api/readyz" ||
    path === "/login" ||
    path === "/api/login" ||
    path === "/api/logout" ||
    /^\/s\/[^/]+$/.test(path) ||
    (/^\/api\/snapshots\/[^/]+$/.test(path) && method === "GET")
  );
}

function withHeaders(
  res: NextResponse,
  nonce: string | null,
  headers = securityHeaders(nonce, process.env.NODE_ENV === "development"),
): NextResponse {
  for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
  return res;
}

/** Pages go to the sign-in page, told why by key (lib/auth/why.ts); API routes get the sentence. */
function refuse(
  req: NextRequest,
  status: 401 | 403 | 429 | 500,
  message: string,
  why: Why = "sign-in",
  retryAfterS?: number,
): NextResponse {
  const api = req.nextUrl.pathname.startsWith("/api/");
  let res: NextResponse;
  if (!api && (status === 401 || status === 429)) {
    const login = new URL("/login", req.url);
    const back = req.nextUrl.clone();
    back.searchParams.delete("token"); // a refused viewer token is not carried along
    const next = back.pathname + back.search;
    if (next !== "/") login.searchParams.set("next", next);
    login.searchParams.set("why", why);
    res = NextResponse.redirect(login, 303);
  } else {
    res = NextResponse.json(
      { error: message },
      { status, headers: { "Cache-Control": "no-store" } },
    );
    if (status === 401) res.headers.set("WWW-Authenticate", 'Bearer realm="lifeline"');
  }
  if (retryAfterS !== undefined) res.headers.set("Retry-After", String(retryAfterS));
  return withHeaders(res, null);
}

export function proxy(req: NextRequest): NextResponse {
  const c = authConfig();
  if ("error" in c) return refuse(req, 500, c.error);
  const { config: cfg } = c;
  const path = req.nextUrl.pathname;
  const now = Date.now();
  const { address: peer, tls } = peerConnectionFrom(
    req.headers.get(PEER_HEADER),
    process.env.LIFELINE_PEER_PROOF,
  );
  // Failed credentials (bearer tokens, viewer links, forged session cookies; the login route counts
  // wrong sign-ins) are limited per client: over the limit, every credential it sends is refused
  // unread, but a valid session it holds still works (lib/auth/attempts.ts).
  const client = clientKey(
    clientAddress(peer, req.headers.get("x-forwarded-for"), cfg.trustedProxies),
  );
  const attempts = attemptLimiter();
  // Each refusal leaves a warn line (lib/auth/audit.ts: the address and what failed, never the credential).
  const audit = authAudit();
  const admitted = () => {
    const a = attempts.admit(client, now);
    if (a.ok) return null;
    audit.limited({ client, path, retryAfterS: a.retryAfterS }, now);
    return refuse(req, 429, tooManyText(a.retryAfterS), "too-many", a.retryAfterS);
  };

  // Over the limit, the open paths (the sign-in page, sign-out, the probes, snapshots) still answer,
  // as to a stranger: no credential is read, so none is checked or counted, and a locked-out
  // browser holding a rejected cookie can read why and sign out instead of looping on /login.
  const lock = isOpen(path, req.method) ? attempts.admit(client, now) : ({ ok: true } as const);
  const anonymous = !lock.ok;

  // A viewer link (?token=lv1…) on a page: keep the token in an HttpOnly cookie and drop it from
  // the address bar, so it is not in the history, a screenshot or a Referer.
  const linkToken =
    !anonymous && req.method === "GET" && !path.startsWith("/api/")
      ? req.nextUrl.searchParams.get("token")
      : null;
  if (linkToken) {
    const limited = admitted();
    if (limited) return limited;
    const v = verifyViewerToken(cfg.secret, linkToken, now);
    if (!v.ok) {
      attempts.failed(client, now, linkToken);
      audit.failed({ client, credential: "viewer link", path, why: v.reason }, now);
      return refuse(
        req,
        401,
        `This viewer link cannot be used: ${v.reason}.`,
        v.expired ? "link-expired" : "link-invalid",
      );
    }
    const clean = req.nextUrl.clone();
    clean.searchParams.delete("token");
    const res = NextResponse.redirect(clean, 303);
    res.headers.append(
      "Set-Cookie",
      accessCookie(
        linkToken,
        Math.max(1, (v.value.expiresAt - now) / 1000),
        overHttps(req, cfg.trustedProxies, peer, tls),
      ),
    );
    return withHeaders(res, null);
  }

  const authorization = anonymous ? null : req.headers.get("authorization");
  if (authorization) {
    const limited = admitted();
    if (limited) return limited;
  }
  const result: Authenticated = !lock.ok
    ? { ok: false, reason: tooManyText(lock.retryAfterS) }
    : authenticate(
        {
          authorization,
          cookie: req.cookies.get(ACCESS_COOKIE)?.value ?? null,
          proxyUser: cfg.proxyHeader ? req.headers.get(cfg.proxyHeader) : null,
          peer,
        },
        cfg,
        now,
      );
  if (!result.ok && result.credential !== undefined) {
    // A bearer token was admitted above; a forged session cookie is only refused, right or wrong,
    // once the client is over the limit (a valid session it holds is not affected).
    const limited = authorization ? null : admitted();
    if (limited) return limited;
    attempts.failed(client, now, result.credential);
    const credential: Credential = !authorization
      ? "session cookie"
      : /^Bearer\s/i.test(authorization)
        ? "bearer token"
        : "Authorization header";
    audit.failed({ client, credential, path, why: result.reason }, now);
  }
  if (!result.ok && !isOpen(path, req.method))
    return refuse(req, 401, `Sign-in needed: ${result.reason}.`, result.why);

  // A method the API route or page does not answer: 405 with a sentence (Next's own has an empty body; pages took any).
  const refusal = methodRefusal(path, req.method);
  if (refusal) {
    const res = NextResponse.json(
      { error: refusal.message },
      { status: 405, headers: { Allow: refusal.allow, "Cache-Control": "no-store" } },
    );
    return withHeaders(res, null);
  }

  // What the routes read: the access decided here, never one the client sent.
  const forward = new Headers(req.headers);
  forward.delete(ACCESS_HEADER);
  forward.delete(PEER_HEADER);
  forward.set(PEER_ADDRESS_HEADER, peer ?? ""); // the routes' only source for it (lib/auth/forwarded.ts)
  forward.set(PEER_TLS_HEADER, tls ? "1" : ""); // likewise whether the connection is TLS (lib/auth/http.ts)
  if (result.ok) forward.set(ACCESS_HEADER, encodeAccess(result.access));
  const page = !path.startsWith("/api/");
  const nonce = page
    ? Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64")
    : null;
  const headers = securityHeaders(nonce, process.env.NODE_ENV === "development");
  // Next reads the nonce for its own scripts from the request's policy header.
  if (nonce) forward.set("Content-Security-Policy", headers["Content-Security-Policy"]);
  // A pod, workload or node page for a name no such object can have (400) or in a namespace this
  // access does not cover (403): the page, which says why, with that status.
  const access = result.ok ? result.access : null;
  const status = podPageStatus(path, access) ?? objectPageStatus(path, access);
  return withHeaders(NextResponse.next({ request: { headers: forward }, status }), nonce, headers);
}

export const config = {
  // Everything but the build's static files (hashed JS and CSS, no cluster data).
  matcher: ["/((?!_next/static|_next/image).*)"],
};
