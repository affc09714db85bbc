import { describe, expect, it } from "vitest";
import { AA_TEXT, contrast, inkOn, PAGE } from "./contrast";
import { PALETTE } from "./timeline-layout";

describe("contrast", () => {
  it("computes WCAG ratios", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrast("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    expect(contrast("#ffffff", "#777777")).toBe(contrast("#777777", "#ffffff"));
  });

  it("gives every palette fill an ink with AA contrast, and the page's ink on either theme's page", () => {
    for (const fill of Object.values(PALETTE))
      expect(contrast(inkOn(fill), fill), fill).toBeGreaterThanOrEqual(AA_TEXT);
    for (const mode of ["light", "dark"] as const)
      expect(contrast(PAGE[mode].ink, PAGE[mode].bg)).toBeGreaterThanOrEqual(AA_TEXT);
  });
});
