import { accessOf, listScope } from "@/lib/auth/request";
import { live } from "@/lib/live/start";
import { nodesAnswer } from "@/lib/routes/nodes";
import { namespaceListParam, windowParams } from "@/lib/routes/params";
import { answer, json } from "@/lib/routes/respond";

export const dynamic = "force-dynamic";

/**
 * Nodes with their conditions over time, taints and pod counts. `?namespace=` (or a viewer's
 * access) keeps only the nodes running pods there; `?from=&to=` a window (as it stood at its end).
 */
export function GET(request: Request): Promise<Response> {
  return answer(async () => {
    const access = accessOf(request.headers);
    const q = new URL(request.url).searchParams;
    const { namespaces } = listScope(access, namespaceListParam(q.get("namespace")));
    const { from, to } = windowParams(q);
    return json(nodesAnswer(await live(), { namespaces, from, to }));
  });
}
