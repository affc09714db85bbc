"use client";
// One pod: its timeline on a shared time axis (d3-zoom: wheel and drag; +/− and ←/→ keys), live
// from the stream, with tooltips, an events table linked to the timeline and "Why is it like this?".
import { useEffect, useMemo, useRef, useState } from "react";
import { useShownTz } from "@/components/useHydrated";
import { useRouter, useSearchParams } from "next/navigation";
import { useI18n } from "@/components/I18n";
import { serverNow, useClusterInfo } from "@/components/useClusterInfo";
import { PodTimelineChart, type Picked } from "@/components/timeline/PodTimelineChart";
import type { Owner, PodTimeline } from "@/lib/timeline/types";
import type { NodeTimeline } from "@/lib/nodes/node-timeline";
import { layoutTimeline } from "@/lib/view/timeline-layout";
import type { Row } from "@/lib/view/timeline-types";
import { formatDuration, formatTime, type Tz } from "@/lib/text/format";
import { explain, explainPod } from "@/lib/view/explain";
import { failedRun } from "@/lib/view/run-quote";
import { podHeader, podSummary } from "@/lib/view/pod-summary";
import { urlTime } from "@/lib/view/overview";
import { MAX_WINDOW_MS } from "@/lib/text/time";
import { Explanation } from "./Explanation";
import { PodHeader } from "./PodHeader";
import { PodLoadScreen } from "./PodLoadScreen";
import { EventsTable, type EventRow } from "./EventsTable";
import { TzSwitch } from "@/components/TzSwitch";
import { ShareBar } from "./ShareBar";
import { usePodTimeline } from "./usePodTimeline";
import { usePodZoom } from "./usePodZoom";
import { PodTooltip } from "./PodTooltip";
import { PodWarnings } from "./PodWarnings";
import { PodLegend } from "./PodLegend";
import { LogReader } from "./logs/LogReader";
import { usePodLogs } from "./logs/usePodLogs";
import type { SnapshotRunLog } from "@/lib/view/run-logs";
export interface Answer {
  timeline: PodTimeline;
  events: EventRow[];
  otherUids: string[];
  /** The owners above the pod's own (a ReplicaSet's Deployment); absent in older snapshots. */
  owners?: Owner[];
  /** The pod's node over time (the node track); absent in snapshots taken before it existed. */
  node?: NodeTimeline | null;
  /** The moment the answer stands for. */
  at?: number;
}

/** A snapshot: the data comes with the page, nothing is fetched or streamed. */
export interface Frozen {
  answer: Answer;
  at: number;
  snapshot: { id: string; createdAt: number; expiresAt: number; createdBy: string | null };
  /** The runs' captured logs, when the person sharing included them. */
  logs?: SnapshotRunLog[];
}

