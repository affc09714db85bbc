import type { Metadata } from "next";
import { headers } from "next/headers";
import { Suspense } from "react";
import { PodView } from "@/components/pod/PodView";
import { canSee } from "@/lib/auth/access";
import { maybeAccess, scopeText } from "@/lib/auth/request";
import { translator } from "@/lib/i18n";
import { requestLang } from "@/lib/i18n/server";
import { live } from "@/lib/live/live";
import { namespaceParam, podNameParam, timeParam, uidParam } from "@/lib/live/params";
import { podTimeline } from "@/lib/live/pod-timeline";
import { previewText } from "@/lib/view/preview";
import { timelineHealth } from "@/lib/health/timeline-facts";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ namespace: string; name: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The link preview: the pod, its status now (or at ?at=), the window. Only for who may see it. */
export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const p = await params;
  const namespace = decodeURIComponent(p.namespace);
  const name = decodeURIComponent(p.name);
  const access = maybeAccess(await headers());
  if (!access || !canSee(access, namespace)) return { title: "Lifeline" };
  const fallback = { title: `${namespace}/${name} — Lifeline` };
  try {
    const q = await searchParams;
    const one = (k: string) => { const v = q[k]; return typeof v === "string" ? v : null; };
    const found = podTimeline(await live(), { namespace: namespaceParam(namespace)!, name: podNameParam(name)!, uid: uidParam(one("uid")), to: timeParam(one("at"), "at") });
    if (!found) return fallback;
    const health = timelineHealth(found.timeline, found.node, found.at);
    const preview = previewText(found.timeline, { at: found.at, window: { from: timeParam(one("from"), "from") ?? null, to: timeParam(one("to"), "to") ?? null }, health });
    return { title: preview.title, description: preview.description, openGraph: { title: preview.title, description: preview.description, type: "website" } };
  } catch {
    return fallback;
  }
}

export default async function PodPage({ params }: Props) {
  const { namespace, name } = await params;
  const ns = decodeURIComponent(namespace);
  const access = maybeAccess(await headers());
  if (access && !canSee(access, ns)) {
    const t = translator(await requestLang());
    return (
      <main className="px-6 py-6">
        <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100" data-testid="pod-forbidden">
          {t("access.forbidden", { scope: scopeText(access) })}
        </p>
      </main>
    );
  }
  return (
    <Suspense>
      <PodView namespace={ns} name={decodeURIComponent(name)} canSnapshot={access?.role === "admin"} />
    </Suspense>
  );
}
