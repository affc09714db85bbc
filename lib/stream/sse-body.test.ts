import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
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
    expect(decoder.decode(first.value)).toBe(
      "id: 1\ndata: a\n\nid: 2\ndata: b\n\nid: 3\ndata: c\n\n",
    );
    sink!.write("id: 4\ndata: d\n\n");
    sink!.close();
    // Closing the sink (the hub drops it, or shuts down) releases the subscription too.
    expect(cancelled).toBe(1);
    expect(decoder.decode((await reader.read()).value)).toBe("id: 4\ndata: d\n\n");
    expect((await reader.read()).done).toBe(true);
    expect(sink!.write("late")).toBe(false);

    // The signal aborts (the client left, or the access expired): unsubscribed and the body ends.
    const abort = new AbortController();
    const other = sseBody(() => ({ cancel: () => void cancelled++ }), { signal: abort.signal });
    abort.abort();
    expect(cancelled).toBe(2);
    expect((await other.getReader().read()).done).toBe(true);
    // The reader cancels: unsubscribed.
    await sseBody(() => ({ cancel: () => void cancelled++ })).cancel();
    expect(cancelled).toBe(3);
  });

  afterEach(() => void vi.useRealTimers());

  it("releases everything it took however it ends: the subscription, the abort listener, the expiry timer", async () => {
    vi.useFakeTimers();
    const live = new Set<number>();
    let n = 0;
    const attach = () => {
      const id = n++;
      live.add(id);
      return { cancel: () => void live.delete(id) };
    };
    const abort = new AbortController();
    const listeners = () => getEventListeners(abort.signal, "abort").length;
    // The reader cancels (the response pipe broke) while the request's signal stays as it was.
    for (let i = 0; i < 5; i++)
      await sseBody(attach, { signal: abort.signal, endAfterMs: 86_400_000 }).cancel();
    expect(live.size).toBe(0);
    expect(listeners()).toBe(0);
    expect(vi.getTimerCount()).toBe(0);

    // The access expires: the stream ends and lets go.
    const body = sseBody(attach, { signal: abort.signal, endAfterMs: 1000 });
    expect(live.size).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(live.size).toBe(0);
    expect(listeners()).toBe(0);
    expect((await body.getReader().read()).done).toBe(true);

    // The signal aborts: no timer left behind.
    sseBody(attach, { signal: abort.signal, endAfterMs: 86_400_000 });
    abort.abort();
    expect(live.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);

    // Already aborted (the client left before the handler answered): nothing is attached at all.
    const before = n;
    const late = sseBody(attach, { signal: abort.signal, endAfterMs: 1000 });
    expect(n).toBe(before);
    expect(vi.getTimerCount()).toBe(0);
    expect((await late.getReader().read()).done).toBe(true);
  });
});
