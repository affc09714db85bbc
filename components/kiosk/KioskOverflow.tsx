"use client";
// Below the kiosk's cards when they cannot hold every pod (150,000 pods, a few pages of cards): how
// many pods in trouble have no card, by namespace, and how many healthy ones are not shown.
import { useI18n } from "@/components/I18n";
import type { KioskOverflow as Overflow } from "@/lib/view/kiosk-overflow";
import { VERMILLION_ON_DARK } from "@/lib/view/palette";

const count = (n: number) => n.toLocaleString("en-US");

/** `dim`: the data is stale (drawn like the cards then). */
export function KioskOverflow({ overflow: o, dim }: { overflow: Overflow; dim: boolean }) {
  const { t } = useI18n();
  return (
    <section
      className={`mx-[0.75em] flex h-[7.5em] flex-wrap content-start items-baseline gap-x-[1em] gap-y-[0.3em] overflow-hidden rounded-[0.4em] border border-slate-700 bg-slate-900 px-[0.6em] py-[0.35em] ${dim ? "opacity-50 grayscale" : ""}`}
      aria-label={t("kiosk.overflow")}
      data-testid="kiosk-overflow"
    >
      {o.hiddenTrouble > 0 && (
        <strong
          className="text-[1.35em] text-amber-300"
          data-testid="kiosk-hidden-trouble"
          title={t("kiosk.hiddenTrouble.title")}
        >
          {t("kiosk.hiddenTrouble", { n: count(o.hiddenTrouble) })}
        </strong>
      )}
      {o.namespaces.map(([ns, failing, warning]) => (
        <span key={ns} className="text-[1.1em] whitespace-nowrap" data-testid="kiosk-overflow-ns">
          <bdi className="font-semibold">{ns}</bdi>:{" "}
          {failing > 0 && (
            <span style={{ color: VERMILLION_ON_DARK }}>
              {t("kiosk.failing", { n: count(failing) })}
            </span>
          )}
          {failing > 0 && warning > 0 && ", "}
          {warning > 0 && (
            <span className="text-amber-300">{t("kiosk.warning", { n: count(warning) })}</span>
          )}
        </span>
      ))}
      {o.moreNamespaces > 0 && (
        <span className="text-[1.1em] text-slate-300">
          {t("kiosk.moreNamespaces", { n: count(o.moreNamespaces) })}
        </span>
      )}
      {o.hiddenHealthy > 0 && (
        <span className="text-[1.1em] text-slate-400" data-testid="kiosk-hidden-healthy">
          {t("kiosk.hiddenHealthy", { n: count(o.hiddenHealthy) })}
        </span>
      )}
    </section>
  );
}
