// PodLogOptions from a query string, as kube-apiserver reads and checks them: the parameter codec's
// conversions (apimachinery runtime/conversion.go: a bool is false only for "0" or "false", an int64
// is strconv.ParseInt, sinceTime is metav1.Time's UnmarshalQueryParameter, i.e. RFC 3339), whose
// failures are 400 BadRequest with Go's error text; then ValidatePodLogOptions (apimachinery
// validation of PodLogOptions), whose failures are 422 Invalid on kind PodLogOptions.
import { ApiError, badRequest } from "./api-error";

export interface PodLogOptions {
  container: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  limitBytes?: number;
  sinceSeconds?: number;
  /** Milliseconds since the epoch, whole seconds (an empty sinceTime is Go's zero time). */
  sinceTime?: number;
}

const INT64_MAX = 9223372036854775807n;

/** strconv.ParseInt(s, 10, 64), with its error text. */
function parseInt64(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw badRequest(`strconv.ParseInt: parsing "${s}": invalid syntax`);
  const n = BigInt(s);
  if (n > INT64_MAX || n < -INT64_MAX - 1n)
    throw badRequest(`strconv.ParseInt: parsing "${s}": value out of range`);
  return Number(n);
}

const bool = (v: string) => !(v === "0" || v.toLowerCase() === "false");

/** Reads the options; 400 BadRequest for a value the codec cannot convert. */
export function parseLogOptions(q: URLSearchParams): PodLogOptions {
  const opt = (k: string) => q.get(k);
  const o: PodLogOptions = {
    container: opt("container") ?? "",
    follow: opt("follow") !== null && bool(opt("follow")!),
    previous: opt("previous") !== null && bool(opt("previous")!),
    timestamps: opt("timestamps") !== null && bool(opt("timestamps")!),
  };
  for (const k of ["sinceSeconds", "sinceTime", "tailLines", "limitBytes"] as const) {
    const v = opt(k);
    if (v === null) continue;
    if (k === "sinceTime") o.sinceTime = parseRfc3339(v);
    else o[k] = parseInt64(v);
  }
  return o;
}

/** ValidatePodLogOptions; 422 Invalid with every cause. */
export function validateLogOptions(name: string, o: PodLogOptions): void {
  const causes: { reason: string; message: string; field: string }[] = [];
  const invalid = (field: string, value: number, detail: string) =>
    causes.push({
      reason: "FieldValueInvalid",
      field,
      message: `Invalid value: ${value}: ${detail}`,
    });
  if (o.tailLines !== undefined && o.tailLines < 0)
    invalid("tailLines", o.tailLines, "must be greater than or equal to 0");
  if (o.limitBytes !== undefined && o.limitBytes < 1)
    invalid("limitBytes", o.limitBytes, "must be greater than 0");
  if (o.sinceSeconds !== undefined && o.sinceTime !== undefined)
    causes.push({
      reason: "FieldValueForbidden",
      // field.NewPath("") prints as "[]".
      field: "[]",
      message: "Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified",
    });
  else if (o.sinceSeconds !== undefined && o.sinceSeconds < 1)
    invalid("sinceSeconds", o.sinceSeconds, "must be greater than 0");
  if (!causes.length) return;
  const all = causes.map((c) => `${c.field}: ${c.message}`);
  const text = all.length === 1 ? all[0] : `[${all.join(", ")}]`;
  throw new ApiError(422, "Invalid", `PodLogOptions "${name}" is invalid: ${text}`, {
    name,
    kind: "PodLogOptions",
    causes,
  });
}

const LAYOUT = "2006-01-02T15:04:05Z07:00";
/** Go's zero time.Time, 0001-01-01T00:00:00Z. */
const GO_ZERO_TIME = -62135596800000;
// Go's RFC 3339 layout element by element: [layout text, pattern of the value it reads].
const ELEMENTS: [string, RegExp][] = [
  ["2006", /^\d{4}/],
  ["-", /^-/],
  ["01", /^\d{2}/],
  ["-", /^-/],
  ["02", /^\d{2}/],
  ["T", /^T/],
  ["15", /^\d{1,2}/],
  [":", /^:/],
  ["04", /^\d{2}/],
  [":", /^:/],
  ["05", /^\d{2}(?:[.,]\d+)?/],
  ["Z07:00", /^(?:Z|[+-]\d{2}:\d{2})/],
];

/** metav1.Time.UnmarshalQueryParameter: time.Parse(time.RFC3339, s), with Go's error text. */
export function parseRfc3339(s: string): number {
  if (s === "" || s === "null") return GO_ZERO_TIME;
  const quote = JSON.stringify;
  let rest = s;
  const got: string[] = [];
  for (const [elem, re] of ELEMENTS) {
    const m = re.exec(rest);
    if (!m)
      throw badRequest(
        `parsing time ${quote(s)} as ${quote(LAYOUT)}: cannot parse ${quote(rest)} as ${quote(elem)}`,
      );
    got.push(m[0]);
    rest = rest.slice(m[0].length);
  }
  const range = (what: string) => badRequest(`parsing time ${quote(s)}: ${what} out of range`);
  const [y, , mo, , d, , h, , mi, , sec, zone] = got;
  if (+mo < 1 || +mo > 12) throw range("month");
  if (+d < 1 || +d > new Date(Date.UTC(+y, +mo, 0)).getUTCDate()) throw range("day");
  if (+h > 23) throw range("hour");
  if (+mi > 59) throw range("minute");
  if (+sec.slice(0, 2) > 59) throw range("second");
  if (rest) throw badRequest(`parsing time ${quote(s)}: extra text: ${quote(rest)}`);
  // The API server hands sinceTime on to the kubelet as RFC 3339 without the fraction.
  return Date.parse(`${y}-${mo}-${d}T${h.padStart(2, "0")}:${mi}:${sec.slice(0, 2)}${zone}`);
}
