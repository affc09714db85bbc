// The captured end of each run's log (lib/logs/capture.ts fetches it): one row per container
// instance, the text redacted then gzip-compressed, or why it was not captured. Kept with the
// pod: retention drops a pod's tails with its versions (history-store.ts prune).
import type Database from "better-sqlite3";
import { gunzipSync, gzipSync } from "node:zlib";
import { withoutTime } from "../text/log-stamp";
import type { LoggedRun } from "../view/run-logs";

export const LOG_SCHEMA = `
CREATE TABLE IF NOT EXISTS log_tails (
  uid TEXT NOT NULL, container TEXT NOT NULL, instance TEXT NOT NULL, attempt INTEGER NOT NULL,
  started_at INTEGER, finished_at INTEGER, exit_code INTEGER, signal INTEGER, reason TEXT,
  at INTEGER NOT NULL, outcome TEXT NOT NULL, why TEXT, detail TEXT, lines INTEGER, bytes INTEGER, truncated INTEGER,
  data BLOB,
  PRIMARY KEY (uid, container, instance)
);
`;

/** Which run a tail belongs to, and how it ended. */
export interface RunKey extends LoggedRun {
  uid: string;
  /** The instance's containerID (or its start and end: lib/logs/exits.ts). */
  instance: string;
}

export interface TailInfo extends Omit<RunKey, "uid"> {
  /** When it was captured, or given up on. */
  at: number;
  outcome: "captured" | "skipped";
  /** Why it was not captured (a code: lib/logs/why.ts), null when it was. */
  why: string | null;
  /** What the API server said, when it said something (the 400's sentence). */
  detail: string | null;
  lines: number | null;
  /** Bytes of the text (uncompressed). */
  bytes: number | null;
  /** The text is the tail: the log had more before it (tailLines or limitBytes cut it). */
  truncated: boolean;
}

export interface Tail extends TailInfo {
  text: string | null;
}

type Row = {
  container: string;
  instance: string;
  attempt: number;
  started_at: number | null;
  finished_at: number | null;
  exit_code: number | null;
  signal: number | null;
  reason: string | null;
  at: number;
  outcome: string;
  why: string | null;
  detail: string | null;
  lines: number | null;
  bytes: number | null;
  truncated: number | null;
  data?: Buffer | null;
};

const INFO_COLUMNS =
  "container, instance, attempt, started_at, finished_at, exit_code, signal, reason, at, outcome, why, detail, lines, bytes, truncated";

function info(r: Row): TailInfo {
  return {
    container: r.container,
    instance: r.instance,
    attempt: r.attempt,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    exitCode: r.exit_code,
    signal: r.signal,
    reason: r.reason,
    at: r.at,
    outcome: r.outcome === "captured" ? "captured" : "skipped",
    why: r.why,
    detail: r.detail,
    lines: r.lines,
    bytes: r.bytes,
    truncated: r.truncated === 1,
  };
}

/** Lines of a text (a last line without a newline counts). */
export function lineCount(text: string): number {
  if (!text) return 0;
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return text.endsWith("\n") ? n : n + 1;
}

/** How long a run's last line may be in the runs list (the tooltip shows one line of it). */
export const LAST_LINE_MAX = 240;

/**
 * The last line of a text that is not blank (its end cut to LAST_LINE_MAX characters), or null.
 * Without the kubelet's time a stored line starts with (timestamps=true): what the program printed.
 */
export function lastLineOf(text: string): string | null {
  let end = text.length;
  while (end > 0) {
    const start = text.lastIndexOf("\n", end - 1) + 1;
    const line = withoutTime(text.slice(start, end).replace(/\r$/, ""));
    if (line.trim()) return line.slice(0, LAST_LINE_MAX);
    end = start - 1;
  }
  return null;
}

