"use client";
// The pod page's head: the pod's name, STATUS, READY, RESTARTS, node and uid, its owner and
// containers, and what the page shows (a snapshot, a moment of a frozen link, other pods that had
// the name).
import Link from "next/link";
import { useI18n } from "@/components/I18n";
import type { Owner, PodTimeline } from "@/lib/timeline/types";
import { formatTime, type Tz } from "@/lib/text/format";
import type { PodHeader as Columns } from "@/lib/view/pod-summary";
import { PodFacts } from "./PodFacts";
import type { Frozen } from "./PodView";

export function PodHeader({
  namespace,
  name,
  timeline,
  head,
  tz,
  frozen,
  linkAt,
  now,
  otherUids,
  owners = [],
}: {
  namespace: string;
  name: string;
  timeline: PodTimeline;
  /** podHeader's columns. */
  head: Pick<Columns, "status" | "ready" | "restarts">;
  tz: Tz;
  frozen: Frozen | null;
  /** A frozen link's moment (?at=); null: live or a snapshot. */
  linkAt: number | null;
  now: number;
  otherUids: string[];
  /** The owners above the pod's own, nearest first. */
  owners?: Owner[];
}) {
  const { t } = useI18n();
  return (
    <>
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
        <Link href={`/${tz === "utc" ? "?tz=utc" : ""}`} className="text-sm hover:underline">
          {t("pod.back")}
        </Link>
        <h1 className="text-xl font-semibold">
          <span className="text-slate-500">{namespace}/</span>
          {name}
        </h1>
        <span
          className="rounded bg-slate-100 px-2 py-0.5 font-mono text-sm dark:bg-slate-800"
          data-testid="pod-status"
        >
          <bdi>{head.status}</bdi>
        </span>
        <span className="text-sm text-slate-500">
          {t("col.ready")} {head.ready} · {t("col.restarts")} {head.restarts} · {t("pod.node")}{" "}
          {timeline.node ? (
            <Link className="hover:underline" href={`/nodes/${encodeURIComponent(timeline.node)}`}>
              <bdi>{timeline.node}</bdi>
            </Link>
          ) : (
            "—"
          )}
        </span>
        <span className="text-xs text-slate-500">uid {timeline.uid}</span>
      </div>
      <PodFacts timeline={timeline} owners={owners} />
      {frozen && (
        <p
          className="mt-2 rounded border border-violet-300 bg-violet-50 px-3 py-1.5 text-sm text-violet-950 dark:border-violet-800 dark:bg-violet-950 dark:text-violet-100"
          data-testid="snapshot-banner"
        >
          {t("snap.banner", {
            at: formatTime(frozen.at, tz),
            made: formatTime(frozen.snapshot.createdAt, tz),
            until: formatTime(frozen.snapshot.expiresAt, tz, { part: "date" }),
          })}
          {frozen.snapshot.createdBy ? ` ${t("snap.by", { who: frozen.snapshot.createdBy })}` : ""}
        </p>
      )}
      {!frozen && linkAt !== null && (
        <p
          className="mt-2 rounded border border-violet-300 bg-violet-50 px-3 py-1.5 text-sm text-violet-950 dark:border-violet-800 dark:bg-violet-950 dark:text-violet-100"
          data-testid="frozen-banner"
        >
          {t("snap.frozenLink", { at: formatTime(now, tz) })}{" "}
          <a
            className="underline"
            href={`?uid=${encodeURIComponent(timeline.uid)}${tz === "utc" ? "&tz=utc" : ""}`}
          >
            {t("snap.openLive")}
          </a>
        </p>
      )}
      {!frozen && otherUids.length > 0 && (
        <p className="mt-1 text-sm">
          {t("pod.others")}{" "}
          {otherUids.map((u) => (
            <a
              key={u}
              className="mr-2 font-mono text-xs underline"
              href={`?uid=${encodeURIComponent(u)}${tz === "utc" ? "&tz=utc" : ""}`}
            >
              {u}
            </a>
          ))}
        </p>
      )}
    </>
  );
}
