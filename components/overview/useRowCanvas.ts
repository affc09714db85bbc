"use client";
// The overview's canvas: what to paint (the latest inputs), painted again whenever they change and
// on every scroll (`paint`, which reads the scroll offset the last scroll event saw), at the
// screen's pixel ratio, in the page's theme. The drawing itself is paint-rows.ts.
import { useCallback, useLayoutEffect, useRef, type RefObject } from "react";
import { hatch, themeOf, useDark } from "./canvas-theme";
import { paintRows, type PaintInput } from "./paint-rows";

/** What the page decides; the theme and the scroll offset are the hook's. */
export type RowCanvasInput = Omit<PaintInput, "scrollTop" | "dark" | "fonts" | "textColour">;

export function useRowCanvas(
  scrollTop: RefObject<number>,
  p: RowCanvasInput,
): { canvas: RefObject<HTMLCanvasElement | null>; paint(): void } {
  const canvas = useRef<HTMLCanvasElement>(null);
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
  }, [scrollTop]);
  // After each render, painted again when anything it paints from changed (as an effect's
  // dependencies would say, field by field).
  useLayoutEffect(() => {
    const next: Omit<PaintInput, "scrollTop"> = { ...p, dark, ...themeOf(dark) };
    const last = inputs.current;
    if (last && (Object.keys(next) as (keyof typeof next)[]).every((k) => last[k] === next[k]))
      return;
    inputs.current = next;
    paint();
  });
  return { canvas, paint };
}
