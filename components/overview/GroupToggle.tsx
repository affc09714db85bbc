"use client";
// The overview's switch between pods and workloads (`?group=workload`): two links that keep the
// namespaces, the window and the zone (lib/view/overview-workloads.ts groupHref), and the sentence
// for what in the URL could not be used (a bad `group`, a pod filter with workloads).
import Link from "next/link";
import { useMemo } from "react";
import { useSearchParams } from "next/navigation";
import { useI18n } from "@/components/I18n";
import { readState, type Preset } from "@/lib/view/overview";
import { groupHref, readGroup, type OverviewGroup } from "@/lib/view/overview-workloads";

const on = "bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900";
const off = "hover:bg-slate-100 dark:hover:bg-slate-800";

export function GroupToggle({ defaultWindow }: { defaultWindow: Preset }) {
  const { t } = useI18n();
  const params = useSearchParams();
  const { state, choice } = useMemo(() => {
    const q = new URLSearchParams(params.toString());
    return { state: readState(q, defaultWindow), choice: readGroup(q) };
  }, [params, defaultWindow]);
  const item = (g: OverviewGroup) => (
    <Link
      key={g}
      href={groupHref(state, g, defaultWindow)}
      replace
      scroll={false}
      aria-current={choice.group === g ? "page" : undefined}
      data-testid={`group-${g}`}
      className={`px-2 py-0.5 ${choice.group === g ? on : off}`}
    >
      {t(g === "pod" ? "ovw.pods" : "ovw.workloads")}
    </Link>
  );
  return (
    <div className="mb-2 flex flex-wrap items-center gap-3 text-sm">
      <nav
        aria-label={t("ovw.group")}
        className="flex overflow-hidden rounded border border-slate-300 dark:border-slate-700"
        data-testid="group-toggle"
      >
        {item("pod")}
        {item("workload")}
      </nav>
      {choice.problems.length > 0 && (
        <p
          role="alert"
          className="rounded bg-amber-100 px-2 text-amber-950 dark:bg-amber-950 dark:text-amber-100"
          data-testid="group-problems"
        >
          {choice.problems.join(" ")}
        </p>
      )}
    </div>
  );
}
