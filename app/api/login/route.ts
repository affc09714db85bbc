import { authConfigFrom } from "@/lib/auth/config";
import { accessCookie, overHttps, safeNextPath, sameOrigin } from "@/lib/auth/http";
import { mintSession, sameSecret } from "@/lib/auth/tokens";

export const dynamic = "force-dynamic";

const SESSION_MS = 7 * 24 * 3600_000;

function back(request: Request, path: string, params: Record<string, string> = {}): Response {
  const url = new URL(path, request.url);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  // A relative Location: right behind any proxy, whatever host name it uses.
  return new Response(null, { status: 303, headers: { Location: url.pathname + url.search, "Cache-Control": "no-store" } });
}

/** The sign-in form posts here: the admin token in, an HttpOnly session cookie out. */
export async function POST(request: Request): Promise<Response> {
  if (!sameOrigin(request)) return Response.json({ error: "A sign-in from another site is refused." }, { status: 403 });
  const config = authConfigFrom(process.env);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return Response.json({ error: "Send the sign-in form (application/x-www-form-urlencoded or multipart/form-data) with a token field." }, { status: 400 });
  }
  const next = safeNextPath(String(form.get("next") ?? "/"));
  if (config.mode !== "token" || !config.adminToken) {
    return back(request, "/login", { why: config.mode === "proxy" ? "This server signs people in through its proxy, not with a token." : "This server needs no sign-in.", next });
  }
  const token = String(form.get("token") ?? "").trim();
  if (!token || token.length > 1000 || !sameSecret(token, config.adminToken)) return back(request, "/login", { why: "That token is not the one this server was started with.", next });
  const res = back(request, next);
  res.headers.append("Set-Cookie", accessCookie(mintSession(config.adminToken, Date.now() + SESSION_MS), SESSION_MS / 1000, overHttps(request)));
  return res;
}
