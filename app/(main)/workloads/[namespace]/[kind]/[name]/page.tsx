import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import Link from "next/link";
import { Suspense } from "react";
import { WorkloadView } from "@/components/workloads/WorkloadView";
import { canSee } from "@/lib/auth/access";
import { maybeAccess, scopeText } from "@/lib/auth/request";
import { translator } from "@/lib/i18n";
import { requestLang } from "@/lib/i18n/server";
import { invalidWorkloadAddress } from "@/lib/http/object-address";
import { live } from "@/lib/live/start";
import { workloadEverSeen } from "@/lib/routes/object-records";
import { workloadKindParam } from "@/lib/routes/workload-params";
import { kindOfPath } from "@/lib/view/workload-kinds";
import type { WorkloadKind } from "@/lib/workloads/workload-state";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ namespace: string; kind: string; name: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { namespace, kind, name } = await params;
  return {
    // The Kind as Kubernetes spells it ("Deployment"), whichever form the address used (deploy, deployments).
    title: `${kindOfPath(kind) ?? kind.slice(0, 40)} ${namespace.slice(0, 63)}/${name.slice(0, 120)} — Lifeline`,
  };
}

const alert =
  "mt-4 rounded border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100";

/** Whether Lifeline has any record of this workload (false only when it surely has none). */
async function everSeen(namespace: string, kind: WorkloadKind, name: string): Promise<boolean> {
  try {
    return workloadEverSeen(await live(), { namespace, kind, name });
  } catch {
    return true; // not started, offline, or shutting down: the view says that itself
  }
}

export default async function WorkloadPage({ params }: Props) {
  const { namespace, kind, name } = await params;
  const t = translator(await requestLang());
  // An address no workload can have: the proxy made this answer a 400 (lib/http/object-address.ts);
  // the page says why in the API's sentence.
  const invalid = invalidWorkloadAddress(namespace, kind, name);
  if (invalid) {
    return (
      <main className="px-6 py-6">
        <Link href="/" className="text-sm hover:underline">
          {t("wl.back")}
        </Link>
        <p role="alert" className={alert} data-testid="workload-invalid">
          {invalid}
        </p>
      </main>
    );
  }
  const resource = workloadKindParam(kind)!;
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
  // No record of it at all: a 404, whose page (not-found.tsx) shows the view and the API's sentence.
  if (!(await everSeen(namespace, resource.kind, name))) notFound();
  return (
    <Suspense>
      <WorkloadView
        namespace={namespace}
        kind={resource.plural}
        name={name}
        canSnapshot={access?.role === "admin"}
      />
    </Suspense>
  );
}
