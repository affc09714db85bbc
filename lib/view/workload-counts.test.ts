import { describe, expect, it } from "vitest";
import { misscheduledOf } from "./workload-counts";

describe("misscheduledOf: a DaemonSet's status.numberMisscheduled, shown only when not zero", () => {
  it.each([
    [{ misscheduled: 2 }, 2],
    [{ misscheduled: 0 }, null],
    [{ misscheduled: null }, null],
    [{}, null],
    [null, null],
    [{ misscheduled: "2" }, null],
    [{ misscheduled: Number.NaN }, null],
  ])("%j → %s", (counts, n) => {
    expect(misscheduledOf(counts as never)).toBe(n);
  });
});
