"use client";
// The overview: one row per pod (kubectl's columns) and a lane over the chosen window, problems
// first. Rows are virtualised; the lanes of the visible rows are drawn on one canvas, batched by
// colour. Every choice lives in the URL.
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { scaleTime, scaleUtc } from "d3";
import { useI18n } from "@/components/I18n";
import { serverNow, useClusterInfo } from "@/components/useClusterInfo";
import { TzSwitch } from "@/components/TzSwitch";
import { OfferedLink } from "@/components/OfferedLink";
import { createSnapshot, useOfferLink } from "@/components/useOfferLink";
import { rowAt, type PodRow } from "@/lib/live/pod-row";
import { parseLabelSelector } from "@/lib/k8s/label-selector";
import { filterRows, laneOf, panWindow, PRESETS, problemOf, readState, restartNear, segmentAt, shareQueries, sortRows, windowRange, writeState, zoomWindow, type OverviewState, type Preset, type SortKey } from "@/lib/view/overview";
import { laneBatches, PHASE_COLOURS } from "@/lib/view/lanes";
import { axisFormat, formatTime, shortDuration, statusFill } from "@/lib/view/timeline-layout";
import { usePodRows } from "./usePodRows";

export const ROW_H = 28;
const HEADER_H = 44;
const COLUMNS = "minmax(11rem,2fr) 7rem 10rem 3.5rem 7rem 3.5rem 7rem minmax(14rem,3fr)";
const COLS: { key: SortKey; label: "col.name" | "col.namespace" | "col.status" | "col.ready" | "col.restarts" | "col.age" | "col.node" }[] = [
  { key: "name", label: "col.name" },
  { key: "namespace", label: "col.namespace" },
  { key: "status", label: "col.status" },
  { key: "ready", label: "col.ready" },
  { key: "restarts", label: "col.restarts" },
  { key: "age", label: "col.age" },
  { key: "node", label: "col.node" },
];

function selectorFn(text: string): ((labels: Record<string, string>) => boolean) | null {
  if (!text.trim()) return null;
  try {
    return parseLabelSelector(text);
  } catch {
    return null;
  }
}

/** A stored overview (/s/{id}): its rows, the moment they stand for, the snapshot's facts. */
export interface FrozenOverview {
  rows: PodRow[];
  truncated: boolean;
  at: number;
  snapshot: { id: string; createdAt: number; expiresAt: number; createdBy: string | null };
}

const SHARE_BTN = "rounded border border-slate-300 px-1.5 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";

