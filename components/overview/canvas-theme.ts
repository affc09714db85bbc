"use client";
// What the overview's canvas needs from the page's theme: dark or light (the browser's setting),
// the hatching pattern for hatched fills, and the page's fonts and text colour.
import { useEffect, useState } from "react";
import { CANVAS, PAGE } from "@/lib/view/palette";

let hatchCache: { dark: boolean; pattern: CanvasPattern | null } | null = null;
export function hatch(ctx: CanvasRenderingContext2D, dark: boolean): CanvasPattern | string {
  if (hatchCache?.dark === dark && hatchCache.pattern) return hatchCache.pattern;
  const tile = document.createElement("canvas");
  tile.width = tile.height = 6;
  const c = tile.getContext("2d")!;
  c.strokeStyle = (dark ? CANVAS.dark : CANVAS.light).hatch;
  c.lineWidth = 2;
  c.beginPath();
  c.moveTo(0, 6);
  c.lineTo(6, 0);
  c.stroke();
  hatchCache = { dark, pattern: ctx.createPattern(tile, "repeat") };
  return hatchCache.pattern ?? "transparent";
}

export function useDark(): boolean {
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

// The page's font stacks and text colour, for the canvas: read from the style sheet once per theme.
let theme: { dark: boolean; fonts: { sans: string; mono: string }; textColour: string } | null =
  null;
export function themeOf(dark: boolean): {
  fonts: { sans: string; mono: string };
  textColour: string;
} {
  if (theme?.dark !== dark) {
    const body = getComputedStyle(document.body);
    const mono = getComputedStyle(document.documentElement).getPropertyValue("--font-mono").trim();
    theme = {
      dark,
      fonts: { sans: body.fontFamily || "sans-serif", mono: mono || "monospace" },
      textColour: body.color || (dark ? PAGE.dark : PAGE.light).ink,
    };
  }
  return theme;
}
