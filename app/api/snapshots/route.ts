import { sameOrigin } from "@/lib/auth/http";
import { accessOf, Denied, listScope, requireNamespace } from "@/lib/auth/request";
import { live } from "@/lib/live/start";
import { snapshotRequest } from "@/lib/routes/params";
import { podMissing, podTimeline } from "@/lib/routes/pod-timeline";
import { requireLogs, snapshotLogs } from "@/lib/routes/pod-logs";
import { answer, json, problem } from "@/lib/routes/respond";
import { snapshots } from "@/lib/store/snapshots";
import { workloadSnapshot } from "@/lib/routes/workload-snapshot";
import { nodeSnapshot } from "@/lib/routes/node-snapshot";

export const dynamic = "force-dynamic";

/**
 * Freezes a view. `{namespace, name, uid?, from?, to?}`: a pod's timeline and events as they
 * stood at `to` (or now). `{kind: "overview", namespace?: "a,b", selector?, from, to}`: the
 * overview's rows for that window (every pod alive in it, deleted ones included).
 * `{kind: "workload", namespace, workload: "cronjobs", name, uid?, from, to}`: the workload page's
 * answer for that window (lib/routes/workload-snapshot.ts). `{kind: "node", name, from, to}`: the
 * node page's for that window, within the taker's namespaces (lib/routes/node-snapshot.ts). A pod's with
 * `logs: true` (ticked by the person sharing) also holds its runs' captured logs. Out:
 * `{id, url, expiresAt, …}`. The server gathers the data itself: the caller says only what to take.
 */
export function POST(request: Request): Promise<Response> {
  return answer(async () => {
    if (!sameOrigin(request))
      return problem(403, "A snapshot requested from another site is refused.");
    const access = accessOf(request.headers);
    if (access.role !== "admin")
      throw new Denied(
        403,
        "Viewer links are read-only: snapshots are taken by people who sign in.",
      );
    const want = snapshotRequest(await request.text());
    const l = await live();
    const createdAt = Date.now();
    if (want.kind === "workload") {
      requireNamespace(access, want.namespace);
      return workloadSnapshot(l, want, { createdAt, createdBy: access.user });
    }
    if (want.kind === "node") {
      const { namespaces } = listScope(access, undefined);
      return nodeSnapshot(l, want, { namespaces, createdAt, createdBy: access.user });
    }
    if (want.kind === "overview") {
      const scope = listScope(access, want.namespaces);
      const { rows, truncated } = l.history({
        ...scope,
        labels: want.labels,
        from: want.from,
        to: want.to,
        limit: 10_000,
      });
      const meta = snapshots().create(
        {
          kind: "overview",
          namespaces: scope.namespaces,
          namespace: "",
          name: "",
          uid: "",
          createdAt,
          at: Math.min(want.to, l.now()),
          window: { from: want.from, to: want.to },
          createdBy: access.user,
        },
        { rows, truncated },
      );
      return json({ ...meta, url: `/s/${meta.id}` }, 201);
    }
    requireNamespace(access, want.namespace);
    if (want.logs) requireLogs(access);
    const found = podTimeline(l, want);
    if (!found) return json(podMissing(l, want), 404);
    const logs = want.logs ? { logs: snapshotLogs(l, found.timeline.uid, found.at) } : {};
    const meta = snapshots().create(
      {
        kind: "pod",
        namespaces: [want.namespace],
        namespace: want.namespace,
        name: want.name,
        uid: found.timeline.uid,
        createdAt,
        at: found.at,
        window: found.window,
        createdBy: access.user,
      },
      { timeline: found.timeline, events: found.events, node: found.node, ...logs },
    );
    return json({ ...meta, url: `/s/${meta.id}` }, 201);
  });
}
