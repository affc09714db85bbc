"use client";
// A log's lines, virtualised: only the lines in view (and a few around them) are in the DOM, each
// at its place in a box as tall as every line together, so 10,000 lines scroll as 200 do. Lines
// do not wrap (they scroll sideways), which keeps every line one row high. Text nodes only.
import { useEffect, useRef, useState, type CSSProperties } from "react";
import { ANSI_COLOURS } from "@/lib/text/ansi";
import { formatTime, type Tz } from "@/lib/text/format";
import { markSegments, type LogLine, type Match } from "./log-text";

export const ROW_PX = 18;
export const VIEW_PX = 432;
const OVERSCAN = 10;

function Line({
  line,
  marks,
  current,
  tz,
  top,
}: {
  line: LogLine;
  marks: { start: number; end: number; index: number }[];
  current: number;
  tz: Tz;
  top: number;
}) {
  return (
    <div
      className="absolute left-0 flex min-w-full pr-2 whitespace-pre"
      style={{ top, height: ROW_PX, lineHeight: `${ROW_PX}px` }}
      data-testid="log-line"
      data-line={line.n}
    >
      <span className="sticky left-0 w-12 shrink-0 bg-slate-50 pr-2 text-right text-slate-400 select-none dark:bg-slate-900 dark:text-slate-500">
        {line.n}
      </span>
      {line.at !== null && (
        <span className="mr-2 shrink-0 text-slate-500 dark:text-slate-400" data-testid="log-time">
          {formatTime(line.at, tz, { part: "time" })}
        </span>
      )}
      <span>
        {markSegments(line.segments, marks).map((s, i) => {
          const style: CSSProperties = {};
          if (s.bold) style.fontWeight = 600;
          // A match sets its own ink on its own light background (both themes): the ANSI colour
          // on it was unreadable in dark mode. The text around it keeps its colour.
          if (s.fg && s.mark === null) style.color = ANSI_COLOURS[s.fg];
          return s.mark !== null ? (
            <mark
              key={i}
              style={style}
              data-current={s.mark === current ? "true" : undefined}
              data-fg={s.fg}
              className={
                s.mark === current
                  ? "rounded-sm bg-orange-300 text-slate-950 dark:bg-orange-400"
                  : "rounded-sm bg-yellow-200 text-slate-950 dark:bg-yellow-300"
              }
            >
              {s.text}
            </mark>
          ) : (
            <span key={i} style={style} data-fg={s.fg}>
              {s.text}
            </span>
          );
        })}
      </span>
    </div>
  );
}

export function LogLines({
  lines,
  matches,
  current,
  tz,
  label,
}: {
  lines: LogLine[];
  matches: Match[];
  /** The match in focus (its index in `matches`), -1 for none: scrolled into view. */
  current: number;
  tz: Tz;
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const height = Math.min(VIEW_PX, Math.max(1, lines.length) * ROW_PX + 2);

  // The current match comes into view (centred when it was out of it).
  useEffect(() => {
    const el = box.current;
    const m = matches[current];
    if (!el || !m) return;
    const y = m.line * ROW_PX;
    if (y < el.scrollTop || y + ROW_PX > el.scrollTop + height) {
      el.scrollTop = Math.max(0, y - height / 2);
      setTop(el.scrollTop);
    }
  }, [current, matches, height]);

  // ...and sideways, far along a long line, once its row is drawn (scroll-padding keeps it clear
  // of the sticky line numbers). Asked again on each render until the mark is in the page.
  const reveal = useRef(-1);
  useEffect(() => {
    reveal.current = current;
  }, [current, matches]);
  useEffect(() => {
    if (reveal.current < 0) return;
    const mark = box.current?.querySelector<HTMLElement>('mark[data-current="true"]');
    if (!mark) return;
    reveal.current = -1;
    mark.scrollIntoView({ block: "nearest", inline: "nearest" });
  });

  // A new text starts at its end: the last words are what one opens a log for.
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    el.scrollTop = lines.length * ROW_PX;
    setTop(el.scrollTop);
  }, [lines]);

  const first = Math.max(0, Math.floor(top / ROW_PX) - OVERSCAN);
  const last = Math.min(lines.length, Math.ceil((top + height) / ROW_PX) + OVERSCAN);
  const byLine = new Map<number, { start: number; end: number; index: number }[]>();
  matches.forEach((m, index) => {
    if (m.line < first || m.line >= last) return;
    const list = byLine.get(m.line) ?? [];
    list.push({ start: m.start, end: m.end, index });
    byLine.set(m.line, list);
  });
  const shown: LogLine[] = lines.slice(first, last);

  return (
    <div
      ref={box}
      role="region"
      aria-label={label}
      tabIndex={0}
      onScroll={(e) => setTop(e.currentTarget.scrollTop)}
      className="relative scroll-pl-14 overflow-auto rounded border border-slate-200 bg-slate-50 font-mono text-xs dark:border-slate-800 dark:bg-slate-900"
      style={{ height }}
      data-testid="log-lines"
      data-count={lines.length}
    >
      <div style={{ height: lines.length * ROW_PX, position: "relative" }}>
        {shown.map((line, i) => (
          <Line
            key={line.n}
            line={line}
            marks={byLine.get(first + i) ?? []}
            current={current}
            tz={tz}
            top={(first + i) * ROW_PX}
          />
        ))}
      </div>
    </div>
  );
}
