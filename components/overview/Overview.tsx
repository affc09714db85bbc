"use client";
// The overview: one row per pod (kubectl's columns) and a lane over the chosen window, problems
// first. Rows are virtualised; the lanes of the visible rows are drawn on one canvas, batched by
// colour. Every choice lives in the URL. This file holds the page's state and composes its parts:
// Filters, Toolbar, GridHeader, RowLayer (the DOM rows), useGridInput (pointer, wheel, keys) and
// useRowCanvas (the canvas under the rows).
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
import { useShownTz } from "@/components/useHydrated";
import { useI18n } from "@/components/I18n";
import { serverNow, useClusterInfo } from "@/components/useClusterInfo";
import { healthCounts } from "@/lib/health";
import type { PodRow } from "@/lib/rows/pod-row";
import { parseLabelSelector } from "@/lib/k8s/label-selector";
import {
  DEFAULT_STATE,
  filterRows,
  readState,
  sortRows,
  windowRange,
  writeState,
  type OverviewState,
  type Preset,
} from "@/lib/view/overview";
import { cellsAt } from "@/lib/view/row-cells";
import { emptyMessage } from "@/lib/view/empty";
import { formatTime, type Tz } from "@/lib/text/format";
import { usePodRows, type Preview, type Rows } from "./usePodRows";
import { sortClock } from "@/lib/rows/order";
import { Filters } from "./Filters";
import { GroupToggle } from "./GroupToggle";
import { HEADER_H, ROW_H, RowLayer, type RowLayerHandle } from "./RowLayer";
import { useGridInput } from "./useGridInput";
import { GridHeader } from "./GridHeader";
import { Toolbar } from "./Toolbar";
import { LaneTooltip } from "./LaneTooltip";
import { useRowCanvas } from "./useRowCanvas";

/** Rows rendered above and below the screen. */
const OVERSCAN = 4;

function selectorFn(text: string): ((labels: Record<string, string>) => boolean) | null {
  if (!text.trim()) return null;
  try {
    return parseLabelSelector(text);
  } catch {
    return null;
  }
}

const NO_ROWS: PodRow[] = [];

