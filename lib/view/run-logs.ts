// The captured end of a pod's runs as GET /api/pods/{ns}/{name}/logs answers it (lib/routes/
// pod-logs.ts builds it on the server; the pod page's log reader reads it): the wire types only.

/** A container run and how it ended (lib/store/log-tails.ts keys its tails by it too). */
export interface LoggedRun {
  container: string;
  /** The run's number: 1 for the first run, as the timeline numbers runs. */
  attempt: number;
  startedAt: number | null;
  finishedAt: number | null;
  exitCode: number | null;
  signal: number | null;
  reason: string | null;
}

/** One run with a kept tail or a reason why it has none; never its text. */
export interface RunLogInfo extends LoggedRun {
  /** When it was captured, or given up on. */
  at: number;
  outcome: "captured" | "skipped";
  /** Why it was not captured: a code of lib/logs/why.ts (`logs.why.<code>` in lib/i18n). */
  why: string | null;
  /** What the API server said, when it said something. */
  detail: string | null;
  whySentence: string | null;
  lines: number | null;
  bytes: number | null;
  /** The log had more before the tail. */
  truncated: boolean;
  /** The last line of the text that is not blank, cut short (the tooltip's); null without one. */
  lastLine: string | null;
}

export type LogCaptureMode = "off" | "failures" | "all";

export interface RunsAnswer {
  pod: { namespace: string; name: string; uid: string };
  capture: LogCaptureMode;
  runs: RunLogInfo[];
}

export interface RunTextAnswer {
  pod: { namespace: string; name: string; uid: string };
  run: RunLogInfo;
  /** The captured tail (redacted before it was stored), null when it was not captured. */
  text: string | null;
}

/** A pod snapshot's runs (POST /api/snapshots with logs: true), each with its text. */
export type SnapshotRunLog = RunLogInfo & { text: string | null };
