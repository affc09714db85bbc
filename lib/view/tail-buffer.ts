// The live tail's lines in the browser (components/pod/logs/LiveTail.tsx): the last `max` lines
// kept, older ones counted as dropped, each with an id for React's key.
import type { FollowLine } from "./follow-frames";

export const TAIL_MAX = 5000;

export interface TailLine extends FollowLine {
  id: number;
}

export interface TailBuffer {
  lines: TailLine[];
  /** Lines that came but are no longer kept (the buffer was full). */
  dropped: number;
  nextId: number;
}

export const EMPTY_TAIL: TailBuffer = { lines: [], dropped: 0, nextId: 0 };

/** `b` with `incoming` appended and only the last `max` kept; `b` itself is not changed. */
export function appendLines(
  b: TailBuffer,
  incoming: readonly FollowLine[],
  max = TAIL_MAX,
): TailBuffer {
  if (!incoming.length) return b;
  let id = b.nextId;
  const added = incoming.map((l) => ({ ...l, id: id++ }));
  const all =
    b.lines.length + added.length > max
      ? [...b.lines, ...added].slice(-max)
      : [...b.lines, ...added];
  return {
    lines: all,
    dropped: b.dropped + b.lines.length + added.length - all.length,
    nextId: id,
  };
}
