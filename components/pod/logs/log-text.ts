// A captured log tail made ready to read: lines, ANSI colour, a leading timestamp, search. Pure.
// Log text is data: the reader renders what this returns as React text nodes, never as HTML, and
// of the terminal's escape sequences it keeps colour (SGR) only (lib/text/ansi.ts, as the live
// tail does): every other one is dropped.
import { ansiSegments, type AnsiSegment } from "@/lib/text/ansi";
import { leadingTime } from "@/lib/text/log-stamp";

export { leadingTime };

/** A run of characters drawn alike (lib/text/ansi.ts: colour from SGR, every other escape dropped). */
export type Segment = AnsiSegment;

export interface LogLine {
  /** 1-based, as the text numbers its lines. */
  n: number;
  /** The line as stored, escapes and all (copy and download keep it so). */
  raw: string;
  /** When the line starts with an RFC 3339 time: that time (epoch ms), drawn in the page's zone. */
  at: number | null;
  /** What is drawn after the time (or the whole line), escapes turned into segments. */
  segments: Segment[];
  /** The drawn text without escapes: what search looks in. */
  plain: string;
}

/** The text without escape sequences or control characters (tabs kept). */
export function stripAnsi(text: string): string {
  return ansiSegments(text)
    .map((s) => s.text)
    .join("");
}

/** The text's lines (a final newline ends the last line, it does not start an empty one). */
export function logLines(text: string): LogLine[] {
  if (!text) return [];
  const raws = text.split("\n");
  if (raws[raws.length - 1] === "") raws.pop();
  return raws.map((raw, i) => {
    const cr = raw.lastIndexOf("\r", raw.length - 2);
    const shown = (cr >= 0 ? raw.slice(cr + 1) : raw).replace(/\r$/, "");
    const stamp = leadingTime(shown);
    const body = stamp ? stamp.rest : shown;
    const segments = ansiSegments(body);
    return {
      n: i + 1,
      raw,
      at: stamp?.at ?? null,
      segments,
      plain: segments.map((s) => s.text).join(""),
    };
  });
}

export interface Match {
  /** Index into the lines. */
  line: number;
  start: number;
  end: number;
}

/** Every place the query occurs (case-insensitive, not overlapping), in reading order. */
export function findMatches(lines: LogLine[], query: string): Match[] {
  if (!query) return [];
  const q = query.toLowerCase();
  const out: Match[] = [];
  lines.forEach((l, line) => {
    const text = l.plain.toLowerCase();
    for (let i = text.indexOf(q); i >= 0; i = text.indexOf(q, i + q.length))
      out.push({ line, start: i, end: i + q.length });
  });
  return out;
}

/** A line's segments cut at the matches on it: each piece says whether it is a match and which. */
export function markSegments(
  segments: Segment[],
  marks: { start: number; end: number; index: number }[],
): (Segment & { mark: number | null })[] {
  if (!marks.length) return segments.map((s) => ({ ...s, mark: null }));
  const out: (Segment & { mark: number | null })[] = [];
  let pos = 0;
  for (const s of segments) {
    let from = 0;
    while (from < s.text.length) {
      const at = pos + from;
      const inside = marks.find((m) => m.start <= at && at < m.end);
      const next = inside
        ? inside.end
        : Math.min(...marks.filter((m) => m.start > at).map((m) => m.start), pos + s.text.length);
      const to = Math.min(next, pos + s.text.length) - pos;
      out.push({ ...s, text: s.text.slice(from, to), mark: inside ? inside.index : null });
      from = to;
    }
    pos += s.text.length;
  }
  return out;
}
