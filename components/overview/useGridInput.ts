"use client";
// The overview grid's pointer, wheel and keyboard: hover on the lanes (the row from y, the
// sentence from lib/view/lane-hover), drag to pan, Ctrl/⌘ + wheel to zoom about the pointer, a
// click left of the lane opens the pod, and a roving focus over the rows (arrows, pages, Home/End,
// Enter opens, +/− zoom, ←/→ pan, Esc closes the tooltip).
import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
  type RefObject,
} from "react";
import { useI18n } from "@/components/I18n";
import type { Rows } from "./usePodRows";
import { laneHoverText } from "@/lib/view/lane-hover";
import type { Tz } from "@/lib/text/format";
import { panWindow, zoomWindow } from "@/lib/view/overview";
import { HEADER_H, podHref, ROW_H } from "./RowLayer";

export interface GridInputOptions {
  /** The rows in their order on screen. */
  rows: Rows;
  /** The lane column: its left edge and width in the grid, in pixels. */
  lane: { x: number; w: number };
  /** The height of the rows' area (the grid less its header). */
  bodyHeight: number;
  from: number;
  to: number;
  now: number;
  live: boolean;
  tz: Tz;
  /** A zoom or pan step to the window `w`. */
  step(w: [number, number]): void;
  open(href: string): void;
  /** Changes when the grid element may have been replaced (the wheel listener is attached again). */
  gridKey: string;
}

export interface GridInput {
  /** For the grid's scrolling element. */
  scroller: RefObject<HTMLDivElement | null>;
  /** The lane tooltip: where the pointer is and what it says. */
  hover: { x: number; y: number; text: string } | null;
  /** The row under the pointer. */
  hoverRow: number | null;
  /** The row with the roving focus, and whether the keyboard focus is on a row. */
  focus: number;
  focusShown: boolean;
  setFocus(index: number): void;
  /** Forgets the pointer's row and tooltip (a scroll moved the rows under it). */
  clearHover(): void;
  /** The grid element's handlers. */
  handlers: {
    onMouseMove(e: MouseEvent): void;
    onMouseLeave(): void;
    onMouseDown(e: MouseEvent): void;
    onMouseUp(): void;
    onClick(e: MouseEvent): void;
    onKeyDown(e: KeyboardEvent): void;
    onFocus(e: FocusEvent): void;
    onBlur(): void;
  };
}

