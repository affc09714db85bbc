import { describe, expect, it } from "vitest";
import { ScaledClock } from "../demo-cluster";
import { demoOptionsFrom } from "./demo-options";

describe("the embedded demo cluster's settings from the environment", () => {
  it("plays a namespaced install's RBAC with LIFELINE_DEMO_NAMESPACES_ONLY", () => {
    expect(demoOptionsFrom({ LIFELINE_DEMO_NAMESPACES_ONLY: " dev, web ,," })).toEqual({
      rbac: { namespaces: ["dev", "web"] },
    });
    expect(demoOptionsFrom({ LIFELINE_DEMO_NAMESPACES_ONLY: "" })).toEqual({});
  });

  it("reads the speed, the scale and the churn, and says what is wrong with a bad one", () => {
    const opts = demoOptionsFrom({
      LIFELINE_DEMO_SPEED: "10",
      LIFELINE_DEMO_SCALE: "50",
      LIFELINE_DEMO_CHURN: "2",
    });
    expect(opts.clock).toBeInstanceOf(ScaledClock);
    expect(opts.scale).toEqual({ pods: 50, churn: 2 });
    expect(() => demoOptionsFrom({ LIFELINE_DEMO_SPEED: "fast" })).toThrow(
      'LIFELINE_DEMO_SPEED must be a number from 1 to 1000, not "fast"',
    );
  });

  it("makes the scale pods light with LIFELINE_DEMO_LIGHT=1 (150,000 fit in the demo)", () => {
    expect(
      demoOptionsFrom({ LIFELINE_DEMO_SCALE: "150000", LIFELINE_DEMO_LIGHT: "1" }).scale,
    ).toEqual({ pods: 150_000, churn: 0, light: true });
    expect(() => demoOptionsFrom({ LIFELINE_DEMO_LIGHT: "yes" })).toThrow(
      'LIFELINE_DEMO_LIGHT must be 1 or 0, not "yes"',
    );
  });
});
