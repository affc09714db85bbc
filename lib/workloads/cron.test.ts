// Missed schedules: Forbid skips, zones, bad schedules, and the grace without a starting deadline.
import { describe, expect, it } from "vitest";
import { cronTimeline, MISSED_GRACE_MS } from "./cron";
import { revisionOwners } from "./revisions";
import type { WorkloadWarning } from "./types";
import { workloadState, type WorkloadVersion } from "./workload-state";

const T = (s: string) => Date.parse(`2026-11-24T${s}Z`);
const cronJob = (spec: object, at = "10:00:00"): WorkloadVersion => ({
  observedAt: T(at),
  deleted: false,
  state: workloadState({
    kind: "CronJob",
    metadata: { name: "r", namespace: "b", creationTimestamp: `2026-11-24T${at}Z` },
    spec: { schedule: "*/5 * * * *", ...spec },
  }),
});
const jobRun = (scheduled: string, start: string, end: string | null) => ({
  kind: "Job" as const,
  versions: [
    {
      observedAt: T(start),
      deleted: false,
      state: workloadState({
        kind: "Job",
        metadata: {
          name: `r-${scheduled}`,
          namespace: "b",
          creationTimestamp: `2026-11-24T${start}Z`,
          annotations: {
            "batch.kubernetes.io/cronjob-scheduled-timestamp": `2026-11-24T${scheduled}Z`,
          },
        },
        spec: {},
        status: end
          ? {
              startTime: `2026-11-24T${start}Z`,
              completionTime: `2026-11-24T${end}Z`,
              conditions: [
                { type: "Complete", status: "True", lastTransitionTime: `2026-11-24T${end}Z` },
              ],
            }
          : { startTime: `2026-11-24T${start}Z`, active: 1 },
      }),
    },
  ],
});

describe("cronTimeline", () => {
  it("Forbid: a schedule time during a running Job is skipped, not missed", () => {
    const w: WorkloadWarning[] = [];
    const tl = cronTimeline(
      [cronJob({ concurrencyPolicy: "Forbid" })],
      revisionOwners([jobRun("10:05:00", "10:05:00", null)]),
      T("10:12:00"),
      w,
    );
    expect(tl.skipped).toEqual([{ at: T("10:10:00"), why: "forbid" }]);
    expect(tl.missed).toEqual([]);
    expect(tl.runs[0].result).toBe("Running");
  });

  it("Allow: the same time with no Job is missed once the grace has passed", () => {
    const tl = cronTimeline(
      [cronJob({})],
      revisionOwners([jobRun("10:05:00", "10:05:00", null)]),
      T("10:12:00"),
      [],
    );
    expect(tl.missed).toEqual([T("10:10:00")]);
    expect(cronTimeline([cronJob({})], [], T("10:05:00") + MISSED_GRACE_MS - 1, []).missed).toEqual(
      [],
    );
  });

  it("honours spec.timeZone and a CRON_TZ prefix", () => {
    const tz = cronTimeline(
      [cronJob({ schedule: "0 12 * * *", timeZone: "Europe/Paris" })],
      [],
      T("12:00:00"),
      [],
    );
    expect(tz.missed).toEqual([T("11:00:00")]);
    const prefixed = cronTimeline(
      [cronJob({ schedule: "CRON_TZ=Asia/Tokyo 0 20 * * *" })],
      [],
      T("12:00:00"),
      [],
    );
    expect(prefixed.missed).toEqual([T("11:00:00")]);
    expect(prefixed.nextScheduleAt).toBe(Date.parse("2026-11-25T11:00:00Z"));
  });

  it("a schedule it cannot read is a warning", () => {
    const w: WorkloadWarning[] = [];
    const tl = cronTimeline([cronJob({ schedule: "every tuesday" })], [], T("12:00:00"), w);
    expect(tl.missed).toEqual([]);
    expect(w).toEqual([{ code: "bad-schedule", params: { schedule: "every tuesday" } }]);
  });

  it("met mid-life: schedule times before the first observation are not called missed", () => {
    const w: WorkloadWarning[] = [];
    const v = cronJob({}, "10:00:00");
    const tl = cronTimeline([{ ...v, observedAt: T("10:30:00") }], [], T("10:31:00"), w);
    expect(tl.missed).toEqual([]);
    expect(w).toEqual([{ code: "missed-before-observed" }]);
  });
});

describe("cronTimeline over a long life", () => {
  it("judges the last day, or the window (at most a week), of an every-minute schedule", () => {
    const start = T("10:00:00");
    const now = start + 30 * 86_400_000;
    const w: WorkloadWarning[] = [];
    const tl = cronTimeline([cronJob({ schedule: "* * * * *" })], [], now, w);
    // The time at `now` itself is still within its grace: not yet missed.
    expect(tl.missed).toHaveLength(24 * 60 - 1);
    expect(tl.missed[0]).toBe(now - 86_400_000 + 60_000);
    expect(w).toEqual([]);
    const hour = cronTimeline([cronJob({ schedule: "* * * * *" })], [], now, [], now - 3_600_000);
    expect(hour.missed).toHaveLength(59);
    const month = cronTimeline([cronJob({ schedule: "0 * * * *" })], [], now, [], start);
    expect(month.missed).toHaveLength(7 * 24 - 1);
  }, 30_000);
});