export function useGridInput(o: GridInputOptions): GridInput {
  const { t } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const { rows, lane: laneCol, bodyHeight, from, to, now, live, step, open } = o;
  const [hoverRow, setHoverRow] = useState<number | null>(null);
  const [focusShown, setFocusShown] = useState(false);
  const [focus, setFocus] = useState(0);

  // Hover on the lanes: the row from y, the segment by binary search.
  const [hover, setHover] = useState<{ x: number; y: number; text: string } | null>(null);
  const drag = useRef<{ x: number; win: [number, number] } | null>(null);
  const laneX = (e: MouseEvent) => {
    const r = scroller.current!.getBoundingClientRect();
    return { px: e.clientX - r.left - laneCol.x, py: e.clientY - r.top - HEADER_H };
  };
  const onMouseMove = (e: MouseEvent) => {
    const { px, py } = laneX(e);
    if (drag.current) {
      const dt =
        ((drag.current.x - e.clientX) / laneCol.w) * (drag.current.win[1] - drag.current.win[0]);
      step([drag.current.win[0] + dt, drag.current.win[1] + dt]);
      return;
    }
    const i = py < 0 ? -1 : Math.floor((py + scroller.current!.scrollTop) / ROW_H);
    setHoverRow(i >= 0 && i < rows.length ? i : null);
    if (px < 0 || px > laneCol.w || py < 0) return setHover(null);
    const row = rows[i];
    if (!row) return setHover(null);
    const at = from + (px / laneCol.w) * (to - from);
    const text = laneHoverText(row, at, {
      now,
      to,
      tolerance: (4 / laneCol.w) * (to - from),
      tz: o.tz,
      t,
    });
    setHover({ x: e.clientX, y: e.clientY, text });
  };
  const onWheel = (e: WheelEvent) => {
    if (!e.ctrlKey && !e.metaKey) return;
    const r = scroller.current!.getBoundingClientRect();
    const px = e.clientX - r.left - laneCol.x;
    if (px < 0 || px > laneCol.w) return;
    e.preventDefault();
    const at = from + (px / laneCol.w) * (to - from);
    step(zoomWindow([from, to], e.deltaY > 0 ? 1.25 : 0.8, at));
  };
  const wheelRef = useRef(onWheel);
  useLayoutEffect(() => void (wheelRef.current = onWheel));
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const h = (e: WheelEvent) => wheelRef.current(e);
    el.addEventListener("wheel", h, { passive: false });
    return () => el.removeEventListener("wheel", h);
  }, [scroller, o.gridKey]);

  // Keyboard: a roving focus over the rows.
  const focusRow = (i: number) => {
    const n = Math.max(0, Math.min(rows.length - 1, i));
    setFocus(n);
    const el = scroller.current;
    if (!el) return;
    const top = n * ROW_H;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_H > el.scrollTop + bodyHeight) el.scrollTop = top + ROW_H - bodyHeight;
    requestAnimationFrame(() => el.querySelector<HTMLElement>(`[data-index="${n}"]`)?.focus());
  };
  // A click or tap on a row, left of its lane (where dragging pans), opens the pod: on any cell,
  // whether or not the row has its text yet. The name's own link opens itself (new tab and all).
  const onClick = (e: MouseEvent) => {
    if (
      e.button !== 0 ||
      (e.target as HTMLElement).closest("a, button, input, select, [role=columnheader]")
    )
      return;
    if (window.getSelection()?.toString()) return;
    const { px, py } = laneX(e);
    if (py < 0 || px >= 0) return;
    const row = rows[Math.floor((py + scroller.current!.scrollTop) / ROW_H)];
    if (!row) return;
    if (e.ctrlKey || e.metaKey) window.open(podHref(row, o.tz), "_blank", "noopener");
    else open(podHref(row, o.tz));
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const el = e.target as HTMLElement;
    if (el.tagName === "INPUT" || el.tagName === "SELECT") return;
    const page = Math.max(1, Math.floor(bodyHeight / ROW_H) - 1);
    const keys: Record<string, () => void> = {
      ArrowDown: () => focusRow(focus + 1),
      ArrowUp: () => focusRow(focus - 1),
      PageDown: () => focusRow(focus + page),
      PageUp: () => focusRow(focus - page),
      Home: () => focusRow(0),
      End: () => focusRow(rows.length - 1),
      Enter: () => {
        const row = rows[focus];
        if (row) open(podHref(row, o.tz));
      },
      // In live mode the zoom keeps now at the right edge; a frozen window zooms about its middle.
      "+": () => step(zoomWindow([from, to], 0.67, live ? to : undefined)),
      "=": () => step(zoomWindow([from, to], 0.67, live ? to : undefined)),
      "-": () => step(zoomWindow([from, to], 1.5, live ? to : undefined)),
      ArrowLeft: () => step(panWindow([from, to], -0.1)),
      ArrowRight: () => step(panWindow([from, to], 0.1)),
      Escape: () => setHover(null),
    };
    const fn = keys[e.key];
    if (fn) {
      e.preventDefault();
      fn();
    }
  };

  return {
    scroller,
    hover,
    hoverRow,
    focus,
    focusShown,
    setFocus,
    clearHover: () => {
      setHoverRow(null);
      setHover(null);
    },
    handlers: {
      onMouseMove,
      onMouseLeave: () => {
        setHover(null);
        setHoverRow(null);
      },
      onMouseDown: (e) => {
        const { px, py } = laneX(e);
        if (px >= 0 && px <= laneCol.w && py >= 0 && e.button === 0) {
          drag.current = { x: e.clientX, win: [from, to] };
          e.preventDefault();
        }
      },
      onMouseUp: () => void (drag.current = null),
      onClick,
      onKeyDown,
      onFocus: (e) => setFocusShown(e.target.getAttribute("role") === "row"),
      onBlur: () => setFocusShown(false),
    },
  };
}