export function Overview({ frozen = null, canSnapshot = true }: { frozen?: FrozenOverview | null; canSnapshot?: boolean }) {
  const { t } = useI18n();
  const base = frozen ? `/s/${frozen.snapshot.id}` : "/";
  const { offered, offer, clear: clearOffered } = useOfferLink();
  const [shareError, setShareError] = useState<string | null>(null);
  const router = useRouter();
  const params = useSearchParams();
  const state = useMemo(() => readState(new URLSearchParams(params.toString())), [params]);
  const stateRef = useRef(state);
  useLayoutEffect(() => void (stateRef.current = state), [state]);
  const update = useCallback((patch: Partial<OverviewState>) => {
    const q = writeState({ ...stateRef.current, ...patch }).toString();
    router.replace(q ? `${base}?${q}` : base, { scroll: false });
  }, [router, base]);

  const clock = useClusterInfo(frozen === null);
  const clockRef = useRef(clock);
  useLayoutEffect(() => void (clockRef.current = clock), [clock]);
  const [tick, setTick] = useState(0);
  const live = state.from === null && frozen === null;
  useEffect(() => {
    if (!live) return;
    const id = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(id);
  }, [live]);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const now = useMemo(() => frozen?.at ?? serverNow(clock), [clock, tick, frozen]);

  // Share snapshot: the server stores the rows of this window (filters by namespace and selector).
  const snapshot = async () => {
    setShareError(null);
    clearOffered();
    const [a, b] = windowRange(state, now);
    try {
      const body = await createSnapshot({ kind: "overview", namespace: state.namespaces.join(",") || undefined, selector: state.selector || undefined, from: new Date(a).toISOString(), to: new Date(b).toISOString() });
      await offer(`${body.url}?${writeState({ ...state, from: a, to: b })}`, t("share.snapshotMade", { d: new Date(body.expiresAt).toISOString().slice(0, 10) }));
    } catch (err) {
      setShareError(t("share.failed", { error: (err as Error).message }));
    }
  };

  // A zoom or pan in progress, written to the URL when it settles.
  const [pending, setPending] = useState<[number, number] | null>(null);
  const windowKey = `${state.from}/${state.to}/${state.window}`;
  const [settled, setSettled] = useState(windowKey);
  if (settled !== windowKey) {
    // The URL caught up with (or replaced) the zoom in progress.
    setSettled(windowKey);
    setPending(null);
  }
  useEffect(() => {
    if (!pending) return;
    const id = setTimeout(() => update({ from: pending[0], to: pending[1] }), 300);
    return () => clearTimeout(id);
  }, [pending, update]);
  const [shownFrom, shownTo] = windowRange(state, now);
  const [from, to] = pending ?? [shownFrom, shownTo];

  const rowsState = usePodRows(
    { namespace: state.namespaces.length ? state.namespaces.join(",") : null, selector: state.selector, from: state.from, to: state.to },
    () => windowRange(stateRef.current, serverNow(clockRef.current))[0],
    frozen,
  );
  const all = useMemo(() => (rowsState.state === "ok" ? rowsState.rows : []), [rowsState]);
  const labels = useMemo(() => selectorFn(state.selector), [state.selector]);
  const filtered = useMemo(() => filterRows(all, { namespaces: state.namespaces, status: state.status, node: state.node, search: state.search, labels }), [all, state.namespaces, state.status, state.node, state.search, labels]);
  // Problem scores move with time (Pending too long, restarted lately): re-sort every 10 s, not every tick.
  const sortClock = Math.floor(now / 10_000) * 10_000;
  const sorted = useMemo(() => sortRows(filtered, state.sort, state.desc, sortClock), [filtered, state.sort, state.desc, sortClock]);
  const statuses = useMemo(() => [...new Set(all.map((r) => r.status))].sort(), [all]);
  const nodes = useMemo(() => [...new Set(all.map((r) => r.node).filter((n): n is string => !!n))].sort(), [all]);

  // Virtualisation.
  const scroller = useRef<HTMLDivElement>(null);
  const laneHead = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [view, setView] = useState({ height: 600, laneLeft: 0, laneWidth: 300 });
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => {
      const head = laneHead.current;
      setView({ height: el.clientHeight, laneLeft: head ? head.offsetLeft : 0, laneWidth: head ? head.clientWidth : 300 });
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [rowsState.state]);
  const bodyHeight = view.height - HEADER_H;
  const first = Math.max(0, Math.floor(scrollTop / ROW_H) - 4);
  const last = Math.min(sorted.length, Math.ceil((scrollTop + bodyHeight) / ROW_H) + 4);
  const visible = sorted.slice(first, last);

  // The lanes of the visible rows, on one canvas.
  const dark = useDark();
  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const dpr = window.devicePixelRatio || 1;
    const w = view.laneWidth;
    const h = Math.max(0, bodyHeight);
    if (c.width !== Math.round(w * dpr) || c.height !== Math.round(h * dpr)) {
      c.width = Math.round(w * dpr);
      c.height = Math.round(h * dpr);
      c.style.width = `${w}px`;
      c.style.height = `${h}px`;
    }
    const ctx = c.getContext("2d");
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const span = to - from;
    const x = (ms: number) => ((ms - from) / span) * w;
    const lanes = visible.map((r) => laneOf(r, Math.min(now, to)));
    const b = laneBatches(lanes, x, w, ROW_H, first * ROW_H - scrollTop);
    const fillAll = (arr: number[]) => {
      ctx.beginPath();
      for (let i = 0; i < arr.length; i += 4) ctx.rect(arr[i], arr[i + 1], arr[i + 2], arr[i + 3]);
      ctx.fill();
    };
    for (const [fill, arr] of b.solid) {
      ctx.fillStyle = fill;
      fillAll(arr);
    }
    ctx.globalAlpha = 0.35;
    for (const [fill, arr] of b.faint) {
      ctx.fillStyle = fill;
      fillAll(arr);
    }
    ctx.globalAlpha = 1;
    ctx.fillStyle = hatch(ctx, dark);
    fillAll(b.patterned);
    ctx.fillStyle = "#009E73";
    fillAll(b.ready);
    ctx.fillStyle = dark ? "#f8fafc" : "#0f172a";
    fillAll(b.restarts);
    if (live) {
      ctx.fillStyle = "#D55E00";
      ctx.fillRect(Math.min(w - 1, x(now)), 0, 1, h);
    }
  }, [visible, first, scrollTop, from, to, now, view.laneWidth, bodyHeight, live, dark]);

  // Hover on the lanes: the row from y, the segment by binary search.
  const [hover, setHover] = useState<{ x: number; y: number; text: string } | null>(null);
  const drag = useRef<{ x: number; win: [number, number] } | null>(null);
  const laneX = (e: MouseEvent) => {
    const r = scroller.current!.getBoundingClientRect();
    return { px: e.clientX - r.left - view.laneLeft, py: e.clientY - r.top - HEADER_H };
  };
  const onMove = (e: MouseEvent) => {
    const { px, py } = laneX(e);
    if (drag.current) {
      const dt = ((drag.current.x - e.clientX) / view.laneWidth) * (drag.current.win[1] - drag.current.win[0]);
      setPending([drag.current.win[0] + dt, drag.current.win[1] + dt]);
      return;
    }
    if (px < 0 || px > view.laneWidth || py < 0) return setHover(null);
    const i = Math.floor((py + scrollTop) / ROW_H);
    const row = sorted[i];
    if (!row) return setHover(null);
    const at = from + (px / view.laneWidth) * (to - from);
    const lane = laneOf(row, Math.min(now, to));
    const restart = restartNear(lane, at, (4 / view.laneWidth) * (to - from));
    const seg = segmentAt(lane, at);
    let text: string;
    if (restart) text = `${row.name}: ${t("lg.restart")} → ${restart.count} · ${formatTime(restart.at, state.tz)}`;
    else if (seg) text = `${row.name}: ${seg.status} (${seg.phase}) · ${formatTime(seg.start, state.tz)} → ${seg.end >= now ? t("tt.now") : formatTime(seg.end, state.tz)} (${shortDuration(seg.end - seg.start)})${seg.unobserved ? ` · ${t("lg.unobserved")}` : ""}`;
    else text = `${row.name}: ${t("ov.lane.empty")}`;
    setHover({ x: e.clientX, y: e.clientY, text });
  };
  const onWheel = (e: WheelEvent) => {
    if (!e.ctrlKey && !e.metaKey) return;
    const r = scroller.current!.getBoundingClientRect();
    const px = e.clientX - r.left - view.laneLeft;
    if (px < 0 || px > view.laneWidth) return;
    e.preventDefault();
    const at = from + (px / view.laneWidth) * (to - from);
    setPending(zoomWindow([from, to], e.deltaY > 0 ? 1.25 : 0.8, at));
  };
  const wheelRef = useRef(onWheel);
  useLayoutEffect(() => void (wheelRef.current = onWheel));
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const h = (e: WheelEvent) => wheelRef.current(e);
    el.addEventListener("wheel", h, { passive: false });
    return () => el.removeEventListener("wheel", h);
  }, [rowsState.state]);

  // Keyboard: a roving focus over the rows.
  const [focus, setFocus] = useState(0);
  const focusRow = (i: number) => {
    const n = Math.max(0, Math.min(sorted.length - 1, i));
    setFocus(n);
    const el = scroller.current;
    if (!el) return;
    const top = n * ROW_H;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_H > el.scrollTop + bodyHeight) el.scrollTop = top + ROW_H - bodyHeight;
    requestAnimationFrame(() => el.querySelector<HTMLElement>(`[data-index="${n}"]`)?.focus());
  };
  const open = useCallback((href: string) => router.push(href), [router]);
  const setTz = useCallback((tz: "local" | "utc") => update({ tz }), [update]);
  const onKey = (e: KeyboardEvent) => {
    const el = e.target as HTMLElement;
    if (el.tagName === "INPUT" || el.tagName === "SELECT") return;
    const page = Math.max(1, Math.floor(bodyHeight / ROW_H) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => focusRow(focus + 1),
      ArrowUp: () => focusRow(focus - 1),
      PageDown: () => focusRow(focus + page),
      PageUp: () => focusRow(focus - page),
      Home: () => focusRow(0),
      End: () => focusRow(sorted.length - 1),
      Enter: () => sorted[focus] && open(podHref(sorted[focus], state.tz)),
      // In live mode the zoom keeps now at the right edge; a frozen window zooms about its middle.
      "+": () => setPending(zoomWindow([from, to], 0.67, live ? to : undefined)),
      "=": () => setPending(zoomWindow([from, to], 0.67, live ? to : undefined)),
      "-": () => setPending(zoomWindow([from, to], 1.5, live ? to : undefined)),
      ArrowLeft: () => setPending(panWindow([from, to], -0.1)),
      ArrowRight: () => setPending(panWindow([from, to], 0.1)),
      Escape: () => setHover(null),
    };
    const fn = keys[e.key];
    if (fn) {
      e.preventDefault();
      fn();
    }
  };

  const axis = useMemo(() => {
    const s = (state.tz === "utc" ? scaleUtc() : scaleTime()).domain([from, to]).range([0, view.laneWidth]);
    const fmt = axisFormat(to - from, state.tz);
    return s.ticks(5).map((d) => ({ x: s(d), label: fmt(d) }));
  }, [from, to, view.laneWidth, state.tz]);

  const total = all.length;
  return (
    <main className="flex h-[calc(100vh-5.5rem)] flex-col px-4 pt-3" data-testid="overview">
      {frozen && (
        <p className="mb-2 rounded border border-violet-300 bg-violet-50 px-3 py-1.5 text-sm text-violet-950 dark:border-violet-800 dark:bg-violet-950 dark:text-violet-100" data-testid="snapshot-banner">
          {t("snap.overviewBanner", { at: formatTime(frozen.at, state.tz), made: formatTime(frozen.snapshot.createdAt, state.tz), until: formatTime(frozen.snapshot.expiresAt, state.tz).slice(0, 10) })}
          {frozen.snapshot.createdBy ? ` ${t("snap.by", { who: frozen.snapshot.createdBy })}` : ""}
        </p>
      )}
      <Filters state={state} update={update} statuses={statuses} nodes={nodes} live={live && !pending} canFollow={frozen === null} from={shownFrom} to={shownTo} setTz={setTz} />
      <div className="mt-1 flex items-center gap-3 text-xs text-slate-600 dark:text-slate-400">
        <span data-testid="count">{t("ov.count", { shown: sorted.length, total })}</span>
        {frozen ? (
          <button type="button" className={SHARE_BTN} data-testid="copy-snapshot-link" onClick={() => void offer(`${base}?${writeState(state)}`, t("share.snapshotLink"))}>{t("share.copySnapshot")}</button>
        ) : (
          <>
            <button type="button" className={SHARE_BTN} data-testid="copy-live-link" onClick={() => void offer(`/?${shareQueries(state, now).live}`, t("share.liveLink"))}>{t("share.copyLive")}</button>
            <button type="button" className={SHARE_BTN} data-testid="copy-frozen-link" onClick={() => void offer(`/?${shareQueries(state, now).frozen}`, t("share.frozenWindow"))}>{t("share.copyFrozen")}</button>
            {canSnapshot && <button type="button" className={SHARE_BTN} data-testid="share-snapshot" onClick={() => void snapshot()}>{t("share.snapshot")}</button>}
          </>
        )}
        <span>· {t("ov.sorted", { column: state.sort === "problems" ? t("ov.sort.problems") : t(COLS.find((c) => c.key === state.sort)!.label) })}</span>
        {rowsState.state === "ok" && live && !rowsState.streaming && <span role="status" className="text-amber-700 dark:text-amber-400">{t("ov.stream.retrying")}</span>}
        {rowsState.state === "ok" && rowsState.truncated && <span role="status" className="text-amber-700">{t("ov.truncated")}</span>}
        <Legend />
      </div>
      {offered && <OfferedLink offered={offered} onClose={clearOffered} />}
      {shareError && <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-400" data-testid="share-error">{shareError}</p>}
      {rowsState.state === "loading" && <p className="mt-6 text-slate-500" aria-busy="true" data-testid="overview-loading">{t("ov.loading")}</p>}
      {rowsState.state === "error" && (
        <p role="alert" className="mt-4 rounded border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100" data-testid="overview-error">
          {rowsState.status === 400 ? t("ov.filter.invalid", { error: rowsState.error }) : t("ov.error", { error: rowsState.error })}
        </p>
      )}
      {rowsState.state === "ok" && (
        <div className="relative mt-2 min-h-0 flex-1 rounded border border-slate-200 dark:border-slate-800">
          <div
            ref={scroller}
            className="h-full overflow-y-auto overflow-x-hidden bg-white dark:bg-slate-950"
            onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
            onMouseMove={onMove}
            onMouseLeave={() => setHover(null)}
            onMouseDown={(e) => {
              const { px, py } = laneX(e);
              if (px >= 0 && px <= view.laneWidth && py >= 0 && e.button === 0) {
                drag.current = { x: e.clientX, win: [from, to] };
                e.preventDefault();
              }
            }}
            onMouseUp={() => void (drag.current = null)}
            onKeyDown={onKey}
            role="grid"
            tabIndex={-1}
            aria-label={t("ov.title")}
            aria-rowcount={sorted.length + 1}
            aria-colcount={8}
          >
            <div role="row" aria-rowindex={1} className="sticky top-0 z-10 grid items-end border-b border-slate-200 bg-white text-xs dark:border-slate-800 dark:bg-slate-950" style={{ gridTemplateColumns: COLUMNS, height: HEADER_H }}>
              {COLS.map((c) => (
                <div key={c.key} role="columnheader" aria-sort={state.sort === c.key ? (state.desc ? "descending" : "ascending") : "none"} className="px-2 pb-1">
                  <button type="button" className="font-medium hover:underline" onClick={() => update(state.sort === c.key ? (state.desc ? { sort: "problems", desc: false } : { desc: true }) : { sort: c.key, desc: false })} title={t("ov.sort.by", { column: t(c.label) })} data-testid={`sort-${c.key}`}>
                    {t(c.label)}
                    {state.sort === c.key ? (state.desc ? " ▼" : " ▲") : ""}
                  </button>
                </div>
              ))}
              <div ref={laneHead} role="columnheader" className="relative h-full" aria-label={t("ov.lanes")}>
                <span className="absolute left-1 top-0.5 font-medium">{t("col.lane")}</span>
                {axis.map((a) => (
                  <span key={a.x} className="absolute bottom-1 -translate-x-1/2 whitespace-nowrap text-[10px] text-slate-500" style={{ left: a.x }}>
                    {a.label}
                  </span>
                ))}
              </div>
            </div>
            {sorted.length === 0 ? (
              <p className="p-6 text-slate-500" data-testid="overview-empty">{total === 0 ? (live ? t("ov.empty.cluster") : t("ov.empty.window")) : t("ov.empty.filtered")}</p>
            ) : (
              <div role="rowgroup" style={{ height: sorted.length * ROW_H, position: "relative" }}>
                {visible.map((raw, k) => (
                  <Row key={raw.uid} raw={raw} index={first + k} focused={first + k === focus} live={live} now={now} tz={state.tz} onFocusRow={setFocus} open={open} />
                ))}
              </div>
            )}
          </div>
          <canvas ref={canvas} aria-hidden data-testid="lanes" className="pointer-events-none absolute" style={{ left: view.laneLeft + 1, top: HEADER_H + 1 }} />
        </div>
      )}
      {hover && (
        <div role="tooltip" data-testid="lane-tooltip" className="pointer-events-none fixed z-50 max-w-md rounded border border-slate-300 bg-white px-2 py-1 text-xs shadow dark:border-slate-700 dark:bg-slate-900" style={{ left: Math.min(hover.x + 12, (typeof window !== "undefined" ? window.innerWidth : 1200) - 360), top: hover.y + 14 }}>
          {hover.text}
        </div>
      )}
      <p className="py-1 text-xs text-slate-500">{t("keys.help")} Ctrl + wheel: zoom; drag: pan.</p>
    </main>
  );
}

