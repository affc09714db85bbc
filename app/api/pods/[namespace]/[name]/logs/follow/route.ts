import { accessOf } from "@/lib/auth/request";
import { draining, DRAINING_RETRY_AFTER_S, DRAINING_SENTENCE } from "@/lib/live/draining";
import { live } from "@/lib/live/start";
import { followRequest, refusal } from "@/lib/routes/pod-log-follow";
import { answer } from "@/lib/routes/respond";

export const dynamic = "force-dynamic";

const HEADERS = {
  "Content-Type": "application/x-ndjson; charset=utf-8",
  "Cache-Control": "no-store, no-transform",
  "X-Content-Type-Options": "nosniff",
  "X-Accel-Buffering": "no",
};

/**
 * The current run's log as it is written: `?container=&tailLines=&timestamps=1`, newline-delimited
 * JSON frames until the container stops or the browser leaves (docs/live-pipeline.md#following-a-log).
 */
export function GET(
  request: Request,
  ctx: { params: Promise<{ namespace: string; name: string }> },
): Promise<Response> {
  return answer(async () => {
    if (draining()) return refusal(503, DRAINING_SENTENCE, undefined, DRAINING_RETRY_AFTER_S);
    const access = accessOf(request.headers);
    const l = await live();
    const r = followRequest(request, await ctx.params, access, l.follows);
    if (r instanceof Response) return r;
    const a = await l.follows!.follow(r);
    if (!a.ok) return refusal(a.status, a.error, a.code, a.retryAfterS);
    return new Response(a.body, { headers: HEADERS });
  });
}

/**
 * The checks of a GET without following: Next would otherwise run GET for a HEAD and never read
 * nor cancel its body, leaving a follow (and the cluster's request) open for every HEAD.
 */
export function HEAD(
  request: Request,
  ctx: { params: Promise<{ namespace: string; name: string }> },
): Promise<Response> {
  return answer(async () => {
    if (draining()) return refusal(503, DRAINING_SENTENCE, undefined, DRAINING_RETRY_AFTER_S);
    const access = accessOf(request.headers);
    const l = await live();
    const r = followRequest(request, await ctx.params, access, l.follows);
    if (r instanceof Response) return new Response(null, { status: r.status, headers: r.headers });
    return new Response(null, { headers: HEADERS });
  });
}
