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
 * What a GET and a HEAD both check, in this order: draining, then access and the request's
 * parameters. A refusal, or the pipeline and the follow asked for.
 */
async function checked(
  request: Request,
  ctx: { params: Promise<{ namespace: string; name: string }> },
) {
  if (draining())
    return { r: refusal(503, DRAINING_SENTENCE, undefined, DRAINING_RETRY_AFTER_S) } as const;
  const access = accessOf(request.headers);
  const l = await live();
  return { l, r: followRequest(request, await ctx.params, access, l.follows) } as const;
}

/**
 * The current run's log as it is written: `?container=&tailLines=&timestamps=1`, newline-delimited
 * JSON frames until the container stops or the browser leaves (docs/live-pipeline.md#following-a-log).
 */
export function GET(
  request: Request,
  ctx: { params: Promise<{ namespace: string; name: string }> },
): Promise<Response> {
  return answer(async () => {
    const c = await checked(request, ctx);
    if (c.r instanceof Response) return c.r;
    const a = await c.l!.follows!.follow(c.r);
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
    const { r } = await checked(request, ctx);
    if (r instanceof Response) return new Response(null, { status: r.status, headers: r.headers });
    return new Response(null, { headers: HEADERS });
  });
}
