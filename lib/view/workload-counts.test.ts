import { describe, expect, it } from "vitest";
import { jobCompletions, misscheduledOf } from "./workload-counts";

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

describe("jobCompletions", () => {
  it("a finished Job says 1/1 as kubectl's COMPLETIONS, not 0/1 ready", () => {
    const job = { succeeded: 1, completions: 1, active: 0, failed: 0 };
    expect(jobCompletions({ kind: "Job", job })).toEqual({ succeeded: 1, completions: 1 });
    // A work queue (completions unset) counts to 1, as kubectl prints it.
    expect(jobCompletions({ kind: "Job", job: { ...job, completions: null } })).toEqual({
      succeeded: 1,
      completions: 1,
    });
    expect(jobCompletions({ kind: "Deployment", job: null })).toBeNull();
  });
});
