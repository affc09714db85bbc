// Which words fit on the pod timeline: each box's label or a shorter form of it, tick labels that
// do not run into each other. Pure: pixels in, the boxes and ticks annotated out.
import { inkOn } from "./contrast";
import type { Box, Tick } from "./timeline-types";

/** Box labels are drawn at 10 px: about this many px a character. */
export const BOX_CHAR_PX = 6;

/**
 * Picks each box's drawn text: its label, or the longest shorter form that fits. A run's text may
 * run on past the run into the waiting after it (back-off), up to the next run; other boxes keep
 * theirs inside. Texts never overlap; a box's text moves right past the one before when its box
 * still holds it. Boxes are annotated in place (and returned).
 */
export function fitBoxLabels(boxes: Box[], right: number): Box[] {
  const sorted = [...boxes].sort((a, b) => a.x - b.x);
  const runs = sorted.filter((b) => b.kind === "run");
  let free = -Infinity;
  for (const b of sorted) {
    if (!b.label) continue;
    const next = b.kind === "run" ? runs.find((r) => r.x > b.x) : undefined;
    const end = b.kind === "run" ? Math.min(next?.x ?? right, right) : b.x + b.width;
    const x = Math.max(b.x + 4, free);
    const text = [b.label, ...(b.short ?? [])].find((l) => x + l.length * BOX_CHAR_PX + 2 <= end);
    if (!text) continue;
    b.text = text;
    b.textX = x;
    b.textOn = x + text.length * BOX_CHAR_PX + 2 <= b.x + b.width ? "fill" : "page";
    b.ink = b.textOn === "fill" ? inkOn(b.fill) : undefined;
    free = x + text.length * BOX_CHAR_PX + 3;
  }
  return boxes;
}

/**
 * Drops tick labels that would overlap the label before them (ticks in time order, labels about
 * `charWidth` px a character plus a gap); returns the ticks with `label` kept only where it fits.
 */
export function placeLabels(ticks: Tick[], charWidth = 5, gap = 3): Tick[] {
  let free = -Infinity;
  return [...ticks]
    .sort((a, b) => a.x - b.x)
    .map((t) => {
      if (!t.label) return t;
      const left = t.x + 6;
      if (left < free) return { ...t, label: undefined };
      free = left + t.label.length * charWidth + gap;
      return t;
    });
}
