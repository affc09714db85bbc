"use client";
// One pod: its timeline on a shared time axis (d3-zoom: wheel and drag; +/− and ←/→ keys), live
// from the stream, with tooltips, an events table linked to the timeline and "Why is it like this?".
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { select, scaleUtc, zoom as d3zoom, zoomIdentity, type ZoomBehavior } from "d3";
import { useI18n } from "@/components/I18n";
import { serverNow, useClusterInfo } from "@/components/useClusterInfo";
import { PodTimelineChart, type Picked } from "@/components/timeline/PodTimelineChart";
import type { PodTimeline, TimelineWarning } from "@/lib/timeline/types";
import type { NodeTimeline } from "@/lib/nodes/node-timeline";
import { layoutTimeline } from "@/lib/view/timeline-layout";
import type { Row } from "@/lib/view/timeline-types";
import { itemText } from "@/lib/view/timeline-text";
import { formatDuration, formatTime, type Tz } from "@/lib/view/format";
import { hatchSwatch, PALETTE } from "@/lib/view/palette";
import { explain, explainPod } from "@/lib/view/explain";
import { warningText } from "@/lib/view/warnings";
import { useOnScreen } from "@/components/useOnScreen";
import { podHeader, podSummary } from "@/lib/view/pod-summary";
import { urlTime } from "@/lib/view/overview";
import { MAX_WINDOW_MS } from "@/lib/text/time";
import { Explanation } from "./Explanation";
import { PodFacts } from "./PodFacts";
import { EventsTable, type EventRow } from "./EventsTable";
import { TzSwitch } from "@/components/TzSwitch";
import { ShareBar } from "./ShareBar";
import { usePodTimeline } from "./usePodTimeline";

export interface Answer {
  timeline: PodTimeline;
  events: EventRow[];
  otherUids: string[];
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
}

