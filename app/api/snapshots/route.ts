import { sameOrigin } from "@/lib/auth/next-path";
import { accessOf, Denied, listScope, requireNamespace } from "@/lib/auth/request";
import { live } from "@/lib/live/live";
import { BadInput, namespaceListParam, namespaceParam, podNameParam, selectorParam, uidParam, windowParams } from "@/lib/live/params";
import { podTimeline } from "@/lib/live/pod-timeline";
import { answer, json, problem } from "@/lib/live/respond";
import { snapshots } from "@/lib/store/snapshots";

export const dynamic = "force-dynamic";

/**
 * Freezes a view. `{namespace, name, uid?, from?, to?}`: a pod's timeline and events as they
 * stood at `to` (or now). `{kind: "overview", namespace?: "a,b", selector?, from, to}`: the
 * overview's rows for that window (every pod alive in it, deleted ones included). Out:
 * `{id, url, expiresAt, …}`. The server gathers the data itself: the caller says only what to take.
 */
export function POST(request: Request): Promise<Response> {
  return answer(async () => {
    if (!sameOrigin(request)) return problem(403, "A snapshot requested from another site is refused.");
    const access = accessOf(request.headers);
    if (access.role !== "admin") throw new Denied(403, "Viewer links are read-only: snapshots are taken by people who sign in.");
    const text = await request.text();
    if (text.length > 4096) throw new BadInput("the request body is larger than 4 KiB; send only what to take (namespace, name, uid, from, to).");
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text || "null");
    } catch {
      throw new BadInput("the request body is not JSON; send {namespace, name, uid, from, to}.");
    }
    if (!body || typeof body !== "object" || Array.isArray(body)) throw new BadInput("send a JSON object {namespace, name, uid, from, to}.");
    const str = (k: string) => (body[k] === undefined || body[k] === null ? null : String(body[k]));
    const q = new URLSearchParams();
    for (const k of ["from", "to"]) if (str(k)) q.set(k, str(k)!);
    const { from, to } = windowParams(q);
    const l = await live();
    const createdAt = Date.now();

    if (str("kind") === "overview") {
      if (from === undefined || to === undefined) throw new BadInput("an overview snapshot needs its window: from and to.");
      const scope = listScope(access, namespaceListParam(str("namespace")));
      const { rows, truncated } = l.history({ ...scope, labels: selectorParam(str("selector")), from, to, limit: 10_000 });
      const meta = snapshots().create(
        { kind: "overview", namespaces: scope.namespaces, namespace: "", name: "", uid: "", createdAt, at: Math.min(to, l.now()), window: { from, to }, createdBy: access.user },
        { rows, truncated },
      );
      return json({ ...meta, url: `/s/${meta.id}` }, 201);
    }
    if (str("kind") !== null && str("kind") !== "pod") throw new BadInput(`kind "${str("kind")!.slice(0, 20)}" is not one Lifeline knows: pod or overview.`);
    const namespace = namespaceParam(str("namespace"));
    const name = podNameParam(str("name"));
    if (!namespace || !name) throw new BadInput("namespace and name are required.");
    requireNamespace(access, namespace);
    const uid = uidParam(str("uid"));
    const found = podTimeline(l, { namespace, name, uid, from, to });
    if (!found) return problem(404, `Lifeline has never seen a pod ${namespace}/${name}${uid ? ` with uid ${uid}` : ""}.`);
    const meta = snapshots().create(
      { kind: "pod", namespaces: [namespace], namespace, name, uid: found.timeline.uid, createdAt, at: found.at, window: found.window, createdBy: access.user },
      { timeline: found.timeline, events: found.events },
    );
    return json({ ...meta, url: `/s/${meta.id}` }, 201);
  });
}
