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
