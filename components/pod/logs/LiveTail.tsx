"use client";
// The current run's log as it is written (issue 21), opened on demand from the log reader's
// "Follow" button: lines as text nodes (never HTML; ANSI colours drawn, other escapes dropped),
// pinned to the newest line unless the reader scrolls up, pause and stop, the last 5,000 lines
// kept, each line's time in the page's zone. Unmounting closes the follow (useLiveTail).
import { useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { useI18n } from "@/components/I18n";
import type { Translate } from "@/lib/i18n";
import { ANSI_COLOURS, ansiSegments } from "@/lib/text/ansi";
import { formatTime, type Tz } from "@/lib/text/format";
import { TAIL_MAX, type TailBuffer, type TailLine } from "@/lib/view/tail-buffer";
import { useLiveTail, type FollowEnd, type TailState } from "./useLiveTail";

/** How close to the bottom (px) still counts as reading the newest line. */
const PINNED_PX = 24;

function zone(tz: string): Tz {
  return tz === "utc" ? "utc" : "local";
}

/** 09:00:05.123 in the page's zone (the full date and zone in the title). */
function lineTime(ms: number, tz: string): string {
  return `${formatTime(ms, zone(tz), { part: "time" })}.${String(((ms % 1000) + 1000) % 1000).padStart(3, "0")}`;
}

function endText(end: FollowEnd, t: Translate): string {
  switch (end.why) {
    case "exited":
    case "restarted": {
      if (end.why === "restarted" && end.exitCode === undefined) return t("follow.end.restarted");
      const exit =
        end.exitCode !== undefined
          ? end.reason
            ? t("follow.end.exitedReason", { code: end.exitCode, reason: end.reason })
            : t("follow.end.exited", { code: end.exitCode })
          : end.signal !== undefined
            ? t("follow.end.signal", { signal: end.signal })
            : t("follow.end.ended");
      return end.why === "restarted" ? `${exit} ${t("follow.end.restarted")}` : exit;
    }
    case "deleted":
      return t("follow.end.deleted");
    case "lost":
      return t("follow.end.lost");
    case "expired":
      return t("follow.end.expired");
    case "stopped":
      return t("follow.end.stopped");
    case "you":
      return t("follow.end.you");
    default:
      return t("follow.end.ended");
  }
}

function stateText(s: TailState, t: Translate, paused: boolean, held: number): string {
  if (s.phase === "connecting") return t("follow.connecting");
  // Paused from the click on, not from the first line held back.
  if (s.phase === "following" && paused)
    return held > 0 ? t("follow.paused", { n: held }) : t("follow.pausedNone");
  if (s.phase === "following") return t("follow.following");
  if (s.phase === "ended") return endText(s.end, t);
  if (s.phase === "forbidden")
    return s.code ? t(`follow.refused.${s.code}`) : t("follow.error", { error: s.error });
  return t("follow.error", { error: s.error });
}

/** One line: its time (when the log has one and it is shown), its text in ANSI colour segments. */
function Line({
  line,
  tz,
  stamps,
  cut,
}: {
  line: TailLine;
  tz: string;
  stamps: boolean;
  cut: string;
}) {
  const parts: ReactNode[] = ansiSegments(line.text).map((s, i) =>
    s.fg || s.bold ? (
      <span
        key={i}
        style={{
          ...(s.fg ? { color: ANSI_COLOURS[s.fg] } : {}),
          ...(s.bold ? { fontWeight: 700 } : {}),
        }}
      >
        {s.text}
      </span>
    ) : (
      s.text
    ),
  );
  return (
    <div className="min-h-[1.25em]" data-testid="live-tail-line">
      {stamps && line.at !== undefined && (
        <time
          dateTime={new Date(line.at).toISOString()}
          title={formatTime(line.at, zone(tz))}
          className="mr-2 text-slate-500 select-none dark:text-slate-400"
        >
          {lineTime(line.at, tz)}
        </time>
      )}
      {parts}
      {line.cut && <span className="ml-1 text-slate-500 italic select-none">{cut}</span>}
    </div>
  );
}

const BUTTON =
  "rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";

interface LiveTailProps {
  namespace: string;
  name: string;
  container: string;
  tz: string;
  onClose(): void;
}

/** Another pod or container is another follow, from an empty view. */
export function LiveTail(props: {
  namespace: string;
  name: string;
  container: string;
  tz: string;
  onClose(): void;
}) {
  return <Follow key={`${props.namespace}/${props.name}/${props.container}`} {...props} />;
}

function Follow(props: LiveTailProps) {
  const { t } = useI18n();
  const { state, buffer, stop, again } = useLiveTail(props);
  const [stamps, setStamps] = useState(true);
  const [frozen, setFrozen] = useState<TailBuffer | null>(null);
  const [pinned, setPinned] = useState(true);
  const scroller = useRef<HTMLDivElement>(null);
  const shown = frozen ?? buffer;
  const held = frozen ? buffer.nextId - frozen.nextId : 0;
  const live = state.phase === "connecting" || state.phase === "following";

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && pinned) el.scrollTop = el.scrollHeight;
  }, [shown, pinned]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight <= PINNED_PX;
    if (atBottom !== pinned) setPinned(atBottom);
  };

  return (
    <section
      aria-label={t("follow.region", { container: props.container })}
      data-testid="live-tail"
      data-phase={state.phase}
      className="relative flex flex-col gap-1 rounded border border-slate-300 p-2 dark:border-slate-700"
    >
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <span className="font-medium">{t("follow.title", { container: props.container })}</span>
        <span
          role="status"
          data-testid="live-tail-state"
          className={
            state.phase === "error" || state.phase === "forbidden"
              ? "text-[#D55E00]"
              : "text-slate-600 dark:text-slate-400"
          }
        >
          {stateText(state, t, frozen !== null, held)}
        </span>
        <span className="ml-auto flex items-center gap-2">
          <label className="flex items-center gap-1">
            <input type="checkbox" checked={stamps} onChange={(e) => setStamps(e.target.checked)} />
            {t("follow.timestamps")}
          </label>
          {state.phase === "following" && (
            <button
              type="button"
              className={BUTTON}
              aria-pressed={frozen !== null}
              onClick={() => setFrozen(frozen ? null : buffer)}
            >
              {frozen ? t("follow.resume") : t("follow.pause")}
            </button>
          )}
          {live ? (
            <button type="button" className={BUTTON} onClick={stop}>
              {t("follow.stop")}
            </button>
          ) : (
            <button
              type="button"
              className={BUTTON}
              onClick={() => {
                setFrozen(null);
                setPinned(true);
                again();
              }}
            >
              {t("follow.again")}
            </button>
          )}
          <button type="button" className={BUTTON} onClick={props.onClose}>
            {t("follow.close")}
          </button>
        </span>
      </div>
      {shown.dropped > 0 && (
        <p className="text-xs text-slate-500" data-testid="live-tail-dropped">
          {t("follow.dropped", { n: shown.dropped, max: TAIL_MAX })}
        </p>
      )}
      {state.phase === "forbidden" && state.code === "cluster-forbidden" && (
        <p className="text-xs text-slate-500">{state.error}</p>
      )}
      <div
        ref={scroller}
        onScroll={onScroll}
        role="log"
        aria-live="off"
        data-testid="live-tail-lines"
        className="max-h-96 min-h-24 overflow-auto bg-slate-50 p-1 font-mono text-xs leading-5 break-all whitespace-pre-wrap dark:bg-slate-900"
      >
        {shown.lines.length === 0 && state.phase !== "forbidden" && state.phase !== "error" ? (
          <p className="text-slate-500 italic">{t("follow.empty")}</p>
        ) : (
          shown.lines.map((l) => (
            <Line key={l.id} line={l} tz={props.tz} stamps={stamps} cut={t("follow.cut")} />
          ))
        )}
      </div>
      {!pinned && (
        <button
          type="button"
          className={`${BUTTON} absolute right-5 bottom-3 bg-white shadow dark:bg-slate-800`}
          onClick={() => {
            setPinned(true);
            const el = scroller.current;
            if (el) el.scrollTop = el.scrollHeight;
          }}
        >
          {t("follow.jump")}
        </button>
      )}
    </section>
  );
}
