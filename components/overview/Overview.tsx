"use client";
// The overview: one row per pod (kubectl's columns) and a lane over the chosen window, problems
// first. Rows are virtualised; the lanes of the visible rows are drawn on one canvas, batched by
// colour. Every choice lives in the URL.
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type UIEvent,
} from "react";
import { useRouter, useSearchParams } from "next/navigation";
import { scaleTime, scaleUtc } from "d3";
import { useI18n } from "@/components/I18n";
import { serverNow, useClusterInfo } from "@/components/useClusterInfo";
import { OfferedLink } from "@/components/OfferedLink";
import { createSnapshot, useOfferLink } from "@/components/useOfferLink";
import { healthCounts } from "@/lib/health";
import type { PodRow } from "@/lib/rows/pod-row";
import { parseLabelSelector } from "@/lib/k8s/label-selector";
import {
  DEFAULT_STATE,
  filterRows,
  readState,
  shareQueries,
  sortRows,
  windowRange,
  writeState,
  type OverviewState,
  type Preset,
  type SortKey,
} from "@/lib/view/overview";
import { cellsAt } from "@/lib/view/row-cells";
import { emptyMessage } from "@/lib/view/empty";
import { axisFormat } from "@/lib/view/timeline-layout";
import { formatTime, type Tz } from "@/lib/view/format";
import { usePodRows, type Preview } from "./usePodRows";
import { Filters } from "./Filters";
import { paintRows, type PaintInput } from "./paint-rows";
import { HEADER_H, ROW_H, RowLayer, type RowLayerHandle } from "./RowLayer";
import { useGridInput } from "./useGridInput";
import { Legend } from "./Legend";
import { LaneTooltip } from "./LaneTooltip";
import { hatch, themeOf, useDark } from "./canvas-theme";

