// The workload's events in the window, newest first, as `kubectl describe` lists them (Type,
// Reason, Age, From, Message; "(x{count} over {age of the first})" when repeated,
// pkg/describe/describe.go DescribeEvents), each naming the object it is about (the Deployment or
// one of its ReplicaSets …). Cluster text, rendered as text.
import { useI18n } from "@/components/I18n";
import type { WorkloadEvent } from "@/lib/rows/workload-event";
import { humanDuration } from "@/lib/k8s/time";

export function WorkloadEvents({
  events,
  at,
  when,
}: {
  events: WorkloadEvent[];
  /** The moment the answer stands for: ages are counted back from it. */
  at: number;
  when: (ms: number) => string;
}) {
  const { t } = useI18n();
  const age = (ms: number | null) => (ms === null ? "?" : humanDuration(Math.max(0, at - ms)));
  return (
    <section className="mt-6" aria-label={t("wl.events")} data-testid="workload-events">
      <h2 className="mb-2 font-semibold" data-export-heading={t("wl.events")}>
        {t("wl.events")}
      </h2>
      {events.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("wl.noEvents")}</p>
      ) : (
        <table className="w-full text-left text-sm">
          <thead className="text-slate-600 dark:text-slate-400">
            <tr>
              <th className="pr-3 font-normal">{t("wl.ev.type")}</th>
              <th className="pr-3 font-normal">{t("wl.ev.reason")}</th>
              <th className="pr-3 font-normal">{t("wl.ev.age")}</th>
              <th className="pr-3 font-normal">{t("wl.ev.from")}</th>
              <th className="pr-3 font-normal">{t("wl.ev.object")}</th>
              <th className="font-normal">{t("wl.ev.message")}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.key} data-testid="workload-event" className="align-top">
                <td
                  className={`pr-3 ${e.type === "Warning" ? "text-amber-800 dark:text-amber-300" : ""}`}
                >
                  {e.type}
                </td>
                <td className="pr-3">{e.reason}</td>
                <td
                  className="pr-3 whitespace-nowrap"
                  title={e.last !== null ? when(e.last) : undefined}
                >
                  {e.count > 1
                    ? `${age(e.last)} (x${e.count} ${t("wl.ev.over")} ${age(e.first)})`
                    : age(e.last ?? e.first)}
                </td>
                <td className="pr-3">{e.from}</td>
                <td className="pr-3">
                  <bdi>{e.object}</bdi>
                </td>
                <td className="break-words">{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