export class LogTails {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    db.exec(LOG_SCHEMA);
    const params =
      "@uid, @container, @instance, @attempt, @startedAt, @finishedAt, @exitCode, @signal, @reason, @at";
    this.stmts = {
      // A capture replaces whatever was said before about the run (a skip, an earlier capture).
      put: db.prepare(
        `INSERT OR REPLACE INTO log_tails (uid, ${INFO_COLUMNS}, data) VALUES (${params}, 'captured', NULL, NULL, @lines, @bytes, @truncated, @data)`,
      ),
      // A skip never replaces a capture.
      skip: db.prepare(
        `INSERT INTO log_tails (uid, ${INFO_COLUMNS}, data) VALUES (${params}, 'skipped', @why, @detail, NULL, NULL, NULL, NULL)
         ON CONFLICT (uid, container, instance) DO UPDATE SET why = excluded.why, detail = excluded.detail, at = excluded.at WHERE outcome = 'skipped'`,
      ),
      has: db.prepare<[string, string, string], { outcome: string }>(
        "SELECT outcome FROM log_tails WHERE uid = ? AND container = ? AND instance = ?",
      ),
      list: db.prepare<[string], Row>(
        `SELECT ${INFO_COLUMNS} FROM log_tails WHERE uid = ? ORDER BY container, attempt, started_at`,
      ),
      one: db.prepare<[string, string, number], Row>(
        `SELECT ${INFO_COLUMNS}, data FROM log_tails WHERE uid = ? AND container = ? AND attempt = ? ORDER BY outcome = 'captured' DESC, at DESC LIMIT 1`,
      ),
      texts: db.prepare<[string], { container: string; attempt: number; data: Buffer }>(
        "SELECT container, attempt, data FROM log_tails WHERE uid = ? AND data IS NOT NULL",
      ),
      drop: db.prepare<[string]>("DELETE FROM log_tails WHERE uid = ?"),
    };
  }

  private row(run: RunKey, at: number) {
    return {
      uid: run.uid,
      container: run.container,
      instance: run.instance,
      attempt: run.attempt,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      exitCode: run.exitCode,
      signal: run.signal,
      reason: run.reason,
      at,
    };
  }

  /** Keeps a run's tail (already redacted), compressed. */
  put(run: RunKey, text: string, truncated: boolean, at: number): void {
    this.stmts.put.run({
      ...this.row(run, at),
      lines: lineCount(text),
      bytes: Buffer.byteLength(text),
      truncated: truncated ? 1 : 0,
      data: gzipSync(Buffer.from(text, "utf8")),
    });
  }

  /** Says why a run's tail was not captured (unless it was captured already). */
  skip(run: RunKey, why: string, detail: string | null, at: number): void {
    this.stmts.skip.run({ ...this.row(run, at), why, detail: detail?.slice(0, 1000) ?? null });
  }

  /** What is kept about an instance: captured, skipped, or nothing (undefined). */
  outcome(uid: string, container: string, instance: string): "captured" | "skipped" | undefined {
    const r = this.stmts.has.get(uid, container, instance);
    return r ? (r.outcome === "captured" ? "captured" : "skipped") : undefined;
  }

  /** Every run of the pod with a tail or a reason, without the text. */
  of(uid: string): TailInfo[] {
    return this.stmts.list.all(uid).map(info);
  }

  /** One run's tail with its text (a capture before a skip of the same attempt). */
  get(uid: string, container: string, attempt: number): Tail | undefined {
    const r = this.stmts.one.get(uid, container, attempt);
    if (!r) return undefined;
    return { ...info(r), text: r.data ? gunzipSync(r.data).toString("utf8") : null };
  }

  /**
   * Each captured run's last line, keyed `container/attempt` (the pod page's tooltip), read when
   * asked: a tail is at most LIFELINE_LOG_LIMIT bytes, so the cost is one gunzip per run.
   */
  lastLines(uid: string): Map<string, string> {
    const out = new Map<string, string>();
    for (const r of this.stmts.texts.all(uid)) {
      const line = lastLineOf(gunzipSync(r.data).toString("utf8"));
      if (line !== null) out.set(`${r.container}/${r.attempt}`, line);
    }
    return out;
  }

  /** Drops a pod's tails (retention, with its versions). */
  dropPod(uid: string): void {
    this.stmts.drop.run(uid);
  }
}
