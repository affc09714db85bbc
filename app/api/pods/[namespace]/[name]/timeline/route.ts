import { accessOf, requireNamespace } from "@/lib/auth/request";
import { live } from "@/lib/live/live";
import { namespaceParam, podNameParam, uidParam, windowParams } from "@/lib/live/params";
import { answer, json, problem } from "@/lib/live/respond";
import { clipTimeline, normalizeEvent } from "@/lib/timeline";

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
    const l = await live();
    l.flush(); // read what has just been observed, not only what the last batch wrote
    const { store } = l;
    const candidates = store.pods({ namespace, name });
    const record = uid ? candidates.find((c) => c.uid === uid) : candidates[0];
    if (!record) return problem(404, uid ? `Lifeline has no pod ${namespace}/${name} with uid ${uid}.` : `Lifeline has never seen a pod ${namespace}/${name}.`);
    // The timeline as it stood at the window's end, without what had ended before its start.
    const now = Math.min(l.now(), to ?? Infinity);
    const built = store.timeline(record.uid, now, to)!;
    const timeline = from !== undefined ? clipTimeline(built, from) : built;
    // The pod's events for the table under the timeline: newest first, up to the window's end.
    const events = store
      .events(record.uid)
      .map(normalizeEvent)
      .filter((e) => e !== null && e.last !== null && e.last <= now && (from === undefined || e.last >= from))
      .map((e) => ({ type: e!.type, reason: e!.reason, message: e!.message, container: e!.container, first: e!.first, last: e!.last, count: e!.count }))
      .sort((a, b) => b.last! - a.last!);
    return json({ timeline, events, window: { from: from ?? null, to: to ?? null }, otherUids: candidates.filter((c) => c.uid !== record.uid).map((c) => c.uid) });
  });
}
