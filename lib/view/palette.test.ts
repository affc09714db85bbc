import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  CANVAS,
  conditionFill,
  hatchSwatch,
  LANE_STRIPE,
  markerFill,
  PAGE,
  PALETTE,
  paletteCssVars,
  phaseFill,
  phaseHatched,
  runFill,
  statusFill,
  statusHatched,
  UNKEPT_FILL,
} from "./palette";

describe("palette", () => {
  it("is Okabe–Ito, value for value (what every view has drawn so far)", () => {
    expect(Object.entries(PALETTE).map(([name, hex]) => `${name} ${hex}`)).toEqual([
      "blue #0072B2",
      "sky #56B4E9",
      "green #009E73",
      "orange #E69F00",
      "vermillion #D55E00",
      "purple #CC79A7",
      "yellow #F0E442",
      "grey #999999",
    ]);
    expect(UNKEPT_FILL).toBe("#C8C8C8");
    expect(PAGE).toEqual({
      light: { bg: "#ffffff", ink: "#0f172a" },
      dark: { bg: "#020617", ink: "#f1f5f9" },
    });
    expect(CANVAS.dark.focus).toBe("#082f49");
    expect([CANVAS.light.hatch, CANVAS.dark.hatch, LANE_STRIPE]).toEqual([
      "rgba(0,0,0,0.35)",
      "rgba(0,0,0,0.55)",
      "#0004",
    ]);
  });

  it("draws each phase in one colour, grey for one it does not know", () => {
    expect(
      ["Pending", "Running", "Succeeded", "Failed", "Unknown", "Evicted"].map(phaseFill),
    ).toEqual([
      PALETTE.orange,
      PALETTE.blue,
      PALETTE.green,
      PALETTE.vermillion,
      PALETTE.grey,
      PALETTE.grey,
    ]);
  });

  it("hatches Failed and Unknown on the pod page, and Pending as well in the lanes", () => {
    const phases = ["Pending", "Running", "Succeeded", "Failed", "Unknown"];
    expect(phases.filter((p) => phaseHatched(p, "pod"))).toEqual(["Failed", "Unknown"]);
    expect(phases.filter((p) => phaseHatched(p, "lanes"))).toEqual([
      "Pending",
      "Failed",
      "Unknown",
    ]);
  });

  it("colours kubectl STATUS, runs, conditions and markers by what they mean", () => {
    expect(
      [
        "Running",
        "Completed",
        "Init:1/3",
        "ContainerCreating",
        "Terminating",
        "CrashLoopBackOff",
      ].map(statusFill),
    ).toEqual([
      PALETTE.blue,
      PALETTE.green,
      PALETTE.sky,
      PALETTE.orange,
      PALETTE.purple,
      PALETTE.vermillion,
    ]);
    expect(["Pending", "ContainerCreating", "Error", "Running"].map(statusHatched)).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect([
      runFill(null, null),
      runFill(0, "Completed"),
      runFill(137, "OOMKilled"),
      runFill(1, "Error"),
    ]).toEqual([PALETTE.blue, PALETTE.green, PALETTE.purple, PALETTE.vermillion]);
    expect(["True", "False", "Unknown"].map(conditionFill)).toEqual([
      PALETTE.green,
      PALETTE.grey,
      PALETTE.yellow,
    ]);
    expect(
      [
        { kind: "pulled" },
        { kind: "pulling" },
        { kind: "resize-pending" },
        { kind: "resize-pending", reason: "Infeasible" },
        { kind: "killing" },
      ].map((m) => markerFill(m as Parameters<typeof markerFill>[0])),
    ).toEqual([PALETTE.sky, PALETTE.grey, PALETTE.orange, PALETTE.vermillion, PALETTE.vermillion]);
  });

  it("draws a hatched legend swatch as the pod page always has", () => {
    expect(hatchSwatch("vermillion")).toBe(
      "repeating-linear-gradient(45deg,#D55E00 0 3px,#a84a00 3px 6px)",
    );
    expect(hatchSwatch("orange")).toBe(
      "repeating-linear-gradient(45deg,#E69F00 0 3px,#b07900 3px 6px)",
    );
    expect(hatchSwatch("grey")).toBe("repeating-linear-gradient(45deg,#999999 0 3px,#777 3px 6px)");
  });

  it("gives Tailwind's palette colours (app/globals.css) only values it sets on the page", () => {
    const vars = paletteCssVars();
    expect(vars["--ll-vermillion"]).toBe(PALETTE.vermillion);
    const css = readFileSync(join(__dirname, "../../app/globals.css"), "utf8");
    const used = [...css.matchAll(/var\((--ll-[a-z]+)\)/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(0);
    for (const v of used) expect(vars, v).toHaveProperty(v);
    // No colour typed into the stylesheet itself: its colours come from here.
    expect(css).not.toMatch(/#[0-9a-fA-F]{6}\b/);
  });
});
