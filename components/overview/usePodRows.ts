"use client";
// The overview's rows. Live: the current pods, then the stream's deltas (applied at most every
// 250 ms, so thousands of changes cost one render); pods deleted meanwhile stay, marked Deleted, while
// the window still covers them. Frozen window: the history's pods alive in it.
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import type { PodRow } from "@/lib/live/pod-row";

export type RowsState =
  | { state: "loading" }
  | { state: "error"; status: number | null; error: string }
  | { state: "ok"; rows: PodRow[]; truncated: boolean; streaming: boolean };

interface Query {
  namespace: string | null;
  selector: string;
  from: number | null;
  to: number | null;
}

/** `frozen`: a snapshot's rows; nothing is fetched or streamed. */
export function usePodRows(q: Query, windowStart: () => number, frozen: { rows: PodRow[]; truncated: boolean } | null = null): RowsState {
  const [state, setState] = useState<RowsState>(frozen ? { state: "ok", rows: frozen.rows, truncated: frozen.truncated, streaming: false } : { state: "loading" });
  const startRef = useRef(windowStart);
  useLayoutEffect(() => void (startRef.current = windowStart));
  const { namespace, selector, from, to } = q;
  const still = frozen !== null;
  useEffect(() => {
    if (still) return;
    let stopped = false;
    const base = new URLSearchParams();
    if (namespace) base.set("namespace", namespace);
    if (selector) base.set("selector", selector);
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a new query starts from "loading"
    setState({ state: "loading" });
    const fail = async (res: Response) => {
      const body = await res.json().catch(() => null);
      if (!stopped) setState({ state: "error", status: res.status, error: body?.error ?? `HTTP ${res.status}` });
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
          if (!stopped) setState({ state: "ok", rows: body.pods, truncated: body.truncated, streaming: false });
        })
        .catch((err) => !stopped && setState({ state: "error", status: null, error: (err as Error).message }));
      return () => void (stopped = true);
    }
    // Live. A first request checks the filter (a bad selector gets its sentence), then the stream.
    const rows = new Map<string, PodRow>();
    let es: EventSource | null = null;
    let dirty = false;
    let streaming = false;
    const flush = () => {
      if (!dirty || stopped) return;
      dirty = false;
      const start = startRef.current();
      for (const [uid, r] of rows) if (r.deletedAt !== null && r.deletedAt < start) rows.delete(uid);
      setState({ state: "ok", rows: [...rows.values()], truncated: false, streaming });
    };
    const timer = setInterval(flush, 250);
    fetch(`/api/pods?${base}&limit=1`, { cache: "no-store" })
      .then(async (res) => {
        if (!res.ok) return fail(res);
        if (stopped) return;
        es = new EventSource(`/api/stream?${base}`);
        es.addEventListener("snapshot", (e) => {
          const { pods } = JSON.parse((e as MessageEvent).data) as { pods: PodRow[] };
          // Keep the deleted pods already shown; replace the rest.
          for (const [uid, r] of rows) if (r.deletedAt === null) rows.delete(uid);
          for (const p of pods) rows.set(p.uid, p);
          streaming = true;
          dirty = true;
          flush();
        });
        es.addEventListener("pod", (e) => {
          const d = JSON.parse((e as MessageEvent).data) as { uid: string; row: PodRow };
          rows.set(d.uid, d.row);
          dirty = true;
        });
        es.addEventListener("removed", (e) => {
          const d = JSON.parse((e as MessageEvent).data) as { uid: string; row: PodRow };
          rows.set(d.uid, d.row);
          dirty = true;
        });
        es.onerror = () => {
          streaming = false;
          dirty = true;
        };
        es.onopen = () => {
          streaming = true;
          dirty = true;
        };
      })
      .catch((err) => !stopped && setState({ state: "error", status: null, error: (err as Error).message }));
    return () => {
      stopped = true;
      clearInterval(timer);
      es?.close();
    };
  }, [namespace, selector, from, to, still]);
  return state;
}
