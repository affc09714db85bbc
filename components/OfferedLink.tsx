"use client";
import { useI18n } from "./I18n";
import type { Offered } from "./useOfferLink";

/** The link just offered: what it is, whether it was copied, and the link itself to select. */
export function OfferedLink({ offered, onClose }: { offered: Offered; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <div className="mt-1 flex flex-wrap items-center gap-2" role="status">
      <span className="text-xs text-slate-600 dark:text-slate-400">
        {offered.what} {offered.copied ? t("share.copied") : t("share.copyHint")}
      </span>
      <input
        readOnly
        value={offered.url}
        data-testid="share-url"
        aria-label={offered.what}
        onFocus={(e) => e.currentTarget.select()}
        autoFocus={!offered.copied}
        className="min-w-[24rem] flex-1 rounded border border-slate-300 bg-slate-50 px-2 py-0.5 font-mono text-xs dark:border-slate-700 dark:bg-slate-900"
      />
      <button type="button" className="text-xs underline" onClick={onClose}>
        {t("share.close")}
      </button>
    </div>
  );
}
