// ANSI escape codes in a container's log line: colour (SGR 30–37, 90–97, 39; bold 1, 22; reset 0)
// becomes a colour of a text segment, every other escape sequence (cursor moves, OSC titles and
// links, …) and control character (but the tab) is dropped (lib/text/error-line.ts stripAnsi
// drops them all, colours too, for a quoted line). Nothing else is interpreted: the
// segments are text, shown as text nodes.

export interface AnsiSegment {
  text: string;
  /** A colour name of ANSI_COLOURS. */
  fg?: AnsiColour;
  bold?: true;
}

export type AnsiColour =
  | "black"
  | "red"
  | "green"
  | "yellow"
  | "blue"
  | "magenta"
  | "cyan"
  | "white"
  | "brightBlack"
  | "brightRed"
  | "brightGreen"
  | "brightYellow"
  | "brightBlue"
  | "brightMagenta"
  | "brightCyan"
  | "brightWhite";

const NAMES: AnsiColour[] = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"];

/** Readable on both themes (the Okabe–Ito hues where there is one: lib/view/palette.ts). */
export const ANSI_COLOURS: Record<AnsiColour, string> = {
  black: "#6b7280",
  red: "#D55E00",
  green: "#009E73",
  yellow: "#b07900",
  blue: "#0072B2",
  magenta: "#CC79A7",
  cyan: "#56B4E9",
  white: "#9ca3af",
  brightBlack: "#9ca3af",
  brightRed: "#ef6c2b",
  brightGreen: "#22b98a",
  brightYellow: "#E69F00",
  brightBlue: "#3b8fd0",
  brightMagenta: "#d995bd",
  brightCyan: "#7cc7ef",
  brightWhite: "#d1d5db",
};

// CSI … final byte; OSC … BEL or ST; other escapes (ESC M, ESC 7, ESC ( B: intermediates then a
// final byte); C0 controls but tab; DEL; C1 CSI.
const ESCAPES =
  /\x1b\[([0-9;:?<=>]*)([ -/]*)([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -/]*[0-~]?|\x9b[0-9;]*[@-~]|[\x00-\x08\x0a-\x1f\x7f-\x9f]/g;

/** The line's text in segments of one colour each; escapes and controls removed. */
export function ansiSegments(line: string): AnsiSegment[] {
  const out: AnsiSegment[] = [];
  let fg: AnsiColour | undefined;
  let bold = false;
  let last = 0;
  const push = (text: string) => {
    if (!text) return;
    const prev = out[out.length - 1];
    if (prev && prev.fg === fg && !!prev.bold === bold) prev.text += text;
    else out.push({ text, ...(fg ? { fg } : {}), ...(bold ? { bold: true as const } : {}) });
  };
  ESCAPES.lastIndex = 0;
  for (let m = ESCAPES.exec(line); m; m = ESCAPES.exec(line)) {
    push(line.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[3] !== "m" || m[2] || m[0][0] !== "\x1b" || m[1] === undefined) continue;
    const codes = m[1] === "" ? [0] : m[1].split(/[;:]/).map((c) => Number(c || 0));
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      if (c === 0) [fg, bold] = [undefined, false];
      else if (c === 1) bold = true;
      else if (c === 22) bold = false;
      else if (c >= 30 && c <= 37) fg = NAMES[c - 30];
      else if (c >= 90 && c <= 97) fg = `bright${cap(NAMES[c - 90])}` as AnsiColour;
      else if (c === 39) fg = undefined;
      // 38;5;n and 38;2;r;g;b: not drawn, their arguments passed over.
      else if (c === 38 || c === 48) i += codes[i + 1] === 5 ? 2 : codes[i + 1] === 2 ? 4 : 0;
    }
  }
  push(line.slice(last));
  return out;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
