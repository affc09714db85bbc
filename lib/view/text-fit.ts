// Text that fits a width, for canvas cells: the whole text when it fits, else the longest prefix
// that fits with "…" after it (what CSS's text-overflow: ellipsis shows). Pure: the caller brings
// the measure (a 2D context's measureText); results are cached per font, text and width, because a
// scrolling grid asks for the same cells again and again.

export type Measure = (text: string) => number;

/** The longest prefix of `text` (plus "…") no wider than `width`; "" when not even "…" fits. */
export function fitText(text: string, width: number, measure: Measure): string {
  if (width <= 0) return "";
  if (measure(text) <= width) return text;
  if (measure("…") > width) return "";
  // Binary search over code points, so a surrogate pair is never cut in half.
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (measure(`${chars.slice(0, mid).join("")}…`) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join("").trimEnd()}…`;
}

/**
 * A cache of fitText results and text widths for one font, dropped whole when it grows past
 * `limit` entries (a grid shows a few thousand distinct strings; churn beyond that is rare).
 */
export class TextFitter {
  private widths = new Map<string, number>();
  private fits = new Map<string, string>();
  constructor(
    private readonly measureRaw: Measure,
    private readonly limit = 20_000,
  ) {}

  width(text: string): number {
    let w = this.widths.get(text);
    if (w === undefined) {
      if (this.widths.size >= this.limit) this.widths.clear();
      w = this.measureRaw(text);
      this.widths.set(text, w);
    }
    return w;
  }

  fit(text: string, width: number): string {
    const key = `${Math.floor(width)}\u0000${text}`;
    let out = this.fits.get(key);
    if (out === undefined) {
      if (this.fits.size >= this.limit) this.fits.clear();
      out = fitText(text, Math.floor(width), (s) => this.width(s));
      this.fits.set(key, out);
    }
    return out;
  }
}
