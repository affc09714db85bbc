import { accessOf, requireNamespace } from "@/lib/auth/request";
import { live } from "@/lib/live/start";
import { namespaceParam, podNameParam, uidParam } from "@/lib/routes/params";
import { containerParam, oneParam, podLogs, requireLogs, runParam } from "@/lib/routes/pod-logs";
import { answer, textJson } from "@/lib/routes/respond";

export const dynamic = "force-dynamic";

/** The captured end of a pod's runs: `?container=&run=` for one run's text (docs/live-pipeline.md#captured-logs). */
export function GET(
  request: Request,
  ctx: { params: Promise<{ namespace: string; name: string }> },
): Promise<Response> {
  return answer(async () => {
    const p = await ctx.params;
    const access = accessOf(request.headers);
    const namespace = namespaceParam(p.namespace)!;
    requireNamespace(access, namespace);
    requireLogs(access);
    const name = podNameParam(p.name)!;
    const q = new URL(request.url).searchParams;
    const found = podLogs(await live(), {
      namespace,
      name,
      uid: uidParam(oneParam(q, "uid")),
      container: containerParam(oneParam(q, "container")),
      run: runParam(oneParam(q, "run")),
    });
    return textJson(found.body, found.status);
  });
}
