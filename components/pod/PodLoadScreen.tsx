"use client";
// The pod page while its timeline loads, or when it cannot be had: the server's sentence, or which
// pod (a uid, a moment before Lifeline's record of it) is not there.
import Link from "next/link";
import { useI18n } from "@/components/I18n";
import { formatTime, type Tz } from "@/lib/text/format";
import type { Load } from "./usePodTimeline";

export function PodLoadScreen({
  namespace,
  name,
  load,
  uid,
  at,
  tz,
}: {
  namespace: string;
  name: string;
  load: Exclude<Load, { state: "ok" }>;
  uid: string | null;
  at: number | null;
  tz: Tz;
}) {
  const { t } = useI18n();
  if (load.state === "loading")
    return (
      <main className="px-6 py-6 text-slate-500" aria-busy="true">
        {t("pod.loading")}
      </main>
    );
  return (
    <main className="px-6 py-6">
      <Link href="/" className="text-sm hover:underline">
        {t("pod.back")}
      </Link>
      <h1 className="mt-2 text-xl font-semibold">
        {namespace}/{name}
      </h1>
      <p
        role="alert"
        className="mt-4 rounded border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        data-testid="pod-error"
      >
        {load.status !== 404
          ? t("pod.error", { error: load.error })
          : load.firstRecord !== undefined && at !== null
            ? t("pod.notFound.before", {
                at: formatTime(at, tz),
                first: formatTime(load.firstRecord, tz),
              })
            : uid
              ? t("pod.notFound.uid", { uid })
              : t("pod.notFound")}
      </p>
    </main>
  );
}
