import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import type { ReactNode } from "react";
import { ConnectionStatus } from "@/components/ConnectionStatus";
import { I18nProvider } from "@/components/I18n";
import { TopBar } from "@/components/TopBar";
import { LANG_COOKIE, pickLang } from "@/lib/i18n";
import "./globals.css";

export const metadata: Metadata = {
  title: "Lifeline — Kubernetes pod lifecycles",
  description: "Every pod's phases, conditions, container runs, back-offs and probes as a timeline.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The saved choice, else the browser's languages.
  const lang = pickLang((await cookies()).get(LANG_COOKIE)?.value, (await headers()).get("accept-language"));
  return (
    <html lang={lang === "zh" ? "zh-CN" : "en"}>
      <body className="bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <I18nProvider lang={lang}>
          <TopBar />
          <ConnectionStatus />
          {children}
        </I18nProvider>
      </body>
    </html>
  );
}
