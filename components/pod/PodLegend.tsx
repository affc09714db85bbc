"use client";
// The pod timeline's legend: what each fill, hatch and mark means.
import { useI18n } from "@/components/I18n";
import { hatchSwatch, PALETTE, runFill } from "@/lib/view/palette";

const SW = "inline-block h-3 w-5 rounded-sm align-middle mr-1";
export function PodLegend() {
  const { t } = useI18n();
  return (
    <details className="mt-2 text-xs">
      <summary className="cursor-pointer text-slate-600 dark:text-slate-400">
        {t("lg.title")}
      </summary>
      <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        <li>
          <span className={SW} style={{ background: PALETTE.blue }} />
          {t("lg.run.running")}
        </li>
        <li>
          <span className={SW} style={{ background: PALETTE.green }} />
          {t("lg.run.ok")}
        </li>
        <li>
          {/* Solid, as the chart draws a failed run (hatching is for waiting and what is not True). */}
          <span className={SW} style={{ background: runFill(1, "Error") }} />
          {t("lg.run.failed")}
        </li>
        <li>
          <span className={SW} style={{ background: PALETTE.purple }} />
          {t("lg.run.oom")}
        </li>
        <li>
          <span className={SW} style={{ background: hatchSwatch("orange") }} />
          {t("lg.waiting")}
        </li>
        <li>
          <span className="mr-1 font-mono">⌐¬</span>
          {t("lg.backoff")}
        </li>
        <li>{t("lg.probe")}</li>
        <li>
          <span className="mr-1 text-vermillion">✕</span>
          {t("mk.probe-kill")}
        </li>
        <li>
          <span className={SW} style={{ background: hatchSwatch("grey") }} />
          {t("lg.node")}
        </li>
        <li>
          <span
            className={SW}
            style={{
              background: "repeating-linear-gradient(45deg,#9994 0 3px,transparent 3px 6px)",
            }}
          />
          {t("lg.unobserved")}
        </li>
      </ul>
    </details>
  );
}
