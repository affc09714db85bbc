import { accessOf, requireNamespace } from "@/lib/auth/request";
import { live } from "@/lib/live/start";
import { namespaceParam, podNameParam, uidParam, windowParams } from "@/lib/routes/params";
import { podMissing, podTimeline } from "@/lib/routes/pod-timeline";
import { answer, json } from "@/lib/routes/respond";

export const dynamic = "force-dynamic";

export function GET(
  request: Request,
  ctx: { params: Promise<{ namespace: string; name: string }> },
): Promise<Response> {
  return answer(async () => {
    const p = await ctx.params;
    const access = accessOf(request.headers);
    const namespace = namespaceParam(p.namespace)!;
    requireNamespace(access, namespace);
    const name = podNameParam(p.name)!;
    const q = new URL(request.url).searchParams;
    const uid = uidParam(q.get("uid"));
    const { from, to } = windowParams(q);
    const l = await live();
    const found = podTimeline(l, { namespace, name, uid, from, to });
    if (!found) return json(podMissing(l, { namespace, name, uid, to }), 404);
    return json(found);
  });
}
