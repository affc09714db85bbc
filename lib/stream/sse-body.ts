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

/** Builds the body; `attach` subscribes the sink and returns how to cancel; `signal` is the request's. */
export function sseBody(attach: (sink: Sink) => { cancel(): void }, signal?: AbortSignal): ReadableStream<Uint8Array> {
  let cancel = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let pending = "";
      let closed = false;
      const flush = () => {
        if (!pending || closed) return;
        const text = pending;
        pending = "";
        controller.enqueue(encode(text));
      };
      const sink: Sink = {
        write: (frame) => {
          if (closed) return false;
          if (!pending) setImmediate(flush);
          pending += frame;
          return (controller.desiredSize ?? 1) > 0;
        },
        close: () => {
          flush();
          closed = true;
          try {
            controller.close();
          } catch {
            // already closed by the client
          }
        },
      };
      const sub = attach(sink);
      cancel = () => {
        closed = true;
        sub.cancel();
      };
      // The client left, or the server ends the stream (access expired): unsubscribe and close.
      signal?.addEventListener("abort", () => {
        sub.cancel();
        sink.close();
      }, { once: true });
    },
    cancel() {
      cancel();
    },
  }, { highWaterMark: 256 });
}
