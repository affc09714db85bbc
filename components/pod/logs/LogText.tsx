"use client";
// A captured tail with its tools: search (matches highlighted, n of m, Enter / Shift+Enter for the
// next and previous), copy to the clipboard, download as pod_container_run.log, and the lines.
import { useMemo, useRef, useState } from "react";
import { useI18n } from "@/components/I18n";
import { download } from "@/components/timeline/export";
import type { Tz } from "@/lib/text/format";
import { LogLines } from "./LogLines";
import { findMatches, logLines } from "./log-text";

const BUTTON =
  "rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 disabled:opacity-40 dark:border-slate-700 dark:hover:bg-slate-800";

function size(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}

export function LogText({
  text,
  fileName,
  tz,
  label,
  truncated,
}: {
  text: string;
  fileName: string;
  tz: Tz;
  label: string;
  truncated: boolean;
}) {
  const { t } = useI18n();
  const lines = useMemo(() => logLines(text), [text]);
  const [query, setQuery] = useState("");
  const matches = useMemo(() => findMatches(lines, query), [lines, query]);
  const [cursor, setCursor] = useState(0);
  const current = matches.length ? Math.min(cursor, matches.length - 1) : -1;
  const [copied, setCopied] = useState<"ok" | "failed" | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const timed = lines.some((l) => l.at !== null);

  const step = (by: number) => {
    if (!matches.length) return;
    setCursor((current + by + matches.length) % matches.length);
  };
  const copy = async () => {
    let outcome: "ok" | "failed" = "ok";
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      outcome = "failed";
    }
    setCopied(outcome);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopied(null), 2500);
  };
  return (
    <div>
      <div className="mb-1 flex flex-wrap items-center gap-2 text-xs">
        <input
          type="search"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setCursor(0);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              step(e.shiftKey ? -1 : 1);
            }
          }}
          placeholder={t("lr.search.placeholder")}
          aria-label={t("lr.search")}
          className="w-48 rounded border border-slate-300 px-2 py-0.5 dark:border-slate-700 dark:bg-slate-900"
          data-testid="log-search"
        />
        {query && (
          <span
            aria-live="polite"
            data-testid="log-matches"
            className="text-slate-600 dark:text-slate-400"
          >
            {matches.length
              ? t("lr.matches", { i: current + 1, n: matches.length })
              : t("lr.noMatch")}
          </span>
        )}
        <button
          type="button"
          className={BUTTON}
          onClick={() => step(-1)}
          disabled={!matches.length}
          aria-label={t("lr.prev")}
          title={t("lr.prev")}
          data-testid="log-prev"
        >
          ↑
        </button>
        <button
          type="button"
          className={BUTTON}
          onClick={() => step(1)}
          disabled={!matches.length}
          aria-label={t("lr.next")}
          title={t("lr.next")}
          data-testid="log-next"
        >
          ↓
        </button>
        <button type="button" className={BUTTON} onClick={() => void copy()} data-testid="log-copy">
          {copied === "ok" ? t("lr.copied") : t("lr.copy")}
        </button>
        {copied === "failed" && (
          <span role="status" className="text-red-700 dark:text-red-400">
            {t("lr.copyFailed")}
          </span>
        )}
        <button
          type="button"
          className={BUTTON}
          onClick={() => download(new Blob([text], { type: "text/plain;charset=utf-8" }), fileName)}
          title={fileName}
          data-testid="log-download"
        >
          {t("lr.download")}
        </button>
        <span className="ml-auto text-slate-500" data-testid="log-size">
          {t("lr.lines", { n: lines.length, size: size(new TextEncoder().encode(text).length) })}
          {truncated ? ` · ${t("lr.truncated")}` : ""}
        </span>
      </div>
      <LogLines lines={lines} matches={matches} current={current} tz={tz} label={label} />
      {timed && (
        <p className="mt-1 text-xs text-slate-500">
          {t("lr.timeNote", { zone: tz === "utc" ? "UTC" : t("tz.local") })}
        </p>
      )}
    </div>
  );
}