const podHref = (r: PodRow, tz: "local" | "utc") => `/pods/${encodeURIComponent(r.namespace)}/${encodeURIComponent(r.name)}?uid=${encodeURIComponent(r.uid)}${tz === "utc" ? "&tz=utc" : ""}`;

interface RowProps {
  raw: PodRow;
  index: number;
  focused: boolean;
  live: boolean;
  now: number;
  tz: "local" | "utc";
  onFocusRow(index: number): void;
  open(href: string): void;
}

// One pod's row. Memoised: scrolling and zooming leave rows that stay rendered untouched.
const Row = memo(function Row({ raw, index: i, focused, live, now, tz, onFocusRow, open }: RowProps) {
  const { t } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    // Focus is by position: when a re-sort moves the focused pod, the keyboard focus stays with the grid.
    if (!focused && el.current && document.activeElement === el.current) el.current.closest<HTMLElement>('[role="grid"]')?.focus();
  }, [focused, i]);
  const r = live ? rowAt(raw, now) : raw;
  const p = problemOf(raw, now);
  const href = podHref(raw, tz);
  return (
    <div
      ref={el}
      role="row"
      aria-rowindex={i + 2}
      data-index={i}
      data-pod={`${raw.namespace}/${raw.name}`}
      data-problem={p.score}
      tabIndex={focused ? 0 : -1}
      onFocus={() => onFocusRow(i)}
      onDoubleClick={() => open(href)}
      className="absolute left-0 right-0 grid items-center border-b border-slate-100 text-sm outline-none hover:bg-slate-50 focus:bg-sky-50 focus:ring-2 focus:ring-inset focus:ring-sky-500 dark:border-slate-900 dark:hover:bg-slate-900 dark:focus:bg-sky-950"
      style={{ top: i * ROW_H, height: ROW_H, gridTemplateColumns: COLUMNS, contain: "strict" }}
    >
      <div role="gridcell" className="truncate px-2 font-mono text-xs">
        <a href={href} tabIndex={-1} className="hover:underline" title={`${raw.namespace}/${raw.name}`}>{raw.name}</a>
      </div>
      <div role="gridcell" className="truncate px-2 text-xs">{raw.namespace}</div>
      <div role="gridcell" className="truncate px-2 font-mono text-xs" data-testid="row-status" title={p.reason ? t(p.reason.key, p.reason.vars) : undefined}>
        <span aria-hidden className="mr-1 inline-block h-2 w-2 rounded-full" style={{ background: statusFill(r.status) }} />
        <span className={p.score >= 2 ? "font-semibold" : ""}>{r.status}</span>
        {p.score > 0 && p.reason && p.reason.key !== "problem.failing" && <span className="ml-1 text-[10px] text-slate-500">{t(p.reason.key, p.reason.vars)}</span>}
      </div>
      <div role="gridcell" className="px-2 font-mono text-xs">{r.ready}</div>
      <div role="gridcell" className="truncate px-2 font-mono text-xs">{r.restarts}</div>
      <div role="gridcell" className="px-2 font-mono text-xs">{r.age}</div>
      <div role="gridcell" className="truncate px-2 text-xs">{r.node ?? "<none>"}</div>
      <div role="gridcell" aria-label={`${r.status}, ${t("col.restarts")} ${r.restarts}`} />
    </div>
  );
});

