// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { PodRow } from "@/lib/rows/pod-row";
import type { Tz } from "@/lib/text/format";
import { HEADER_H, ROW_H } from "./RowLayer";
import { useGridInput, type GridInputOptions } from "./useGridInput";

const T = Date.parse("2026-11-20T09:00:00Z");
const H = 3_600_000;
const row = (i: number): PodRow => ({
  uid: `uid-${i}`,
  namespace: "dev",
  name: `web-${i}`,
  node: "node-1",
  phase: "Running",
  status: "Running",
  ready: "1/1",
  restarts: "0",
  restartCount: 0,
  lastRestartAt: null,
  age: "1h",
  labels: {},
  createdAt: T - H,
  deletedAt: null,
  podReady: true,
  recent: [{ start: T - H, status: "Running", phase: "Running", ready: true, restarts: 0 }],
});
const ROWS = Array.from({ length: 30 }, (_, i) => row(i));
// The lane column from x = 400 to 800; the grid at the screen's top left (happy-dom lays nothing
// out: every box is at 0,0), so a pointer's clientX/Y is its place in the grid.
const LANE = { x: 400, w: 400 };
const FROM = T - H;
const TO = T;

// The grid as Overview wires it: the hook's handlers on the scroller, a row element per row.
function Grid(props: Omit<GridInputOptions, "gridKey">) {
  const { scroller, handlers, focus, hoverRow, hover } = useGridInput({ ...props, gridKey: "ok" });
  return (
    <div ref={scroller} role="grid" tabIndex={-1} data-testid="grid" {...handlers}>
      {props.rows.map((r, i) => (
        <div key={r?.uid ?? i} role="row" data-index={i} tabIndex={i === focus ? 0 : -1}>
          {r?.name}
        </div>
      ))}
      <input data-testid="box" />
      <output data-testid="focus">{focus}</output>
      <output data-testid="hover-row">{hoverRow ?? ""}</output>
      <output data-testid="hover">{hover?.text ?? ""}</output>
    </div>
  );
}

function setup(over: { live?: boolean; tz?: Tz; bodyHeight?: number } = {}) {
  const step = vi.fn<(w: [number, number]) => void>();
  const open = vi.fn<(href: string) => void>();
  render(
    <Grid
      rows={ROWS}
      lane={LANE}
      bodyHeight={over.bodyHeight ?? 10 * ROW_H}
      from={FROM}
      to={TO}
      now={TO}
      live={over.live ?? true}
      tz={over.tz ?? "utc"}
      step={step}
      open={open}
    />,
  );
  const grid = screen.getByTestId("grid");
  const key = (k: string, target: Element = grid) => fireEvent.keyDown(target, { key: k });
  const focus = () => Number(screen.getByTestId("focus").textContent);
  return { step, open, grid, key, focus };
}
/** The pointer over row `i`, `x` pixels from the grid's left edge. */
const over = (i: number, x: number) => ({ clientX: x, clientY: HEADER_H + i * ROW_H + ROW_H / 2 });