export function PodView({
  namespace,
  name,
  frozen = null,
  canSnapshot = true,
}: {
  namespace: string;
  name: string;
  frozen?: Frozen | null;
  canSnapshot?: boolean;
}) {
  const { t, lang } = useI18n();
  const router = useRouter();
  const params = useSearchParams();
  const uid = params.get("uid");
  const tz = params.get("tz") === "utc" ? "utc" : "local";
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

  // d3-zoom turns wheel and drag into a new domain over the pod's whole life.
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const lifeRef = useRef(life);
  useLayoutEffect(() => void (lifeRef.current = life), [life]);
  const gutter = layout?.gutter ?? 200;
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || !life) return;
    const z = d3zoom<SVGSVGElement, unknown>()
      .scaleExtent([1, 100_000])
      .filter((e: Event) =>
        e.type === "wheel" ? !(e as WheelEvent).shiftKey : !(e as MouseEvent).button,
      )
      .on("zoom", (e) => {
        if (!e.sourceEvent && !e.transform.k) return;
        const l = lifeRef.current!;
        const base = scaleUtc()
          .domain(l)
          .range([gutter, width - 12]);
        const [a, b] = e.transform
          .rescaleX(base)
          .domain()
          .map((d: Date) => d.getTime());
        setDomain(e.transform.k === 1 && e.transform.x === 0 ? null : [a, b]);
      });
    zoomRef.current = z;
    select(svg).call(z).on("dblclick.zoom", null);
    return () => void select(svg).on(".zoom", null);
    // Re-bind when the plot's size changes; the life span is read through a ref.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [width, gutter, load.state === "ok"]);

  // The zoom lives in the URL (replaceState, debounced) so a reload or a shared link keeps it.
  useEffect(() => {
    const id = setTimeout(() => {
      const q = new URLSearchParams(window.location.search);
      if (domain) {
        q.set("from", new Date(domain[0]).toISOString());
        q.set("to", new Date(domain[1]).toISOString());
      } else {
        q.delete("from");
        q.delete("to");
      }
      if (track) q.set("track", track);
      else q.delete("track");
      const next = `${window.location.pathname}${q.size ? `?${q}` : ""}`;
      if (next !== `${window.location.pathname}${window.location.search}`)
        window.history.replaceState(null, "", next);
    }, 250);
    return () => clearTimeout(id);
  }, [domain, track]);

  // A domain from the URL: apply it to d3-zoom's transform once the life span is known.
  const applied = useRef(false);
  useEffect(() => {
    if (applied.current || !life || !svgRef.current || !zoomRef.current) return;
    applied.current = true;
    if (initialDomain) setTransformFor(initialDomain);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [life, load.state]);

  function setTransformFor(d: [number, number] | null) {
    const svg = svgRef.current;
    const l = lifeRef.current;
    if (!svg || !l || !zoomRef.current) return;
    if (!d) {
      select(svg).call(zoomRef.current.transform, zoomIdentity);
      return;
    }
    const base = scaleUtc()
      .domain(l)
      .range([gutter, width - 12]);
    const k = (l[1] - l[0]) / Math.max(1, d[1] - d[0]);
    const x = gutter - k * base(d[0]);
    select(svg).call(zoomRef.current.transform, zoomIdentity.translate(x, 0).scale(k));
    setDomain(d);
  }

  const zoomBy = useCallback(
    (factor: number) => {
      const svg = svgRef.current;
      if (svg && zoomRef.current)
        select(svg).call(zoomRef.current.scaleBy, factor, [(gutter + width) / 2, 0]);
    },
    [gutter, width],
  );
  const panBy = useCallback((px: number) => {
    const svg = svgRef.current;
    if (svg && zoomRef.current) select(svg).call(zoomRef.current.translateBy, px, 0);
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT"))
        return;
      if (e.key === "+" || e.key === "=") zoomBy(1.5);
      else if (e.key === "-" || e.key === "_") zoomBy(1 / 1.5);
      else if (e.key === "Escape") {
        setSelected(null);
        setTrack(null);
        setHover(null);
        setFocusAt(null);
      } else if ((e.key === "ArrowLeft" || e.key === "ArrowRight") && !el?.closest("g[data-row]"))
        panBy(e.key === "ArrowLeft" ? 80 : -80);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [zoomBy, panBy]);

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

  if (load.state === "loading")
    return (
      <main className="px-6 py-6 text-slate-500" aria-busy="true">
        {t("pod.loading")}
      </main>
    );
  if (load.state === "error") {
    return (
      <main className="px-6 py-6">
        <Link href="/" className="text-sm hover:underline">
          {t("pod.back")}
        </Link>
        <h1 className="mt-2 text-xl font-semibold">
          {namespace}/{name}
        </h1>
        <p
          role="alert"
          className="mt-4 rounded border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
          data-testid="pod-error"
        >
          {load.status !== 404
            ? t("pod.error", { error: load.error })
            : load.firstRecord !== undefined && linkAt !== null
              ? t("pod.notFound.before", {
                  at: formatTime(linkAt, tz),
                  first: formatTime(load.firstRecord, tz),
                })
              : uid
                ? t("pod.notFound.uid", { uid })
                : t("pod.notFound")}
        </p>
      </main>
    );
  }
  const { timeline, events, otherUids, node } = load.data;
  const { status, ready: readyText, restarts } = podHeader(timeline);
  // What this pod's own history shows comes first; the selected item's causes are filtered by it too.
  const current = explainPod(timeline, lang, { now, tz });
  const ctx = { namespace, pod: name, node: timeline.node, container: current.container };
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
          <bdi>{status}</bdi>
        </span>
        <span className="text-sm text-slate-500">
          {t("col.ready")} {readyText} · {t("col.restarts")} {restarts} · {t("pod.node")}{" "}
          {timeline.node ?? "—"}
        </span>
        <span className="text-xs text-slate-500">uid {timeline.uid}</span>
      </div>
      <PodFacts timeline={timeline} />
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
        <TzSwitch tz={tz} onChange={setTz} />
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
            }}
            highlight={highlight}
            focusX={focusX}
            reconstructedTitle={t("tt.reconstructed")}
            nowTitle={t("tt.now")}
            trackLabel={trackLabel}
            selectedRow={track}
          />
        )}
        {hover && <Tooltip picked={hover} now={now} tz={tz} />}
      </div>
      <p className="sr-only" data-testid="pod-summary">
        {summary}
      </p>
      <p className="mt-1 text-xs text-slate-500">{t("keys.help")}</p>
      {timeline.reconstructed && timeline.observedFrom !== null && (
        <p
          className="mt-1 text-xs text-slate-600 dark:text-slate-400"
          data-testid="reconstructed-note"
        >
          {t("pod.reconstructedNote", { t: formatTime(timeline.observedFrom, tz) })}
        </p>
      )}
      <Legend />
      {timeline.warnings.length > 0 && <Warnings warnings={timeline.warnings} />}
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
            />
          )}
          <Explanation
            e={current}
            heading={
              still ? t("why.at", { at: formatTime(now, tz), status }) : t("why.now", { status })
            }
            testId="why-now"
          />
        </div>
      </div>
    </main>
  );
}

