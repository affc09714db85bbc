// GET /api/stream?channel=workloads: the workload rows GET /api/workloads answers, live
// (lib/live/workload-stream.ts). The same parameters and access rules as that list (`namespace`
// among the caller's namespaces, `kind`); the pod stream's own parameters are refused, not ignored.
import { accessOf, listScope } from "../auth/request";
import { live } from "../live/start";
import { quoteInput } from "../text/quote";
import { BadInput, namespaceListParam } from "./params";
import { workloadKindParam } from "./workload-params";
import { sseBody } from "../stream/sse-body";

export const CHANNELS = ["pods", "workloads"] as const;
export type Channel = (typeof CHANNELS)[number];

/** `?channel=`: the pods (the default) or the workloads. */
export function channelParam(value: string | null): Channel {
  if (value === null || value === "" || value === "pods") return "pods";
  if (value === "workloads") return "workloads";
  throw new BadInput(
    `channel ${quoteInput(value, 40)} is not a stream channel: pods (the default) or workloads.`,
  );
}

const TAKES = new Set(["channel", "namespace", "kind"]);

/** The checks (access, parameters) and the query, without opening anything. */
export function workloadStreamQuery(request: Request) {
  const access = accessOf(request.headers);
  const q = new URL(request.url).searchParams;
  for (const k of q.keys())
    if (!TAKES.has(k))
      throw new BadInput(
        `${quoteInput(k, 40)} is not a parameter of the workload stream (channel=workloads): it takes namespace and kind, as GET /api/workloads.`,
      );
  const { namespaces } = listScope(access, namespaceListParam(q.get("namespace")));
  const kind = workloadKindParam(q.get("kind"))?.kind;
  return { access, query: kind ? { namespaces, kind } : { namespaces } };
}

/** The workload stream's response (HEAD: the same checks, no body and no subscription). */
export async function workloadStream(
  request: Request,
  headers: Record<string, string>,
  head = false,
): Promise<Response> {
  const { access, query } = workloadStreamQuery(request);
  const l = await live();
  if (head) return new Response(null, { headers });
  // Access that expires ends the stream when it does, as the pod stream's.
  const endAfterMs = access.expiresAt !== null ? access.expiresAt - Date.now() : undefined;
  const body = sseBody((sink) => l.workloadStreams.subscribe(query, sink), {
    signal: request.signal,
    endAfterMs,
  });
  return new Response(body, { headers });
}
