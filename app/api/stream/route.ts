import { accessOf, listScope } from "@/lib/auth/request";
import { draining, DRAINING_RETRY_AFTER_S, DRAINING_SENTENCE } from "@/lib/live/draining";
import { live } from "@/lib/live/start";
import { MAX_VIEWS } from "@/lib/live/views";
import {
  namespaceListParam,
  overviewWindowParams,
  podNameParam,
  selectorParam,
} from "@/lib/routes/params";
import { answer, json } from "@/lib/routes/respond";
import { sseBody } from "@/lib/stream/sse-body";
import { channelParam, workloadStream } from "@/lib/routes/workload-stream";

export const dynamic = "force-dynamic";

/** The stream's checks (access, parameters) and what it would send, without opening it. */
async function prepare(request: Request) {
  const access = accessOf(request.headers);
  const q = new URL(request.url).searchParams;
  const filter = {
    ...listScope(access, namespaceListParam(q.get("namespace"))),
    pod: podNameParam(q.get("pod")),
    labels: selectorParam(q.get("selector")),
  };
  // With `limit`: the live overview's window of rows (lib/live/views.ts), not every row.
  const window = overviewWindowParams(q);
  const header = request.headers.get("last-event-id");
  const lastEventId = header && /^\d+$/.test(header) ? Number(header) : null;
  return {
    access,
    filter,
    window,
    selector: q.get("selector") ?? "",
    lastEventId,
    l: await live(),
  };
}

/** Shutting down: a stream opened now would be cut a moment later; the client tries again elsewhere. */
const leaving = () =>
  json({ error: DRAINING_SENTENCE }, 503, { "Retry-After": String(DRAINING_RETRY_AFTER_S) });

/** Every view the server may hold is streamed (lib/live/views.ts MAX_VIEWS): a new query waits. */
const full = () =>
  json(
    {
      error: `This server already keeps ${MAX_VIEWS} overview queries for the browsers open on it; try again in a moment, or open a query already shown (fewer filters).`,
    },
    503,
    { "Retry-After": "5" },
  );

const HEADERS = {
  "Content-Type": "text/event-stream",
  "Cache-Control": "no-store, no-transform",
  Connection: "keep-alive",
  "X-Accel-Buffering": "no",
};

export function GET(request: Request): Promise<Response> {
  return answer(async () => {
    if (draining()) return leaving();
    if (channelParam(new URL(request.url).searchParams.get("channel")) === "workloads")
      return workloadStream(request, HEADERS);
    const { access, filter, window, selector, lastEventId, l } = await prepare(request);
    // Access that expires (a viewer token, a session) ends the stream when it does; the browser's
    // reconnect then meets the sign-in check again.
    const endAfterMs = access.expiresAt !== null ? access.expiresAt - Date.now() : undefined;
    const query = window && { filter, selector, ...window };
    if (query && !l.views.admit(query)) return full();
    const body = sseBody(
      (sink) =>
        query
          ? l.views.subscribe(query, sink)
          : l.hub.subscribe(filter, sink, lastEventId, () => l.snapshot(filter)),
      { signal: request.signal, endAfterMs },
    );
    return new Response(body, { headers: HEADERS });
  });
}

/**
 * The same answer as a GET without a body, and without subscribing: Next would otherwise run GET
 * for a HEAD and never read nor cancel its body, leaving a subscriber (and its snapshot) behind
 * for every HEAD.
 */
export function HEAD(request: Request): Promise<Response> {
  return answer(async () => {
    if (draining()) return leaving();
    if (channelParam(new URL(request.url).searchParams.get("channel")) === "workloads")
      return workloadStream(request, HEADERS, true);
    await prepare(request);
    return new Response(null, { headers: HEADERS });
  });
}