function Tooltip({ picked, now, tz }: { picked: Picked; now: number; tz: Tz }) {
  const { t } = useI18n();
  // Measured, then kept on screen (lib/view/tooltip): under the item, moved left at the right edge.
  const { ref, style } = useOnScreen(
    { x: picked.x - 172, y: picked.y - 8 },
    { left: 8, top: picked.y + 6 },
    picked,
  );
  return (
    <div
      ref={ref}
      role="tooltip"
      data-testid="tooltip"
      className="pointer-events-none fixed z-50 max-w-sm rounded border border-slate-300 bg-white p-2 text-xs shadow-lg dark:border-slate-700 dark:bg-slate-900"
      style={style}
    >
      <p className="font-medium">{itemText(picked.item, now, tz, t)}</p>
      {tz === "local" && (
        <p className="text-slate-500">
          {t("tt.utc", {
            t: `${formatTime(picked.item.start, "utc")}${picked.item.end !== null && picked.item.end !== picked.item.start ? ` → ${formatTime(picked.item.end, "utc")}` : ""}`,
          })}
        </p>
      )}
      {picked.item.message && (
        <p dir="auto" className="mt-1 break-words whitespace-pre-wrap">
          {picked.item.message}
        </p>
      )}
    </div>
  );
}

function Warnings({ warnings }: { warnings: TimelineWarning[] }) {
  const { t } = useI18n();
  return (
    <section
      aria-label={t("pod.warnings")}
      className="mt-2 text-xs text-amber-800 dark:text-amber-300"
    >
      <ul>
        {warnings.map((w, i) => (
          <li key={`${w.code}${i}`}>
            {w.container ? `${w.container}: ` : ""}
            <bdi>{warningText(w, t)}</bdi>
          </li>
        ))}
      </ul>
    </section>
  );
}

const SW = "inline-block h-3 w-5 rounded-sm align-middle mr-1";
function Legend() {
  const { t } = useI18n();
  return (
    <details className="mt-2 text-xs">
      <summary className="cursor-pointer text-slate-600 dark:text-slate-400">
        {t("lg.title")}
      </summary>
      <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        <li>
          <span className={SW} style={{ background: PALETTE.blue }} />
          {t("lg.run.running")}
        </li>
        <li>
          <span className={SW} style={{ background: PALETTE.green }} />
          {t("lg.run.ok")}
        </li>
        <li>
          <span className={SW} style={{ background: hatchSwatch("vermillion") }} />
          {t("lg.run.failed")}
        </li>
        <li>
          <span className={SW} style={{ background: PALETTE.purple }} />
          {t("lg.run.oom")}
        </li>
        <li>
          <span className={SW} style={{ background: hatchSwatch("orange") }} />
          {t("lg.waiting")}
        </li>
        <li>
          <span className="mr-1 font-mono">⌐¬</span>
          {t("lg.backoff")}
        </li>
        <li>{t("lg.probe")}</li>
        <li>
          <span className="mr-1 text-vermillion">✕</span>
          {t("mk.probe-kill")}
        </li>
        <li>
          <span className={SW} style={{ background: hatchSwatch("grey") }} />
          {t("lg.node")}
        </li>
        <li>
          <span
            className={SW}
            style={{
              background: "repeating-linear-gradient(45deg,#9994 0 3px,transparent 3px 6px)",
            }}
          />
          {t("lg.unobserved")}
        </li>
      </ul>
    </details>
  );
}
