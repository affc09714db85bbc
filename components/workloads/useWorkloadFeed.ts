"use client";
// Workloads as the kiosk (`/kiosk?group=workload`) and the overview (`/?group=workload`) read them:
// the workload channel of the live stream, GET /api/stream?channel=workloads (a snapshot of GET
// /api/workloads' rows for the namespaces asked for, then each row that changes: components/useStream,
// lib/view/stream-frames), and GET /api/workloads every 10 s instead while the stream has given no
// snapshot for FALLBACK_AFTER_MS (refused, down, a proxy that does not pass it); and each shown
// workload's timeline and pods' rows over the window, GET /api/workloads/{ns}/{kind}/{name}?from=&to=,
// read when its row changes and at most every 30 s otherwise. A refusal is told in the server's
// words; a 401 as "signed out".
import { useEffect, useMemo, useRef, useState } from "react";
import { useStream } from "@/components/useStream";
import { KIND_PATH } from "@/lib/view/workload-kinds";
import type { KioskWorkloadRow } from "@/lib/view/kiosk-workloads";
import { workloadStreamPath } from "@/lib/view/stream-frames";
import type { PodRow } from "@/lib/rows/pod-row";
import type { WorkloadTimeline } from "@/lib/workloads/types";
import { SIGNED_OUT } from "@/components/kiosk/useKioskFeed";

export const WORKLOADS_EVERY_MS = 10_000;
export const DETAIL_EVERY_MS = 30_000;
/** How long the stream may go without a snapshot (or stay down) before the list is polled instead. */
export const FALLBACK_AFTER_MS = 3_000;

export interface WorkloadFeed {
  rows: KioskWorkloadRow[];
  /** Kinds Lifeline may not list there (`omitted` of GET /api/workloads): their resources. */
  omitted: string[];
  /** The same, as the server says them (resource, reason, namespaces: the /workloads list's sentences). */
  denials: Denial[];
  lastMessageAt: number | null;
  open: boolean;
  error: string | null;
  loaded: boolean;
}

async function refusal(res: Response): Promise<string> {
  return refusalOf(res, await res.json().catch(() => null));
}

function refusalOf(res: Response, body: { error?: unknown } | null): string {
  return res.status === 401
    ? SIGNED_OUT
    : typeof body?.error === "string"
      ? body.error
      : `the server answered ${res.status}`;
}

/** An entry of GET /api/workloads' `omitted` (lib/live/workload-access.ts WorkloadDenial). */
export interface Denial {
  resource: string;
  reason: "forbidden" | "not-served";
  namespaces: string[] | null;
}

const denialsOf = (omitted: unknown): Denial[] =>
  Array.isArray(omitted)
    ? omitted
        .filter((o) => typeof o === "object" && o !== null)
        .map((o: { resource?: unknown; reason?: unknown; namespaces?: unknown }) => ({
          resource: String(o.resource ?? ""),
          reason: o.reason === "not-served" ? "not-served" : "forbidden",
          namespaces: Array.isArray(o.namespaces) ? o.namespaces.map(String) : null,
        }))
    : [];
const resources = (denials: Denial[]): string[] => denials.map((d) => d.resource);

/** A workload row as the stream keeps it (by uid). */
type StreamedRow = KioskWorkloadRow & { uid: string };

const order = (r: KioskWorkloadRow) => `${r.namespace}\u0000${r.kind}\u0000${r.name}`;

