// The overview's rows as pixels: one canvas, stuck under the header of the scrolling grid, repainted
// whole on every scroll, data or window change. Text, status dots, row backgrounds and the lanes are
// drawn here; the DOM keeps a text-free row per row on screen (focus, the accessible names, links)
// and real text only for the row under the pointer and the focused row, which this skips.
// Laying out thousands of text boxes per second of scrolling costs more than the frame has with
// software raster; a few hundred fillText calls do not.
// Cluster text is drawn without its direction controls (lib/text/bidi): a fit may cut it, and an
// RLO would reverse what follows.
import { plainDirection } from "@/lib/text/bidi";
import type { PodRow } from "@/lib/rows/pod-row";
import { laneOf, type Lane } from "@/lib/view/overview";
import { laneBatches } from "@/lib/view/lanes";
import type { RowCells } from "@/lib/view/row-cells";
import { TextFitter } from "@/lib/view/text-fit";
import { CANVAS, PALETTE, READY_FILL } from "@/lib/view/palette";

export interface PaintInput {
  /** In order; a hole is a row of a live window still on its way. */
  rows: readonly (PodRow | undefined)[];
  cells(row: PodRow): RowCells;
  /** Canvas size in CSS px, and the rows' scroll offset. */
  width: number;
  height: number;
  scrollTop: number;
  rowHeight: number;
  /** Left edge and width of each of the eight columns (seven text columns, then the lane). */
  columns: { x: number; w: number }[];
  from: number;
  to: number;
  now: number;
  live: boolean;
  dark: boolean;
  /** The hovered and the focused row: the DOM shows their text, so it is not drawn here. */
  hover: number | null;
  focus: number | null;
  /** The focused row has the keyboard focus (its background shows it). */
  focusShown: boolean;
  fonts: { sans: string; mono: string };
  textColour: string;
}

const PAD = 8;

// One cache per font. A fitter measures with whatever font the context has: callers set the font
// first (switching fonts per measurement would parse the font each time).
const fitters = new Map<string, TextFitter>();
let measuring: CanvasRenderingContext2D | null = null;
function fitter(ctx: CanvasRenderingContext2D, font: string): TextFitter {
  measuring = ctx;
  let f = fitters.get(font);
  if (!f) {
    f = new TextFitter((s) => measuring!.measureText(s).width);
    fitters.set(font, f);
  }
  ctx.font = font;
  return f;
}

const NO_LANE: Lane = { segments: [], ready: [], restarts: [] };

