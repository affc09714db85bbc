import { live } from "@/lib/live/live";
import { answer, json } from "@/lib/live/respond";

export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return answer(async () => {
    // Ready to serve history: it stays ready while the cluster is unreachable (docs/live-pipeline.md#readiness).
    const l = await live();
    return l.servesHistory ? json({ ready: true, synced: l.synced }) : json({ ready: false, reason: "the first sync with the cluster has not finished" }, 503);
  });
}
