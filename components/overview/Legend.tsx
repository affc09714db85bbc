"use client";
// The overview's legend: what each lane fill, the ready line, a restart tick and the faint
// reconstructed stretch mean.
import { memo } from "react";
import { useI18n } from "@/components/I18n";
import { LANE_LEGEND } from "@/lib/view/lanes";
import { LANE_STRIPE, PALETTE, READY_FILL } from "@/lib/view/palette";

export const Legend = memo(function Legend() {
  const { t } = useI18n();
  const sw = "inline-block h-2.5 w-4 rounded-sm align-middle mr-1";
  return (
    <span
      className="ml-auto flex flex-wrap items-center gap-x-3 whitespace-nowrap"
      aria-label={t("lg.title")}
      data-testid="legend"
    >
      {LANE_LEGEND.map(({ key, fill, hatched }) => (
        <span key={key}>
          <span
            className={sw}
            style={{
              background: hatched
                ? `repeating-linear-gradient(45deg,${fill} 0 3px,${LANE_STRIPE} 3px 5px)`
                : fill,
            }}
          />
          {t(key)}
        </span>
      ))}
      <span>
        <span
          className="mr-1 inline-block h-1 w-4 align-middle"
          style={{ background: READY_FILL }}
        />
        {t("lg.ready")}
      </span>
      <span>
        <span className="mr-1 inline-block h-3 w-0.5 bg-slate-900 align-middle dark:bg-slate-100" />
        {t("lg.restart")}
      </span>
      <span>
        <span className={sw} style={{ background: PALETTE.blue, opacity: 0.35 }} />
        {t("lg.unobserved")}
      </span>
    </span>
  );
});
