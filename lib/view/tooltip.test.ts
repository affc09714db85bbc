import { describe, expect, it } from "vitest";
import { placeTooltip } from "./tooltip";

const screen = { width: 1280, height: 800 };

describe("placeTooltip", () => {
  it("sits right of and below the pointer when there is room", () => {
    expect(placeTooltip({ x: 100, y: 100 }, { w: 300, h: 40 }, screen)).toEqual({
      left: 112,
      top: 114,
    });
  });

  it("stays on screen at the right and bottom edges, whatever its width", () => {
    for (const w of [200, 448, 900]) {
      const p = placeTooltip({ x: 1276, y: 790 }, { w, h: 60 }, screen);
      expect(p.left).toBeGreaterThanOrEqual(0);
      expect(p.left + w).toBeLessThanOrEqual(1280);
      expect(p.top + 60).toBeLessThanOrEqual(800);
    }
    // Flipped to the pointer's left, not over it.
    expect(placeTooltip({ x: 1200, y: 100 }, { w: 300, h: 40 }, screen).left).toBe(1200 - 12 - 300);
  });
});
