import { accessOf, listScope } from "@/lib/auth/request";
import { live } from "@/lib/live/start";
import { namespaceListParam } from "@/lib/routes/params";
import { answer, json } from "@/lib/routes/respond";
import { workloadKindParam } from "@/lib/routes/workload-params";
import { workloadsAnswer } from "@/lib/routes/workloads";

export const dynamic = "force-dynamic";

/**
 * The workloads the cluster has now (`?namespace=a,b`, `?kind=deployments`): kind, namespace, name,
 * counts, conditions, owner, revision, pods; and `omitted`, the kinds Lifeline cannot list there.
 */
export function GET(request: Request): Promise<Response> {
  return answer(async () => {
    const access = accessOf(request.headers);
    const q = new URL(request.url).searchParams;
    const { namespaces } = listScope(access, namespaceListParam(q.get("namespace")));
    const kind = workloadKindParam(q.get("kind"))?.kind;
    return json(workloadsAnswer(await live(), { namespaces, kind }));
  });
}
