"use client";
// The workloads the cluster has now (the reader's namespaces): Deployments, StatefulSets,
// DaemonSets, CronJobs, and the Jobs and ReplicaSets no other workload owns; problems first by
// the workload health rule (lib/health/workload.ts, from each row's counts and conditions), then
// by namespace and name. `?kind=` keeps one kind. The rows come on the workload stream, as the
// overview's (components/workloads/useWorkloadFeed.ts: GET /api/workloads every 10 s only while the
// stream fails).
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import { useI18n } from "@/components/I18n";
import { Alert } from "@/components/lanes/Alert";
import { serverNow, useClusterInfo } from "@/components/useClusterInfo";
import { useWorkloadFeed } from "@/components/workloads/useWorkloadFeed";
import { SIGNED_OUT } from "@/components/kiosk/useKioskFeed";
import { workloadHealth } from "@/lib/health/workload";
import { ownedJobs, workloadFactsOfRow } from "@/lib/health/workload-row";
import { misscheduledOf } from "@/lib/view/workload-counts";
import { KIND_PATH, LISTED_KINDS, listedOnItsOwn } from "@/lib/view/workload-kinds";
import type { Health } from "@/lib/health";
import type {
  WorkloadCondition,
  WorkloadCounts,
  WorkloadKind,
} from "@/lib/workloads/workload-state";

/** A row of GET /api/workloads (lib/routes/workloads.ts). */
interface Row {
  kind: WorkloadKind;
  namespace: string;
  name: string;
  uid: string | null;
  counts: WorkloadCounts;
  conditions: WorkloadCondition[];
  owner: { kind: string; name: string } | null;
  paused: boolean;
  pods: number;
  job: { completions: number | null; succeeded: number } | null;
}

const RANK = { failing: 0, warning: 1, ok: 2 } as const;
/** Every namespace the reader may see. */
const ALL: string[] = [];

