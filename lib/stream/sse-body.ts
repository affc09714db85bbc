// An SSE response body for one hub subscriber. Frames written in the same turn of the event loop
// go out as one chunk (a watch delivers changes in bursts; one write per burst instead of one per
// frame is most of the cost of a subscriber), and subscribers that receive the same text share
// one encoding of it.
import type { Sink } from "./hub";

const encoder = new TextEncoder();
let lastText = "";
let lastBytes = new Uint8Array(0);

function encode(text: string): Uint8Array {
  if (text !== lastText) {
    lastText = text;
    lastBytes = encoder.encode(text);
  }
  return lastBytes;
}

export interface BodyOptions {
  /** The request's: aborts when the client leaves (already aborted: nothing is attached). */
  signal?: AbortSignal;
  /** Ends the stream this many ms from now (access that expires); the timer goes with the stream. */
  endAfterMs?: number;
}

/**
 * Builds the body; `attach` subscribes the sink and returns how to cancel. However the stream
 * ends (the client leaves before or after the first byte, the reader cancels, the server closes
 * it, the access expires) it releases everything it took, once: the subscription, the abort
 * listener on the request's signal and the expiry timer (a listener or a timer left behind keeps
 * the sink, its queued frames and the subscriber alive until it fires).
 */
export function sseBody(
  attach: (sink: Sink) => { cancel(): void },
  opts: BodyOptions = {},
): ReadableStream<Uint8Array> {
  const { signal, endAfterMs } = opts;
  let release = () => {};
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let pending = "";
        let closed = false;
        const end = () => {
          try {
            controller.close();
          } catch {
            // already closed or cancelled by the client
          }
        };
        if (signal?.aborted) {
          // The client left before the handler answered: subscribing now would never be undone
          // (an aborted signal fires no more events, and nobody reads or cancels this body).
          closed = true;
          end();
          return;
        }
        const flush = () => {
          if (!pending || closed) return;
          const text = pending;
          pending = "";
          controller.enqueue(encode(text));
        };
        let sub: { cancel(): void } | null = null;
        let timer: ReturnType<typeof setTimeout> | null = null;
        const onAbort = () => sink.close();
        release = () => {
          closed = true;
          pending = "";
          sub?.cancel();
          sub = null;
          signal?.removeEventListener("abort", onAbort);
          if (timer) clearTimeout(timer);
          timer = null;
        };
        const sink: Sink = {
          write: (frame) => {
            if (closed) return false;
            if (!pending) setImmediate(flush);
            pending += frame;
            return (controller.desiredSize ?? 1) > 0;
          },
          close: () => {
            if (closed) return;
            flush();
            release();
            end();
          },
        };
        // The client left, or the server ends the stream (access expired): unsubscribe and close.
        signal?.addEventListener("abort", onAbort, { once: true });
        if (endAfterMs !== undefined) {
          timer = setTimeout(() => sink.close(), Math.min(2 ** 31 - 1, Math.max(0, endAfterMs)));
          timer.unref?.();
        }
        sub = attach(sink);
        // attach may have closed the sink already (the hub shutting down).
        if (closed) release();
      },
      cancel() {
        release();
      },
    },
    { highWaterMark: 256 },
  );
}
