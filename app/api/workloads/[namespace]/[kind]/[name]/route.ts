import { accessOf, requireNamespace } from "@/lib/auth/request";
import { live } from "@/lib/live/start";
import { namespaceParam, windowParams } from "@/lib/routes/params";
import { answer, json } from "@/lib/routes/respond";
import { workloadDetail, workloadMissing } from "@/lib/routes/workload-detail";
import {
  workloadKindParam,
  workloadNameParam,
  workloadUidParam,
} from "@/lib/routes/workload-params";

export const dynamic = "force-dynamic";

/**
 * One workload's history (`kind` as kubectl writes it: deployments, deploy, deployment): its
 * versions, its owned objects' versions, its pods; `?uid=` picks an earlier object of that name,
 * `?from=&to=` a window (as it stood at its end).
 */
export function GET(
  request: Request,
  ctx: { params: Promise<{ namespace: string; kind: string; name: string }> },
): Promise<Response> {
  return answer(async () => {
    const p = await ctx.params;
    const access = accessOf(request.headers);
    const namespace = namespaceParam(p.namespace)!;
    requireNamespace(access, namespace);
    const resource = workloadKindParam(p.kind)!;
    const name = workloadNameParam(p.name)!;
    const q = new URL(request.url).searchParams;
    const uid = workloadUidParam(q.get("uid"));
    const { from, to } = windowParams(q);
    const l = await live();
    const found = workloadDetail(l, { namespace, resource, name, uid, from, to });
    if (!found) return json(workloadMissing(l, { namespace, resource, name, uid, to }), 404);
    return json(found);
  });
}
