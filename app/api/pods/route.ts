import { live } from "@/lib/live/live";
import { namespaceParam, selectorParam } from "@/lib/live/params";
import { answer, json } from "@/lib/live/respond";

export const dynamic = "force-dynamic";

export function GET(request: Request): Promise<Response> {
  return answer(async () => {
    const q = new URL(request.url).searchParams;
    const namespace = namespaceParam(q.get("namespace"));
    const labels = selectorParam(q.get("selector"));
    const rows = (await live()).rows().filter((r) => (!namespace || r.namespace === namespace) && (!labels || labels(r.labels)));
    rows.sort((a, b) => (a.namespace + "/" + a.name < b.namespace + "/" + b.name ? -1 : 1));
    return json({ pods: rows });
  });
}
