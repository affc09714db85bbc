// How long a pod's health rank holds: podHealth reads the clock only against a few moments of the
// row (its grace period's end, creation + PENDING_TOO_LONG_MS, each lane change and the last
// restart + CRASH_LOOP_WINDOW_MS, the last restart + RECENT_RESTART_MS). Between two of them the
// rank cannot move, so a view that orders 150,000 rows by problems works out again only the rows
// whose moment has come (lib/rows/row-view.ts), not every row every 10 s. Pure; times in whole
// milliseconds (the views' clocks are lib/rows/order's sortClock). Keep it beside podHealth: a rule
// that reads `now` against a new moment must add that moment here (rank-until.test.ts checks the
// two agree over random rows).
import {
  CRASH_LOOP_WINDOW_MS,
  PENDING_TOO_LONG_MS,
  RECENT_RESTART_MS,
  healthRank,
  podHealth,
  type PodFacts,
} from "./index";

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/**
 * The pod's health rank at `now` (healthRank of podHealth) and the first moment after `now` at
 * which it may differ: the rank is the same at every time in [now, until). `until` is Infinity when
 * no moment is ahead, and `now` itself (nothing to keep) when the row is too malformed to tell.
 */
export function healthRankUntil(p: PodFacts, now: number): { rank: number; until: number } {
  const rank = healthRank(podHealth(p, now));
  if (!p || typeof p !== "object" || !Number.isFinite(now)) return { rank, until: now };
  let until = Infinity;
  /** `now < x` turns false at x. */
  const below = (x: number | null) => {
    if (x !== null && x > now && x < until) until = x;
  };
  /** `now > x` turns true just after x. */
  const above = (x: number | null) => below(x === null ? null : x + 1);
  const deleteBy = num(p.deletion?.at);
  above(deleteBy);
  const created = num(p.createdAt);
  above(created === null ? null : created + PENDING_TOO_LONG_MS);
  const last = num(p.lastRestartAt);
  if (last !== null) {
    below(last + CRASH_LOOP_WINDOW_MS);
    below(last + RECENT_RESTART_MS);
  }
  const recent = Array.isArray(p.recent) ? p.recent : [];
  for (const c of recent) {
    if (!c) continue;
    // podHealth passes over entries without a numeric start, but reads the next one's start as an
    // end: anything else there cannot be told apart from now.
    if (c.start !== undefined && c.start !== null && num(c.start) === null)
      return { rank, until: now };
    below(num(c.start) === null ? null : c.start + CRASH_LOOP_WINDOW_MS);
  }
  return { rank, until };
}
