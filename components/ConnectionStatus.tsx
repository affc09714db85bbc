"use client";
// The connection banner: which cluster Lifeline reads and how the connection is doing (connected,
// syncing, retrying since …, the last error), polled from GET /api/cluster every 5 seconds.
import { describeAnswer } from "@/lib/view/connection";
import { formatTime } from "@/lib/text/format";
import { useI18n } from "./I18n";
import { useClusterInfo } from "./useClusterInfo";

const TONES = {
  ok: "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100",
  busy: "border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100",
  warn: "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100",
  error:
    "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100",
} as const;

const DOTS = {
  ok: "bg-emerald-500",
  busy: "bg-sky-500 animate-pulse",
  warn: "bg-amber-500",
  error: "bg-red-500",
} as const;

export function ConnectionStatus() {
  const { t } = useI18n();
  const { answer, at } = useClusterInfo();
  if (!answer) {
    return (
      <div
        role="status"
        aria-live="polite"
        className={`border-b px-6 py-1.5 text-sm ${TONES.busy}`}
        data-testid="connection"
        data-tone="loading"
      >
        {t("conn.loading")}
      </div>
    );
  }
  // Re-rendered when an answer arrives (every 5 s): the banner as of that answer.
  const view = describeAnswer(answer, at, at, t);
  const reflectors = answer.ok ? answer.info.connection.reflectors : [];
  return (
    <div
      role="status"
      aria-live="polite"
      className={`border-b px-6 py-1.5 text-sm ${TONES[view.tone]}`}
      data-testid="connection"
      data-tone={view.tone}
    >
      <details>
        <summary className="cursor-pointer list-none">
          <span
            aria-hidden
            className={`mr-2 inline-block h-2 w-2 rounded-full align-middle ${DOTS[view.tone]}`}
          />
          <span className="font-medium" data-testid="connection-title">
            {view.title}
          </span>
          <span className="ml-2 opacity-80" data-testid="connection-detail">
            {view.detail}
          </span>
          {view.nodes && (
            // Where the nodes would show: what a namespaced install leaves out, on a line of its own.
            <span className="mt-0.5 block opacity-80" data-testid="connection-nodes">
              {view.nodes}
            </span>
          )}
          {view.logs && (
            // Capture is degraded there whatever the connection's tone: an amber dot of its own.
            <span className="mt-0.5 block" data-testid="connection-logs">
              <span
                aria-hidden
                className={`mr-2 inline-block h-2 w-2 rounded-full align-middle ${DOTS.warn}`}
              />
              <span className="opacity-80">{view.logs}</span>
            </span>
          )}
          {view.workloads && (
            // Workload kinds Lifeline cannot list: what the workload pages leave out, on a line of its own.
            <span className="mt-0.5 block opacity-80" data-testid="connection-workloads">
              {view.workloads}
            </span>
          )}
          {view.signIn && (
            <a
              className="ml-2 font-medium underline"
              data-testid="connection-sign-in"
              href={`/login?next=${encodeURIComponent(window.location.pathname + window.location.search)}`}
            >
              {t("conn.signIn")}
            </a>
          )}
        </summary>
        {reflectors.length > 0 && (
          <table className="mt-1 font-mono text-xs" aria-label={t("conn.watches")}>
            <thead>
              <tr className="text-left opacity-70">
                <th className="pr-4 font-normal">{t("conn.col.watch")}</th>
                <th className="pr-4 font-normal">{t("conn.col.state")}</th>
                <th className="pr-4 font-normal">{t("conn.col.since")}</th>
                <th className="pr-4 font-normal">{t("conn.col.lists")}</th>
                <th className="pr-4 font-normal">{t("conn.col.watches")}</th>
                <th className="font-normal">{t("conn.col.error")}</th>
              </tr>
            </thead>
            <tbody>
              {reflectors.map((r) => (
                <tr key={r.path}>
                  <td className="pr-4">{r.path}</td>
                  <td className="pr-4">{r.phase}</td>
                  <td className="pr-4">{formatTime(r.since, "utc", { part: "time" })}</td>
                  <td className="pr-4">{r.lists}</td>
                  <td className="pr-4">{r.watches}</td>
                  <td>{r.lastError ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </details>
    </div>
  );
}