export function WorkloadsList() {
  const { t } = useI18n();
  const router = useRouter();
  const params = useSearchParams();
  const kind = LISTED_KINDS.find((k) => KIND_PATH[k] === params.get("kind")) ?? null;
  const clock = useClusterInfo();
  const feed = useWorkloadFeed(ALL);
  const clockKnown = clock.answer !== null;
  // Health moves with time too (how long a workload has been short): judged again every 10 s.
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const id = setInterval(() => setTick((n) => n + 1), 10_000);
    return () => clearInterval(id);
  }, []);
  // The rows are judged at the server's clock, when they change and on each tick. The feed's rows
  // are GET /api/workloads' whole rows (its type names only what the cards read).
  const data = useMemo(
    () =>
      feed.loaded
        ? { rows: feed.rows as unknown as Row[], omitted: feed.denials, at: serverNow(clock) }
        : null,
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `tick` moves the clock
    [feed.loaded, feed.rows, feed.denials, clockKnown, tick],
  );
  const error = feed.error === SIGNED_OUT ? t("kiosk.signedOut") : feed.error;

  // Top-level workloads: what another workload owns is on its owner's page.
  const rows = (data?.rows ?? [])
    .filter((r) => listedOnItsOwn(r) && (!kind || r.kind === kind))
    .map((r) => {
      // A CronJob's runs are the Jobs it owns: its newest finished one says how the last run went.
      const jobs = ownedJobs(data!.rows, r);
      return {
        r,
        health: workloadHealth(workloadFactsOfRow(r, data!.at, jobs), data!.at) as Health,
      };
    })
    .sort(
      (a, b) =>
        RANK[a.health.level] - RANK[b.health.level] ||
        (a.r.namespace + "/" + a.r.name < b.r.namespace + "/" + b.r.name ? -1 : 1),
    );
  const pick = (k: WorkloadKind | null) => {
    const q = new URLSearchParams(params.toString());
    if (k) q.set("kind", KIND_PATH[k]);
    else q.delete("kind");
    router.replace(`/workloads${q.size ? `?${q}` : ""}`, { scroll: false });
  };
  return (
    <main className="px-6 py-4" data-testid="workloads-list">
      <div className="flex flex-wrap items-baseline gap-4">
        <h1 className="text-xl font-semibold">{t("wls.title")}</h1>
        <div role="group" aria-label={t("wls.kind")} className="flex text-xs">
          {[null, ...LISTED_KINDS].map((k) => (
            <button
              key={k ?? "all"}
              type="button"
              aria-pressed={kind === k}
              onClick={() => pick(k)}
              className={`border border-slate-300 px-2 py-0.5 dark:border-slate-700 ${kind === k ? "bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900" : "hover:bg-slate-100 dark:hover:bg-slate-800"}`}
            >
              {k ?? t("wls.all")}
            </button>
          ))}
        </div>
      </div>
      {error && <Alert>{t("wls.error", { error })}</Alert>}
      {!data && !error && <p className="mt-6 text-slate-500">{t("wls.loading")}</p>}
      {data?.omitted.map((o) => (
        <p
          key={o.resource}
          className="mt-3 text-sm text-amber-800 dark:text-amber-300"
          data-testid="workloads-omitted"
        >
          {t(o.reason === "forbidden" ? "wls.forbidden" : "wls.notServed", {
            resource: o.resource,
            where: o.namespaces ? o.namespaces.join(", ") : t("wls.everywhere"),
          })}
        </p>
      ))}
      {data && rows.length === 0 && <p className="mt-6">{t("wls.empty")}</p>}
      {data && rows.length > 0 && (
        <table className="mt-4 w-full text-sm">
          <thead>
            <tr className="border-b border-slate-300 text-left dark:border-slate-700">
              <th className="py-1 pr-3 font-medium">{t("wls.col.kind")}</th>
              <th className="py-1 pr-3 font-medium">{t("wls.col.name")}</th>
              <th className="py-1 pr-3 text-right font-medium">{t("wls.col.ready")}</th>
              <th className="py-1 pr-3 text-right font-medium">{t("wls.col.updated")}</th>
              <th className="py-1 pr-3 text-right font-medium">{t("wls.col.available")}</th>
              <th className="py-1 pr-3 text-right font-medium">{t("wls.col.pods")}</th>
              <th className="py-1 font-medium">{t("wls.col.health")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ r, health }) => (
              <tr
                key={`${r.kind}/${r.namespace}/${r.name}`}
                className="border-b border-slate-200 dark:border-slate-800"
                data-testid="workloads-row"
                data-level={health.level}
              >
                <td className="py-1 pr-3">{r.kind}</td>
                <td className="py-1 pr-3">
                  <Link
                    className="font-medium hover:underline"
                    href={`/workloads/${encodeURIComponent(r.namespace)}/${KIND_PATH[r.kind]}/${encodeURIComponent(r.name)}`}
                  >
                    <bdi>{`${r.namespace}/${r.name}`}</bdi>
                  </Link>
                </td>
                <td className="py-1 pr-3 text-right tabular-nums">
                  {r.kind === "Job" && r.job
                    ? // kubectl's COMPLETIONS, not pods ready: a finished Job has none.
                      `${r.job.succeeded}/${r.job.completions ?? 1}`
                    : r.counts.desired !== null
                      ? `${r.counts.ready ?? 0}/${r.counts.desired}`
                      : "—"}
                  {misscheduledOf(r.counts) !== null && (
                    <div className="text-xs text-slate-600 dark:text-slate-400">
                      {t("wl.misscheduled", { n: misscheduledOf(r.counts)! })}
                    </div>
                  )}
                </td>
                <td className="py-1 pr-3 text-right tabular-nums">{r.counts.updated ?? "—"}</td>
                <td className="py-1 pr-3 text-right tabular-nums">{r.counts.available ?? "—"}</td>
                <td className="py-1 pr-3 text-right tabular-nums">{r.pods}</td>
                <td
                  className={`py-1 ${health.level === "failing" ? "font-semibold text-red-700 dark:text-red-300" : health.level === "warning" ? "text-amber-800 dark:text-amber-300" : ""}`}
                >
                  {health.reason ? t(health.reason.key, health.reason.vars) : t("wl.health.ok")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
