"use client";
// The pod page's side of the captured logs: which run's log is open (picked on the timeline), the
// runs list (capture mode, each run's last line for the tooltip), and closing the reader with the
// focus put back on the run's track.
import { useCallback, useMemo, useState, type RefObject } from "react";
import type { Picked } from "@/components/timeline/PodTimelineChart";
import type { PodTimeline } from "@/lib/timeline/types";
import type { Item } from "@/lib/view/timeline-types";
import type { SnapshotRunLog } from "@/lib/view/run-logs";
import type { ReaderRun } from "./LogReader";
import { logsPath, useRunsList } from "./useRunLogs";
import { stripAnsi } from "./log-text";

export function usePodLogs(opts: {
  namespace: string;
  name: string;
  timeline: PodTimeline | null;
  /** A snapshot's logs (null: shared without them); undefined: read from the server. */
  frozen: SnapshotRunLog[] | null | undefined;
  svgRef: RefObject<SVGSVGElement | null>;
  /** Ask for the runs list: the person may read logs (else the route answers 403) and logs are on. */
  listed: boolean;
}) {
  const { namespace, name, timeline, frozen, svgRef, listed } = opts;
  const uid = timeline?.uid ?? null;
  const ended = useMemo(
    () =>
      timeline?.containers.reduce((n, c) => n + c.runs.filter((r) => r.end !== null).length, 0) ??
      0,
    [timeline],
  );
  const runs = useRunsList(
    uid && listed ? logsPath(namespace, name, { uid }) : null,
    ended,
    frozen,
  );
  const [open, setOpen] = useState<{ container: string; attempt: number; row: string } | null>(
    null,
  );

  /** Opens the picked item's log when it is a container run; says whether it was one. */
  const select = useCallback((p: Picked): boolean => {
    const { container, attempt } = p.item;
    if (!container || attempt === undefined) return false;
    setOpen({ container, attempt, row: p.row });
    return true;
  }, []);

  const close = useCallback(() => {
    if (!open) return;
    setOpen(null);
    const row = svgRef.current?.querySelector<SVGGElement>(`g[data-row="${CSS.escape(open.row)}"]`);
    // After this render: the reader is gone, the run's track takes the focus back.
    setTimeout(() => row?.focus(), 0);
  }, [open, svgRef]);

  const run: ReaderRun | null = useMemo(() => {
    if (!open || !timeline) return null;
    const runs = timeline.containers.find((c) => c.name === open.container)?.runs ?? [];
    const r = runs.find((x) => x.attempt === open.attempt);
    return r
      ? {
          container: open.container,
          attempt: r.attempt,
          start: r.start,
          end: r.end,
          exitCode: r.exitCode,
          signal: r.signal,
          reason: r.reason,
          restarted: runs.some((x) => x.attempt > r.attempt),
        }
      : null;
  }, [open, timeline]);

  /** A run's last captured line, one line without escapes; null for anything else. */
  const lastLine = (item: Item): string | null => {
    if (runs.state !== "ok" || !item.container || item.attempt === undefined) return null;
    const found = runs.runs.find(
      (r) => r.container === item.container && r.attempt === item.attempt && r.lastLine,
    );
    return found?.lastLine ? stripAnsi(found.lastLine) : null;
  };

  return {
    run,
    select,
    close,
    lastLine,
    uid,
    capture: runs.state === "ok" ? runs.capture : null,
  };
}
