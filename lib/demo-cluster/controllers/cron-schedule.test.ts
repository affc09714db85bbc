// Schedules as robfig/cron ParseStandard reads them (kube's CronJob controller and validation).
import { describe, expect, it } from "vitest";
import { mostRecentScheduleTime, parseCronSchedule, type CronSchedule } from "./cron-schedule";

const T = (s: string) => Date.parse(s);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16);

function runs(schedule: string, from: string, n: number, zone?: string): string[] {
  const s = parseCronSchedule(schedule, zone);
  if ("error" in s) throw new Error(s.error);
  const out: string[] = [];
  let t = T(from);
  for (let i = 0; i < n; i++) out.push(iso((t = s.next(t))));
  return out;
}

describe("CronJob schedules", () => {
  it("gives the next activation strictly after the time asked", () => {
    expect(runs("* * * * *", "2026-11-20T09:00:00Z", 2)).toEqual([
      "2026-11-20T09:01",
      "2026-11-20T09:02",
    ]);
    expect(runs("*/15 9-10 * * *", "2026-11-20T09:40:00Z", 3)).toEqual([
      "2026-11-20T09:45",
      "2026-11-20T10:00",
      "2026-11-20T10:15",
    ]);
  });

  it("reads day-of-month and day-of-week as robfig does: AND when one is a bare *, OR otherwise", () => {
    // 2026-11-23 is a Monday.
    expect(runs("0 0 * * 1", "2026-11-20T00:00:00Z", 2)).toEqual([
      "2026-11-23T00:00",
      "2026-11-30T00:00",
    ]);
    expect(runs("0 0 5 * 1", "2026-11-20T00:00:00Z", 3)).toEqual([
      "2026-11-23T00:00",
      "2026-11-30T00:00",
      "2026-12-05T00:00",
    ]);
    // `*/2` is not a bare star in robfig (step > 1): odd days OR Mondays.
    expect(runs("0 0 */2 * mon", "2026-11-27T00:00:00Z", 3)).toEqual([
      "2026-11-29T00:00",
      "2026-11-30T00:00",
      "2026-12-01T00:00",
    ]);
  });

  it("knows the descriptors, @every and time zones", () => {
    expect(runs("@hourly", "2026-11-20T09:10:00Z", 1)).toEqual(["2026-11-20T10:00"]);
    expect(runs("@weekly", "2026-11-20T09:10:00Z", 1)).toEqual(["2026-11-22T00:00"]);
    expect(runs("@every 90s", "2026-11-20T09:10:00Z", 2)).toEqual([
      "2026-11-20T09:11",
      "2026-11-20T09:13",
    ]);
    // 09:00 in Paris is 08:00 UTC in November.
    expect(runs("0 9 * * *", "2026-11-20T09:00:00Z", 1, "Europe/Paris")).toEqual([
      "2026-11-21T08:00",
    ]);
    expect(runs("CRON_TZ=America/New_York 0 9 * * *", "2026-11-20T09:00:00Z", 1)).toEqual([
      "2026-11-20T14:00",
    ]);
  });

  it("refuses what robfig refuses, with its words", () => {
    const error = (s: string) => (parseCronSchedule(s) as { error: string }).error;
    expect(error("61 * * * *")).toBe("end of range (61) above maximum (59): 61");
    expect(error("* * * *")).toBe("expected exactly 5 fields, found 4: [* * * *]");
    expect(error("* * 0 * *")).toBe("beginning of range (0) below minimum (1): 0");
    expect(error("* * * * 7")).toBe("end of range (7) above maximum (6): 7");
    expect(error("5-3 * * * *")).toBe("beginning of range (5) beyond end of range (3): 5-3");
    expect(error("*/0 * * * *")).toBe("step of range should be a positive number: */0");
    expect(error("0 0 L * *")).toBe(
      'failed to parse int from L: strconv.Atoi: parsing "L": invalid syntax',
    );
    expect(error("@fortnightly")).toBe("unrecognized descriptor: @fortnightly");
    expect(error("")).toBe("empty spec string");
  });

  it("finds the most recent missed activation and counts the misses as kube does", () => {
    const s = parseCronSchedule("* * * * *") as CronSchedule;
    const now = T("2026-11-20T12:00:30Z");
    expect(mostRecentScheduleTime(s, T("2026-11-20T12:00:10Z"), now)).toEqual({
      earliest: T("2026-11-20T12:00:10Z"),
      mostRecent: null,
      missed: "none",
    });
    expect(mostRecentScheduleTime(s, T("2026-11-20T11:59:10Z"), now).mostRecent).toBe(
      T("2026-11-20T12:00:00Z"),
    );
    expect(mostRecentScheduleTime(s, T("2026-11-20T11:50:00Z"), now)).toMatchObject({
      mostRecent: T("2026-11-20T12:00:00Z"),
      missed: "few",
    });
    expect(mostRecentScheduleTime(s, T("2026-11-20T09:00:00Z"), now)).toMatchObject({
      mostRecent: T("2026-11-20T12:00:00Z"),
      missed: "many",
    });
  });
});
