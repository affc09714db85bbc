// GET /api/pods/{namespace}/{name}/logs/follow: the checks and parameters of a live tail
// (lib/logs/follow.ts does the following). The same access as the captured logs (pod-logs.ts):
// the namespace within the access, a viewer only with --logs, nothing at all with LIFELINE_LOGS=off.
import { canReadLogs, type Access } from "../auth/access";
import { clientKey } from "../auth/attempts";
import { clientAddress, peerOf } from "../auth/forwarded";
import { requireNamespace } from "../auth/request";
import { trustedProxiesOf } from "../auth/config";
import type { FollowRequest, LogFollows } from "../logs/follow";
import { quoteInput } from "../text/quote";
import type { FollowRefusal } from "../view/follow-frames";
import { BadInput, namespaceParam, podNameParam } from "./params";
import { containerParam, NO_LOG_GRANT } from "./pod-logs";
import { json } from "./respond";

/** The lines before the follow starts: 200 unless asked, at most the reader's buffer. */
export const FOLLOW_TAIL = { fallback: 200, max: 5000 };

export function tailLinesParam(value: string | null): number {
  if (value === null || value === "") return FOLLOW_TAIL.fallback;
  if (!/^\d{1,7}$/.test(value) || Number(value) > FOLLOW_TAIL.max)
    throw new BadInput(
      `tailLines ${quoteInput(value, 20)} must be a whole number from 0 to ${FOLLOW_TAIL.max}: the lines shown before new ones follow.`,
    );
  return Number(value);
}

export function timestampsParam(value: string | null): boolean {
  if (value === null || value === "" || value === "0" || value === "false") return false;
  if (value === "1" || value === "true") return true;
  throw new BadInput(`timestamps ${quoteInput(value, 20)} must be 1 or 0 (true or false).`);
}

/** A refusal with its code, so the reader can say it in its own language. */
export function refusal(
  status: number,
  error: string,
  code?: FollowRefusal,
  retryAfterS?: number,
): Response {
  return json(
    { error, ...(code ? { code } : {}) },
    status,
    retryAfterS ? { "Retry-After": String(retryAfterS) } : {},
  );
}

/** The request as the follower takes it; throws BadInput (400) or answers a refusal. */
export function followRequest(
  request: Request,
  params: { namespace: string; name: string },
  access: Access,
  follows: LogFollows | null,
): FollowRequest | Response {
  const namespace = namespaceParam(params.namespace)!;
  try {
    requireNamespace(access, namespace);
  } catch (err) {
    return refusal(403, (err as Error).message, "namespace");
  }
  if (!canReadLogs(access)) return refusal(403, NO_LOG_GRANT, "no-grant");
  if (!follows)
    return refusal(
      403,
      "This Lifeline server shows no container logs (LIFELINE_LOGS=off).",
      "logs-off",
    );
  const q = new URL(request.url).searchParams;
  const container = containerParam(q.get("container"));
  if (!container)
    throw new BadInput("container is needed: container=<name> names the container to follow.");
  const client = clientKey(
    clientAddress(
      peerOf(request.headers),
      request.headers.get("x-forwarded-for"),
      trustedProxiesOf(process.env),
    ),
  );
  return {
    namespace,
    pod: podNameParam(params.name)!,
    container,
    tailLines: tailLinesParam(q.get("tailLines")),
    timestamps: timestampsParam(q.get("timestamps")),
    client,
    signal: request.signal,
    ...(access.expiresAt !== null ? { endAfterMs: access.expiresAt - Date.now() } : {}),
  };
}
