"use client";
import Link from "next/link";
import { LanguageSwitch, useI18n } from "./I18n";

export function TopBar() {
  const { t } = useI18n();
  return (
    <header className="flex items-center gap-4 border-b border-slate-200 px-4 py-1.5 dark:border-slate-800">
      <Link href="/" className="font-semibold tracking-tight">
        Lifeline
      </Link>
      <span className="hidden text-sm text-slate-500 sm:inline dark:text-slate-400">{t("app.tagline")}</span>
      <nav className="ml-auto flex items-center gap-3 text-sm">
        <Link href="/" className="hover:underline">
          {t("nav.pods")}
        </Link>
        <Link href="/stories" className="hover:underline">
          {t("nav.stories")}
        </Link>
        <LanguageSwitch />
      </nav>
    </header>
  );
}
