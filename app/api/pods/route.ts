import { accessOf, listScope } from "@/lib/auth/request";
import { live } from "@/lib/live/start";
import {
  limitParam,
  namespaceListParam,
  nodeParam,
  searchParam,
  selectorParam,
  statusParam,
  windowParams,
} from "@/lib/routes/params";
import { answer, json } from "@/lib/routes/respond";
import { podHealth } from "@/lib/health";
import { firstRows, type PodRow } from "@/lib/rows/pod-row";

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
      ...listScope(access, namespaceListParam(q.get("namespace"))),
      labels: selectorParam(q.get("selector")),
      status: statusParam(q.get("status")),
      node: nodeParam(q.get("node")),
      search: searchParam(q.get("search")),
    };
    const { from, to } = windowParams(q);
    const l = await live();
    if (from === undefined && to === undefined) {
      const limit = limitParam(q.get("limit"), 100_000, 200_000);
      const now = l.now();
      const { rows, total } = firstRows(l.storedRows(filter), now, limit);
      return json({ pods: withHealth(rows, now), truncated: total > limit, total });
    }
    const { rows, truncated } = l.history({
      ...filter,
      from,
      to,
      limit: limitParam(q.get("limit"), 1000, 10_000),
    });
    // A window in the past: health as it stood at the window's end.
    const at = Math.min(l.now(), to ?? Infinity);
    return json({
      pods: withHealth(rows, at),
      truncated,
      window: { from: from ?? null, to: to ?? null },
    });
  });
}

/** Each row with its health (lib/health, the rule every view uses): `{ level, reason: { key, vars } | null }`. */
function withHealth(
  rows: PodRow[],
  now: number,
): (PodRow & { health: ReturnType<typeof podHealth> })[] {
  return rows.map((r) => ({ ...r, health: podHealth(r, now) }));
}
