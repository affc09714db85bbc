// Cluster text (reasons, messages, event text, names) may hold Unicode direction controls: an
// RLO (U+202E) reverses everything after it on the line, our own words included. Where such
// text is put inside a sentence, an SVG text or a tooltip, it is isolated (FSI … PDI, which also
// closes whatever it opened); where it is drawn on a canvas (and may be cut to fit), its explicit
// controls are removed. HTML elements holding it use `dir="auto"` or <bdi> (the same isolation).

export const FSI = "\u2068";
export const PDI = "\u2069";

// Embeddings and overrides (LRE RLE PDF LRO RLO) and isolates (LRI RLI FSI PDI).
const CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
const RTL_OR_CONTROL = /[\u0590-\u08FF\u200F\u202A-\u202E\u2066-\u2069\uFB1D-\uFDFF\uFE70-\uFEFF]/;

/**
 * The text in FSI…PDI; inside it, a PDI that closes nothing is dropped (it would close ours) and
 * an isolate it leaves open is closed. Text with nothing right-to-left in it is left as it is.
 */
export function isolate<T extends string | null | undefined>(text: T): T {
  if (!text || !RTL_OR_CONTROL.test(text)) return text;
  let out = "";
  let open = 0;
  for (const ch of text as string) {
    if (ch === "\u2066" || ch === "\u2067" || ch === FSI) open++;
    else if (ch === PDI) {
      if (open === 0) continue;
      open--;
    }
    out += ch;
  }
  return `${FSI}${out}${PDI.repeat(open)}${PDI}` as T;
}

/** The same for every string among a sentence's placeholders. */
export function isolateVars<V extends Record<string, string | number>>(vars: V): V {
  return Object.fromEntries(
    Object.entries(vars).map(([k, v]) => [k, typeof v === "string" ? isolate(v) : v]),
  ) as V;
}

/** The text without explicit direction controls (for canvas, where a cut could drop a closing PDI). */
export function plainDirection(text: string): string {
  return text.replace(CONTROLS, "");
}