const Filters = memo(function Filters({ state, update, statuses, nodes, live, canFollow, from, to, setTz }: { state: OverviewState; update: (p: Partial<OverviewState>) => void; statuses: string[]; nodes: string[]; live: boolean; canFollow: boolean; from: number; to: number; setTz: (tz: "local" | "utc") => void }) {
  const range = [from, to];
  const { t } = useI18n();
  const [search, setSearch] = useState(state.search);
  const [namespaces, setNamespaces] = useState(state.namespaces.join(","));
  const [selector, setSelector] = useState(state.selector);
  // When the URL changes (back, a link, Clear), the inputs show what it says.
  const urlKey = `${state.search}\n${state.namespaces.join(",")}\n${state.selector}`;
  const [seen, setSeen] = useState(urlKey);
  if (seen !== urlKey) {
    setSeen(urlKey);
    setSearch(state.search);
    setNamespaces(state.namespaces.join(","));
    setSelector(state.selector);
  }
  useEffect(() => {
    if (search === state.search) return;
    const id = setTimeout(() => update({ search }), 200);
    return () => clearTimeout(id);
  }, [search, state.search, update]);
  const local = (ms: number) => {
    const d = new Date(ms - (state.tz === "utc" ? 0 : new Date(ms).getTimezoneOffset() * 60_000));
    return d.toISOString().slice(0, 16);
  };
  const parse = (v: string) => (state.tz === "utc" ? Date.parse(`${v}:00Z`) : new Date(v).getTime());
  const input = "rounded border border-slate-300 bg-white px-2 py-0.5 text-sm dark:border-slate-700 dark:bg-slate-900";
  return (
    <form className="flex flex-wrap items-end gap-x-3 gap-y-2 text-xs" aria-label={t("ov.filters")} onSubmit={(e) => e.preventDefault()}>
      <label className="flex flex-col">
        {t("ov.namespaces")}
        <input className={`${input} w-36`} value={namespaces} placeholder={t("ov.namespaces.placeholder")} onChange={(e) => setNamespaces(e.target.value)} onBlur={() => update({ namespaces: namespaces.split(",").map((s) => s.trim()).filter(Boolean) })} onKeyDown={(e) => e.key === "Enter" && update({ namespaces: namespaces.split(",").map((s) => s.trim()).filter(Boolean) })} data-testid="filter-namespace" />
      </label>
      <label className="flex flex-col">
        {t("ov.selector")}
        <input className={`${input} w-44 font-mono`} value={selector} placeholder={t("ov.selector.placeholder")} onChange={(e) => setSelector(e.target.value)} onBlur={() => update({ selector })} onKeyDown={(e) => e.key === "Enter" && update({ selector })} data-testid="filter-selector" />
      </label>
      <Choice label={t("ov.status")} any={t("ov.any")} value={state.status} options={statuses} onChange={(status) => update({ status })} className={input} testId="filter-status" />
      <Choice label={t("ov.node")} any={t("ov.any")} value={state.node} options={nodes} onChange={(node) => update({ node })} className={input} testId="filter-node" />
      <label className="flex flex-col">
        {t("ov.search")}
        <input type="search" className={`${input} w-40`} value={search} placeholder={t("ov.search.placeholder")} onChange={(e) => setSearch(e.target.value)} data-testid="filter-search" />
      </label>
      <div className="flex flex-col">
        {t("ov.window")}
        <div role="group" aria-label={t("ov.window")} className="flex overflow-hidden rounded border border-slate-300 dark:border-slate-700">
          {(Object.keys(PRESETS) as Preset[]).map((p) => (
            <button key={p} type="button" aria-pressed={live && state.window === p} data-testid={`window-${p}`} onClick={() => update({ window: p, from: null, to: null })} className={`px-2 py-0.5 text-sm ${live && state.window === p ? "bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900" : "hover:bg-slate-100 dark:hover:bg-slate-800"}`}>
              {p}
            </button>
          ))}
        </div>
      </div>
{canFollow && (
      <button type="button" aria-pressed={live} data-testid="live" onClick={() => update({ from: null, to: null })} className={`rounded border px-2 py-0.5 text-sm ${live ? "border-emerald-600 bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100" : "border-slate-300 dark:border-slate-700"}`}>
        {live ? `● ${t("ov.live.on")}` : `○ ${t("ov.live")}`}
      </button>
      )}
      <label className="flex flex-col">
        {t("ov.from")}
        <input type="datetime-local" className={input} value={local(range[0])} onChange={(e) => Number.isFinite(parse(e.target.value)) && parse(e.target.value) < range[1] && update({ from: parse(e.target.value), to: range[1] })} data-testid="window-from" />
      </label>
      <label className="flex flex-col">
        {t("ov.to")}
        <input type="datetime-local" className={input} value={local(range[1])} onChange={(e) => Number.isFinite(parse(e.target.value)) && parse(e.target.value) > range[0] && update({ from: range[0], to: parse(e.target.value) })} data-testid="window-to" />
      </label>
      <TzSwitch tz={state.tz} onChange={setTz} />
      <button type="button" className="text-sm underline" onClick={() => update({ namespaces: [], selector: "", status: "", node: "", search: "" })} data-testid="clear-filters">
        {t("ov.clear")}
      </button>
    </form>
  );
});

