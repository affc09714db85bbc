import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { NodeView } from "@/components/nodes/NodeView";
import { translator } from "@/lib/i18n";
import { requestLang } from "@/lib/i18n/server";
import { BadInput, nodeParam } from "@/lib/routes/params";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name } = await params;
  return { title: `${name.slice(0, 120)} — Lifeline` };
}

export default async function NodePage({ params }: Props) {
  const { name } = await params;
  const t = translator(await requestLang());
  try {
    nodeParam(name);
  } catch (e) {
    if (!(e instanceof BadInput)) throw e;
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
          {e.message}
        </p>
      </main>
    );
  }
  return (
    <Suspense>
      <NodeView name={name} />
    </Suspense>
  );
}
