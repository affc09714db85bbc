"use client";
// The overview's rows. Live: the current pods, then the stream's deltas (applied at most every
// 250 ms, so thousands of changes cost one render); pods deleted meanwhile stay, marked Deleted, while
// the window still covers them. Frozen window: the history's pods alive in it.
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import type { PodRow } from "@/lib/rows/pod-row";
import { adoptEarlyStream, liveStreamPath, STREAM_EVENTS } from "@/lib/view/early-stream";

export type RowsState =
  | { state: "loading" }
  | { state: "error"; status: number | null; error: string }
  | { state: "ok"; rows: PodRow[]; truncated: boolean; streaming: boolean; preview?: Preview };

/** The server's first screen of rows (the page's HTML), shown until the stream's snapshot. */
export interface Preview {
  rows: PodRow[];
  shown: number;
  total: number;
  at: number;
}

interface Query {
  namespace: string | null;
  selector: string;
  from: number | null;
  to: number | null;
}

/** Longest a live update waits for `hold` (a user who scrolls on and on still sees changes). */
const MAX_HOLD_MS = 2_000;

/**
 * `frozen`: a snapshot's rows; nothing is fetched or streamed. `preview`: rows to show until the live
 * ones come. `hold`: true while the user scrolls or zooms; deltas wait (rows do not move under the
 * pointer, and a frame of scrolling does not pay for re-sorting thousands of rows), at most 2 s.
 */
