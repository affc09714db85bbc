"use client";
// "Why is it like this?": what this pod shows, what its state means, the likely causes that fit and
// the commands to run next.
import { useState } from "react";
import type { Explanation as E } from "@/lib/view/explain";
import { useI18n } from "@/components/I18n";
import { RunQuote, type QuoteSource } from "./RunQuote";

export function Explanation({
  e,
  heading,
  onClose,
  testId,
  quote = null,
}: {
  e: E;
  heading: string;
  onClose?: () => void;
  testId: string;
  /** The failed run whose captured log is quoted (null: none, or the person may not read logs). */
  quote?: QuoteSource | null;
}) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<number | null>(null);
  return (
    <section
      aria-label={t("why.title")}
      data-testid={testId}
      data-explain={e.key}
      className={`rounded border p-3 text-sm ${e.healthy ? "border-slate-200 dark:border-slate-800" : "border-amber-300 bg-amber-50/50 dark:border-amber-800 dark:bg-amber-950/30"}`}
    >
      <div className="flex items-start justify-between gap-2">
        <h2 className="font-semibold">
          {t("why.title")}{" "}
          <span className="font-normal text-slate-600 dark:text-slate-400">{heading}</span>
        </h2>
        {onClose && (
          <button
            type="button"
            onClick={onClose}
            className="text-xs underline"
            aria-label={t("why.close")}
          >
            {t("why.close")}
          </button>
        )}
      </div>
      {e.facts.length > 0 && (
        <>
          <h3 className="mt-1 font-medium">{t("why.seen")}</h3>
          <ul className="ml-5 list-disc break-words" data-testid="why-facts">
            {e.facts.map((f, i) => (
              <li key={i}>{f}</li>
            ))}
          </ul>
        </>
      )}
      {quote && <RunQuote key={`${quote.run.container}/${quote.run.attempt}`} src={quote} />}
      <p className={e.facts.length > 0 ? "mt-2" : "mt-1"}>{e.meaning}</p>
      {e.causes.length > 0 && (
        <>
          <h3 className="mt-2 font-medium">{t("why.causes")}</h3>
          <ul className="ml-5 list-disc">
            {e.causes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </>
      )}
      <h3 className="mt-2 font-medium">{t("why.next")}</h3>
      <ul className="space-y-1">
        {e.commands.map((c, i) => (
          <li key={c} className="flex items-start gap-2">
            <code className="block min-w-0 flex-1 rounded bg-slate-100 px-2 py-1 font-mono text-xs break-all whitespace-pre-wrap dark:bg-slate-800">
              {c}
            </code>
            <button
              type="button"
              className="text-xs underline"
              onClick={() => {
                void navigator.clipboard?.writeText(c).then(
                  () => setCopied(i),
                  () => setCopied(null),
                );
              }}
            >
              {copied === i ? "✓" : t("why.copy")}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