/** Paints the rows on screen. */
export function paintRows(
  ctx: CanvasRenderingContext2D,
  p: PaintInput,
  hatch: CanvasPattern | string,
): void {
  const { rowHeight: H, width: W } = p;
  const c = p.dark ? CANVAS.dark : CANVAS.light;
  ctx.clearRect(0, 0, W, p.height);
  const first = Math.max(0, Math.floor(p.scrollTop / H));
  const last = Math.min(p.rows.length, Math.ceil((p.scrollTop + p.height) / H));
  if (last <= first) return;
  const top = first * H - p.scrollTop;

  // Backgrounds of the hovered and the focused row, then every row's bottom border.
  const band = (i: number | null, fill: string) => {
    if (i === null || i < first || i >= last) return;
    ctx.fillStyle = fill;
    ctx.fillRect(0, top + (i - first) * H, W, H - 1);
  };
  band(p.hover, c.hover);
  if (p.focusShown) band(p.focus, c.focus);
  ctx.fillStyle = c.border;
  ctx.beginPath();
  for (let i = first; i < last; i++) ctx.rect(0, top + (i - first) * H + H - 1, W, 1);
  ctx.fill();

  // Text, column by column so the font changes eight times, not eight times a row.
  const cols = p.columns;
  const mono = `12px ${p.fonts.mono}`;
  const sans = `12px ${p.fonts.sans}`;
  const bold = `600 12px ${p.fonts.mono}`;
  const small = `10px ${p.fonts.sans}`;
  const cells: (RowCells | null)[] = [];
  for (let i = first; i < last; i++)
    cells.push(i === p.hover || i === p.focus || !p.rows[i] ? null : p.cells(p.rows[i]!));
  // Rows of a live window still on their way: a grey bar where the name goes.
  const name = cols[0];
  if (name) {
    ctx.fillStyle = c.border;
    for (let i = first; i < last; i++)
      if (!p.rows[i])
        ctx.fillRect(name.x + PAD, top + (i - first) * H + H / 2 - 3, name.w * 0.5, 6);
  }
  ctx.textBaseline = "middle";
  ctx.textAlign = "left";
  const mid = top + (H - 1) / 2;
  const column = (
    k: number,
    font: string,
    pick: (r: RowCells) => string,
    colour = p.textColour,
  ) => {
    const col = cols[k];
    if (!col) return;
    const f = fitter(ctx, font);
    ctx.fillStyle = colour;
    cells.forEach((r, j) => {
      if (!r) return;
      const text = f.fit(plainDirection(pick(r)), col.w - 2 * PAD);
      if (text) ctx.fillText(text, col.x + PAD, mid + j * H);
    });
  };
  column(0, mono, (r) => r.name);
  column(1, sans, (r) => r.namespace);
  column(3, mono, (r) => r.ready);
  column(4, mono, (r) => r.restarts);
  column(5, mono, (r) => r.age);
  column(6, sans, (r) => r.node);
  // STATUS: a dot in the status colour, the status (bold for problems) and the reason in small grey.
  const st = cols[2];
  if (st) {
    const inner = st.w - 2 * PAD;
    cells.forEach((r, j) => {
      if (!r) return;
      const y = mid + j * H;
      ctx.fillStyle = r.statusColour;
      ctx.beginPath();
      ctx.arc(st.x + PAD + 4, y, 4, 0, 2 * Math.PI);
      ctx.fill();
      const f = fitter(ctx, r.strong ? bold : mono);
      const status = plainDirection(r.status);
      const text = f.fit(status, inner - 12);
      ctx.fillStyle = p.textColour;
      ctx.fillText(text, st.x + PAD + 12, y);
      if (r.reason && text === status) {
        const used = 12 + f.width(text) + 4;
        const rest = fitter(ctx, small).fit(plainDirection(r.reason), inner - used);
        if (rest) {
          ctx.fillStyle = c.muted;
          ctx.fillText(rest, st.x + PAD + used, y);
        }
      }
    });
  }

  // The lanes.
  const lane = cols[7];
  if (lane && lane.w > 0 && p.to > p.from) {
    ctx.save();
    ctx.beginPath();
    ctx.rect(lane.x, 0, lane.w, p.height);
    ctx.clip();
    ctx.translate(lane.x, 0);
    const span = p.to - p.from;
    const x = (ms: number) => ((ms - p.from) / span) * lane.w;
    const lanes = p.rows
      .slice(first, last)
      .map((r) => (r ? laneOf(r, Math.min(p.now, p.to)) : NO_LANE));
    const b = laneBatches(lanes, x, lane.w, H, top);
    const fillAll = (arr: number[]) => {
      ctx.beginPath();
      for (let i = 0; i < arr.length; i += 4) ctx.rect(arr[i], arr[i + 1], arr[i + 2], arr[i + 3]);
      ctx.fill();
    };
    for (const [fill, arr] of b.solid) {
      ctx.fillStyle = fill;
      fillAll(arr);
    }
    ctx.globalAlpha = 0.35;
    for (const [fill, arr] of b.faint) {
      ctx.fillStyle = fill;
      fillAll(arr);
    }
    ctx.globalAlpha = 1;
    ctx.fillStyle = hatch;
    fillAll(b.patterned);
    ctx.fillStyle = READY_FILL;
    fillAll(b.ready);
    ctx.fillStyle = c.tick;
    fillAll(b.restarts);
    if (p.live) {
      ctx.fillStyle = PALETTE.vermillion;
      ctx.fillRect(Math.min(lane.w - 1, x(p.now)), 0, 1, p.height);
    }
    ctx.restore();
  }
}
