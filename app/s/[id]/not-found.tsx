"use client";
// A snapshot that is not there (deleted, past its retention, or a mistyped link): the page answered 404.
import Link from "next/link";
import { LanguageSwitch, useI18n } from "@/components/I18n";

export default function SnapshotNotFound() {
  const { t } = useI18n();
  return (
    <>
      <header className="flex items-center gap-4 border-b border-slate-200 px-4 py-1.5 dark:border-slate-800">
        <Link href="/" className="font-semibold tracking-tight">
          Lifeline
        </Link>
        <span className="text-sm text-slate-500 dark:text-slate-400">{t("snap.title")}</span>
        <nav className="ml-auto flex items-center gap-3 text-sm">
          <LanguageSwitch />
        </nav>
      </header>
      <main className="px-6 py-6">
        <p
          role="alert"
          className="rounded border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
          data-testid="snapshot-missing"
        >
          {t("snap.notFound")}{" "}
          <Link href="/" className="underline">
            {t("snap.home")}
          </Link>
        </p>
      </main>
    </>
  );
}
