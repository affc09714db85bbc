import type { Metadata } from "next";
import { Suspense } from "react";
import { Kiosk } from "@/components/kiosk/Kiosk";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Lifeline kiosk", robots: { index: false } };

/** /kiosk?namespaces=a,b&selector=…&cycle=20s&window=1h&stale=30s — the NOC wall. */
export default function KioskPage() {
  return (
    <Suspense>
      <Kiosk />
    </Suspense>
  );
}
