import { live } from "@/lib/live/live";
import { namespaceParam, selectorParam } from "@/lib/live/params";
import { answer, json } from "@/lib/live/respond";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return answer(async () => {
    const q = new URL(request.url).searchParams;
    const namespace = namespaceParam(q.get("namespace"));
    const labels = selectorParam(q.get("selector"));
    return json({ pods: (await live()).rows({ namespace, labels }) });
  });
}
