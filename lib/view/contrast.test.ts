import { describe, expect, it } from "vitest";
import { AA_TEXT, contrast, inkOn } from "./contrast";
import { NEUTRAL, PAGE, PALETTE, UNKEPT_FILL } from "./palette";

describe("contrast", () => {
  it("computes WCAG ratios", () => {
    expect(contrast(NEUTRAL.black, NEUTRAL.white)).toBeCloseTo(21, 5);
    expect(contrast("#777777", NEUTRAL.white)).toBeCloseTo(4.48, 2);
    expect(contrast(NEUTRAL.white, "#777777")).toBe(contrast("#777777", NEUTRAL.white));
  });

  it("gives every palette fill an ink with AA contrast, and the page's ink on either theme's page", () => {
    for (const fill of [...Object.values(PALETTE), UNKEPT_FILL])
      expect(contrast(inkOn(fill), fill), fill).toBeGreaterThanOrEqual(AA_TEXT);
    for (const mode of ["light", "dark"] as const)
      expect(contrast(PAGE[mode].ink, PAGE[mode].bg)).toBeGreaterThanOrEqual(AA_TEXT);
  });
});
