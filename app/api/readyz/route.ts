import { live } from "@/lib/live/live";
import { answer, json } from "@/lib/live/respond";

export const dynamic = "force-dynamic";

export function GET(): Promise<Response> {
  return answer(async () => {
    const info = (await live()).info();
    return info.ready ? json({ ready: true }) : json({ ready: false, reason: "the first sync with the cluster has not finished" }, 503);
  });
}
