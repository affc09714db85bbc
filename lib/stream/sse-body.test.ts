import { describe, expect, it } from "vitest";
import type { Sink } from "./hub";
import { sseBody } from "./sse-body";

describe("SSE body", () => {
  it("sends the frames of one turn as one chunk, flushes on close, and cancels the subscription", async () => {
    let sink: Sink | null = null;
    let cancelled = 0;
    const body = sseBody((s) => {
      sink = s;
      return { cancel: () => void cancelled++ };
    });
    const reader = body.getReader();
    const decoder = new TextDecoder();
    sink!.write("id: 1\ndata: a\n\n");
    sink!.write("id: 2\ndata: b\n\n");
    expect(sink!.write("id: 3\ndata: c\n\n")).toBe(true);
    const first = await reader.read();
    expect(decoder.decode(first.value)).toBe("id: 1\ndata: a\n\nid: 2\ndata: b\n\nid: 3\ndata: c\n\n");
    sink!.write("id: 4\ndata: d\n\n");
    sink!.close();
    expect(decoder.decode((await reader.read()).value)).toBe("id: 4\ndata: d\n\n");
    expect((await reader.read()).done).toBe(true);
    expect(sink!.write("late")).toBe(false);

    // The signal aborts (the client left, or the access expired): unsubscribed and the body ends.
    const abort = new AbortController();
    const other = sseBody(() => ({ cancel: () => void cancelled++ }), abort.signal);
    abort.abort();
    expect(cancelled).toBe(1);
    expect((await other.getReader().read()).done).toBe(true);
    // The reader cancels: unsubscribed.
    await sseBody(() => ({ cancel: () => void cancelled++ })).cancel();
    expect(cancelled).toBe(2);
  });
});
