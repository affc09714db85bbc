import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ConnectionStatus } from "@/components/ConnectionStatus";
import "./globals.css";

export const metadata: Metadata = {
  title: "Lifeline — Kubernetes pod lifecycles",
  description: "Every pod's phases, conditions, container runs, back-offs and probes as a timeline.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="bg-white text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <ConnectionStatus />
        {children}
      </body>
    </html>
  );
}
