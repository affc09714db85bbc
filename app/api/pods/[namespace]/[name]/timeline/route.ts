import { accessOf, requireNamespace } from "@/lib/auth/request";
import { live } from "@/lib/live/live";
import { namespaceParam, podNameParam, uidParam, windowParams } from "@/lib/live/params";
import { podTimeline } from "@/lib/live/pod-timeline";
import { answer, json, problem } from "@/lib/live/respond";

export const dynamic = "force-dynamic";

export function GET(request: Request, ctx: { params: Promise<{ namespace: string; name: string }> }): Promise<Response> {
  return answer(async () => {
    const p = await ctx.params;
    const access = accessOf(request.headers);
    const namespace = namespaceParam(p.namespace)!;
    requireNamespace(access, namespace);
    const name = podNameParam(p.name)!;
    const q = new URL(request.url).searchParams;
    const uid = uidParam(q.get("uid"));
    const { from, to } = windowParams(q);
    const found = podTimeline(await live(), { namespace, name, uid, from, to });
    if (!found) return problem(404, uid ? `Lifeline has no pod ${namespace}/${name} with uid ${uid}.` : `Lifeline has never seen a pod ${namespace}/${name}.`);
    return json(found);
  });
}
