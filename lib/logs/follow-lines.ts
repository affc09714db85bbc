// A followed log's bytes as lines (lib/logs/follow.ts): split at newline bytes (a newline byte is
// never part of a UTF-8 character, so a character cut between chunks is joined again before it is
// decoded), each line at most `maxBytes` (the rest of a longer one is dropped, not held: a container
// that prints megabytes without a newline costs no memory), its RFC 3339 time taken off when the
// log was asked for with timestamps, and redacted as a captured tail is (redact.ts) before it
// leaves the server.
import { REDACTED, redact, type RedactRule } from "./redact";

export interface FollowedLine {
  text: string;
  /** The kubelet's time of the line (epoch ms), with timestamps=true. */
  at?: number;
  /** The line was longer than the limit: this is its beginning. */
  cut?: true;
}

/**
 * A chunk handler: calls `onLine` with each complete line's bytes (without its newline) and
 * whether it was cut; `flush` gives what is left after the last newline (a log that ended without
 * one).
 */
export function lineSplitter(
  maxBytes: number,
  onLine: (bytes: Buffer, cut: boolean) => void,
): { push(chunk: Buffer): void; flush(): void } {
  let held: Buffer[] = [];
  let heldBytes = 0;
  /** The line under way passed the limit: its beginning is kept, the rest dropped until its newline. */
  let cut = false;
  const hold = (part: Buffer) => {
    if (cut || part.length === 0) return;
    const room = maxBytes - heldBytes;
    if (part.length > room) {
      cut = true;
      part = part.subarray(0, room);
    }
    held.push(part);
    heldBytes += part.length;
  };
  const emit = () => {
    const line = held.length === 1 ? held[0] : Buffer.concat(held);
    const wasCut = cut;
    held = [];
    heldBytes = 0;
    cut = false;
    onLine(line, wasCut);
  };
  return {
    push(chunk) {
      let start = 0;
      let nl: number;
      while ((nl = chunk.indexOf(10, start)) >= 0) {
        hold(chunk.subarray(start, nl));
        start = nl + 1;
        emit();
      }
      // Copied: the chunk's buffer may be reused by the socket.
      if (start < chunk.length) hold(Buffer.from(chunk.subarray(start)));
    },
    flush() {
      if (heldBytes > 0 || cut) emit();
    },
  };
}

/** The kubelet's timestamps=true prefix: Go's RFC3339Nano and one space. */
const STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d{1,9})?(Z|[+-]\d\d:\d\d) /;

/** The line's time (ms, to the millisecond) and the rest; no time when the line has no stamp. */
export function splitTimestamp(line: string): { at?: number; text: string } {
  const m = STAMP.exec(line);
  if (!m) return { text: line };
  const fraction = m[2] ? m[2].slice(0, 4).padEnd(4, "0") : "";
  const at = Date.parse(`${m[1]}${fraction}${m[3]}`);
  return Number.isFinite(at) ? { at, text: line.slice(m[0].length) } : { text: line };
}

const KEY_BEGIN = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;
const KEY_END = /-----END [A-Z ]*PRIVATE KEY-----/;

/**
 * Redaction one line at a time, as the lines come: the capture's rules on each line, and a private
 * key block spread over lines (the default rule matches it whole in a captured tail) redacted from
 * its BEGIN line to its END line, each line of it `[REDACTED]`.
 */
export function lineRedactor(rules: readonly RedactRule[]): (line: string) => string {
  let inKey = false;
  return (line) => {
    if (inKey) {
      const end = KEY_END.exec(line);
      if (!end) return REDACTED;
      inKey = false;
      return REDACTED + redact(line.slice(end.index + end[0].length), rules);
    }
    const begin = KEY_BEGIN.exec(line);
    if (begin && !KEY_END.test(line.slice(begin.index))) inKey = true;
    return redact(line, rules);
  };
}

/** The line's bytes as a FollowedLine: decoded, its time taken off (with timestamps), redacted. */
export function followedLine(
  bytes: Buffer,
  cut: boolean,
  timestamps: boolean,
  redactLine: (line: string) => string,
): FollowedLine {
  let raw = bytes.toString("utf8");
  if (raw.endsWith("\r")) raw = raw.slice(0, -1);
  const { at, text } = timestamps ? splitTimestamp(raw) : { at: undefined, text: raw };
  return {
    text: redactLine(text),
    ...(at !== undefined ? { at } : {}),
    ...(cut ? { cut: true as const } : {}),
  };
}
