import { sameOrigin } from "@/lib/auth/next-path";
import { accessOf, Denied, requireNamespace } from "@/lib/auth/request";
import { live } from "@/lib/live/live";
import { BadInput, namespaceParam, podNameParam, uidParam, windowParams } from "@/lib/live/params";
import { podTimeline } from "@/lib/live/pod-timeline";
import { answer, json, problem } from "@/lib/live/respond";
import { snapshots } from "@/lib/store/snapshots";

export const dynamic = "force-dynamic";

/**
 * Freezes a pod's timeline: `{namespace, name, uid?, from?, to?}` in, `{id, url, expiresAt}` out.
 * The server gathers the data itself (what the caller may see, nothing the caller sent).
 */
export function POST(request: Request): Promise<Response> {
  return answer(async () => {
    if (!sameOrigin(request)) return problem(403, "A snapshot requested from another site is refused.");
    const access = accessOf(request.headers);
    if (access.role !== "admin") throw new Denied(403, "Viewer links are read-only: snapshots are taken by people who sign in.");
    const text = await request.text();
    if (text.length > 4096) throw new BadInput("the request body is larger than 4 KiB; send only {namespace, name, uid, from, to}.");
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text || "null");
    } catch {
      throw new BadInput("the request body is not JSON; send {namespace, name, uid, from, to}.");
    }
    if (!body || typeof body !== "object" || Array.isArray(body)) throw new BadInput("send a JSON object {namespace, name, uid, from, to}.");
    const str = (k: string) => (body[k] === undefined || body[k] === null ? null : String(body[k]));
    const namespace = namespaceParam(str("namespace"));
    const name = podNameParam(str("name"));
    if (!namespace || !name) throw new BadInput("namespace and name are required.");
    requireNamespace(access, namespace);
    const q = new URLSearchParams();
    for (const k of ["from", "to"]) if (str(k)) q.set(k, str(k)!);
    const { from, to } = windowParams(q);
    const uid = uidParam(str("uid"));
    const found = podTimeline(await live(), { namespace, name, uid, from, to });
    if (!found) return problem(404, `Lifeline has never seen a pod ${namespace}/${name}${uid ? ` with uid ${uid}` : ""}.`);
    const meta = snapshots().create(
      { namespace, name, uid: found.timeline.uid, createdAt: Date.now(), at: found.at, window: found.window, createdBy: access.user },
      { timeline: found.timeline, events: found.events },
    );
    return json({ ...meta, url: `/s/${meta.id}` }, 201);
  });
}
