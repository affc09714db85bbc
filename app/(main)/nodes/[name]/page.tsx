import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import Link from "next/link";
import { Suspense } from "react";
import { NodeView } from "@/components/nodes/NodeView";
import { translator } from "@/lib/i18n";
import { requestLang } from "@/lib/i18n/server";
import { maybeAccess } from "@/lib/auth/request";
import { invalidNodeAddress } from "@/lib/http/object-address";
import { live } from "@/lib/live/start";
import { nodeEverSeen } from "@/lib/routes/object-records";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name } = await params;
  return { title: `${name.slice(0, 120)} — Lifeline` };
}

/** Whether Lifeline has any record of this node that the reader may see (false only when surely none). */
async function everSeen(name: string, namespaces: readonly string[] | null): Promise<boolean> {
  try {
    return nodeEverSeen(await live(), name, namespaces);
  } catch {
    return true; // not started, offline, or shutting down: the view says that itself
  }
}

export default async function NodePage({ params }: Props) {
  const { name } = await params;
  const t = translator(await requestLang());
  // A name no node can have: the proxy made this answer a 400 (lib/http/object-address.ts).
  const invalid = invalidNodeAddress(name);
  if (invalid) {
    return (
      <main className="px-6 py-6">
        <Link href="/nodes" className="text-sm hover:underline">
          {t("node.back")}
        </Link>
        <p
          role="alert"
          className="mt-4 rounded border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
          data-testid="node-invalid"
        >
          {invalid}
        </p>
      </main>
    );
  }
  // No record of it (within the reader's namespaces): a 404, whose page (not-found.tsx) shows the
  // view, which says so.
  const access = maybeAccess(await headers());
  if (!(await everSeen(name, access?.namespaces ?? null))) notFound();
  return (
    <Suspense>
      <NodeView name={name} canSnapshot={access?.role === "admin"} />
    </Suspense>
  );
}
