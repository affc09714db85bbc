// A CronJob's runs in the window, newest first: when each was scheduled, its Job (a link to the
// Job's page), its result and how long it took; the missed schedules and the next one.
import Link from "next/link";
import { useI18n } from "@/components/I18n";
import { formatDuration } from "@/lib/text/format";
import type { CronTimeline } from "@/lib/workloads/types";

export function CronRuns({
  cron,
  when,
  namespace,
}: {
  cron: CronTimeline;
  when: (ms: number) => string;
  namespace: string;
}) {
  const { t } = useI18n();
  const runs = [...cron.runs].sort((a, b) => (b.scheduledAt ?? 0) - (a.scheduledAt ?? 0));
  return (
    <section className="mt-6" aria-label={t("wl.runs")} data-testid="cron-runs">
      <h2 className="mb-1 font-semibold">
        {t("wl.runs")}{" "}
        <span className="font-normal text-slate-600 dark:text-slate-400">{cron.schedule}</span>
      </h2>
      {cron.missed.length > 0 && (
        <p className="text-sm text-amber-800 dark:text-amber-300">
          {t("wl.runs.missed", { n: cron.missed.length })}
        </p>
      )}
      {cron.nextScheduleAt !== null && (
        <p className="text-sm">{t("wl.runs.next", { at: when(cron.nextScheduleAt) })}</p>
      )}
      {runs.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("wl.runs.none")}</p>
      ) : (
        <table className="mt-1 text-sm">
          <thead>
            <tr className="text-left">
              <th className="pr-4 font-medium">{t("wl.runs.scheduled")}</th>
              <th className="pr-4 font-medium">{t("wl.runs.job")}</th>
              <th className="pr-4 font-medium">{t("wl.runs.result")}</th>
              <th className="font-medium">{t("wl.runs.took")}</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.uid ?? r.job} data-testid="cron-run" data-result={r.result}>
                <td className="pr-4 tabular-nums">
                  {r.scheduledAt !== null ? when(r.scheduledAt) : "—"}
                </td>
                <td className="pr-4">
                  <Link
                    className="hover:underline"
                    href={`/workloads/${encodeURIComponent(namespace)}/jobs/${encodeURIComponent(r.job)}`}
                  >
                    <bdi>{r.job}</bdi>
                  </Link>
                </td>
                <td
                  className={`pr-4 ${r.result === "Failed" ? "font-semibold text-red-700 dark:text-red-300" : ""}`}
                >
                  {r.result}
                  {r.reason ? ` (${r.reason})` : ""}
                </td>
                <td className="tabular-nums">
                  {r.durationMs !== null ? formatDuration(r.durationMs, "compact") : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
