// Kubernetes wire formats for time: RFC 3339 as the API writes it (seconds, MicroTime), Go's
// time.Duration text, and apimachinery's HumanDuration that kubectl prints. Pure; shared by the
// model (lib/timeline), the demo cluster and the fixtures.

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const two = (s: string, i: number) => digit(s, i) * 10 + digit(s, i + 1);

const DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18];
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar, as Date.UTC counts them
 * (Howard Hinnant's days_from_civil); `month` 1–12, `year` ≥ 1.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/**
 * "2026-11-20T09:00:00Z", the API's usual form, without a regex, Date.parse or Date.UTC: plain
 * arithmetic on the digits, which costs less than looking the text up in a cache.
 */
function parseSecondsZ(s: string): number | null {
  for (let k = 0; k < DIGITS.length; k++) {
    const d = digit(s, DIGITS[k]);
    if (d < 0 || d > 9) return null;
  }
  if (s[4] !== "-" || s[7] !== "-" || s[10] !== "T" || s[13] !== ":" || s[16] !== ":") return null;
  const year = two(s, 0) * 100 + two(s, 2);
  // Date.UTC maps years 0–99 to 1900–1999; such times (Go's zero time among them) mean "not set".
  if (year < 100) return null;
  const month = two(s, 5);
  const day = two(s, 8);
  const hour = two(s, 11);
  const minute = two(s, 14);
  const second = two(s, 17);
  if (
    month < 1 ||
    month > 12 ||
    day < 1 ||
    day > MONTH_DAYS[month - 1] ||
    hour > 23 ||
    minute > 59 ||
    second > 60
  )
    return null;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (month === 2 && day === 29 && !leap) return null;
  // A leap second (:60) rolls into the next minute, as Date.UTC does.
  return (((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60 + second) * 1000;
}

// The same timestamps come back in every version of an object: remember recent answers of the
// slow path (fractions, offsets). The usual form skips that Map (hashing the text costs what
// parsing it does, and a backfill, which meets each timestamp once, would only churn it): the
// model reads one pod's timestamps several times over, so a few slots, picked by the text's
// last digits and compared by identity first, remember those.
const cache = new Map<string, number | null>();
const SLOTS = 64;
const slotText: unknown[] = new Array<unknown>(SLOTS).fill(null);
const slotValue: (number | null)[] = new Array<number | null>(SLOTS).fill(null);
const CACHE_LIMIT = 8192;

/** Epoch ms of an RFC 3339 time (seconds or micro/nanosecond precision), or null when absent or malformed. */
export function parseTime(value: unknown): number | null {
  if (typeof value !== "string" || value.length < 20) return null;
  if (value.length === 20 && value.charCodeAt(19) === 90 /* Z */) {
    const slot =
      (value.charCodeAt(18) * 7 + value.charCodeAt(15) * 3 + value.charCodeAt(12)) & (SLOTS - 1);
    if (slotText[slot] === value) return slotValue[slot];
    const parsed = parseSecondsZ(value);
    slotText[slot] = value;
    slotValue[slot] = parsed;
    return parsed;
  }
  const known = cache.get(value);
  if (known !== undefined) return known;
  const parsed = parseSlow(value);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(value, parsed);
  return parsed;
}

function parseSlow(value: string): number | null {
  if (!RFC3339.test(value)) return null;
  // Date.parse accepts at most millisecond precision reliably; trim longer fractions.
  const dot = value.indexOf(".");
  let text = value;
  if (dot > 0) {
    const zone = value.search(/(Z|[+-]\d{2}:\d{2})$/);
    const fraction = value
      .slice(dot + 1, zone)
      .slice(0, 3)
      .padEnd(3, "0");
    text = value.slice(0, dot + 1) + fraction + value.slice(zone);
  }
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) return null;
  // "0001-01-01T00:00:00Z" is Go's zero time: the API's way of saying "not set".
  return ms <= -62135596800000 ? null : ms;
}

/** RFC 3339 with seconds precision, as the API writes most timestamps. */
export function formatTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

/** RFC 3339 with microseconds, as events.k8s.io/v1 writes eventTime. */
export function formatMicroTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

const GO_UNITS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Parses a Go duration string ("10s", "1m20s", "5m0s", "1.5s") into ms; null when malformed. */
export function parseGoDuration(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "0") return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|μs|ms|s|m|h)/gy;
  let total = 0;
  let consumed = 0;
  let match: RegExpExecArray | null;
  while ((match = re.exec(trimmed)) !== null) {
    total += parseFloat(match[1]) * GO_UNITS[match[2]];
    consumed = re.lastIndex;
  }
  if (consumed === 0 || consumed !== trimmed.length) return null;
  return Math.round(total);
}

/** Formats ms as Go's time.Duration String() does for whole seconds and above ("10s", "1m20s", "5m0s"). */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return "0s";
  if (ms < 1000) return `${ms}ms`;
  const totalSeconds = ms / 1000;
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds - h * 3600 - m * 60;
  const sText = Number.isInteger(s) ? `${s}s` : `${parseFloat(s.toFixed(9))}s`;
  if (h > 0) return `${h}h${m}m${sText}`;
  if (m > 0) return `${m}m${sText}`;
  return sText;
}

/** kubectl's HumanDuration (k8s.io/apimachinery/pkg/util/duration), from a span in ms. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return "<invalid>";
  if (seconds < 0) return "0s";
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(ms / 3_600_000);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const days = Math.trunc(hours / 24) % 365;
    const years = Math.trunc(hours / 24 / 365);
    return days === 0 ? `${years}y` : `${years}y${days}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}