// A filter drop-down: "any", the values seen, and the URL's value even when no pod has it now.
function Choice({ label, any, value, options, onChange, className, testId }: { label: string; any: string; value: string; options: string[]; onChange: (v: string) => void; className: string; testId: string }) {
  return (
    <label className="flex flex-col">
      {label}
      <select className={className} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="">{any}</option>
        {[...new Set([...options, ...(value ? [value] : [])])].map((s) => (
          <option key={s} value={s}>{s}</option>
        ))}
      </select>
    </label>
  );
}

const Legend = memo(function Legend() {
  const { t } = useI18n();
  const sw = "inline-block h-2.5 w-4 rounded-sm align-middle mr-1";
  return (
    <span className="ml-auto flex flex-wrap items-center gap-x-3" aria-label={t("lg.title")}>
      {Object.entries(PHASE_COLOURS).map(([phase, c]) => (
        <span key={phase}><span className={sw} style={{ background: phase === "Running" || phase === "Succeeded" ? c : `repeating-linear-gradient(45deg,${c} 0 3px,#0004 3px 5px)` }} />{t(`phase.${phase}` as "phase.Pending")}</span>
      ))}
      <span><span className="mr-1 inline-block h-1 w-4 align-middle" style={{ background: "#009E73" }} />{t("lg.ready")}</span>
      <span><span className="mr-1 inline-block h-3 w-0.5 align-middle bg-slate-900 dark:bg-slate-100" />{t("lg.restart")}</span>
      <span><span className={sw} style={{ background: "#0072B2", opacity: 0.35 }} />{t("lg.unobserved")}</span>
    </span>
  );
});

let hatchCache: { dark: boolean; pattern: CanvasPattern | null } | null = null;
function hatch(ctx: CanvasRenderingContext2D, dark: boolean): CanvasPattern | string {
  if (hatchCache?.dark === dark && hatchCache.pattern) return hatchCache.pattern;
  const tile = document.createElement("canvas");
  tile.width = tile.height = 6;
  const c = tile.getContext("2d")!;
  c.strokeStyle = dark ? "rgba(0,0,0,0.55)" : "rgba(0,0,0,0.35)";
  c.lineWidth = 2;
  c.beginPath();
  c.moveTo(0, 6);
  c.lineTo(6, 0);
  c.stroke();
  hatchCache = { dark, pattern: ctx.createPattern(tile, "repeat") };
  return hatchCache.pattern ?? "transparent";
}

function useDark(): boolean {
  const [dark, setDark] = useState(false);
  useEffect(() => {
    const m = window.matchMedia("(prefers-color-scheme: dark)");
    // eslint-disable-next-line react-hooks/set-state-in-effect -- reading the browser's setting once mounted
    setDark(m.matches);
    const on = () => setDark(m.matches);
    m.addEventListener("change", on);
    return () => m.removeEventListener("change", on);
  }, []);
  return dark;
}