describe("useGridInput", () => {
  beforeEach(() => {
    // Focus moves on the next frame: run it at once.
    vi.stubGlobal("requestAnimationFrame", (cb: FrameRequestCallback) => (cb(0), 0));
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("moves a roving focus between rows with the arrows, Home and End, and focuses the row", () => {
    const { key, focus } = setup();
    key("ArrowUp");
    expect(focus()).toBe(0);
    key("ArrowDown");
    key("ArrowDown");
    expect(focus()).toBe(2);
    expect(document.activeElement?.getAttribute("data-index")).toBe("2");
    key("End");
    expect(focus()).toBe(29);
    key("ArrowDown");
    expect(focus()).toBe(29);
    key("Home");
    expect(focus()).toBe(0);
  });

  it("pages by a screen less one row and scrolls the focused row into view", () => {
    const { key, focus, grid } = setup({ bodyHeight: 10 * ROW_H });
    key("PageDown");
    expect(focus()).toBe(9);
    key("PageDown");
    expect(focus()).toBe(18);
    // Row 18's bottom at the screen's bottom.
    expect(grid.scrollTop).toBe(19 * ROW_H - 10 * ROW_H);
    key("PageUp");
    key("PageUp");
    expect(focus()).toBe(0);
    expect(grid.scrollTop).toBe(0);
  });

  it("opens the focused pod with Enter (its uid, and the time zone when it is UTC)", () => {
    const { key, open } = setup({ tz: "utc" });
    key("ArrowDown");
    key("Enter");
    expect(open).toHaveBeenCalledWith("/pods/dev/web-1?uid=uid-1&tz=utc");
  });

  it("leaves keys typed in a box alone", () => {
    const { key, focus, step, open } = setup();
    const box = screen.getByTestId("box");
    key("ArrowDown", box);
    key("Enter", box);
    key("+", box);
    expect(focus()).toBe(0);
    expect(open).not.toHaveBeenCalled();
    expect(step).not.toHaveBeenCalled();
  });

  it("zooms with + and − about now when live, about the middle when frozen; pans with ←/→", () => {
    const live = setup({ live: true });
    live.key("+");
    const [a, b] = live.step.mock.calls[0][0];
    expect(b).toBe(TO);
    expect(b - a).toBe(Math.round(0.67 * H));
    live.key("ArrowRight");
    expect(live.step).toHaveBeenLastCalledWith([FROM + 0.1 * H, TO + 0.1 * H]);
    cleanup();
    const frozen = setup({ live: false });
    frozen.key("-");
    expect(frozen.step).toHaveBeenCalledWith([FROM - 0.25 * H, TO + 0.25 * H]);
  });

  it("zooms with Ctrl + wheel about the pointer's moment, only over the lanes", () => {
    const { grid, step } = setup();
    // The page's wheel events can be cancelled: the hook listens with passive: false. (happy-dom's
    // WheelEvent takes no mouse fields: they are set on the event.)
    const wheel = ({ clientX, deltaY, ctrlKey = false }: WheelEventInit) => {
      const e = new WheelEvent("wheel", { bubbles: true, cancelable: true, deltaY });
      Object.defineProperties(e, { clientX: { value: clientX }, ctrlKey: { value: ctrlKey } });
      return fireEvent(grid, e);
    };
    // A wheel without Ctrl scrolls the rows: not taken.
    expect(wheel({ clientX: 500, deltaY: 100 })).toBe(true);
    // Ctrl + wheel left of the lanes: not taken either.
    expect(wheel({ clientX: 100, deltaY: 100, ctrlKey: true })).toBe(true);
    expect(step).not.toHaveBeenCalled();
    // A quarter into the lane: that moment stays under the pointer while the window grows 1.25×.
    expect(wheel({ clientX: 500, deltaY: 100, ctrlKey: true })).toBe(false);
    const [a, b] = step.mock.calls[0][0];
    expect(b - a).toBe(1.25 * H);
    expect(a + (b - a) / 4).toBe(FROM + H / 4);
  });

  it("says what the lane under the pointer shows, and forgets it when the pointer leaves", () => {
    const { grid } = setup();
    fireEvent.mouseMove(grid, over(3, 600));
    expect(screen.getByTestId("hover-row").textContent).toBe("3");
    expect(screen.getByTestId("hover").textContent).toBe(
      "web-3: Running (Running) · 2026-11-20 08:00:00 UTC → now (1h0m)",
    );
    // Over the row's text columns: the row is under the pointer, no tooltip.
    fireEvent.mouseMove(grid, over(4, 100));
    expect(screen.getByTestId("hover-row").textContent).toBe("4");
    expect(screen.getByTestId("hover").textContent).toBe("");
    fireEvent.mouseMove(grid, over(3, 600));
    fireEvent.keyDown(grid, { key: "Escape" });
    expect(screen.getByTestId("hover").textContent).toBe("");
    fireEvent.mouseMove(grid, over(3, 600));
    fireEvent.mouseLeave(grid);
    expect(screen.getByTestId("hover-row").textContent).toBe("");
    expect(screen.getByTestId("hover").textContent).toBe("");
  });

  it("pans by dragging on the lanes: the window follows the pointer", () => {
    const { grid, step } = setup();
    fireEvent.mouseDown(grid, { ...over(2, 600), button: 0 });
    // 100 px of a 400 px lane to the left: a quarter of the window later.
    fireEvent.mouseMove(grid, over(2, 500));
    expect(step).toHaveBeenLastCalledWith([FROM + H / 4, TO + H / 4]);
    fireEvent.mouseUp(grid);
    step.mockClear();
    fireEvent.mouseMove(grid, over(2, 300));
    expect(step).not.toHaveBeenCalled();
  });

  it("opens the pod of a row clicked left of its lane; Ctrl-click in a new tab; the lane itself does not", () => {
    const { grid, open } = setup({ tz: "local" });
    const opened = vi.fn();
    vi.stubGlobal("open", opened);
    fireEvent.click(grid, { ...over(5, 100), button: 0 });
    expect(open).toHaveBeenCalledWith("/pods/dev/web-5?uid=uid-5");
    fireEvent.click(grid, { ...over(6, 100), button: 0, ctrlKey: true });
    expect(opened).toHaveBeenCalledWith("/pods/dev/web-6?uid=uid-6", "_blank", "noopener");
    fireEvent.click(grid, { ...over(7, 600), button: 0 });
    expect(open).toHaveBeenCalledTimes(1);
  });
});
