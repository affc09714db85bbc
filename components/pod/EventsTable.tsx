"use client";
// The pod's events, newest first. Hovering a timeline item highlights the events in its span;
// clicking a row moves the timeline to the event.
import { useI18n } from "@/components/I18n";
import { formatTime, type Tz } from "@/lib/text/format";

export interface EventRow {
  type: string;
  reason: string;
  message: string;
  container: string | null;
  first: number | null;
  last: number | null;
  count: number;
}

export function EventsTable({
  events,
  tz,
  highlight,
  onPick,
}: {
  events: EventRow[];
  tz: Tz;
  highlight: { start: number; end: number } | null;
  onPick: (e: EventRow) => void;
}) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="events-title">
      <h2 id="events-title" className="font-semibold">
        {t("ev.title")}
      </h2>
      {events.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500" data-testid="events-empty">
          {t("ev.empty")}
        </p>
      ) : (
        <>
          <p className="text-xs text-slate-500">{t("ev.jump")}</p>
          <div className="mt-1 max-h-96 overflow-auto rounded border border-slate-200 dark:border-slate-800">
            <table className="w-full text-left text-xs" data-testid="events">
              <thead className="sticky top-0 bg-slate-50 dark:bg-slate-900">
                <tr>
                  <th className="px-2 py-1 font-medium">{t("ev.time")}</th>
                  <th className="px-2 py-1 font-medium">{t("ev.type")}</th>
                  <th className="px-2 py-1 font-medium">{t("ev.reason")}</th>
                  <th className="px-2 py-1 font-medium">{t("ev.object")}</th>
                  <th className="px-2 py-1 font-medium">{t("ev.count")}</th>
                  <th className="px-2 py-1 font-medium">{t("ev.message")}</th>
                </tr>
              </thead>
              <tbody>
                {events.map((e, i) => {
                  const hot =
                    highlight !== null &&
                    e.last !== null &&
                    (e.first ?? e.last) <= highlight.end &&
                    e.last >= highlight.start;
                  return (
                    <tr
                      key={i}
                      tabIndex={0}
                      data-hot={hot ? "true" : undefined}
                      onClick={() => onPick(e)}
                      onKeyDown={(k) =>
                        (k.key === "Enter" || k.key === " ") && (k.preventDefault(), onPick(e))
                      }
                      className={`cursor-pointer border-t border-slate-100 align-top hover:bg-slate-50 focus:bg-sky-50 focus:outline-none dark:border-slate-800 dark:hover:bg-slate-900 dark:focus:bg-sky-950 ${hot ? "bg-amber-100 dark:bg-amber-900/40" : ""}`}
                    >
                      <td className="px-2 py-1 font-mono whitespace-nowrap">
                        {e.last !== null ? formatTime(e.last, tz) : "—"}
                      </td>
                      <td
                        className={`px-2 py-1 ${e.type === "Warning" ? "font-medium text-vermillion" : ""}`}
                      >
                        {e.type === "Warning" ? "⚠ " : ""}
                        {e.type}
                      </td>
                      <td dir="auto" className="px-2 py-1">
                        {e.reason}
                      </td>
                      <td className="px-2 py-1 font-mono">{e.container ?? "pod"}</td>
                      <td className="px-2 py-1">{e.count}</td>
                      <td dir="auto" className="px-2 py-1 break-words" data-testid="event-message">
                        {e.message}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