/** `namespaces` null: not asked (the kiosk shows pods). */
export function useWorkloadFeed(namespaces: string[] | null): WorkloadFeed {
  const scope = namespaces === null ? null : namespaces.join(",");
  const stream = useStream<StreamedRow>(
    scope === null ? null : workloadStreamPath(scope ? scope.split(",") : []),
    { every: 500 },
  );
  const live = stream.synced && stream.connection === "open";
  // The list as last polled, and when (the wall clock): the feed while the stream is not live.
  const [polls, setPolled] = useState<(WorkloadFeed & { at: number; scope: string }) | null>(null);
  const polled = polls?.scope === scope ? polls : null;
  useEffect(() => {
    if (scope === null || live) return;
    let gone = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = async () => {
      try {
        const res = await fetch(
          `/api/workloads${scope ? `?namespace=${encodeURIComponent(scope)}` : ""}`,
          { cache: "no-store" },
        );
        if (gone) return;
        if (!res.ok) {
          const error = await refusal(res);
          if (!gone)
            setPolled((f) => ({
              ...(f?.scope === scope
                ? f
                : { rows: [], omitted: [], denials: [], lastMessageAt: null, loaded: false }),
              open: false,
              error,
              at: Date.now(),
              scope,
            }));
        } else {
          const body = await res.json();
          if (gone) return;
          const at = Date.now();
          setPolled({
            rows: Array.isArray(body?.workloads) ? body.workloads : [],
            omitted: resources(denialsOf(body?.omitted)),
            denials: denialsOf(body?.omitted),
            lastMessageAt: at,
            open: true,
            error: null,
            loaded: true,
            at,
            scope,
          });
        }
      } catch {
        // The server is away: "reconnecting", and stale once it has been too long.
        if (!gone) setPolled((f) => f && { ...f, open: false });
      }
      if (!gone) timer = setTimeout(read, WORKLOADS_EVERY_MS);
    };
    // The stream usually brings its snapshot first; the list is read only if it does not.
    timer = setTimeout(read, FALLBACK_AFTER_MS);
    return () => {
      gone = true;
      clearTimeout(timer);
    };
  }, [scope, live]);
  const streamed = useMemo(
    () => [...stream.rows.values()].sort((a, b) => (order(a) < order(b) ? -1 : 1)),
    [stream.rows],
  );
  const denials = useMemo(() => denialsOf(stream.omitted), [stream.omitted]);
  // The stream's rows while it is live, or when they are newer than the last poll.
  const fromStream = live || (stream.loaded && (!polled || (stream.lastFrameAt ?? 0) >= polled.at));
  return useMemo(
    () =>
      fromStream
        ? {
            rows: streamed,
            omitted: resources(denials),
            denials,
            lastMessageAt: stream.lastFrameAt,
            open: live,
            error: null,
            loaded: true,
          }
        : polled
          ? {
              rows: polled.rows,
              omitted: polled.omitted,
              denials: polled.denials,
              lastMessageAt: polled.lastMessageAt,
              open: polled.open,
              error: polled.error,
              loaded: polled.loaded,
            }
          : {
              rows: [],
              omitted: [],
              denials: [],
              lastMessageAt: null,
              open: false,
              error: null,
              loaded: false,
            },
    [fromStream, streamed, denials, stream.lastFrameAt, live, polled],
  );
}

export interface Wanted {
  key: string;
  row: KioskWorkloadRow;
  /** rowSignature: read again when it changes. */
  sig: string;
}

interface Held {
  sig: string;
  readAt: number;
}

export interface WorkloadAnswer {
  /** Null when it has never been read (`error` says why). */
  timeline: WorkloadTimeline | null;
  /** The pods' rows with their lanes over the window (as GET /api/pods gives them). */
  rows: PodRow[];
  /** More pods were alive in the window than one answer holds: the oldest were left out. */
  podsTruncated: boolean;
  /** The last read's refusal in the server's words (the last good answer is kept beside it). */
  error: string | null;
}

/**
 * The shown workloads' answers over the window `range()` gives (the server's clock; null while
 * that clock is not known yet: nothing is read, a window on the browser's clock would be the wrong
 * hours when the two differ, a sped-up demo cluster, and stay so until the next read), read when a
 * row's signature changes, when `rangeKey` changes, and at most every DETAIL_EVERY_MS otherwise
 * (`tick`). `keep`: the keys of every workload listed (one gone from the list drops its answer: a
 * wall runs for days). Shared by the kiosk's cards and the overview's workload rows.
 */
