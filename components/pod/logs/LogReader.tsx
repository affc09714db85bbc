"use client";
// The pod page's log reader: the run picked on the timeline (click, or Enter / Space on it) with
// its captured tail below the chart: container and run, when it ended and how, then the text. It
// says why when there is no text (not captured and why, logs off, a viewer link without --logs, an
// empty log, a network error). Esc closes it (PodView puts the focus back on the run).
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useI18n } from "@/components/I18n";
import type { MessageKey } from "@/lib/i18n";
import { formatTime, type Tz } from "@/lib/text/format";
import type { LogCaptureMode, SnapshotRunLog } from "@/lib/view/run-logs";
import { LiveTail } from "./LiveTail";
import { LogText } from "./LogText";
import { logsPath, useRunText, type RunTextState } from "./useRunLogs";

/** The run the reader shows, as the timeline has it. */
export interface ReaderRun {
  container: string;
  attempt: number;
  start: number;
  /** null: still running. */
  end: number | null;
  exitCode: number | null;
  signal: number | null;
  reason: string | null;
  /** A later run of the container follows it (LIFELINE_LOGS=failures keeps a restarted run's log, exit 0 or not). */
  restarted: boolean;
}

const NOTE = "rounded border border-slate-200 p-3 text-sm dark:border-slate-800";

function Missing({
  state,
  run,
  capture,
}: {
  state: RunTextState;
  run: ReaderRun;
  capture: LogCaptureMode | null;
}) {
  const { t } = useI18n();
  let why: string;
  if (state.state === "ok" && state.run?.why) {
    const key = `logs.why.${state.run.why}` as MessageKey;
    const known = t(key) !== key;
    why = known ? t(key) : t("lr.why.other", { code: state.run.why });
    if (state.run.detail) why += ` (${state.run.detail})`;
  } else if (capture === "failures" && run.exitCode === 0 && !run.signal && !run.restarted)
    why = t("lr.none.failures");
  else why = t("lr.none.unknown");
  return (
    <div className={NOTE} data-testid="log-none">
      <p className="font-medium">{t("lr.none")}</p>
      <p className="text-slate-600 dark:text-slate-400" data-testid="log-why">
        {why}
      </p>
    </div>
  );
}

export function LogReader({
  namespace,
  name,
  uid,
  run,
  capture,
  frozen,
  tz,
  onClose,
  followable = false,
}: {
  namespace: string;
  name: string;
  uid: string | null;
  run: ReaderRun;
  /** LIFELINE_LOGS as the runs list said it (null: not known). */
  capture: LogCaptureMode | null;
  /** A snapshot's logs (null: shared without them); undefined: read from the server. */
  frozen?: SnapshotRunLog[] | null;
  tz: Tz;
  onClose(): void;
  /** A live page: the run still going has a Follow button (its live log, LiveTail.tsx). */
  followable?: boolean;
}) {
  const { t } = useI18n();
  const [retry, setRetry] = useState(0);
  // Kept when the run ends meanwhile: the live tail says how it ended; closing it shows the capture.
  const [following, setFollowing] = useState(false);
  const path = logsPath(namespace, name, { uid, container: run.container, run: run.attempt });
  const state = useRunText(
    path,
    frozen,
    run.container,
    run.end === null ? null : run.attempt,
    retry,
  );
  const panel = useRef<HTMLElement>(null);
  const label = t("lr.region", { container: run.container, n: run.attempt });

  // Opening a run moves the focus into the reader, so a screen reader hears what opened.
  useEffect(() => {
    panel.current?.focus();
  }, [run.container, run.attempt]);

  const how =
    run.end === null
      ? t("lr.stillRunning")
      : [
          t("lr.ended", { t: formatTime(run.end, tz) }),
          `${t("lr.exit", { code: run.exitCode ?? "?" })}${run.reason ? ` (${run.reason})` : ""}`,
          run.signal ? t("lr.signal", { n: run.signal }) : null,
        ]
          .filter(Boolean)
          .join(" · ");

  let body: ReactNode;
  if (following) {
    body = (
      <LiveTail
        namespace={namespace}
        name={name}
        container={run.container}
        tz={tz}
        onClose={() => setFollowing(false)}
      />
    );
  } else if (run.end === null) {
    body = (
      <div className={NOTE} data-testid="log-running">
        <p>{t("lr.running")}</p>
        {followable && (
          <button
            type="button"
            className="mt-2 rounded border border-slate-300 px-2 py-0.5 text-xs dark:border-slate-700"
            onClick={() => setFollowing(true)}
            data-testid="log-follow"
          >
            {t("lr.follow")}
          </button>
        )}
      </div>
    );
  } else if (state.state === "loading") {
    body = (
      <p className="text-sm text-slate-500" role="status" data-testid="log-loading">
        {t("lr.loading")}
      </p>
    );
  } else if (state.state === "forbidden") {
    body = (
      <p className={NOTE} data-testid="log-forbidden">
        {t("lr.forbidden")}
      </p>
    );
  } else if (state.state === "unshared" || (capture === "off" && state.state !== "ok")) {
    body = (
      <p className={NOTE} data-testid="log-off">
        {state.state === "unshared" ? t("lr.unshared") : t("lr.off")}
      </p>
    );
  } else if (state.state === "error") {
    body = (
      <div className={NOTE} role="alert" data-testid="log-error">
        <p>{t("lr.error", { error: state.error })}</p>
        <button
          type="button"
          className="mt-2 rounded border px-2 py-0.5 text-xs dark:border-slate-700"
          onClick={() => setRetry((n) => n + 1)}
        >
          {t("lr.retry")}
        </button>
      </div>
    );
  } else if (state.state === "missing" || state.text === null) {
    body = <Missing state={state} run={run} capture={capture} />;
  } else if (state.text === "") {
    body = (
      <p className={NOTE} data-testid="log-empty">
        {t("lr.empty")}
      </p>
    );
  } else {
    body = (
      <LogText
        text={state.text}
        fileName={`${name}_${run.container}_${run.attempt}.log`}
        tz={tz}
        label={label}
        truncated={state.run?.truncated ?? false}
      />
    );
  }

  return (
    <section
      ref={panel}
      tabIndex={-1}
      aria-label={label}
      className="mt-3 rounded border border-slate-200 p-3 outline-none focus-visible:ring-2 dark:border-slate-800"
      data-testid="log-reader"
      data-container={run.container}
      data-run={run.attempt}
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <header className="mb-2 flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <h2 className="font-mono text-sm font-semibold" data-testid="log-title">
          {t("lr.title", { container: run.container, n: run.attempt })}
        </h2>
        <span className="text-xs text-slate-600 dark:text-slate-400" data-testid="log-how">
          {how}
        </span>
        <button
          type="button"
          onClick={onClose}
          className="ml-auto rounded border border-slate-300 px-2 py-0.5 text-xs dark:border-slate-700"
          aria-label={t("lr.close")}
          title={t("lr.close")}
          data-testid="log-close"
        >
          ×
        </button>
      </header>
      {body}
    </section>
  );
}
