// The time at the start of a captured log line: the kubelet's, as `kubectl logs --timestamps`
// (GET …/log?timestamps=true) writes it: RFC3339Nano (nanoseconds, trailing zeros dropped, 'Z' or
// the node's offset) then one space, before what the container printed. lib/logs asks for it, so
// every stored tail's lines carry it (tails kept before that do not: an application's own leading
// RFC 3339 time is read as the line's time then). Pure.

const STAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})) /;

/** The time a line starts with (epoch ms) and the rest of the line; null when it starts with none. */
export function leadingTime(line: string): { at: number; rest: string } | null {
  const m = STAMP.exec(line);
  if (!m) return null;
  // Date.parse reads milliseconds: the nanoseconds' last six digits are dropped.
  const at = Date.parse(m[1].replace(/(\.\d{3})\d+/, "$1"));
  return Number.isFinite(at) ? { at, rest: line.slice(m[0].length) } : null;
}

/** What the container printed on a line: the line without its leading time. */
export function withoutTime(line: string): string {
  return leadingTime(line)?.rest ?? line;
}
