"use client";
// Share and export for the pod view: a live link (follows now), a frozen link (this window, as it
// stood at its end), a snapshot (stored, outlives the pod: /s/{id}), and PNG / SVG / JSON files.
import { useState, type RefObject } from "react";
import { useI18n } from "@/components/I18n";
import { OfferedLink } from "@/components/OfferedLink";
import { createSnapshot, useOfferLink } from "@/components/useOfferLink";
import { ExportButtons } from "@/components/lanes/ExportButtons";
import { capturedLogs, exportName, podJson, svgDocument } from "@/components/timeline/export";
import { formatTime, type Tz } from "@/lib/text/format";
import { IncludeLogs, type LogsBlocked } from "./IncludeLogs";

export interface ShareState {
  namespace: string;
  name: string;
  uid: string;
  /** The window on screen. */
  domain: [number, number];
  /** The moment the data stands for (now when live). */
  at: number;
  tz: Tz;
  track: string | null;
  status: string;
}

type Note = { kind: "error"; text: string } | { kind: "busy"; text: string } | null;

function podPath(s: ShareState, extra: Record<string, string>): string {
  const q = new URLSearchParams({ uid: s.uid, ...extra });
  if (s.tz === "utc") q.set("tz", "utc");
  if (s.track) q.set("track", s.track);
  return `/pods/${encodeURIComponent(s.namespace)}/${encodeURIComponent(s.name)}?${q}`;
}

export function ShareBar({
  state,
  svgRef,
  data,
  snapshotId,
  canSnapshot,
  logs = "noGrant",
}: {
  state: ShareState;
  svgRef: RefObject<SVGSVGElement | null>;
  data: object;
  snapshotId: string | null;
  canSnapshot: boolean;
  /** Whether the runs' captured logs may go with a snapshot or the JSON export (the tick-box). */
  logs?: LogsBlocked;
}) {
  const { t } = useI18n();
  const [note, setNote] = useState<Note>(null);
  // Off by default: logs can hold secrets; ticked, the snapshot and the JSON export hold them.
  const [withLogs, setWithLogs] = useState(false);
  const includeLogs = withLogs && logs === null && snapshotId === null;
  const { offered, offer: offerLink, clear } = useOfferLink();
  const offer = async (path: string, what: string) => {
    setNote(null);
    await offerLink(path, what);
  };
  const iso = (n: number) => new Date(n).toISOString();
  const frozen = () =>
    podPath(state, { at: iso(state.at), from: iso(state.domain[0]), to: iso(state.domain[1]) });
  const snapshot = async () => {
    clear();
    setNote({ kind: "busy", text: t("share.saving") });
    try {
      const body = await createSnapshot({
        namespace: state.namespace,
        name: state.name,
        uid: state.uid,
        to: iso(state.at),
        ...(includeLogs ? { logs: true } : {}),
      });
      const q = new URLSearchParams({ from: iso(state.domain[0]), to: iso(state.domain[1]) });
      if (state.tz === "utc") q.set("tz", "utc");
      if (state.track) q.set("track", state.track);
      await offer(
        `${body.url}?${q}`,
        t("share.snapshotMade", { d: formatTime(body.expiresAt, "utc", { part: "date" }) }),
      );
    } catch (err) {
      setNote({ kind: "error", text: t("share.failed", { error: (err as Error).message }) });
    }
  };
  const caption = `${state.namespace}/${state.name} — ${state.status} — ${iso(state.domain[0])} → ${iso(state.domain[1])}`;
  const file = exportName(state.namespace, state.name, state.at);
  const exportJson = async () => {
    const head = {
      namespace: state.namespace,
      name: state.name,
      at: state.at,
      window: state.domain,
    };
    if (!includeLogs) return podJson(head, data);
    setNote({ kind: "busy", text: t("share.logs.fetching") });
    const runs = await capturedLogs(state, state.at);
    setNote(null);
    return podJson(head, data, runs);
  };

  const btn =
    "rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";
  return (
    <div className="mt-2 text-sm" data-testid="share-bar">
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label={t("share.label")}>
        {snapshotId ? (
          <button
            type="button"
            className={btn}
            data-testid="copy-snapshot-link"
            onClick={() =>
              void offer(`/s/${snapshotId}${window.location.search}`, t("share.snapshotLink"))
            }
          >
            {t("share.copySnapshot")}
          </button>
        ) : (
          <>
            <button
              type="button"
              className={btn}
              data-testid="copy-live-link"
              onClick={() => void offer(podPath(state, {}), t("share.liveLink"))}
            >
              {t("share.copyLive")}
            </button>
            <button
              type="button"
              className={btn}
              data-testid="copy-frozen-link"
              onClick={() => void offer(frozen(), t("share.frozenLink"))}
            >
              {t("share.copyFrozen")}
            </button>
            {canSnapshot && (
              <button
                type="button"
                className={btn}
                data-testid="share-snapshot"
                onClick={() => void snapshot()}
              >
                {t("share.snapshot")}
              </button>
            )}
          </>
        )}
        <ExportButtons
          file={file}
          svg={() => svgRef.current && svgDocument(svgRef.current, caption)}
          json={exportJson}
          onError={(error) => setNote({ kind: "error", text: t("share.failed", { error }) })}
        />
      </div>
      {snapshotId === null && (
        <IncludeLogs checked={withLogs} onChange={setWithLogs} blocked={logs} />
      )}
      {offered && <OfferedLink offered={offered} onClose={clear} />}
      {note?.kind === "busy" && (
        <p className="mt-1 text-xs text-slate-500" role="status">
          {note.text}
        </p>
      )}
      {note?.kind === "error" && (
        <p
          className="mt-1 text-xs text-red-700 dark:text-red-400"
          role="alert"
          data-testid="share-error"
        >
          {note.text}
        </p>
      )}
    </div>
  );
}
