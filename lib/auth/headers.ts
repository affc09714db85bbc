// Security headers for every response. Scripts run only from this origin or with the response's
// nonce (Next's own bootstrap scripts carry it, and the overview's stream starter); no eval, no framing.

export function contentSecurityPolicy(nonce: string | null, dev = false): string {
  return [
    "default-src 'self'",
    // Same-origin files (the page's chunks) and Next's inline bootstrap, which carries the nonce.
    nonce
      ? `script-src 'self' 'nonce-${nonce}'${dev ? " 'unsafe-eval'" : ""}`
      : "script-src 'self'",
    // Inline style attributes (positions of rows and boxes); styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    // Exports draw the chart into a blob: image; the icon is a data: or same-origin image.
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The nonce a Content-Security-Policy allows scripts with (what a page puts on its own inline script). */
export function nonceOf(policy: string | null): string | undefined {
  return /'nonce-([A-Za-z0-9+/=]+)'/.exec(policy ?? "")?.[1];
}

export function securityHeaders(nonce: string | null, dev = false): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(nonce, dev),
    "X-Content-Type-Options": "nosniff",
    // Links to other sites carry no path (a pod name) in the Referer; same-origin POSTs keep their
    // Origin (with no-referrer a browser sends "Origin: null", and sign-in could not tell it apart).
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  };
}
