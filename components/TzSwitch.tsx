"use client";
// Local time or UTC, for every view; the choice lives in the URL (tz=utc).
import { useI18n } from "./I18n";
import type { Tz } from "@/lib/text/format";

export function TzSwitch({ tz, onChange }: { tz: Tz; onChange: (tz: Tz) => void }) {
  const { t } = useI18n();
  return (
    <div
      role="group"
      aria-label={t("tz.label")}
      className="flex overflow-hidden rounded border border-slate-300 text-xs dark:border-slate-700"
    >
      {(["local", "utc"] as const).map((z) => (
        <button
          key={z}
          type="button"
          aria-pressed={tz === z}
          data-testid={`tz-${z}`}
          onClick={() => onChange(z)}
          className={`px-2 py-0.5 ${tz === z ? "bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900" : "hover:bg-slate-100 dark:hover:bg-slate-800"}`}
        >
          {t(z === "local" ? "tz.local" : "tz.utc")}
        </button>
      ))}
    </div>
  );
}
