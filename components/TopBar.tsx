"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { LanguageSwitch, useI18n } from "./I18n";

export interface Who {
  role: "admin" | "viewer";
  user: string | null;
  namespaces: string[] | null;
  /** A session or a viewer link this browser can forget (not the local no-login mode, not a proxy's sign-in). */
  canSignOut: boolean;
}

export function TopBar({ who }: { who: Who | null }) {
  const { t } = useI18n();
  const overview = usePathname() === "/";
  return (
    <header className="flex items-center gap-4 border-b border-slate-200 px-4 py-1.5 dark:border-slate-800">
      {overview && (
        // The first stop of the Tab key: straight to the rows (the focused row, which arrows then move).
        <a
          href="#rows"
          className="sr-only rounded bg-sky-700 px-2 py-1 text-sm text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
          data-testid="skip-to-rows"
          onClick={(e) => {
            // The pods grid's focused row, or the overview by workload's first row (its button).
            const row = document.querySelector<HTMLElement>(
              '#rows [role="row"][tabindex="0"], #rows [data-testid="workload-expand"]',
            );
            if (!row) return;
            e.preventDefault();
            row.focus();
          }}
        >
          {t("ov.skip")}
        </a>
      )}
      <Link href="/" prefetch={false} className="font-semibold tracking-tight">
        Lifeline
      </Link>
      <span className="hidden text-sm text-slate-500 sm:inline dark:text-slate-400">
        {t("app.tagline")}
      </span>
      <nav className="ml-auto flex items-center gap-3 text-sm">
        <Link href="/" prefetch={false} className="hover:underline">
          {t("nav.pods")}
        </Link>
        <Link href="/workloads" prefetch={false} className="hover:underline">
          {t("nav.workloads")}
        </Link>
        <Link href="/nodes" prefetch={false} className="hover:underline">
          {t("nav.nodes")}
        </Link>
        <Link href="/stories" prefetch={false} className="hover:underline">
          {t("nav.stories")}
        </Link>
        <Link href="/kiosk" prefetch={false} className="hover:underline">
          {t("nav.kiosk")}
        </Link>
        {who?.role === "viewer" && (
          <span
            data-testid="viewer-scope"
            className="rounded bg-amber-100 px-1.5 text-xs text-amber-900 dark:bg-amber-900 dark:text-amber-100"
          >
            {t("nav.viewer", { namespaces: (who.namespaces ?? []).join(", ") })}
          </span>
        )}
        {who?.user && who.role === "admin" && (
          <span className="text-xs text-slate-500">{who.user}</span>
        )}
        <LanguageSwitch />
        {who?.canSignOut && (
          <form method="post" action="/api/logout">
            <button type="submit" className="text-xs underline" data-testid="sign-out">
              {t("nav.signOut")}
            </button>
          </form>
        )}
      </nav>
    </header>
  );
}
