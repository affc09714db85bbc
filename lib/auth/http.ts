// Small HTTP rules of the sign-in flow: where to go back to, same-origin POSTs, the access cookie.
import { ACCESS_COOKIE } from "./access";
import { trustedProxiesOf } from "./config";
import { forwarded, PEER_TLS_HEADER } from "./forwarded";
import type { IpRange } from "./ip";

const DUMMY_ORIGIN = "http://lifeline.invalid";

/** Control characters (a browser drops tabs and newlines from a URL, so `/\t/evil` reads as `//evil`) and backslashes (read as `/`). */
const UNSAFE = /[\u0000-\u001f\u007f\\]/;

/**
 * Where to go after signing in: a path on this site only. The value is first normalised as a
 * browser would (the WHATWG URL parser against a dummy origin: `.` and `..` segments, `%2e`
 * among them, are resolved), and only then judged, so `/.//evil` or `/%2e//evil` cannot turn
 * into `//evil` afterwards. Anything that is not a plain same-origin path, before or after
 * normalising or percent-decoding, falls back to `/`. The sign-in form and the login POST both
 * use this one function.
 */
export function safeNextPath(value: string | null | undefined): string {
  if (typeof value !== "string" || !value || value.length > 2000 || UNSAFE.test(value)) return "/";
  if (!value.startsWith("/") || value.startsWith("//")) return "/";
  let url: URL;
  try {
    url = new URL(value, DUMMY_ORIGIN);
  } catch {
    return "/";
  }
  if (url.origin !== DUMMY_ORIGIN) return "/";
  const path = url.pathname;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return "/"; // malformed percent-encoding
  }
  // Neither the normalised path nor what a server might decode it to may start a host (//, /\).
  for (const p of [path, decoded]) {
    if (!p.startsWith("/") || p.startsWith("//") || UNSAFE.test(p)) return "/";
  }
  if (decoded.startsWith("/login") || decoded.startsWith("/api/")) return "/"; // no loop back to sign-in, no JSON answer
  return path + url.search + url.hash;
}

/**
 * A browser's cross-site POST is refused: its Origin, when sent, must be this server's host
 * (as a trusted proxy names it in X-Forwarded-Host; from anyone else, the Host header).
 */
export function sameOrigin(
  request: Request,
  trusted: IpRange[] = trustedProxiesOf(process.env),
): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return true; // not a browser, or a same-origin navigation that sent none
  try {
    return (
      new URL(origin).host ===
      (forwarded(request.headers, "x-forwarded-host", trusted) ?? request.headers.get("host"))
    );
  } catch {
    return false;
  }
}

/**
 * The request came over https (the connection itself, or a trusted proxy that says so): cookies
 * get `Secure`. Never from the request's URL: Next builds its scheme from X-Forwarded-Proto,
 * whoever sent it. `tls`: the connection's own, when proxy.ts knows it (routes read what it passed on).
 */
export function overHttps(
  request: Request,
  trusted: IpRange[] = trustedProxiesOf(process.env),
  peer?: string | null,
  tls = request.headers.get(PEER_TLS_HEADER) === "1",
): boolean {
  return tls || forwarded(request.headers, "x-forwarded-proto", trusted, peer) === "https";
}

/** The Set-Cookie value for the access cookie (a session or a viewer token); maxAge 0 forgets it. */
export function accessCookie(value: string, maxAgeS: number, secure: boolean): string {
  return `${ACCESS_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${Math.max(0, Math.floor(maxAgeS))}${secure ? "; Secure" : ""}`;
}
