"use client";
// The overview's rows. Live: the current pods, then the stream's deltas (applied at most every
// 250 ms, so thousands of changes cost one render); pods deleted meanwhile stay, marked Deleted, while
// the window still covers them. Frozen window: the history's pods alive in it.
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import type { PodRow } from "@/lib/rows/pod-row";
import { openStream } from "@/components/useStream";
import { FRAME, forgetRemoved, streamPath, type StreamState } from "@/lib/view/stream-frames";

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
    // Live: the current pods from the stream's snapshot, then its deltas (components/useStream).
    // The page's inline script may have opened this very stream before this code loaded.
    // Nothing is shown before the snapshot or the check's answer (no empty list flashing before an error).
    let shown = false;
    let heldSince = 0;
    // What was last rendered: the rows (their changes) and the connection.
    let seen: Pick<StreamState, "changes" | "connection"> = {
      changes: 0,
      connection: "connecting",
    };
    const flush = (now = false) => {
      if (stopped) return;
      const s = client.read();
      if (s.changes === seen.changes && s.connection === seen.connection) return;
      if (!now && holdRef.current()) {
        const t = performance.now();
        if (!heldSince) heldSince = t;
        if (t - heldSince < MAX_HOLD_MS) return;
      }
      heldSince = 0;
      const streaming = s.connection === "open";
      if (!shown) {
        // The server's preview stays until the snapshot replaces it; the notice follows the stream.
        if (previewing)
          setState((v) =>
            v.state === "ok" && v.streaming !== streaming ? { ...v, streaming } : v,
          );
        return;
      }
      client.update((v) => forgetRemoved(v, startRef.current()));
      seen = s;
      const rows = [...client.read().rows.values()];
      setState({ state: "ok", rows, truncated: false, streaming });
    };
    const client = openStream<PodRow>(
      streamPath({ namespaces: namespace ? namespace.split(",") : [], selector }),
      {
        keepRemoved: true,
        early: true,
        onFrame: (type) => {
          if (type !== FRAME.snapshot) return;
          shown = true;
          flush(true);
        },
      },
    );
    const timer = setInterval(() => flush(), 250);
    // An early stream's snapshot came before this code did.
    if (client.read().loaded) {
      shown = true;
      flush(true);
    }
    // The stream and a one-row request start together: the request is there for its error sentence
    // (a bad selector, a namespace out of reach), which an EventSource cannot read.
    const check = new URLSearchParams(base);
    check.set("limit", "1");
    fetch(`/api/pods?${check}`, { cache: "no-store" })
      .then((res) => {
        if (stopped) return;
        if (res.ok) {
          if (!previewing) shown = true;
          return;
        }
        client.close();
        return fail(res);
      })
      .catch((err) => {
        if (stopped) return;
        client.close();
        setState({ state: "error", status: null, error: (err as Error).message });
      });
    return () => {
      stopped = true;
      clearInterval(timer);
      client.close();
    };
  }, [namespace, selector, from, to, still]);
  return state;
}
