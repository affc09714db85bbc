// The overview canvas on a stub context: what is filled, in which colour, in how many calls.
import { describe, expect, it } from "vitest";
import type { PodRow, StatusChange } from "@/lib/rows/pod-row";
import { cellsAt } from "@/lib/view/row-cells";
import { translator } from "@/lib/i18n";
import { PALETTE } from "@/lib/view/palette";
import { paintRows, type PaintInput } from "./paint-rows";

const T = Date.parse("2026-11-20T09:00:00Z");
const change = (sec: number, status: string, phase: string, restarts = 0): StatusChange => ({
  start: T + sec * 1000,
  status,
  phase,
  ready: status === "Running",
  restarts,
});
const row = (name: string, recent: StatusChange[]): PodRow => ({
  uid: name,
  namespace: "dev",
  name,
  node: "node-1",
  phase: recent.at(-1)!.phase,
  status: recent.at(-1)!.status,
  ready: "0/1",
  restarts: "0",
  restartCount: 0,
  lastRestartAt: null,
  age: "2m",
  labels: {},
  createdAt: T,
  deletedAt: null,
  podReady: false,
  recent,
});

/** A 2D context that records each fill(): its fillStyle and how many boxes it filled. */
function stubContext() {
  const fills: { style: unknown; boxes: number; alpha: number }[] = [];
  let boxes = 0;
  const ctx = {
    fillStyle: "" as unknown,
    font: "",
    textBaseline: "",
    textAlign: "",
    globalAlpha: 1,
    clearRect() {},
    save() {},
    restore() {},
    clip() {},
    translate() {},
    arc() {},
    fillRect() {},
    fillText() {},
    measureText: (s: string) => ({ width: s.length * 7 }),
    beginPath() {
      boxes = 0;
    },
    rect() {
      boxes++;
    },
    fill() {
      fills.push({ style: ctx.fillStyle, boxes, alpha: ctx.globalAlpha });
    },
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, fills };
}

function paint(rows: PodRow[]) {
  const { ctx, fills } = stubContext();
  const cols = [0, 1, 2, 3, 4, 5, 6]
    .map((k) => ({ x: k * 100, w: 100 }))
    .concat([{ x: 700, w: 1000 }]);
  const input: PaintInput = {
    rows,
    cells: cellsAt(false, T + 100_000, translator("en")),
    width: 1700,
    height: rows.length * 28,
    scrollTop: 0,
    rowHeight: 28,
    columns: cols,
    from: T,
    to: T + 100_000,
    now: T + 100_000,
    live: false,
    dark: false,
    hover: null,
    focus: null,
    focusShown: false,
    fonts: { sans: "sans", mono: "mono" },
    textColour: "#000",
  };
  paintRows(ctx, input, "HATCH");
  // Status dots are arcs (no boxes): the lanes' fills are the ones with boxes.
  return fills.filter((f) => f.boxes > 0);
}

describe("overview lanes on the canvas", () => {
  // A crash loop: Running, then CrashLoopBackOff, Running, CrashLoopBackOff (phase Running throughout).
  const crashLoop = [
    change(0, "Running", "Running"),
    change(30, "CrashLoopBackOff", "Running", 1),
    change(50, "Running", "Running", 1),
    change(80, "CrashLoopBackOff", "Running", 2),
  ];
  // Waiting: ContainerCreating, then ImagePullBackOff (phase Pending throughout).
  const imagePull = [
    change(0, "ContainerCreating", "Pending"),
    change(20, "ImagePullBackOff", "Pending"),
  ];

  it("draws a CrashLoopBackOff stretch of a Running pod as back-off (vermillion, hatched), not as Running", () => {
    const fills = paint([row("crashy", crashLoop)]);
    const solid = fills.filter((f) => f.alpha === 1 && typeof f.style === "string");
    expect(solid.find((f) => f.style === PALETTE.vermillion)?.boxes).toBe(2);
    expect(solid.find((f) => f.style === PALETTE.blue)?.boxes).toBe(2);
    expect(fills.find((f) => f.style === "HATCH")!.boxes).toBe(2);
  });

  it("draws waiting stretches by their reason: ContainerCreating apart from ImagePullBackOff", () => {
    const fills = paint([row("pull", imagePull)]);
    expect(fills.find((f) => f.style === PALETTE.orange)?.boxes).toBe(1);
    expect(fills.find((f) => f.style === PALETTE.vermillion)?.boxes).toBe(1);
    expect(fills.find((f) => f.style === "HATCH")!.boxes).toBe(2);
  });

  it("keeps one fill() per colour however many rows", () => {
    const rows = Array.from({ length: 40 }, (_, i) => row(`p${i}`, i % 2 ? crashLoop : imagePull));
    const fills = paint(rows);
    const laneFills = fills.filter((f) =>
      [PALETTE.vermillion, PALETTE.blue, PALETTE.orange, "HATCH"].includes(f.style as string),
    );
    expect(laneFills.length).toBe(4);
    expect(laneFills.find((f) => f.style === PALETTE.vermillion)!.boxes).toBe(20 * 2 + 20 * 1);
  });
});

describe("direction controls in cluster text on the canvas", () => {
  it("no fillText draws an explicit direction control (an RLO would reverse the rest of the text)", () => {
    const texts: string[] = [];
    const { ctx } = stubContext();
    (ctx as unknown as { fillText: (s: string) => void }).fillText = (s: string) => texts.push(s);
    const hostile = {
      ...row("api", [change(0, "Evil\u202Egnp", "Pending")]),
      status: "Evil\u202Egnp",
      node: "node\u202E-1",
    };
    const cols = [0, 1, 2, 3, 4, 5, 6]
      .map((k) => ({ x: k * 200, w: 200 }))
      .concat([{ x: 1400, w: 300 }]);
    paintRows(
      ctx,
      {
        rows: [hostile],
        cells: cellsAt(false, T + 100_000, translator("en")),
        width: 1700,
        height: 28,
        scrollTop: 0,
        rowHeight: 28,
        columns: cols,
        from: T,
        to: T + 100_000,
        now: T + 100_000,
        live: false,
        dark: false,
        hover: null,
        focus: null,
        focusShown: false,
        fonts: { sans: "sans", mono: "mono" },
        textColour: "#000",
      },
      "HATCH",
    );
    expect(texts.some((s) => s.startsWith("Evil"))).toBe(true);
    for (const s of texts) expect(s, JSON.stringify(s)).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
  });
});
