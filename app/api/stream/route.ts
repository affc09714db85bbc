import { live } from "@/lib/live/live";
import { namespaceParam, podNameParam, selectorParam } from "@/lib/live/params";
import { answer } from "@/lib/live/respond";
import { sseBody } from "@/lib/stream/sse-body";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return answer(async () => {
    const q = new URL(request.url).searchParams;
    const filter = { namespace: namespaceParam(q.get("namespace")), pod: podNameParam(q.get("pod")), labels: selectorParam(q.get("selector")) };
    const header = request.headers.get("last-event-id");
    const lastEventId = header && /^\d+$/.test(header) ? Number(header) : null;
    const l = await live();
    const body = sseBody((sink) => l.hub.subscribe(filter, sink, lastEventId, () => ({ pods: l.rows(filter) })), request.signal);
    return new Response(body, { headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-store", Connection: "keep-alive", "X-Accel-Buffering": "no" } });
  });
}
