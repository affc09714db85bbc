import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { Suspense } from "react";
import { WorkloadView } from "@/components/workloads/WorkloadView";
import { canSee } from "@/lib/auth/access";
import { maybeAccess, scopeText } from "@/lib/auth/request";
import { translator } from "@/lib/i18n";
import { requestLang } from "@/lib/i18n/server";
import { BadInput, namespaceParam } from "@/lib/routes/params";
import { workloadKindParam, workloadNameParam } from "@/lib/routes/workload-params";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ namespace: string; kind: string; name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { namespace, kind, name } = await params;
  return {
    title: `${kind.slice(0, 40)} ${namespace.slice(0, 63)}/${name.slice(0, 120)} — Lifeline`,
  };
}

const alert =
  "mt-4 rounded border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100";

export default async function WorkloadPage({ params }: Props) {
  const { namespace, kind, name } = await params;
  const t = translator(await requestLang());
  let plural: string;
  try {
    namespaceParam(namespace);
    plural = workloadKindParam(kind)!.plural;
    workloadNameParam(name);
  } catch (e) {
    if (!(e instanceof BadInput)) throw e;
    return (
      <main className="px-6 py-6">
        <Link href="/" className="text-sm hover:underline">
          {t("wl.back")}
        </Link>
        <p role="alert" className={alert} data-testid="workload-invalid">
          {e.message}
        </p>
      </main>
    );
  }
  const access = maybeAccess(await headers());
  if (access && !canSee(access, namespace)) {
    return (
      <main className="px-6 py-6">
        <p role="alert" className={alert} data-testid="workload-forbidden">
          {t("access.forbidden", { scope: scopeText(access) })}
        </p>
      </main>
    );
  }
  return (
    <Suspense>
      <WorkloadView namespace={namespace} kind={plural} name={name} />
    </Suspense>
  );
}