/** Rows rendered above and below the screen. */
const OVERSCAN = 4;
// The grid's columns (and a row's box) are the class `ov-row` in app/globals.css: the same for the
// header and every row, and not repeated in the HTML of the server-rendered rows.
const COLS: {
  key: SortKey;
  label:
    | "col.name"
    | "col.namespace"
    | "col.status"
    | "col.ready"
    | "col.restarts"
    | "col.age"
    | "col.node";
}[] = [
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

const SHARE_BTN =
  "rounded border border-slate-300 px-1.5 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";

export function Overview({
  frozen = null,
  canSnapshot = true,
  preview = null,
  defaultWindow = DEFAULT_STATE.window,
}: {
  frozen?: FrozenOverview | null;
  canSnapshot?: boolean;
  preview?: Preview | null;
  defaultWindow?: Preset;
}) {
  const { t } = useI18n();
  const base = frozen ? `/s/${frozen.snapshot.id}` : "/";
  const { offered, offer, clear: clearOffered } = useOfferLink();
  const [shareError, setShareError] = useState<string | null>(null);
  const router = useRouter();
  const params = useSearchParams();
  const state = useMemo(
    () => readState(new URLSearchParams(params.toString()), defaultWindow),
    [params, defaultWindow],
  );
  const stateRef = useRef(state);
  useLayoutEffect(() => void (stateRef.current = state), [state]);
  const update = useCallback(
    (patch: Partial<OverviewState>) => {
      // The state asked for is the base of the next change at once: the router applies a replace
      // later, and a change made meanwhile must not build on the URL before it (an old search back).
      const next = { ...stateRef.current, ...patch };
      stateRef.current = next;
      const q = writeState(next, defaultWindow).toString();
      router.replace(q ? `${base}?${q}` : base, { scroll: false });
    },
    [router, base, defaultWindow],
  );

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
  // The last scroll, zoom or pan step: live updates wait until the view has been still for 0.4 s.
  const moved = useRef(0);
  const moving = useCallback(() => performance.now() - moved.current < 400, []);
  const rowsState = usePodRows(
    {
      namespace: state.namespaces.length ? state.namespaces.join(",") : null,
      selector: state.selector,
      from: state.from,
      to: state.to,
    },
    () => windowRange(stateRef.current, serverNow(clockRef.current))[0],
    frozen,
    preview,
    moving,
  );
  // The server's first screen (until the stream's snapshot comes) stands for its own moment.
  const previewing = rowsState.state === "ok" ? (rowsState.preview ?? null) : null;
  // `tick` re-reads the clock each second.
  const now = useMemo(
    () => frozen?.at ?? previewing?.at ?? serverNow(clock),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [clock, tick, frozen, previewing],
  );

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
  const step = (w: [number, number]) => {
    stamp(moved);
    setPending(w);
  };
  const [shownFrom, shownTo] = windowRange(state, now);
  const [from, to] = pending ?? [shownFrom, shownTo];

  const all = useMemo(() => (rowsState.state === "ok" ? rowsState.rows : []), [rowsState]);
  const labels = useMemo(() => selectorFn(state.selector), [state.selector]);
  const filtered = useMemo(
    () =>
      filterRows(all, {
        namespaces: state.namespaces,
        status: state.status,
        node: state.node,
        search: state.search,
        labels,
      }),
    [all, state.namespaces, state.status, state.node, state.search, labels],
  );
  // Problem scores move with time (Pending too long, restarted lately): re-sort every 10 s, not every tick.
  // A window that ends in the past is judged at its end (its rows say what was true then).
  const moment = live ? now : Math.min(now, shownTo);
  const sortClock = live ? Math.floor(now / 10_000) * 10_000 : moment;
  const sorted = useMemo(
    () => sortRows(filtered, state.sort, state.desc, sortClock),
    [filtered, state.sort, state.desc, sortClock],
  );
  const statuses = useMemo(() => [...new Set(all.map((r) => r.status))].sort(), [all]);
  const nodes = useMemo(
    () => [...new Set(all.map((r) => r.node).filter((n): n is string => !!n))].sort(),
    [all],
  );
  // Nodes not Ready under the pods in view: the rows carry their node's state (lib/health reads it).
  const nodesNotReady = useMemo(
    () => healthCounts(filtered, sortClock).nodesNotReady,
    [filtered, sortClock],
  );

  // The rows: pixels on one canvas stuck under the header (text, dots, lanes), repainted on every
  // scroll; in the DOM, a text-free row per row on screen (focus, accessible names) in slots keyed
  // by position modulo the block's size, so scrolling reuses elements, and real text only in the
  // row under the pointer and the focused row (selectable, a real link). See paint-rows.ts.
  const header = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const layer = useRef<RowLayerHandle>(null);
  const scrollTop = useRef(0);
  const [view, setView] = useState<{
    height: number;
    width: number;
    columns: { x: number; w: number }[];
  }>({ height: 1000, width: 1000, columns: [] });
  const laneCol = view.columns[7] ?? { x: 0, w: 300 };
  const bodyHeight = Math.max(0, view.height - HEADER_H);
  const slots = Math.ceil(bodyHeight / ROW_H) + 1 + 2 * OVERSCAN;

  const open = useCallback((href: string) => router.push(href), [router]);
  const { scroller, hover, hoverRow, focus, focusShown, setFocus, clearHover, handlers } =
    useGridInput({
      rows: sorted,
      lane: laneCol,
      bodyHeight,
      from,
      to,
      now,
      live,
      tz: state.tz,
      step,
      open,
      gridKey: rowsState.state,
    });
  // Measured before the browser paints, so the first paint of the rows has the real columns.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    // A new grid (after loading) starts at its own offset, whatever the last one had.
    scrollTop.current = el.scrollTop;
    const measure = () => {
      const cells = header.current ? ([...header.current.children] as HTMLElement[]) : [];
      setView({
        height: el.clientHeight,
        width: el.clientWidth,
        columns: cells.map((c) => ({ x: c.offsetLeft, w: c.offsetWidth })),
      });
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [scroller, rowsState.state]);

  // What a row shows, worked out once per row and moment (scrolling back asks again).
  const cells = useMemo(() => cellsAt(live, moment, t), [live, moment, t]);

  // Painting: from the latest inputs and the scroll offset the last scroll event saw.
  const dark = useDark();
  const inputs = useRef<Omit<PaintInput, "scrollTop"> | null>(null);
  const paint = useCallback(() => {
    const c = canvas.current;
    const p = inputs.current;
    if (!c || !p) return;
    const dpr = window.devicePixelRatio || 1;
    if (c.width !== Math.round(p.width * dpr) || c.height !== Math.round(p.height * dpr)) {
      c.width = Math.round(p.width * dpr);
      c.height = Math.round(p.height * dpr);
    }
    const ctx = c.getContext("2d");
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    paintRows(ctx, { ...p, scrollTop: scrollTop.current }, hatch(ctx, p.dark));
  }, []);
  useLayoutEffect(() => {
    // The preview's rows are elements with text and lanes of their own; nothing to paint yet.
    inputs.current = {
      rows: previewing ? [] : sorted,
      cells,
      width: view.width,
      height: bodyHeight,
      rowHeight: ROW_H,
      columns: view.columns,
      from,
      to,
      now,
      live,
      dark,
      hover: hoverRow,
      focus,
      focusShown,
      ...themeOf(dark),
    };
    paint();
  }, [
    sorted,
    previewing,
    cells,
    view,
    bodyHeight,
    from,
    to,
    now,
    live,
    dark,
    hoverRow,
    focus,
    focusShown,
    paint,
  ]);
  const onScroll = (e: UIEvent<HTMLDivElement>) => {
    const st = e.currentTarget.scrollTop;
    scrollTop.current = st;
    stamp(moved);
    // The rows' block and (once) the hover go in this frame, so the DOM never lags the pixels.
    layer.current?.scrollTo(
      Math.max(0, Math.floor(st / ROW_H) - OVERSCAN),
      hoverRow !== null ? clearHover : null,
    );
    paint();
  };

  const setTz = useCallback((tz: Tz) => update({ tz }), [update]);

  // Tick positions in percent of the lane column: right before its width is measured (the server's HTML).
  const axis = useMemo(() => {
    const s = (state.tz === "utc" ? scaleUtc() : scaleTime()).domain([from, to]).range([0, 100]);
    const fmt = axisFormat(to - from, state.tz);
    return s.ticks(5).map((d) => ({ x: s(d), label: fmt(d) }));
  }, [from, to, state.tz]);

  const total = all.length;
  return (
    <main className="flex h-[calc(100vh-5.5rem)] flex-col px-4 pt-3" data-testid="overview">
      {frozen && (
        <p
          className="mb-2 rounded border border-violet-300 bg-violet-50 px-3 py-1.5 text-sm text-violet-950 dark:border-violet-800 dark:bg-violet-950 dark:text-violet-100"
          data-testid="snapshot-banner"
        >
          {t("snap.overviewBanner", {
            at: formatTime(frozen.at, state.tz),
            made: formatTime(frozen.snapshot.createdAt, state.tz),
            until: formatTime(frozen.snapshot.expiresAt, state.tz, { part: "date" }),
          })}
          {frozen.snapshot.createdBy ? ` ${t("snap.by", { who: frozen.snapshot.createdBy })}` : ""}
        </p>
      )}
      <Filters
        state={state}
        update={update}
        statuses={statuses}
        nodes={nodes}
        live={live && !pending}
        canFollow={frozen === null}
        from={shownFrom}
        to={shownTo}
        setTz={setTz}
      />
      <div className="mt-1 flex items-center gap-3 text-xs text-slate-600 dark:text-slate-400">
        <span data-testid="count">
          {t(
            "ov.count",
            previewing
              ? { shown: previewing.shown, total: previewing.total }
              : { shown: sorted.length, total },
          )}
        </span>
        {frozen ? (
          <button
            type="button"
            className={SHARE_BTN}
            data-testid="copy-snapshot-link"
            onClick={() => void offer(`${base}?${writeState(state)}`, t("share.snapshotLink"))}
          >
            {t("share.copySnapshot")}
          </button>
        ) : (
          <>
            <button
              type="button"
              className={SHARE_BTN}
              data-testid="copy-live-link"
              onClick={() => void offer(`/?${shareQueries(state, now).live}`, t("share.liveLink"))}
            >
              {t("share.copyLive")}
            </button>
            <button
              type="button"
              className={SHARE_BTN}
              data-testid="copy-frozen-link"
              onClick={() =>
                void offer(`/?${shareQueries(state, now).frozen}`, t("share.frozenWindow"))
              }
            >
              {t("share.copyFrozen")}
            </button>
            {canSnapshot && (
              <button
                type="button"
                className={SHARE_BTN}
                data-testid="share-snapshot"
                onClick={() => void snapshot()}
              >
                {t("share.snapshot")}
              </button>
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
        <span>
          ·{" "}
          {t("ov.sorted", {
            column:
              state.sort === "problems"
                ? t("ov.sort.problems")
                : t(COLS.find((c) => c.key === state.sort)!.label),
          })}
        </span>
        {rowsState.state === "ok" && live && !rowsState.streaming && (
          <span role="status" className="text-amber-700 dark:text-amber-400">
            {t("ov.stream.retrying")}
          </span>
        )}
        {rowsState.state === "ok" && rowsState.truncated && (
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
      {rowsState.state === "loading" && (
        <p className="mt-6 text-slate-500" aria-busy="true" data-testid="overview-loading">
          {t("ov.loading")}
        </p>
      )}
      {rowsState.state === "error" && (
        <p
          role="alert"
          className="mt-4 rounded border border-red-300 bg-red-50 p-3 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
          data-testid="overview-error"
        >
          {rowsState.status === 400
            ? t("ov.filter.invalid", { error: rowsState.error })
            : t("ov.error", { error: rowsState.error })}
        </p>
      )}
      {rowsState.state === "ok" && (
        <div className="relative mt-2 min-h-0 flex-1 rounded border border-slate-200 dark:border-slate-800">
          <div
            ref={scroller}
            className="h-full overflow-x-hidden overflow-y-auto bg-white dark:bg-slate-950"
            onScroll={onScroll}
            {...handlers}
            id="rows"
            role="grid"
            tabIndex={-1}
            aria-label={t("ov.title")}
            aria-rowcount={sorted.length + 1}
            aria-colcount={8}
          >
            <div
              ref={header}
              role="row"
              aria-rowindex={1}
              className="ov-cols sticky top-0 z-10 grid items-end border-b border-slate-200 bg-white text-xs dark:border-slate-800 dark:bg-slate-950"
              style={{ height: HEADER_H }}
            >
              {COLS.map((c) => (
                <div
                  key={c.key}
                  role="columnheader"
                  aria-sort={
                    state.sort === c.key ? (state.desc ? "descending" : "ascending") : "none"
                  }
                  className="px-2 pb-1"
                >
                  <button
                    type="button"
                    className="font-medium whitespace-nowrap hover:underline"
                    onClick={() =>
                      update(
                        state.sort === c.key
                          ? state.desc
                            ? { sort: "problems", desc: false }
                            : { desc: true }
                          : { sort: c.key, desc: false },
                      )
                    }
                    title={t("ov.sort.by", { column: t(c.label) })}
                    data-testid={`sort-${c.key}`}
                  >
                    {t(c.label)}
                    {state.sort === c.key ? (state.desc ? " ▼" : " ▲") : ""}
                  </button>
                </div>
              ))}
              <div role="columnheader" className="relative h-full" aria-label={t("ov.lanes")}>
                <span className="absolute top-0.5 left-1 font-medium">{t("col.lane")}</span>
                {axis.map((a) => (
                  // The server renders in its own time zone; the browser's local times replace these at once.
                  <span
                    key={a.x}
                    suppressHydrationWarning
                    className="absolute bottom-1 -translate-x-1/2 text-[10px] whitespace-nowrap text-slate-500"
                    style={{ left: `${a.x}%` }}
                  >
                    {a.label}
                  </span>
                ))}
              </div>
            </div>
            {sorted.length === 0 ? (
              <p className="p-6 text-slate-500" data-testid="overview-empty">
                {(({ key, vars }) => t(key, vars))(
                  emptyMessage({
                    total,
                    live,
                    namespaces: state.namespaces,
                    selector: state.selector,
                  }),
                )}
              </p>
            ) : (
              <>
                <canvas
                  ref={canvas}
                  aria-hidden
                  data-testid="lanes"
                  className="pointer-events-none sticky block"
                  style={{
                    top: HEADER_H,
                    width: view.width,
                    height: bodyHeight,
                    marginBottom: -bodyHeight,
                  }}
                />
                <div
                  role="rowgroup"
                  style={{
                    height: (previewing ? previewing.shown : sorted.length) * ROW_H,
                    position: "relative",
                  }}
                >
                  <RowLayer
                    ref={layer}
                    rows={sorted}
                    slots={slots}
                    cells={cells}
                    focus={focus}
                    hover={hoverRow}
                    tz={state.tz}
                    onFocusRow={setFocus}
                    open={open}
                    lanes={previewing ? { from, to, now: Math.min(now, to), live } : null}
                  />
                </div>
              </>
            )}
          </div>
        </div>
      )}
      {hover && <LaneTooltip x={hover.x} y={hover.y} text={hover.text} />}
      <p className="py-1 text-xs text-slate-500">
        {t("keys.help")} {t("keys.mouse")}
      </p>
    </main>
  );
}

/** Notes the moment of a scroll, zoom or pan step. */
function stamp(ref: { current: number }): void {
  ref.current = performance.now();
}
