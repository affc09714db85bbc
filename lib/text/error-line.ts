// The line "Why is it like this?" quotes from a failed run's captured log (lib/logs keeps it):
// the last error-looking line, else the last non-empty one. Pure: the pod page picks it from the
// text GET /api/pods/{ns}/{name}/logs?container=&run= answers.
//
// Error-looking, strongest first (the last line of the strongest tier found is quoted):
// 1. what a crash prints: `panic:`, `fatal:` / `fatal error:`, `error:` / `[error]`, the upper-case
//    levels (ERROR, FATAL, CRITICAL, CRIT, EMERG, ALERT, SEVERE, PANIC), `Error` / `Fatal` /
//    `Panic` as words, `level=error` and `"level":"error"` (also err, fatal, panic, crit), klog's
//    E and F lines, an exception's name (ValueError: …, java.lang.OutOfMemoryError, Exception in
//    thread …: a traceback's last line, never its frames), out of memory / OOM, the shell's
//    Killed, segmentation fault / SIGSEGV / core dumped / Aborted, exited with a non-zero code;
// 2. failures worded weakly: failed, failure, refused, denied, cannot, unable to, timed out,
//    no such file, unreachable (not `failed=0`, `failed: 0`).
// Counting words are not errors: "0 errors", "no error", "error_count=0", "errors: 0".
// A line's leading kubelet time (timestamps=true: lib/text/log-stamp.ts) is dropped first, so
// the quote shows what the program printed and the line-start patterns read it.
import { withoutTime } from "./log-stamp";

const STRONG: RegExp[] = [
  /\b(?:panic|fatal|error|critical|crit|emerg|alert)\s*[:\]]/,
  /\b(?:ERROR|FATAL|CRITICAL|CRIT|EMERG|ALERT|SEVERE|PANIC)\b/,
  /\b(?:Fatal|Panic)\b/,
  /\b(?:level|lvl|severity)\s*=\s*"?(?:error|err|fatal|panic|critical|crit)\b/i,
  /"(?:level|lvl|severity)"\s*:\s*"(?:error|err|fatal|panic|critical|crit)"/i,
  /^[EF]\d{4} \d\d:\d\d:\d\d/,
  /\b[\w.$]*(?:Error|Exception)\b/,
  /^Traceback \(most recent call last\)/,
  /out of memory|\bOOM(?:Killed)?\b/i,
  /(?:^|\s)Killed\b|\bkilled by signal\b/i,
  /segmentation fault|\bsegfault\b|\bSIG(?:SEGV|ABRT|BUS|ILL|FPE)\b|core dumped|^Aborted\b/i,
  /\bexit(?:ed)?(?: with)? (?:status|code) [1-9]/i,
];

const WEAK =
  /\b(?:failed|failure|refused|denied|cannot|can't|couldn't|unable to|timed out|no such file|unreachable)\b(?!\s*[=:]\s*0\b)/i;

/** How error-looking a line is: 2 strongly, 1 weakly (a failure in plain words), 0 not. */
export function errorTier(line: string): 0 | 1 | 2 {
  if (STRONG.some((re) => re.test(line))) return 2;
  return WEAK.test(line) ? 1 : 0;
}

export const isErrorLooking = (line: string) => errorTier(line) > 0;

/** ANSI escape sequences (colour, cursor, titles) and other control characters removed; tabs kept. */
export function stripAnsi(s: string): string {
  return (
    s
      // OSC (a window title, a link): ESC ] … BEL or ESC \
      .replace(/\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?/g, "")
      // CSI (colours, cursor moves): ESC [ parameters intermediates final
      .replace(/\u001b\[[0-?]*[ -/]*[@-~]/g, "")
      // Any other escape, and C0 / DEL / C1 controls but the tab.
      .replace(/\u001b[@-_]?/g, "")
      .replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, "")
  );
}

/** The lines read from the end of a tail (a longer text's earlier lines are not its last words). */
export const SCAN_LINES = 1000;
export const MAX_LINE = 300;

/** One line as it would show: what a carriage return drew last, controls gone, whitespace folded. */
function clean(raw: string): string {
  const drawn = withoutTime(raw)
    .split("\r")
    .filter((s) => s.trim() !== "")
    .at(-1);
  return stripAnsi(drawn ?? "")
    .replace(/\s+/g, " ")
    .trim();
}

function cut(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : s;
}

/**
 * The last error-looking line of a captured log (of the strongest kind found), else its last
 * non-empty line; null for an empty log. At most `max` characters (cut with an ellipsis).
 */
export function errorLine(text: string, max = MAX_LINE): string | null {
  const lines = text.split("\n");
  const from = Math.max(0, lines.length - SCAN_LINES);
  let weak: string | null = null;
  let last: string | null = null;
  for (let i = lines.length - 1; i >= from; i--) {
    const line = clean(lines[i]);
    if (!line) continue;
    last ??= line;
    const tier = errorTier(line);
    if (tier === 2) return cut(line, max);
    if (tier === 1) weak ??= line;
  }
  const chosen = weak ?? last;
  return chosen === null ? null : cut(chosen, max);
}
