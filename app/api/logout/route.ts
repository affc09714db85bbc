import { accessCookie, overHttps, sameOrigin } from "@/lib/auth/http";

export const dynamic = "force-dynamic";

/** Forgets this browser's session or viewer link. */
export function POST(request: Request): Response {
  if (!sameOrigin(request))
    return Response.json({ error: "A sign-out from another site is refused." }, { status: 403 });
  return new Response(null, {
    status: 303,
    headers: {
      Location: "/login",
      "Cache-Control": "no-store",
      "Set-Cookie": accessCookie("", 0, overHttps(request)),
    },
  });
}
