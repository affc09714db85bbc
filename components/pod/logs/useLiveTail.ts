"use client";
// The live tail's connection (LiveTail.tsx): GET /api/pods/{ns}/{name}/logs/follow read as
// newline-delimited JSON frames (lib/view/follow-frames.ts) through fetch, so a refusal's status
// and sentence can be read (an EventSource sees neither) and an ended follow is not reopened by
// itself. Closed by an AbortController when the view unmounts, stops, or follows again.
import { useCallback, useEffect, useRef, useState } from "react";
import {
  frameReader,
  type FollowFrame,
  type FollowLine,
  type FollowRefusal,
} from "@/lib/view/follow-frames";
import { appendLines, EMPTY_TAIL, TAIL_MAX, type TailBuffer } from "@/lib/view/tail-buffer";

export type FollowEnd = Extract<FollowFrame, { t: "end" }> | { t: "end"; why: "you" };

export type TailState =
  | { phase: "connecting" }
  | { phase: "following" }
  | { phase: "ended"; end: FollowEnd }
  | { phase: "error"; error: string }
  | { phase: "forbidden"; code: FollowRefusal | null; error: string };

const REFUSALS: FollowRefusal[] = [
  "no-grant",
  "logs-off",
  "namespace",
  "cluster-forbidden",
  "busy",
];

/** How often arrived lines are drawn at most (a chatty container sends many small frames). */
const DRAW_EVERY_MS = 50;

export function followUrl(namespace: string, name: string, container: string): string {
  const q = new URLSearchParams({ container, timestamps: "1" });
  return `/api/pods/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}/logs/follow?${q}`;
}

async function refusalOf(res: Response): Promise<TailState> {
  let body: { error?: unknown; code?: unknown } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    // not JSON: the status says it
  }
  const error = typeof body.error === "string" ? body.error : `HTTP ${res.status}`;
  const code = REFUSALS.find((c) => c === body.code) ?? null;
  if (res.status === 403 || res.status === 401 || code) return { phase: "forbidden", code, error };
  return { phase: "error", error };
}

export function useLiveTail(p: {
  namespace: string;
  name: string;
  container: string;
  max?: number;
}): { state: TailState; buffer: TailBuffer; stop(): void; again(): void } {
  const [state, setState] = useState<TailState>({ phase: "connecting" });
  const [buffer, setBuffer] = useState<TailBuffer>(EMPTY_TAIL);
  const [session, setSession] = useState(0);
  const abortRef = useRef<AbortController | null>(null);
  const max = p.max ?? TAIL_MAX;

  useEffect(() => {
    const abort = new AbortController();
    abortRef.current = abort;
    let pending: FollowLine[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    const draw = () => {
      timer = null;
      if (!pending.length) return;
      const lines = pending;
      pending = [];
      setBuffer((b) => appendLines(b, lines, max));
    };
    const onFrame = (f: FollowFrame) => {
      if (f.t === "open") setState({ phase: "following" });
      else if (f.t === "lines") {
        pending = pending.concat(f.lines);
        timer ??= setTimeout(draw, DRAW_EVERY_MS);
      } else if (f.t === "end") {
        draw();
        setState({ phase: "ended", end: f });
      }
    };
    void (async () => {
      try {
        const res = await fetch(followUrl(p.namespace, p.name, p.container), {
          signal: abort.signal,
          cache: "no-store",
          headers: { Accept: "application/x-ndjson" },
        });
        if (!res.ok || !res.body) {
          const refused = await refusalOf(res);
          if (!abort.signal.aborted) setState(refused);
          return;
        }
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        const read = frameReader(onFrame);
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          read(decoder.decode(value, { stream: true }));
        }
        draw();
        // The server always ends with an `end` frame; a stream cut before it was lost.
        setState((s) =>
          s.phase === "ended" ? s : { phase: "ended", end: { t: "end", why: "lost" } },
        );
      } catch (err) {
        if (abort.signal.aborted) return;
        setState({ phase: "error", error: (err as Error)?.message || String(err) });
      }
    })();
    return () => {
      abort.abort();
      if (timer) clearTimeout(timer);
    };
  }, [p.namespace, p.name, p.container, max, session]);

  const stop = useCallback(() => {
    abortRef.current?.abort();
    setState({ phase: "ended", end: { t: "end", why: "you" } });
  }, []);
  // A new follow starts empty (a pod, name or container of its own is a new LiveTail: it is keyed).
  const again = useCallback(() => {
    setBuffer(EMPTY_TAIL);
    setState({ phase: "connecting" });
    setSession((s) => s + 1);
  }, []);
  return { state, buffer, stop, again };
}
