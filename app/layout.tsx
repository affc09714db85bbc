import type { Metadata } from "next";
import type { CSSProperties, ReactNode } from "react";
import { I18nProvider } from "@/components/I18n";
import { requestLang } from "@/lib/i18n/server";
import { paletteCssVars } from "@/lib/view/palette";
import "./globals.css";

export const metadata: Metadata = {
  title: "Lifeline — Kubernetes pod lifecycles",
  description:
    "Every pod's phases, conditions, container runs, back-offs and probes as a timeline.",
  // public/: the icon and the web app manifest (open without sign-in, proxy.ts).
  icons: { icon: { url: "/icon.svg", type: "image/svg+xml" } },
  manifest: "/manifest.webmanifest",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The saved choice, else the browser's languages.
  const lang = await requestLang();
  return (
    <html lang={lang === "zh" ? "zh-CN" : "en"} style={paletteCssVars() as CSSProperties}>
      <body className="bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <I18nProvider lang={lang}>{children}</I18nProvider>
      </body>
    </html>
  );
}
