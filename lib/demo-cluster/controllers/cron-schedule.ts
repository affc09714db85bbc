// CronJob schedules as kube reads them: github.com/robfig/cron/v3 ParseStandard (5 fields, names,
// `?`, ranges, steps, the @hourly-style descriptors and @every, a TZ= / CRON_TZ= prefix) with its
// error texts, which kube-apiserver's validation and the controller's events quote. Each field is
// parsed here as robfig does, then handed to croner as an explicit list, so croner only computes
// the next time in the zone. robfig's day rule: when day-of-month or day-of-week is a bare `*` or
// `?` both must match, otherwise either may (`*/2` is not bare); croner's default OR mode does the
// same once the bare fields are passed as `*`.
import { Cron } from "croner";
import { parseGoDuration } from "../../k8s/time";

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const FIELDS: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: Object.fromEntries(MONTHS.map((m, i) => [m, i + 1])) },
  { min: 0, max: 6, names: Object.fromEntries(DAYS.map((d, i) => [d, i])) },
];
const DESCRIPTORS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

export interface CronSchedule {
  /** The first activation strictly after `ms` (robfig Schedule.Next), epoch ms. */
  next(ms: number): number;
}

/** Whether Go's time.LoadLocation would know this zone. */
export function knownTimeZone(zone: string): boolean {
  if (zone === "UTC" || zone === "") return true;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

class RobfigError extends Error {}

function mustParseInt(expr: string): number {
  if (!/^[+-]?\d+$/.test(expr))
    throw new RobfigError(
      `failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`,
    );
  const n = Number(expr);
  if (n < 0) throw new RobfigError(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

/** robfig getRange: one comma-separated part; `star` for a bare `*` / `?` (step 1). */
function getRange(expr: string, r: Bounds): { values: number[]; star: boolean } {
  const rangeAndStep = expr.split("/");
  const lowAndHigh = rangeAndStep[0].split("-");
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === "*" || lowAndHigh[0] === "?") {
    start = r.min;
    end = r.max;
    star = true;
  } else {
    const named = (s: string) => r.names?.[s.toLowerCase()] ?? mustParseInt(s);
    start = named(lowAndHigh[0]);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = named(lowAndHigh[1]);
    else throw new RobfigError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]);
    if (lowAndHigh.length === 1) end = r.max;
    if (step > 1) star = false;
  } else if (rangeAndStep.length > 2) throw new RobfigError(`too many slashes: ${expr}`);
  if (start < r.min)
    throw new RobfigError(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) throw new RobfigError(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end)
    throw new RobfigError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new RobfigError(`step of range should be a positive number: ${expr}`);
  const values: number[] = [];
  for (let v = start; v <= end; v += step) values.push(v);
  return { values, star };
}

function getField(field: string, r: Bounds): { values: number[]; star: boolean } {
  const values = new Set<number>();
  let star = false;
  for (const part of field.split(",")) {
    const got = getRange(part, r);
    got.values.forEach((v) => values.add(v));
    star ||= got.star;
  }
  return { values: [...values].sort((a, b) => a - b), star };
}

/**
 * Parses a schedule as cron.ParseStandard(formatSchedule(cj)) does: `timeZone` becomes a TZ=
 * prefix. Returns robfig's error text for a schedule it refuses.
 */
export function parseCronSchedule(
  schedule: string,
  timeZone?: string | null,
): CronSchedule | { error: string } {
  let spec = schedule;
  if (timeZone != null && !spec.includes("TZ") && knownTimeZone(timeZone))
    spec = `TZ=${timeZone} ${spec}`;
  try {
    if (!spec.length) throw new RobfigError("empty spec string");
    let zone = "UTC";
    if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
      const space = spec.indexOf(" ");
      const name = spec.slice(spec.indexOf("=") + 1, space < 0 ? undefined : space);
      if (!knownTimeZone(name))
        throw new RobfigError(`provided bad location ${name}: unknown time zone ${name}`);
      zone = name || "UTC";
      spec = space < 0 ? "" : spec.slice(space).trim();
    }
    if (spec.startsWith("@")) {
      if (spec.startsWith("@every ")) {
        const text = spec.slice(7);
        const ms = parseGoDuration(text);
        if (ms === null)
          throw new RobfigError(
            `failed to parse duration ${spec}: time: invalid duration "${text}"`,
          );
        // ConstantDelaySchedule: at least a second, whole seconds, counted from the last run.
        const every = Math.max(1000, ms - (ms % 1000));
        return { next: (t) => t - (t % 1000) + every };
      }
      const pattern = DESCRIPTORS[spec];
      if (!pattern) throw new RobfigError(`unrecognized descriptor: ${spec}`);
      spec = pattern;
    }
    const fields = spec.split(/\s+/).filter(Boolean);
    if (fields.length !== 5)
      throw new RobfigError(
        `expected exactly 5 fields, found ${fields.length}: [${fields.join(" ")}]`,
      );
    const parsed = fields.map((f, i) => getField(f, FIELDS[i]));
    const text = parsed.map((p, i) => (p.star && (i === 2 || i === 4) ? "*" : p.values.join(",")));
    const cron = new Cron(text.join(" "), { timezone: zone, mode: "5-part" });
    return {
      next: (t) => {
        const d = cron.nextRun(new Date(t));
        return d ? d.getTime() : Number.POSITIVE_INFINITY;
      },
    };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

export type Missed = "none" | "few" | "many";

/**
 * utils.go mostRecentScheduleTime: the latest activation at or before `now` since the last
 * schedule (or creation, or now − startingDeadlineSeconds), and whether more than one, or more
 * than 100, were missed.
 */
export function mostRecentScheduleTime(
  sched: CronSchedule,
  earliest: number,
  now: number,
): { earliest: number; mostRecent: number | null; missed: Missed; error?: string } {
  const t1 = sched.next(earliest);
  const t2 = sched.next(t1);
  if (now < t1) return { earliest, mostRecent: null, missed: "none" };
  if (now < t2) return { earliest, mostRecent: t1, missed: "none" };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1)
    return {
      earliest,
      mostRecent: null,
      missed: "none",
      error: "time difference between two schedules is less than 1 second",
    };
  const elapsed = Math.floor((now - t1) / 1000);
  const missedCount = Math.floor(elapsed / between) + 1;
  let mostRecent: number | null = null;
  let t = sched.next(t1 + (missedCount - 2) * between * 1000);
  for (let guard = 0; t <= now && guard < 100_000; guard++) {
    mostRecent = t;
    t = sched.next(t);
  }
  return { earliest, mostRecent, missed: missedCount > 100 ? "many" : "few" };
}
