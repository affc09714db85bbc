"use client";
// The one client of GET /api/stream: it owns the EventSource, opens a new one when the browser
// gives one up or the server says resync, and folds every frame with lib/view/stream-frames'
// applyFrames. `openStream` for a view that reads the state at its own pace (the overview);
// `useStream` for one that renders it (the kiosk, the pod page).
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { adoptEarlyStream } from "@/lib/view/early-stream";
import {
  applyFrames,
  emptyStream,
  FRAME,
  STREAM_EVENTS,
  type Frame,
  type FrameType,
  type StreamRow,
  type StreamState,
} from "@/lib/view/stream-frames";

/** EventSource.CLOSED: the browser gave the source up for good (it will not reconnect). */
const CLOSED = 2;
const FIRST_PAUSE_MS = 1000;
const LAST_PAUSE_MS = 30_000;

export interface StreamOptions {
  /** A removed pod stays, marked Deleted (see StreamState.keepRemoved). */
  keepRemoved?: boolean;
  /**
   * Adopt the stream the page's inline script opened for this path (lib/view/early-stream): the
   * frames it kept are in the state when openStream returns (onFrame is not called for them).
   */
  early?: boolean;
  /** After each frame, before it is applied (read() applies it). */
  onFrame?: (type: FrameType) => void;
  /**
   * The browser gave the stream up (the server answered with anything but a stream: a 503 while
   * it syncs, a 401): learn why before the next try. The sentence, null for nothing to say,
   * undefined to keep what was said; it becomes the state's `refused`.
   */
  onRefused?: () => Promise<string | null | undefined>;
}

export interface StreamClient<Row extends StreamRow> {
  /** The state with every frame received so far applied (in one pass). */
  read(): StreamState<Row>;
  /** Replaces the state by a pure change of it (the overview forgets pods that left its window). */
  update(change: (state: StreamState<Row>) => StreamState<Row>): void;
  /** Closes the stream for good. */
  close(): void;
}

/**
 * Opens `path`. A browser gives an EventSource up for good once it is answered with anything but
 * a stream; a stream the server ends after `resync` must not be resumed from its Last-Event-ID
 * (the server asks for a fresh snapshot). Either way the source is closed and a new one opened,
 * 1 s later, doubling to 30 s, back to 1 s once a snapshot comes. A stream that drops otherwise
 * is the browser's to resume.
 */
export function openStream<Row extends StreamRow>(
  path: string,
  opts: StreamOptions = {},
): StreamClient<Row> {
  let state = emptyStream<Row>(opts.keepRemoved ?? false);
  let queue: Frame[] = [];
  let es: EventSource | null = null;
  let stopped = false;
  let pause = FIRST_PAUSE_MS;
  let retry: ReturnType<typeof setTimeout> | null = null;
  // A resync came and no snapshot since.
  let behind = false;

  const keep = (frame: Frame) => {
    queue.push(frame);
    if (frame.type === FRAME.resync) behind = true;
    if (frame.type === FRAME.snapshot) {
      behind = false;
      pause = FIRST_PAUSE_MS;
    }
  };
  const receive = (frame: Frame) => {
    keep(frame);
    opts.onFrame?.(frame.type);
  };
  const reopen = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = null;
      if (!stopped) attach(new EventSource(path));
    }, pause);
    pause = Math.min(LAST_PAUSE_MS, pause * 2);
  };
  // The server is going away: its stream ids mean nothing to the next server, so this source is not
  // resumed (the browser would send its Last-Event-ID); a fresh one opens after the server's hint.
  const leave = (source: EventSource, data: unknown) => {
    source.close();
    if (stopped) return;
    const hint = (data as { retryMs?: unknown } | undefined)?.retryMs;
    const wait =
      typeof hint === "number" && hint >= 0 ? Math.min(hint, LAST_PAUSE_MS) : FIRST_PAUSE_MS;
    if (retry) clearTimeout(retry);
    pause = FIRST_PAUSE_MS;
    retry = setTimeout(() => {
      retry = null;
      if (!stopped) attach(new EventSource(path));
    }, wait);
  };
  const ended = (source: EventSource) => {
    if (source.readyState !== CLOSED && !behind) return; // the browser resumes it by itself
    source.close();
    if (behind || !opts.onRefused) return reopen();
    opts
      .onRefused()
      .then(
        (why) => void (why !== undefined && !stopped && receive({ type: "refused", data: why })),
        () => {},
      )
      .finally(reopen);
  };
  const attach = (source: EventSource) => {
    es = source;
    for (const type of STREAM_EVENTS)
      source.addEventListener(type, (e) => {
        if (stopped || source !== es) return;
        const data = parse((e as MessageEvent).data);
        receive({ type, data, at: Date.now() });
        if (type === "error") ended(source);
        if (type === FRAME.goodbye) leave(source, data);
      });
  };

  const early = opts.early ? adoptEarlyStream(path) : null;
  if (early) {
    for (const e of early.queued)
      if (e.type === "open" || e.type === "error" || e.data !== undefined)
        keep({ type: e.type as FrameType, data: e.data, at: Date.now() });
    attach(early.es);
    // It ended after a resync before it was adopted: the browser is resuming it; start afresh.
    const goodbye = early.queued.findLast((e) => e.type === FRAME.goodbye);
    if (goodbye) leave(early.es, goodbye.data);
    else if (behind && early.queued[early.queued.length - 1]?.type === "error") ended(early.es);
  } else attach(new EventSource(path));

  return {
    read() {
      if (queue.length) {
        state = applyFrames(state, queue);
        queue = [];
      }
      return state;
    },
    update(change) {
      state = change(this.read());
    },
    close() {
      stopped = true;
      if (retry) clearTimeout(retry);
      retry = null;
      es?.close();
    },
  };
}

function parse(raw: unknown): unknown {
  if (typeof raw !== "string") return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/**
 * The stream's state for a component: re-rendered at most every `every` ms for deltas and pings,
 * at once for a snapshot and for the connection's changes. `path` null: no stream (a frozen view).
 */
export function useStream<Row extends StreamRow>(
  path: string | null,
  opts: Pick<StreamOptions, "keepRemoved" | "onRefused"> & { every?: number } = {},
): StreamState<Row> {
  const keepRemoved = opts.keepRemoved ?? false;
  const every = opts.every ?? 250;
  const [state, setState] = useState(() => emptyStream<Row>(keepRemoved));
  const refused = useRef(opts.onRefused);
  useLayoutEffect(() => void (refused.current = opts.onRefused));
  const asks = opts.onRefused !== undefined;
  useEffect(() => {
    if (path === null) return;
    let shown: StreamState<Row> | null = null;
    const flush = () => {
      const s = client.read();
      if (s !== shown) setState((shown = s));
    };
    const client = openStream<Row>(path, {
      keepRemoved,
      onFrame: (type) => {
        if (
          type !== FRAME.pod &&
          type !== FRAME.workload &&
          type !== FRAME.removed &&
          type !== FRAME.ping
        )
          flush();
      },
      onRefused: asks ? () => refused.current?.() ?? Promise.resolve(undefined) : undefined,
    });
    const timer = setInterval(flush, every);
    return () => {
      clearInterval(timer);
      client.close();
    };
  }, [path, keepRemoved, every, asks]);
  return state;
}
