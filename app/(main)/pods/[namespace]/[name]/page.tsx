import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import Link from "next/link";
import { Suspense } from "react";
import { PodView } from "@/components/pod/PodView";
import { canReadLogs, canSee } from "@/lib/auth/access";
import { maybeAccess, scopeText } from "@/lib/auth/request";
import { translator } from "@/lib/i18n";
import { requestLang } from "@/lib/i18n/server";
import { live } from "@/lib/live/start";
import { namespaceParam, podNameParam, timeParam, uidParam } from "@/lib/routes/params";
import { podTimeline } from "@/lib/routes/pod-timeline";
import { invalidPodAddress } from "@/lib/http/pod-address";
import { previewText } from "@/lib/view/preview";
import { timelineHealth } from "@/lib/health/timeline-facts";

export const dynamic = "force-dynamic";

// Next hands the page its params already percent-decoded (decoding again read "a%2520b" as "a b"
// and threw a URIError on "%25E0%25A4%25A"); a path that does not decode never gets here
// (scripts/server-errors.mjs answers it).
type Props = {
  params: Promise<{ namespace: string; name: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** The link preview: the pod, its status now (or at ?at=), the window. Only for who may see it. */
export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { namespace, name } = await params;
  if (invalidPodAddress(namespace, name)) return { title: "Lifeline" };
  const access = maybeAccess(await headers());
  if (!access || !canSee(access, namespace)) return { title: "Lifeline" };
  const fallback = { title: `${namespace}/${name} — Lifeline` };
  try {
    const q = await searchParams;
    const one = (k: string) => {
      const v = q[k];
      return typeof v === "string" ? v : null;
    };
    const found = podTimeline(await live(), {
      namespace: namespaceParam(namespace)!,
      name: podNameParam(name)!,
      uid: uidParam(one("uid")),
      to: timeParam(one("at"), "at"),
    });
    if (!found) return fallback;
    const health = timelineHealth(found.timeline, found.node, found.at);
    const preview = previewText(found.timeline, {
      at: found.at,
      window: {
        from: timeParam(one("from"), "from") ?? null,
        to: timeParam(one("to"), "to") ?? null,
      },
      health,
    });
    return {
      title: preview.title,
      description: preview.description,
      openGraph: { title: preview.title, description: preview.description, type: "website" },
    };
  } catch {
    return fallback;
  }
}

/** Whether Lifeline has any record of a pod by this name (false only when it surely has none). */
async function everSeen(namespace: string, name: string): Promise<boolean> {
  try {
    const l = await live();
    if (!l.synced) return true; // the first list has not arrived: the pod may be in it
    l.flush();
    return l.store.pods({ namespace, name }).length > 0;
  } catch {
    return true; // not started, offline, or shutting down: the page says that itself
  }
}

const alert =
  "mt-4 rounded border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100";

export default async function PodPage({ params }: Props) {
  const { namespace: ns, name } = await params;
  const t = translator(await requestLang());
  // A name no pod can have: the proxy made this answer a 400; the page says why.
  const invalid = invalidPodAddress(ns, name);
  if (invalid) {
    return (
      <main className="px-6 py-6">
        <Link href="/" className="text-sm hover:underline">
          {t("pod.back")}
        </Link>
        <h1 className="mt-2 text-xl font-semibold">
          <bdi>{`${ns}/${name}`.slice(0, 120)}</bdi>
        </h1>
        <p role="alert" className={alert} data-testid="pod-invalid">
          {t(invalid.key, invalid.vars)}
        </p>
      </main>
    );
  }
  const access = maybeAccess(await headers());
  if (access && !canSee(access, ns)) {
    return (
      <main className="px-6 py-6">
        <p
          role="alert"
          className="rounded border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
          data-testid="pod-forbidden"
        >
          {t("access.forbidden", { scope: scopeText(access) })}
        </p>
      </main>
    );
  }
  // Never seen: a 404 (the not-found page beside this one says so).
  if (!(await everSeen(ns, name))) notFound();
  return (
    <Suspense>
      <PodView
        namespace={ns}
        name={name}
        canSnapshot={access?.role === "admin"}
        canReadLogs={access !== null && canReadLogs(access)}
      />
    </Suspense>
  );
}
