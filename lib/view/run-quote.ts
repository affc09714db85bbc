// Which run "Why is it like this?" quotes the captured log of (lib/text/error-line.ts picks the
// line): the run that failed, for an explanation about a failed run (Explanation.aboutFailure).
// Pure: from the timeline model only.
import type { PodTimeline } from "../timeline/types";
import { runFailed } from "./evidence";

export interface FailedRun {
  container: string;
  /** As the timeline and the captured logs number runs: 1 for the first. */
  attempt: number;
  start: number;
}

/**
 * The last run of `container` that ended and started at or before `at` (a selected run: its own
 * start; a selected back-off: the run before it), if that run failed; else null.
 */
export function failedRun(
  tl: PodTimeline,
  container: string | null | undefined,
  at = Infinity,
): FailedRun | null {
  const c = tl.containers.find((x) => x.name === container);
  if (!c) return null;
  const run = c.runs.filter((r) => r.end !== null && r.start <= at).at(-1);
  return run && runFailed(run)
    ? { container: c.name, attempt: run.attempt, start: run.start }
    : null;
}
