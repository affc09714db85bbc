"use client";
// The share bar's "include logs" tick-box: off by default; ticked, the snapshot (POST
// /api/snapshots with logs: true) and the JSON export hold the runs' captured logs. It says that
// logs can hold secrets, and is disabled with the reason when the person may not read logs or
// Lifeline captures none.
import { useId } from "react";
import { useI18n } from "@/components/I18n";

/** Can logs go with a share: null yes; else why not. */
export type LogsBlocked = null | "noGrant" | "off";

export function IncludeLogs({
  checked,
  onChange,
  blocked,
}: {
  checked: boolean;
  onChange: (v: boolean) => void;
  blocked: LogsBlocked;
}) {
  const { t } = useI18n();
  const hint = useId();
  return (
    <div className="mt-1 flex flex-wrap items-center gap-x-2 text-xs" data-testid="share-logs">
      <label className="inline-flex items-center gap-1">
        <input
          type="checkbox"
          data-testid="share-include-logs"
          checked={checked && blocked === null}
          disabled={blocked !== null}
          aria-describedby={hint}
          onChange={(e) => onChange(e.target.checked)}
        />
        {t("share.logs")}
      </label>
      <span id={hint} className="text-slate-500" data-testid="share-include-logs-hint">
        {blocked === null
          ? t("share.logs.hint")
          : t(blocked === "noGrant" ? "share.logs.noGrant" : "share.logs.off")}
      </span>
    </div>
  );
}
