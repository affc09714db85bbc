// How every URL and API parameter reads a moment: epoch milliseconds (up to 15 digits) or RFC 3339
// (2026-11-20T09:00:00Z). One rule for the views' links (?at=, ?from=, ?to=) and the API, so a link
// the API would refuse is not read as some other time (Date.parse reads "-1" as the year 2001).

/** The moment `value` names, or null when it is not one of the two forms. */
export function readTime(value: string | null): number | null {
  if (!value) return null;
  const ms = /^\d{1,15}$/.test(value)
    ? Number(value)
    : /^\d{4}-\d{2}-\d{2}T/.test(value)
      ? Date.parse(value)
      : NaN;
  return Number.isFinite(ms) ? ms : null;
}

/** The longest window the API answers (31 days); a view's link asking for more falls back to its default. */
export const MAX_WINDOW_MS = 31 * 24 * 3600_000;
