import type { Metadata } from "next";
import { Suspense } from "react";
import { headers } from "next/headers";
import { Kiosk } from "@/components/kiosk/Kiosk";
import { kioskPreview } from "@/lib/routes/kiosk-preview";
import { kioskGrid, kioskOptions } from "@/lib/view/kiosk";
import { kioskLimit } from "@/lib/view/kiosk-overflow";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Lifeline kiosk", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** /kiosk?namespaces=a,b&selector=…&cycle=20s&window=1h&stale=30s&group=workload — the NOC wall. */
export default async function KioskPage({ searchParams }: Props) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) if (typeof v === "string") q.set(k, v);
  const h = await headers();
  // A document load: the first cards in the HTML, for the 1920 × 1080 screen the server draws
  // for (the page asks again for its own screen once it runs). Client navigations load their own.
  // Workload cards have no preview: the page reads them itself (components/kiosk/useWorkloadFeed.ts).
  const opts = kioskOptions(q);
  const preview =
    h.get("rsc") === null && opts.group === "pod"
      ? await kioskPreview(h, opts, kioskLimit(kioskGrid(1920, 1080).perPage))
      : null;
  return (
    <Suspense>
      <Kiosk preview={preview} />
    </Suspense>
  );
}