export function useWorkloadAnswers(
  wanted: readonly Wanted[],
  keep: readonly string[],
  range: () => [number, number] | null,
  rangeKey: string,
  tick: number,
): Map<string, WorkloadAnswer> {
  const held = useRef(new Map<string, Held>());
  const [out, setOut] = useState(() => new Map<string, WorkloadAnswer>());
  const ask = wanted.map((w) => `${w.key}\u0000${w.sig}`).join("\n");
  const kept = keep.join("\n");
  useEffect(() => {
    const alive = new Set(kept.split("\n"));
    const gone = [...held.current.keys()].filter((k) => !alive.has(k));
    if (!gone.length) return;
    for (const k of gone) held.current.delete(k);
    setOut((m) => new Map([...m].filter(([k]) => alive.has(k))));
  }, [kept]);
  // A new window: every answer is read again (the lanes would be the last window's).
  const lastRange = useRef(rangeKey);
  const waiting = range() === null;
  useEffect(() => {
    const span = range();
    if (!span) return;
    let gone = false;
    const wall = Date.now();
    const moved = lastRange.current !== rangeKey;
    lastRange.current = rangeKey;
    const due = wanted.filter((w) => {
      const h = held.current.get(w.key);
      return moved || !h || h.sig !== w.sig || wall - h.readAt >= DETAIL_EVERY_MS;
    });
    const [from, to] = span;
    // Four at a time: a page of cards is up to 28 timelines.
    const queue = [...due];
    const worker = async () => {
      for (let w = queue.shift(); w && !gone; w = queue.shift()) {
        const { row: r, key, sig } = w;
        const url = `/api/workloads/${encodeURIComponent(r.namespace)}/${KIND_PATH[r.kind]}/${encodeURIComponent(r.name)}?from=${Math.round(from)}&to=${Math.round(to)}`;
        try {
          const res = await fetch(url, { cache: "no-store" });
          const body = await res.json().catch(() => null);
          if (gone) continue;
          if (!res.ok || !body?.timeline) {
            const error = res.ok ? "no timeline in the answer" : refusalOf(res, body);
            setOut((m) => {
              const last = m.get(key);
              return new Map(m).set(
                key,
                last
                  ? { ...last, error }
                  : { timeline: null, rows: [], podsTruncated: false, error },
              );
            });
            continue;
          }
          held.current.set(key, { sig, readAt: Date.now() });
          const answer: WorkloadAnswer = {
            timeline: body.timeline as WorkloadTimeline,
            rows: Array.isArray(body.rows) ? (body.rows as PodRow[]) : [],
            podsTruncated: body.podsTruncated === true,
            error: null,
          };
          setOut((m) => new Map(m).set(key, answer));
        } catch {
          // Kept as last read; tried again on the next tick.
        }
      }
    };
    void Promise.all([worker(), worker(), worker(), worker()]);
    return () => {
      gone = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `ask` stands for `wanted`, `rangeKey` for `range`
  }, [ask, rangeKey, tick, waiting]);
  return out;
}

/** The kiosk's cards' timelines over [now − windowMs, now] (`now`: the server's clock, null until known). */
export function useWorkloadDetails(
  wanted: readonly Wanted[],
  keep: readonly string[],
  windowMs: number,
  now: () => number | null,
  tick: number,
): Map<string, WorkloadTimeline> {
  const answers = useWorkloadAnswers(
    wanted,
    keep,
    () => {
      const to = now();
      return to === null ? null : [to - windowMs, to];
    },
    String(windowMs),
    tick,
  );
  // A timeline never read is no strip yet (on a refusal an answer keeps its last good timeline).
  return useMemo(() => {
    const timelines = new Map<string, WorkloadTimeline>();
    for (const [k, a] of answers) if (a.timeline) timelines.set(k, a.timeline);
    return timelines;
  }, [answers]);
}
