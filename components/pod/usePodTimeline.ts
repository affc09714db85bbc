"use client";
// The pod page's data: its timeline, fetched, and fetched again (at most once a second) whenever
// the stream says the pod changed. A snapshot's answer comes with the page: nothing is fetched or
// streamed; a frozen link (?at=) is fetched once and not streamed.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useStream } from "@/components/useStream";
import { streamPath } from "@/lib/view/stream-frames";
import type { Answer } from "./PodView";

export type Load =
  | { state: "loading" }
  | { state: "error"; status: number | null; error: string; firstRecord?: number }
  | { state: "ok"; data: Answer };

const REFETCH_MS = 1000;

export function usePodTimeline(
  namespace: string,
  name: string,
  opts: { uid: string | null; at: number | null; frozen: Answer | null },
): { load: Load; streamOk: boolean } {
  const { uid, at, frozen } = opts;
  const [load, setLoad] = useState<Load>(
    frozen ? { state: "ok", data: frozen } : { state: "loading" },
  );
  const query = new URLSearchParams();
  if (uid) query.set("uid", uid);
  if (at !== null) query.set("to", new Date(at).toISOString());
  const url = `/api/pods/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}/timeline${query.size ? `?${query}` : ""}`;
  const fetchTimeline = useCallback(async () => {
    try {
      const res = await fetch(url, { cache: "no-store" });
      const body = await res.json().catch(() => null);
      if (!res.ok)
        setLoad({
          state: "error",
          status: res.status,
          error: body?.error ?? `HTTP ${res.status}`,
          firstRecord: typeof body?.firstRecord === "number" ? body.firstRecord : undefined,
        });
      else setLoad({ state: "ok", data: body });
    } catch (err) {
      setLoad({ state: "error", status: null, error: (err as Error).message });
    }
  }, [url]);
  useEffect(() => {
    if (frozen) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the answer arrives asynchronously
    void fetchTimeline();
  }, [fetchTimeline, frozen]);

  const live = !frozen && at === null;
  const stream = useStream(live ? streamPath({ namespaces: [namespace], pod: name }) : null);
  const latest = useRef(fetchTimeline);
  useLayoutEffect(() => void (latest.current = fetchTimeline));
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const last = useRef(0);
  useEffect(() => {
    if (!stream.changes || timer.current) return;
    timer.current = setTimeout(
      () => {
        timer.current = null;
        last.current = Date.now();
        void latest.current();
      },
      Math.max(0, REFETCH_MS - (Date.now() - last.current)),
    );
  }, [stream.changes]);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return { load, streamOk: stream.connection !== "down" };
}
