// Tests read what the server logged: the lines `log` writes while captured, instead of stdout.
import { logTo } from "./logger";

export interface Captured {
  /** Every line logged since captureLog(), as written (human lines unless LIFELINE_LOG_FORMAT=json). */
  lines: string[];
  restore(): void;
}

/**
 * Captures the log lines of `logger` (this copy of lib/log/logger.ts by default; a test that
 * resets its modules passes the copy the code under test imported).
 */
export function captureLog(logger: { logTo: typeof logTo } = { logTo }): Captured {
  const lines: string[] = [];
  const restore = logger.logTo({
    write: (s: string) => lines.push(...s.split("\n").filter(Boolean)),
  });
  return { lines, restore };
}
