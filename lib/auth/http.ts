// Small HTTP rules of the sign-in flow: where to go back to, same-origin POSTs, the access cookie.
import { ACCESS_COOKIE } from "./access";

/** Where to go after signing in: a path on this site only (no //host, no scheme, no backslash tricks). */
export function safeNextPath(value: string | null | undefined): string {
  if (!value || value.length > 2000 || !value.startsWith("/") || value.startsWith("//") || /[\\\u0000-\u001f]/.test(value)) return "/";
  if (value.startsWith("/login") || value.startsWith("/api/")) return "/";
  return value;
}

/** A browser's cross-site POST is refused: its Origin, when sent, must be this server's host. */
export function sameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return true; // not a browser, or a same-origin navigation that sent none
  try {
    return new URL(origin).host === (request.headers.get("x-forwarded-host") ?? request.headers.get("host"));
  } catch {
    return false;
  }
}

/** The request came over https (directly, or through a proxy that says so): cookies get `Secure`. */
export function overHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
}

/** The Set-Cookie value for the access cookie (a session or a viewer token); maxAge 0 forgets it. */
export function accessCookie(value: string, maxAgeS: number, secure: boolean): string {
  return `${ACCESS_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${Math.max(0, Math.floor(maxAgeS))}${secure ? "; Secure" : ""}`;
}
