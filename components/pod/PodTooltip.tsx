"use client";
// The tooltip over the pod's timeline: the item in words, its times in UTC too, the API's message,
// and for a container run its last captured log line (one line, cut short).
import { useI18n } from "@/components/I18n";
import { useOnScreen } from "@/components/useOnScreen";
import type { Picked } from "@/components/timeline/PodTimelineChart";
import { formatTime, type Tz } from "@/lib/text/format";
import { itemText } from "@/lib/view/timeline-text";

export function PodTooltip({
  picked,
  now,
  tz,
  lastLine = null,
}: {
  picked: Picked;
  now: number;
  tz: Tz;
  /** A run's last captured line (components/pod/logs), when there is one. */
  lastLine?: string | null;
}) {
  const { t } = useI18n();
  // Measured, then kept on screen (lib/view/tooltip): under the item, moved left at the right edge.
  const { ref, style } = useOnScreen(
    { x: picked.x - 172, y: picked.y - 8 },
    { left: 8, top: picked.y + 6 },
    picked,
  );
  return (
    <div
      ref={ref}
      role="tooltip"
      data-testid="tooltip"
      className="pointer-events-none fixed z-50 max-w-sm rounded border border-slate-300 bg-white p-2 text-xs shadow-lg dark:border-slate-700 dark:bg-slate-900"
      style={style}
    >
      <p className="font-medium">{itemText(picked.item, now, tz, t)}</p>
      {tz === "local" && (
        <p className="text-slate-500">
          {t("tt.utc", {
            t: `${formatTime(picked.item.start, "utc")}${picked.item.end !== null && picked.item.end !== picked.item.start ? ` → ${formatTime(picked.item.end, "utc")}` : ""}`,
          })}
        </p>
      )}
      {picked.item.message && (
        <p dir="auto" className="mt-1 break-words whitespace-pre-wrap">
          {picked.item.message}
        </p>
      )}
      {lastLine && (
        <p className="mt-1 truncate" data-testid="tooltip-last-line">
          <span className="text-slate-500">{t("lr.lastLine")} </span>
          <span dir="auto" className="font-mono">
            {lastLine}
          </span>
        </p>
      )}
    </div>
  );
}
