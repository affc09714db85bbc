import { accessOf } from "@/lib/auth/request";
import { live } from "@/lib/live/start";
import { answer, json } from "@/lib/routes/respond";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return answer(async () => {
    const access = accessOf(request.headers);
    return json({
      ...(await live()).info(access.namespaces),
      access: {
        role: access.role,
        user: access.user,
        namespaces: access.namespaces,
        expiresAt: access.expiresAt,
      },
    });
  });
}
