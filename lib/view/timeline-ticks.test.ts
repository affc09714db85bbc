import { describe, expect, it } from "vitest";
import { probeStreaks } from "./timeline-ticks";

describe("probeStreaks", () => {
  const p = (at: number, count = 1, probe: "liveness" | "readiness" = "liveness") => ({
    probe,
    outcome: "failure" as const,
    at,
    count,
    message: "",
  });
  it("adds consecutive failures, restarts the count on a new run or after a gap", () => {
    const period = () => 10_000;
    expect(
      probeStreaks([p(0), p(10_000), p(20_000), p(100_000)], [{ start: -5000 }], period),
    ).toEqual([1, 2, 3, 1]);
    expect(
      probeStreaks([p(0), p(10_000), p(20_000)], [{ start: -5000 }, { start: 15_000 }], period),
    ).toEqual([1, 2, 1]);
    // A folded event standing for 3 results counts 3; readiness keeps its own count.
    expect(
      probeStreaks([p(0, 3), p(5000, 1, "readiness"), p(10_000)], [{ start: -1 }], period),
    ).toEqual([3, 1, 4]);
  });
});
