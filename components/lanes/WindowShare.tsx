"use client";
// Share for the pages drawn over a window (a workload's): a live link (the same page following
// now, with its preset and zone), a frozen link (this window as `?from=&to=`), and a snapshot
// (POST /api/snapshots: the server stores what the page drew; /s/{id}); PNG, SVG and JSON export
// as the pod page's (ExportButtons). On a snapshot, its own link, and the banner that says what it
// is and when it was taken.
import { useState } from "react";
import { useI18n } from "@/components/I18n";
import type { MessageKey } from "@/lib/i18n";
import { OfferedLink } from "@/components/OfferedLink";
import { createSnapshot, useOfferLink } from "@/components/useOfferLink";
import { ExportButtons } from "./ExportButtons";
import { formatTime, type Tz } from "@/lib/text/format";

/** A stored snapshot, as /s/{id} hands it to the view. */
export interface SnapshotInfo {
  id: string;
  createdAt: number;
  expiresAt: number;
  createdBy: string | null;
}

const btn =
  "rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";

const iso = (n: number) => new Date(n).toISOString();

export function WindowShareBar({
  path,
  window: [from, to],
  tz,
  preset,
  request,
  canSnapshot,
  snapshotId,
  exports,
}: {
  /** The page's own path (/workloads/dev/deployments/web). */
  path: string;
  /** The window on screen. */
  window: [number, number];
  tz: Tz;
  /** The live preset in the URL (?window=), kept by the live link; null: the default. */
  preset: string | null;
  /** What POST /api/snapshots is sent (with the window added). */
  request: Record<string, string>;
  canSnapshot: boolean;
  /** On a snapshot's page: its id (the bar offers its link only). */
  snapshotId: string | null;
  /** The export's file name, SVG document and JSON (the page's answer for the window). */
  exports?: {
    file: string;
    svg: () => string | null;
    json: () => string | null;
  };
}) {
  const { t } = useI18n();
  const { offered, offer, clear } = useOfferLink();
  const [note, setNote] = useState<{ busy: boolean; text: string } | null>(null);
  const query = (q: Record<string, string>) => {
    const s = new URLSearchParams(q);
    if (tz === "utc") s.set("tz", "utc");
    return s.size ? `?${s}` : "";
  };
  const say = async (link: string, what: string) => {
    setNote(null);
    await offer(link, what);
  };
  const snapshot = async () => {
    clear();
    setNote({ busy: true, text: t("share.saving") });
    try {
      const body = await createSnapshot({ ...request, from: iso(from), to: iso(to) });
      await say(
        `${body.url}${query({})}`,
        t("share.snapshotMade.view", { d: formatTime(body.expiresAt, "utc", { part: "date" }) }),
      );
    } catch (err) {
      setNote({ busy: false, text: t("share.failed", { error: (err as Error).message }) });
    }
  };
  return (
    <div className="mt-2 text-sm" data-testid="share-bar">
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label={t("share.label")}>
        {snapshotId ? (
          <button
            type="button"
            className={btn}
            data-testid="copy-snapshot-link"
            onClick={() =>
              void say(`/s/${snapshotId}${window.location.search}`, t("share.snapshotLink"))
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
              onClick={() =>
                void say(`${path}${query(preset ? { window: preset } : {})}`, t("share.liveLink"))
              }
            >
              {t("share.copyLive")}
            </button>
            <button
              type="button"
              className={btn}
              data-testid="copy-frozen-link"
              onClick={() =>
                void say(
                  `${path}${query({ from: iso(from), to: iso(to) })}`,
                  t("share.frozenWindow"),
                )
              }
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
        {exports && (
          <ExportButtons
            {...exports}
            onError={(error) => setNote({ busy: false, text: t("share.failed", { error }) })}
          />
        )}
      </div>
      {offered && <OfferedLink offered={offered} onClose={clear} />}
      {note && (
        <p
          className={`mt-1 text-xs ${note.busy ? "text-slate-500" : "text-red-700 dark:text-red-400"}`}
          role={note.busy ? "status" : "alert"}
          data-testid={note.busy ? undefined : "share-error"}
        >
          {note.text}
        </p>
      )}
    </div>
  );
}

/** What a snapshot's page says first: what this is, the moment it stands for, when it was stored and until when it is kept. */
export function SnapshotBanner({
  snapshot,
  at,
  tz,
  message,
}: {
  snapshot: SnapshotInfo;
  at: number;
  tz: Tz;
  message: MessageKey;
}) {
  const { t } = useI18n();
  return (
    <p
      className="mt-2 rounded border border-violet-300 bg-violet-50 px-3 py-1.5 text-sm text-violet-950 dark:border-violet-800 dark:bg-violet-950 dark:text-violet-100"
      data-testid="snapshot-banner"
    >
      {t(message, {
        at: formatTime(at, tz),
        made: formatTime(snapshot.createdAt, tz),
        until: formatTime(snapshot.expiresAt, tz, { part: "date" }),
      })}
      {snapshot.createdBy ? ` ${t("snap.by", { who: snapshot.createdBy })}` : ""}
    </p>
  );
}
