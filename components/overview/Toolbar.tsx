"use client";
// The line under the filters: how many pods are shown, the share buttons (a live link, a frozen
// window, a stored snapshot; on a snapshot its own link), nodes not Ready, the sort, the stream's
// and the list's warnings, and the legend; below it, the link offered to copy or the share error.
import { useState, type ReactNode } from "react";
import { useI18n } from "@/components/I18n";
import { OfferedLink } from "@/components/OfferedLink";
import { createSnapshot, useOfferLink } from "@/components/useOfferLink";
import { formatTime } from "@/lib/text/format";
import { shareQueries, windowRange, writeState, type OverviewState } from "@/lib/view/overview";
import { COLS } from "./GridHeader";
import { Legend } from "./Legend";

function ShareButton({
  testId,
  onClick,
  children,
}: {
  testId: string;
  onClick: () => Promise<void>;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className="rounded border border-slate-300 px-1.5 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
      data-testid={testId}
      onClick={() => void onClick()}
    >
      {children}
    </button>
  );
}

export function Toolbar({
  state,
  now,
  base,
  frozen,
  canSnapshot,
  count,
  nodesNotReady,
  nodesHidden = false,
  retrying,
  truncated,
}: {
  state: OverviewState;
  now: number;
  /** The page's path: / or the snapshot's /s/{id}. */
  base: string;
  /** On a stored snapshot. */
  frozen: boolean;
  canSnapshot: boolean;
  count: { shown: number; total: number };
  nodesNotReady: string[];
  /** The server may not list nodes (a namespaced install): their readiness is unknown, not fine. */
  nodesHidden?: boolean;
  /** The live stream is down and being retried. */
  retrying: boolean;
  truncated: boolean;
}) {
  const { t } = useI18n();
  const { offered, offer, clear: clearOffered } = useOfferLink();
  const [shareError, setShareError] = useState<string | null>(null);
  // Share snapshot: the server stores the rows of this window (filters by namespace and selector).
  const snapshot = async () => {
    setShareError(null);
    clearOffered();
    const [a, b] = windowRange(state, now);
    try {
      const body = await createSnapshot({
        kind: "overview",
        namespace: state.namespaces.join(",") || undefined,
        selector: state.selector || undefined,
        from: new Date(a).toISOString(),
        to: new Date(b).toISOString(),
      });
      await offer(
        `${body.url}?${writeState({ ...state, from: a, to: b })}`,
        t("share.snapshotMade", { d: formatTime(body.expiresAt, "utc", { part: "date" }) }),
      );
    } catch (err) {
      setShareError(t("share.failed", { error: (err as Error).message }));
    }
  };
  return (
    <>
      <div className="mt-1 flex items-center gap-3 text-xs text-slate-600 dark:text-slate-400">
        <span data-testid="count">
          {t("ov.count", {
            shown: count.shown.toLocaleString("en-US"),
            total: count.total.toLocaleString("en-US"),
          })}
        </span>
        {frozen ? (
          <ShareButton
            testId="copy-snapshot-link"
            onClick={() => offer(`${base}?${writeState(state)}`, t("share.snapshotLink"))}
          >
            {t("share.copySnapshot")}
          </ShareButton>
        ) : (
          <>
            <ShareButton
              testId="copy-live-link"
              onClick={() => offer(`/?${shareQueries(state, now).live}`, t("share.liveLink"))}
            >
              {t("share.copyLive")}
            </ShareButton>
            <ShareButton
              testId="copy-frozen-link"
              onClick={() => offer(`/?${shareQueries(state, now).frozen}`, t("share.frozenWindow"))}
            >
              {t("share.copyFrozen")}
            </ShareButton>
            {canSnapshot && (
              <ShareButton testId="share-snapshot" onClick={snapshot}>
                {t("share.snapshot")}
              </ShareButton>
            )}
          </>
        )}
        {nodesNotReady.length > 0 && (
          <span
            role="status"
            className="rounded bg-vermillion px-1 font-semibold text-black"
            data-testid="nodes-not-ready"
            title={t("health.nodesNotReady.title", { names: nodesNotReady.join(", ") })}
          >
            {t("health.nodesNotReady", { n: nodesNotReady.length })}
          </span>
        )}
        {nodesHidden && (
          <span
            className="rounded border border-current px-1"
            data-testid="nodes-hidden"
            title={t("conn.nodes.forbidden")}
          >
            {t("health.nodesHidden")}
          </span>
        )}
        <span>
          ·{" "}
          {t("ov.sorted", {
            column:
              state.sort === "problems"
                ? t("ov.sort.problems")
                : t(COLS.find((c) => c.key === state.sort)!.label),
          })}
        </span>
        {retrying && (
          <span role="status" className="text-amber-700 dark:text-amber-400">
            {t("ov.stream.retrying")}
          </span>
        )}
        {truncated && (
          <span role="status" className="text-amber-700">
            {t("ov.truncated")}
          </span>
        )}
        <Legend />
      </div>
      {offered && <OfferedLink offered={offered} onClose={clearOffered} />}
      {shareError && (
        <p
          role="alert"
          className="mt-1 text-xs text-red-700 dark:text-red-400"
          data-testid="share-error"
        >
          {shareError}
        </p>
      )}
    </>
  );
}