export function PodView({
  namespace,
  name,
  frozen = null,
  canSnapshot = true,
  canReadLogs = false,
}: {
  namespace: string;
  name: string;
  frozen?: Frozen | null;
  canSnapshot?: boolean;
  /** May the person read captured container logs (an admin; a viewer token minted with --logs)? */
  canReadLogs?: boolean;
}) {
  const { t, lang } = useI18n();
  const router = useRouter();
  const params = useSearchParams();
  const uid = params.get("uid");
  const chosenTz = params.get("tz") === "utc" ? "utc" : "local";
  // A snapshot's page is drawn on the server, whose "local" zone is not the browser's: UTC until
  // the page runs (components/useHydrated.ts), the chosen zone right after.
  const tz = useShownTz(chosenTz);
  // ?at=: a frozen link, the pod as it stood at that moment (no stream, no moving now).
  const [linkAt] = useState(() => urlTime(params.get("at")));
  const still = frozen !== null || linkAt !== null;
  const clock = useClusterInfo(frozen === null);
  const { load, streamOk } = usePodTimeline(namespace, name, {
    uid,
    at: linkAt,
    frozen: frozen?.answer ?? null,
  });
  const [track, setTrack] = useState<string | null>(() => params.get("track"));
  const [tick, setTick] = useState(0);
  const [hover, setHover] = useState<Picked | null>(null);
  const [selected, setSelected] = useState<Picked | null>(null);
  const [focusAt, setFocusAt] = useState<number | null>(null);
  const [width, setWidth] = useState(1100);
  const boxRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const initialDomain = useMemo<[number, number] | null>(() => {
    const from = urlTime(params.get("from"));
    const to = urlTime(params.get("to"));
    return from !== null && to !== null && to > from && to - from <= MAX_WINDOW_MS
      ? [from, to]
      : null;
    // Read once: later changes come from the zoom itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const [domain, setDomain] = useState<[number, number] | null>(initialDomain);

  // Live: the now line and open intervals move every second.
  useEffect(() => {
    if (still) return;
    const id = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(id);
  }, [still]);

  useEffect(() => {
    const el = boxRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(640, Math.round(el.clientWidth))));
    ro.observe(el);
    return () => ro.disconnect();
  }, [load.state]);

  const data = load.state === "ok" ? load.data : null;
  const tl = data?.timeline ?? null;
  const nodeTl = data?.node ?? null;
  // `tick` re-reads the clock each second.
  const now = useMemo(
    () => frozen?.at ?? (linkAt !== null ? (data?.at ?? linkAt) : serverNow(clock)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [clock, tick, frozen, linkAt, data],
  );
  const life = useMemo<[number, number] | null>(() => {
    if (!tl) return null;
    const start = tl.createdAt ?? tl.observedFrom ?? now;
    return [start, Math.max(tl.deletedAt ?? now, start + 1000)];
  }, [tl, now]);
  const layout = useMemo(
    () =>
      tl
        ? layoutTimeline(tl, now, { width, domain: domain ?? undefined, t, tz, node: nodeTl })
        : null,
    [tl, now, width, domain, t, tz, nodeTl],
  );

  const logs = usePodLogs({
    namespace,
    name,
    timeline: tl,
    frozen: frozen ? (frozen.logs ?? null) : undefined,
    svgRef,
    // Not asked for when the person may not read logs or the server captures none.
    listed: canReadLogs && !(clock.answer?.ok && (clock.answer.info.logs?.mode ?? "off") === "off"),
  });

  const gutter = layout?.gutter ?? 200;
  const { setTransformFor, zoomBy } = usePodZoom({
    svgRef,
    life,
    width,
    gutter,
    ready: load.state === "ok",
    domain,
    setDomain,
    initial: initialDomain,
    track,
    onEscape: () => {
      setSelected(null);
      setTrack(null);
      setHover(null);
      setFocusAt(null);
      logs.close();
    },
  });

  const setTz = (next: Tz) => {
    const q = new URLSearchParams(window.location.search);
    if (next === "utc") q.set("tz", "utc");
    else q.delete("tz");
    router.replace(`${window.location.pathname}${q.size ? `?${q}` : ""}`, { scroll: false });
  };

  const jumpTo = (at: number) => {
    setFocusAt(at);
    const d = domain ?? life;
    if (!d) return;
    const span = d[1] - d[0];
    setTransformFor([at - span / 2, at + span / 2]);
  };

  if (load.state !== "ok")
    return (
      <PodLoadScreen namespace={namespace} name={name} load={load} uid={uid} at={linkAt} tz={tz} />
    );
  const { timeline, events, otherUids, node, owners } = load.data;
  const { status, ready: readyText, restarts } = podHeader(timeline);
  // What this pod's own history shows comes first; the selected item's causes are filtered by it too.
  // A namespaced install may not read nodes: no next command that reads them.
  const nodesVisible = !(clock.answer?.ok && clock.answer.info.nodes?.state === "forbidden");
  const current = explainPod(timeline, lang, { now, tz, nodesVisible });
  const ctx = {
    namespace,
    pod: name,
    node: timeline.node,
    container: current.container,
    nodesVisible,
  };
  const chosen = selected?.item.explain
    ? explain(
        selected.item.explain,
        {
          ...ctx,
          container: selected.item.container ?? ctx.container,
          init:
            timeline.containers.find((c) => c.name === selected.item.container)?.kind === "init",
        },
        lang,
        { needs: current.needs },
      )
    : null;
  // The failed run's last words, for who may read logs, when Lifeline captures them (not in a
  // snapshot: it asks the server nothing).
  const logsOn =
    canReadLogs &&
    frozen === null &&
    clock.answer?.ok === true &&
    (clock.answer.info.logs?.mode ?? "off") !== "off";
  // The share bar's "include logs": why it cannot be ticked (not yet known: it may).
  const logsBlocked = !canReadLogs
    ? "noGrant"
    : clock.answer?.ok && (clock.answer.info.logs?.mode ?? "off") === "off"
      ? "off"
      : null;
  const quoteOf = (run: ReturnType<typeof failedRun>) =>
    logsOn && run ? { namespace, name, uid: timeline.uid, run } : null;
  const currentQuote = current.aboutFailure
    ? quoteOf(failedRun(timeline, current.container))
    : null;
  const chosenQuote =
    chosen?.aboutFailure && selected
      ? quoteOf(failedRun(timeline, selected.item.container ?? ctx.container, selected.item.start))
      : null;
  const summary = podSummary(timeline, { status, ready: readyText, restarts }, t);
  const highlight = hover ? { start: hover.item.start, end: hover.item.end ?? now } : null;
  const trackLabel = (row: Row) =>
    `${t("tr.track", { name: row.label })}: ${[...row.boxes, ...row.brackets, ...row.ticks].length} — ${row.boxes
      .slice(-3)
      .map((b) => b.label ?? "")
      .filter(Boolean)
      .join(", ")}`;
  const focusX =
    focusAt !== null && layout
      ? layout.gutter +
        ((focusAt - layout.domain[0]) / (layout.domain[1] - layout.domain[0])) *
          (layout.width - 12 - layout.gutter)
      : null;

  return (
    <main className="px-4 py-4 sm:px-6" data-testid="pod-view">
      <PodHeader
        namespace={namespace}
        name={name}
        timeline={timeline}
        head={{ status, ready: readyText, restarts }}
        tz={tz}
        frozen={frozen}
        linkAt={linkAt}
        now={now}
        otherUids={otherUids}
        owners={owners ?? []}
      />
      <div className="mt-3 flex flex-wrap items-center gap-2 text-sm">
        <button
          type="button"
          className="rounded border px-2 py-0.5 dark:border-slate-700"
          onClick={() => zoomBy(1.5)}
          aria-label={t("pod.zoomIn")}
          data-testid="zoom-in"
        >
          +
        </button>
        <button
          type="button"
          className="rounded border px-2 py-0.5 dark:border-slate-700"
          onClick={() => zoomBy(1 / 1.5)}
          aria-label={t("pod.zoomOut")}
          data-testid="zoom-out"
        >
          −
        </button>
        <button
          type="button"
          className="rounded border px-2 py-0.5 dark:border-slate-700"
          onClick={() => setTransformFor(null)}
          aria-pressed={domain === null}
          data-testid="zoom-reset"
        >
          {domain === null && timeline.deletedAt === null && !still
            ? `${t("pod.live")} · ${t("pod.follow")}`
            : t("pod.whole")}
        </button>
        {layout && (
          <span className="text-xs text-slate-500" data-testid="domain">
            {formatTime(layout.domain[0], tz)} → {formatTime(layout.domain[1], tz)} (
            {formatDuration(layout.domain[1] - layout.domain[0])})
          </span>
        )}
        <TzSwitch tz={chosenTz} onChange={setTz} />
        {!streamOk && !still && (
          <span role="status" className="text-amber-700 dark:text-amber-400">
            {t("pod.stale")}
          </span>
        )}
      </div>
      {layout && life && (
        <ShareBar
          state={{
            namespace,
            name,
            uid: timeline.uid,
            domain: layout.domain,
            at: now,
            tz,
            track,
            status,
          }}
          svgRef={svgRef}
          data={{ timeline, events, node: node ?? null }}
          snapshotId={frozen?.snapshot.id ?? null}
          canSnapshot={canSnapshot}
          logs={logsBlocked}
        />
      )}
      <div
        ref={boxRef}
        className="relative mt-2 w-full overflow-hidden rounded border border-slate-200 p-1 dark:border-slate-800"
      >
        {layout && (
          <PodTimelineChart
            ref={svgRef}
            layout={layout}
            label={t("pod.chart", { ns: namespace, name })}
            summary={summary}
            onHover={setHover}
            onSelect={(p) => {
              setSelected(p);
              setTrack(p.row);
              setFocusAt(p.item.start);
              logs.select(p);
            }}
            highlight={highlight}
            focusX={focusX}
            reconstructedTitle={t("tt.reconstructed")}
            nowTitle={t("tt.now")}
            trackLabel={trackLabel}
            selectedRow={track}
          />
        )}
        {hover && (
          <PodTooltip picked={hover} now={now} tz={tz} lastLine={logs.lastLine(hover.item)} />
        )}
      </div>
      {logs.run && (
        <LogReader
          key={`${logs.run.container}/${logs.run.attempt}`}
          namespace={namespace}
          name={name}
          uid={logs.uid}
          run={logs.run}
          capture={logs.capture}
          frozen={frozen ? (frozen.logs ?? null) : undefined}
          tz={tz}
          onClose={logs.close}
          // Following asks the server for logs too: not for who may not read them (a viewer
          // without --logs) nor when capture is off, where the route answers 403.
          followable={!still && logsBlocked === null}
        />
      )}
      <p className="sr-only" data-testid="pod-summary">
        {summary}
      </p>
      <p className="mt-1 text-xs text-slate-500">{t("keys.pod")}</p>
      {timeline.reconstructed && timeline.observedFrom !== null && (
        <p
          className="mt-1 text-xs text-slate-600 dark:text-slate-400"
          data-testid="reconstructed-note"
        >
          {t("pod.reconstructedNote", { t: formatTime(timeline.observedFrom, tz) })}
        </p>
      )}
      {clock.answer?.ok && clock.answer.info.nodes?.state === "forbidden" && (
        // Where the node track would be: a namespaced install may not list nodes.
        <p
          className="mt-1 text-xs text-slate-600 dark:text-slate-400"
          data-testid="nodes-hidden-note"
        >
          {t("conn.nodes.forbidden")}
        </p>
      )}
      <PodLegend />
      {timeline.warnings.length > 0 && <PodWarnings warnings={timeline.warnings} />}
      <div className="mt-4 grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <EventsTable
          events={events}
          tz={tz}
          highlight={highlight}
          onPick={(e) => jumpTo(e.last ?? e.first ?? now)}
        />
        <div className="space-y-3">
          {chosen && selected && (
            <Explanation
              e={chosen}
              heading={t("why.selected", { what: selected.item.what })}
              onClose={() => setSelected(null)}
              testId="why-selected"
              quote={chosenQuote}
            />
          )}
          <Explanation
            e={current}
            heading={
              still ? t("why.at", { at: formatTime(now, tz), status }) : t("why.now", { status })
            }
            testId="why-now"
            quote={currentQuote}
          />
        </div>
      </div>
    </main>
  );
}
