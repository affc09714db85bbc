// WCAG 2.x contrast between two colours, and the ink a label on a fill needs to stay readable
// (AA: 4.5:1 for text). Pure: the timeline's layout picks each label's colours with it.
import { NEUTRAL } from "./palette";

export const AA_TEXT = 4.5;

function channels(hex: string): [number, number, number] {
  const h = hex.replace("#", "");
  const full = h.length === 3 ? [...h].map((c) => c + c).join("") : h.slice(0, 6);
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255) as [number, number, number];
}

/** Relative luminance (WCAG 2.x). */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) =>
    c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
  );
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio, 1 to 21. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white: whichever reads better on `fill` (one of them always reaches 4.5:1). */
export function inkOn(fill: string): typeof NEUTRAL.black | typeof NEUTRAL.white {
  const { black, white } = NEUTRAL;
  return contrast(black, fill) >= contrast(white, fill) ? black : white;
}
