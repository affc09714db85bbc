"use client";
// A pod Lifeline has never seen (the page answered 404): the same words the pod view uses.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useI18n } from "@/components/I18n";

export default function PodNotFound() {
  const { t } = useI18n();
  const parts = (usePathname() ?? "").split("/");
  let pod = "";
  try {
    pod = `${decodeURIComponent(parts[2] ?? "")}/${decodeURIComponent(parts[3] ?? "")}`;
  } catch {
    pod = "";
  }
  return (
    <main className="px-6 py-6">
      <Link href="/" className="text-sm hover:underline">
        {t("pod.back")}
      </Link>
      <h1 className="mt-2 text-xl font-semibold">
        <bdi>{pod}</bdi>
      </h1>
      <p
        role="alert"
        className="mt-4 rounded border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        data-testid="pod-error"
      >
        {t("pod.notFound")}
      </p>
    </main>
  );
}
