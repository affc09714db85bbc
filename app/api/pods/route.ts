import { accessOf, listScope } from "@/lib/auth/request";
import { live } from "@/lib/live/live";
import { limitParam, namespaceListParam, nodeParam, searchParam, selectorParam, statusParam, windowParams } from "@/lib/live/params";
import { answer, json } from "@/lib/live/respond";

export const dynamic = "force-dynamic";

/**
 * Pods as summary rows. Without `from`/`to`: the pods the cluster has now. With them: every pod the
 * history holds that was alive at some point in the window, deleted ones included, newest first.
 */
export function GET(request: Request): Promise<Response> {
  return answer(async () => {
    const access = accessOf(request.headers);
    const q = new URL(request.url).searchParams;
    const filter = {
      ...listScope(access, namespaceListParam(q.get("namespace"))), labels: selectorParam(q.get("selector")),
      status: statusParam(q.get("status")), node: nodeParam(q.get("node")), search: searchParam(q.get("search")),
    };
    const { from, to } = windowParams(q);
    const l = await live();
    if (from === undefined && to === undefined) {
      const limit = limitParam(q.get("limit"), 100_000, 200_000);
      const rows = l.rows(filter);
      return json({ pods: rows.slice(0, limit), truncated: rows.length > limit, total: rows.length });
    }
    const { rows, truncated } = l.history({ ...filter, from, to, limit: limitParam(q.get("limit"), 1000, 10_000) });
    return json({ pods: rows, truncated, window: { from: from ?? null, to: to ?? null } });
  });
}
