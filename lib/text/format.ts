// How Lifeline writes times and durations for people: one time zone type, one time formatter, one
// duration formatter with its named styles. It sits in lib/text, beside the other text rules, as
// the views, the server's log (lib/store/write-queue.ts) and health all read it; pure and free of
// d3. (The chart's axis labels follow its d3 scale: axisFormat in lib/view/timeline-layout.ts.
// What the Kubernetes API reads and writes — RFC 3339, Go durations — lives in lib/k8s.)

/** The zone times are shown in: UTC, or the browser's own. */
export type Tz = "local" | "utc";

export interface TimeOptions {
  /** The date and the time with its zone (default), the date alone, or the time of day alone. */
  part?: "datetime" | "date" | "time";
  /** Seconds shown (default) or cut off. */
  seconds?: boolean;
}

const p2 = (n: number) => String(n).padStart(2, "0");

/** The zone's name: "UTC", or the local offset "UTC+01:00" (a real minus sign west of Greenwich). */
function zoneName(d: Date, tz: Tz): string {
  if (tz === "utc") return "UTC";
  const off = -d.getTimezoneOffset();
  return `UTC${off >= 0 ? "+" : "−"}${p2(Math.floor(Math.abs(off) / 60))}:${p2(Math.abs(off) % 60)}`;
}

/**
 * A time for people, in UTC or the local zone: "2026-11-20 09:00:05 UTC" (the zone written after
 * a date and time, "UTC+01:00" for a local one); "2026-11-20" with `part: "date"`; "09:00:05"
 * with `part: "time"`; "2026-11-20 09:00 UTC" with `seconds: false` (cut, not rounded).
 */
export function formatTime(ms: number, tz: Tz, opts: TimeOptions = {}): string {
  const d = new Date(ms);
  let date: string, hm: string, ss: string;
  if (tz === "utc") {
    const iso = d.toISOString();
    [date, hm, ss] = [iso.slice(0, 10), iso.slice(11, 16), iso.slice(17, 19)];
  } else {
    date = `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}`;
    [hm, ss] = [`${p2(d.getHours())}:${p2(d.getMinutes())}`, p2(d.getSeconds())];
  }
  if (opts.part === "date") return date;
  const time = opts.seconds === false ? hm : `${hm}:${ss}`;
  if (opts.part === "time") return time;
  return `${date} ${time} ${zoneName(d, tz)}`;
}

/**
 * The styles of a duration, each for its place:
 * - "compact": Go-like, for timeline labels and tooltips: "800ms", "10s", "1m20s", "1h5m"
 *   (milliseconds under a second, else the nearest second; hours the largest unit).
 * - "elapsed": how long something has been so, for banners and health: "45s", "3m 05s", "2h 10m",
 *   "3d 4h" (whole seconds gone by, never negative; up to days).
 * - "took": how long a piece of work took, for the server's log: "45s", "3m 05s", "25h 00m"
 *   (nearest second, never negative; hours the largest unit).
 */
export type DurationStyle = "compact" | "elapsed" | "took";

/** A span of `ms` milliseconds in words of one style (see DurationStyle). */
export function formatDuration(ms: number, style: DurationStyle = "compact"): string {
  // Under a second, as Go writes it ("800ms", the kubelet's "Successfully pulled … in 800ms"), not
  // rounded to "1s" beside it.
  if (style === "compact" && ms > 0 && Math.round(ms) < 1000) return `${Math.round(ms)}ms`;
  const s =
    style === "compact"
      ? Math.round(ms / 1000)
      : Math.max(0, style === "elapsed" ? Math.floor(ms / 1000) : Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const [sep, pad] = style === "compact" ? ["", String] : [" ", p2];
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${sep}${pad(s % 60)}s`;
  const h = Math.floor(m / 60);
  if (style !== "elapsed" || h < 24) return `${h}h${sep}${pad(m % 60)}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}
