"use client";
// "Why is it like this?" quotes the failed run's last words: its last error-looking line
// (lib/text/error-line.ts) from the tail Lifeline captured (GET /api/pods/{ns}/{name}/logs
// ?container=&run=). Rendered as text. Only asked for when the person may read logs: a viewer
// token without --logs, a snapshot's reader and LIFELINE_LOGS=off get no quote (and the route
// itself answers a viewer without the grant 403, so no log text reaches it either way).
import { useEffect, useState } from "react";
import { useI18n } from "@/components/I18n";
import { errorLine } from "@/lib/text/error-line";
import type { FailedRun } from "@/lib/view/run-quote";

export interface QuoteSource {
  namespace: string;
  name: string;
  uid: string;
  run: FailedRun;
}

/** A tail is captured a little after its run ends (the queue, the rate limit): asked again. */
export const RETRY_MS = 5_000;
const RETRIES = 12;

type Known = { line: string | null } | "pending";
const cache = new Map<string, Known>();
const keyOf = (s: QuoteSource) =>
  `${s.namespace}/${s.name}/${s.uid}/${s.run.container}/${s.run.attempt}`;

/** The quoted line of the run, null while unknown or when there is none. */
export function useRunQuote(src: QuoteSource | null): string | null {
  const key = src ? keyOf(src) : null;
  const [line, setLine] = useState<{ key: string; line: string | null } | null>(null);
  useEffect(() => {
    if (!src || !key) return;
    const known = cache.get(key);
    if (known && known !== "pending") {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- a line read before (another selection)
      setLine({ key, line: known.line });
      return;
    }
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const ask = async (left: number) => {
      const q = new URLSearchParams({
        uid: src.uid,
        container: src.run.container,
        run: String(src.run.attempt),
      });
      const url = `/api/pods/${encodeURIComponent(src.namespace)}/${encodeURIComponent(src.name)}/logs?${q}`;
      let res: Response;
      try {
        res = await fetch(url, { cache: "no-store" });
      } catch {
        return;
      }
      if (stopped) return;
      // Not captured yet (or never: it says why on the run); anything else is an answer.
      if (res.status === 404 && left > 0) {
        timer = setTimeout(() => void ask(left - 1), RETRY_MS);
        return;
      }
      const body = res.ok ? await res.json().catch(() => null) : null;
      if (stopped) return;
      const text = typeof body?.text === "string" ? body.text : null;
      const found = { line: text === null ? null : errorLine(text) };
      if (cache.size > 100) cache.clear();
      cache.set(key, found);
      setLine({ key, line: found.line });
    };
    void ask(RETRIES);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
    // `key` names everything of `src` that is asked.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return line && line.key === key ? line.line : null;
}

export function RunQuote({ src }: { src: QuoteSource }) {
  const { t } = useI18n();
  const line = useRunQuote(src);
  if (!line) return null;
  return (
    <figure className="mt-2" aria-label={t("why.quote.label")} data-testid="why-quote">
      <blockquote
        dir="auto"
        className="border-l-4 border-red-400 bg-white/60 px-2 py-1 font-mono text-xs break-all whitespace-pre-wrap dark:border-red-700 dark:bg-slate-900/60"
      >
        {line}
      </blockquote>
      <figcaption className="mt-0.5 text-xs text-slate-600 dark:text-slate-400">
        — {t("why.quote.from", { n: src.run.attempt, container: src.run.container })}
      </figcaption>
    </figure>
  );
}

/** For tests: forget what was read. */
export function forgetQuotes(): void {
  cache.clear();
}
