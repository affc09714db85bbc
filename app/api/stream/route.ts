import { live } from "@/lib/live/live";
import { namespaceParam, podNameParam, selectorParam } from "@/lib/live/params";
import { answer } from "@/lib/live/respond";

export const dynamic = "force-dynamic";

// The hub hands every subscriber the same frame text: encode it once for all of them.
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

export function GET(request: Request): Promise<Response> {
  return answer(async () => {
    const q = new URL(request.url).searchParams;
    const filter = { namespace: namespaceParam(q.get("namespace")), pod: podNameParam(q.get("pod")), labels: selectorParam(q.get("selector")) };
    const header = request.headers.get("last-event-id");
    const lastEventId = header && /^\d+$/.test(header) ? Number(header) : null;
    const l = await live();
    let cancel = () => {};
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const sink = {
          write: (frame: string) => {
            controller.enqueue(encode(frame));
            return (controller.desiredSize ?? 1) > 0;
          },
          close: () => {
            try {
              controller.close();
            } catch {
              // already closed by the client
            }
          },
        };
        const sub = l.hub.subscribe(filter, sink, lastEventId, () => ({ pods: l.rows(filter) }));
        cancel = () => sub.cancel();
        request.signal.addEventListener("abort", () => sub.cancel());
      },
      cancel() {
        cancel();
      },
    }, { highWaterMark: 256 });
    return new Response(body, { headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-store", Connection: "keep-alive", "X-Accel-Buffering": "no" } });
  });
}
