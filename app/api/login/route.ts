import { attemptLimiter, clientKey, tooManyText } from "@/lib/auth/attempts";
import { authAudit } from "@/lib/auth/audit";
import { authConfigFrom } from "@/lib/auth/config";
import { clientAddress, peerOf } from "@/lib/auth/forwarded";
import { accessCookie, overHttps, safeNextPath, sameOrigin } from "@/lib/auth/http";
import { mintSession, sameSecret } from "@/lib/auth/tokens";
import type { Why } from "@/lib/auth/why";

export const dynamic = "force-dynamic";

const SESSION_MS = 7 * 24 * 3600_000;

function back(
  request: Request,
  path: string,
  params: { why?: Why; next?: string } = {},
  extra: Record<string, string> = {},
): Response {
  const url = new URL(path, request.url);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  // A relative Location: right behind any proxy, whatever host name it uses.
  return new Response(null, {
    status: 303,
    headers: { Location: url.pathname + url.search, "Cache-Control": "no-store", ...extra },
  });
}

/** The sign-in form posts here: the admin token in, an HttpOnly session cookie out. */
export async function POST(request: Request): Promise<Response> {
  const config = authConfigFrom(process.env);
  if (!sameOrigin(request, config.trustedProxies))
    return Response.json({ error: "A sign-in from another site is refused." }, { status: 403 });
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return Response.json(
      {
        error:
          "Send the sign-in form (application/x-www-form-urlencoded or multipart/form-data) with a token field.",
      },
      { status: 400 },
    );
  }
  const next = safeNextPath(String(form.get("next") ?? "/"));
  if (config.mode !== "token" || !config.adminToken)
    return back(request, "/login", {
      why: config.mode === "proxy" ? "proxy-mode" : "no-sign-in",
      next,
    });

  // Wrong tokens are limited per client (lib/auth/attempts.ts, shared with bearer tokens in proxy.ts).
  const now = Date.now();
  const client = clientKey(
    clientAddress(
      peerOf(request.headers),
      request.headers.get("x-forwarded-for"),
      config.trustedProxies,
    ),
  );
  const attempts = attemptLimiter();
  const admitted = attempts.admit(client, now);
  if (!admitted.ok) {
    authAudit().limited({ client, path: "/api/login", retryAfterS: admitted.retryAfterS }, now);
    const retry = { "Retry-After": String(admitted.retryAfterS) };
    // The form in a browser goes back to the sign-in page, which says so; a script gets the 429.
    if (request.headers.get("accept")?.includes("text/html"))
      return back(request, "/login", { why: "too-many", next }, retry);
    return Response.json(
      { error: tooManyText(admitted.retryAfterS) },
      { status: 429, headers: { ...retry, "Cache-Control": "no-store" } },
    );
  }
  const token = String(form.get("token") ?? "").trim();
  if (!token || token.length > 1000 || !sameSecret(token, config.adminToken)) {
    attempts.failed(client, now, token);
    const why = token ? "the token is not the admin token" : "no token was given";
    authAudit().failed({ client, credential: "sign-in token", path: "/api/login", why }, now);
    return back(request, "/login", { why: "wrong-token", next });
  }
  const res = back(request, next);
  res.headers.append(
    "Set-Cookie",
    accessCookie(
      mintSession(config.sessionKey, config.adminToken, now + SESSION_MS),
      SESSION_MS / 1000,
      overHttps(request, config.trustedProxies),
    ),
  );
  return res;
}
