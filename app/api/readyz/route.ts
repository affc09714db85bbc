import { draining } from "@/lib/live/draining";
import { live } from "@/lib/live/start";
import { log } from "@/lib/log/logger";
import { json } from "@/lib/routes/respond";

export const dynamic = "force-dynamic";

/** The failure last logged: a probe every few seconds logs it once, and again only when it changes. */
let lastLogged: string | null = null;

/**
 * Ready to serve history: it stays ready while the cluster is unreachable
 * (docs/live-pipeline.md#readiness). Open to anyone (probes): a start that failed is a bare
 * {ready:false} — its sentence names the server's folders, which only /api/cluster tells, signed in.
 * Shutting down (SIGTERM): not ready, so the Service stops sending requests here during the drain.
 */
export async function GET(): Promise<Response> {
  if (draining()) return json({ ready: false, reason: "shutting down" }, 503);
  let l;
  try {
    l = await live();
  } catch (err) {
    const why = (err as Error).message;
    if (why !== lastLogged) log.error(`not ready: ${why}`);
    lastLogged = why;
    return json({ ready: false }, 503);
  }
  lastLogged = null;
  return l.servesHistory
    ? json({ ready: true, synced: l.synced })
    : json({ ready: false, reason: "the first sync with the cluster has not finished" }, 503);
}