/** A stored overview (/s/{id}): its rows, the moment they stand for, the snapshot's facts. */
export interface FrozenOverview {
  rows: PodRow[];
  truncated: boolean;
  at: number;
  snapshot: { id: string; createdAt: number; expiresAt: number; createdBy: string | null };
}

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
  const router = useRouter();
  const params = useSearchParams();
  const state = useMemo(
    () => readState(new URLSearchParams(params.toString()), defaultWindow),
    [params, defaultWindow],
  );
  // A snapshot's or a preview's rows are drawn on the server, whose "local" zone is not the
  // browser's: times in UTC until the page runs (components/useHydrated.ts), then in state.tz.
  const tz = useShownTz(state.tz);
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
  const [rowsState, look] = usePodRows(
    {
      namespace: state.namespaces.length ? state.namespaces.join(",") : null,
      selector: state.selector,
      status: state.status,
      node: state.node,
      search: state.search,
      sort: state.sort,
      desc: state.desc,
      window: state.window,
      from: state.from,
      to: state.to,
    },
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

  // A live window: the server filtered and sorted every pod (lib/live/views.ts) and counted them.
  const served = rowsState.state === "ok" ? (rowsState.window ?? null) : null;
  // The last query's rows while this one's come (a second at most): dimmed, busy.
  const stale = rowsState.state === "ok" && rowsState.stale === true;
  const all = useMemo(
    () => (rowsState.state === "ok" && !rowsState.window ? (rowsState.rows as PodRow[]) : NO_ROWS),
    [rowsState],
  );
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
  const clockOfSort = live ? sortClock(now) : moment;
  const sortedHere = useMemo(
    () => sortRows(filtered, state.sort, state.desc, clockOfSort),
    [filtered, state.sort, state.desc, clockOfSort],
  );
  const sorted: Rows = served && rowsState.state === "ok" ? rowsState.rows : sortedHere;
  const statuses = useMemo(
    () => served?.counts.statuses ?? [...new Set(all.map((r) => r.status))].sort(),
    [all, served],
  );
  const nodes = useMemo(
    () =>
      served?.counts.nodes ??
      [...new Set(all.map((r) => r.node).filter((n): n is string => !!n))].sort(),
    [all, served],
  );
  // Nodes not Ready under the pods in view: the rows carry their node's state (lib/health reads it).
  const nodesNotReady = useMemo(
    () => served?.counts.nodesNotReady ?? healthCounts(filtered, clockOfSort).nodesNotReady,
    [filtered, clockOfSort, served],
  );

  // The rows: pixels on one canvas stuck under the header (text, dots, lanes), repainted on every
  // scroll; in the DOM, a text-free row per row on screen (focus, accessible names) in slots keyed
  // by position modulo the block's size, so scrolling reuses elements, and real text only in the
  // row under the pointer and the focused row (selectable, a real link). See paint-rows.ts.
  const header = useRef<HTMLDivElement>(null);
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
      tz,
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
    // A taller screen may need more of a live window than it holds.
    look(Math.floor(el.scrollTop / ROW_H), Math.ceil(el.clientHeight / ROW_H));
    const ro = new ResizeObserver(() => {
      measure();
      look(Math.floor(el.scrollTop / ROW_H), Math.ceil(el.clientHeight / ROW_H));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [scroller, rowsState.state, look]);

  // What a row shows, worked out once per row and moment (scrolling back asks again).
  const cells = useMemo(() => cellsAt(live, moment, t), [live, moment, t]);

  const { canvas, paint } = useRowCanvas(scrollTop, {
    // The preview's rows are elements with text and lanes of their own; nothing to paint yet.
    rows: previewing ? NO_ROWS : sorted,
    cells,
    width: view.width,
    height: bodyHeight,
    rowHeight: ROW_H,
    columns: view.columns,
    from,
    to,
    now,
    live,
    hover: hoverRow,
    focus,
    focusShown,
  });
  const onScroll = (e: UIEvent<HTMLDivElement>) => {
    const st = e.currentTarget.scrollTop;
    scrollTop.current = st;
    look(Math.floor(st / ROW_H), Math.ceil(bodyHeight / ROW_H));
    stamp(moved);
    // The rows' block and (once) the hover go in this frame, so the DOM never lags the pixels.
    layer.current?.scrollTo(
      Math.max(0, Math.floor(st / ROW_H) - OVERSCAN),
      hoverRow !== null ? clearHover : null,
    );
    paint();
  };

  const setTz = useCallback((tz: Tz) => update({ tz }), [update]);

  const total = served ? served.counts.all : all.length;
  return (
    <main className="flex h-[calc(100vh-5.5rem)] flex-col px-4 pt-3" data-testid="overview">
      {frozen && (
        <p
          className="mb-2 rounded border border-violet-300 bg-violet-50 px-3 py-1.5 text-sm text-violet-950 dark:border-violet-800 dark:bg-violet-950 dark:text-violet-100"
          data-testid="snapshot-banner"
        >
          {t("snap.overviewBanner", {
            at: formatTime(frozen.at, tz),
            made: formatTime(frozen.snapshot.createdAt, tz),
            until: formatTime(frozen.snapshot.expiresAt, tz, { part: "date" }),
          })}
          {frozen.snapshot.createdBy ? ` ${t("snap.by", { who: frozen.snapshot.createdBy })}` : ""}
        </p>
      )}
      {!frozen && <GroupToggle defaultWindow={defaultWindow} />}
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
      <Toolbar
        state={state}
        now={now}
        base={base}
        frozen={frozen !== null}
        canSnapshot={canSnapshot}
        count={
          previewing
            ? { shown: previewing.shown, total: previewing.total }
            : { shown: sorted.length, total }
        }
        nodesNotReady={nodesNotReady}
        nodesHidden={clock.answer?.ok === true && clock.answer.info.nodes?.state === "forbidden"}
        retrying={rowsState.state === "ok" && live && !rowsState.streaming}
        truncated={rowsState.state === "ok" && rowsState.truncated}
      />
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
            className={`h-full overflow-x-hidden overflow-y-auto bg-white dark:bg-slate-950 ${stale ? "opacity-60" : ""}`}
            onScroll={onScroll}
            {...handlers}
            id="rows"
            role="grid"
            aria-busy={stale || undefined}
            data-stale={stale ? "" : undefined}
            tabIndex={-1}
            aria-label={t("ov.title")}
            aria-rowcount={sorted.length + 1}
            aria-colcount={8}
          >
            <GridHeader
              ref={header}
              sort={state.sort}
              desc={state.desc}
              tz={tz}
              from={from}
              to={to}
              update={update}
            />
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
                    tz={tz}
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