export function usePodRows(
  q: Query,
  windowStart: () => number,
  frozen: { rows: PodRow[]; truncated: boolean } | null = null,
  preview: Preview | null = null,
  hold: () => boolean = () => false,
): RowsState {
  const [state, setState] = useState<RowsState>(
    frozen
      ? { state: "ok", rows: frozen.rows, truncated: frozen.truncated, streaming: false }
      : preview
        ? { state: "ok", rows: preview.rows, truncated: false, streaming: true, preview }
        : { state: "loading" },
  );
  // The preview stands for the query the page was loaded with: kept on screen for that query's first load only.
  const keepPreview = useRef(preview !== null);
  const startRef = useRef(windowStart);
  useLayoutEffect(() => void (startRef.current = windowStart));
  const holdRef = useRef(hold);
  useLayoutEffect(() => void (holdRef.current = hold));
  const { namespace, selector, from, to } = q;
  const still = frozen !== null;
  useEffect(() => {
    if (still) return;
    let stopped = false;
    const base = new URLSearchParams();
    if (namespace) base.set("namespace", namespace);
    if (selector) base.set("selector", selector);
    const previewing = (from === null || to === null) && keepPreview.current;
    if (!previewing) {
      // A new query starts from "loading".
      setState({ state: "loading" });
    }
    keepPreview.current = false;
    const fail = async (res: Response) => {
      const body = await res.json().catch(() => null);
      if (!stopped)
        setState({
          state: "error",
          status: res.status,
          error: body?.error ?? `HTTP ${res.status}`,
        });
    };
    if (from !== null && to !== null) {
      const p = new URLSearchParams(base);
      p.set("from", new Date(from).toISOString());
      p.set("to", new Date(to).toISOString());
      p.set("limit", "10000");
      fetch(`/api/pods?${p}`, { cache: "no-store" })
        .then(async (res) => {
          if (!res.ok) return fail(res);
          const body = await res.json();
          if (!stopped)
            setState({ state: "ok", rows: body.pods, truncated: body.truncated, streaming: false });
        })
        .catch(
          (err) =>
            !stopped && setState({ state: "error", status: null, error: (err as Error).message }),
        );
      return () => void (stopped = true);
    }
    // Live: the current pods from the stream's snapshot, then its deltas.
    const rows = new Map<string, PodRow>();
    let es: EventSource | null = null;
    let dirty = false;
    let streaming = false;
    // Nothing is shown before the snapshot or the check's answer (no empty list flashing before an error).
    let shown = false;
    let heldSince = 0;
    const flush = (now = false) => {
      if (!dirty || stopped) return;
      if (!now && holdRef.current()) {
        const t = performance.now();
        if (!heldSince) heldSince = t;
        if (t - heldSince < MAX_HOLD_MS) return;
      }
      heldSince = 0;
      if (!shown) {
        // The server's preview stays until the snapshot replaces it; the notice follows the stream.
        if (previewing)
          setState((s) =>
            s.state === "ok" && s.streaming !== streaming ? { ...s, streaming } : s,
          );
        return;
      }
      dirty = false;
      const start = startRef.current();
      for (const [uid, r] of rows)
        if (r.deletedAt !== null && r.deletedAt < start) rows.delete(uid);
      setState({ state: "ok", rows: [...rows.values()], truncated: false, streaming });
    };
    const timer = setInterval(() => flush(), 250);
    // The stream and a one-row request start together: the request is there for its error sentence
    // (a bad selector, a namespace out of reach), which an EventSource cannot read.
    // The page's inline script may have opened this very stream before this code loaded.
    const path = liveStreamPath(namespace ? namespace.split(",") : [], selector);
    const early = adoptEarlyStream(path);
    es = early?.es ?? new EventSource(path);
    // Handlers take the event's data, parsed: from the live EventSource, or as the early script kept it.
    const handlers: Record<(typeof STREAM_EVENTS)[number], (data: unknown) => void> = {
      snapshot: (data) => {
        const { pods } = data as { pods: PodRow[] };
        // Keep the deleted pods already shown; replace the rest.
        for (const [uid, r] of rows) if (r.deletedAt === null) rows.delete(uid);
        for (const p of pods) rows.set(p.uid, p);
        streaming = true;
        shown = true;
        dirty = true;
        flush(true);
      },
      pod: (data) => {
        const d = data as { uid: string; row: PodRow };
        rows.set(d.uid, d.row);
        dirty = true;
      },
      removed: (data) => {
        const d = data as { uid: string; row: PodRow };
        rows.set(d.uid, d.row);
        dirty = true;
      },
      error: () => {
        streaming = false;
        dirty = true;
      },
      open: () => {
        streaming = true;
        dirty = true;
      },
    };
    for (const e of early?.queued ?? [])
      if (e.type === "open" || e.type === "error" || e.data !== undefined)
        handlers[e.type as keyof typeof handlers]?.(e.data);
    // A browser gives an EventSource up for good once it is answered with anything but a stream (a
    // 503 while a restarted server syncs, a 401): open a new one, 1 s then doubling to 30 s, so a
    // restart does not leave a page that says "reconnecting" and never does.
    let pause = 1000;
    let retry: ReturnType<typeof setTimeout> | null = null;
    const attach = (source: EventSource) => {
      for (const type of STREAM_EVENTS) {
        source.addEventListener(type, (e) => {
          const raw = (e as MessageEvent).data;
          if (type === "snapshot") pause = 1000;
          handlers[type](typeof raw === "string" ? JSON.parse(raw) : undefined);
          if (type === "error" && source.readyState === EventSource.CLOSED) reconnect();
        });
      }
    };
    const reconnect = () => {
      if (stopped || retry) return;
      retry = setTimeout(() => {
        retry = null;
        if (stopped) return;
        es = new EventSource(path);
        attach(es);
      }, pause);
      pause = Math.min(30_000, pause * 2);
    };
    attach(es);
    if (es.readyState === EventSource.CLOSED) reconnect();
    const check = new URLSearchParams(base);
    check.set("limit", "1");
    fetch(`/api/pods?${check}`, { cache: "no-store" })
      .then((res) => {
        if (stopped) return;
        if (res.ok) {
          if (!previewing) shown = true;
          return;
        }
        es?.close();
        return fail(res);
      })
      .catch((err) => {
        if (stopped) return;
        es?.close();
        setState({ state: "error", status: null, error: (err as Error).message });
      });
    return () => {
      stopped = true;
      clearInterval(timer);
      if (retry) clearTimeout(retry);
      es?.close();
    };
  }, [namespace, selector, from, to, still]);
  return state;
}
