import { accessOf, listScope } from "@/lib/auth/request";
import { live } from "@/lib/live/live";
import { namespaceListParam, podNameParam, selectorParam } from "@/lib/live/params";
import { answer } from "@/lib/live/respond";
import { sseBody } from "@/lib/stream/sse-body";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return answer(async () => {
    const access = accessOf(request.headers);
    const q = new URL(request.url).searchParams;
    const filter = { ...listScope(access, namespaceListParam(q.get("namespace"))), pod: podNameParam(q.get("pod")), labels: selectorParam(q.get("selector")) };
    const header = request.headers.get("last-event-id");
    const lastEventId = header && /^\d+$/.test(header) ? Number(header) : null;
    const l = await live();
    // Access that expires (a viewer token, a session) ends the stream when it does; the browser's
    // reconnect then meets the sign-in check again.
    const signal = access.expiresAt !== null ? AbortSignal.any([request.signal, AbortSignal.timeout(Math.min(2 ** 31 - 1, Math.max(0, access.expiresAt - Date.now())))]) : request.signal;
    const body = sseBody((sink) => l.hub.subscribe(filter, sink, lastEventId, () => ({ pods: l.rows(filter) })), signal);
    return new Response(body, { headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-store, no-transform", Connection: "keep-alive", "X-Accel-Buffering": "no" } });
  });
}
