// @vitest-environment happy-dom
// The kiosk's feed: rows, the last frame's time and whether the stream is open; after the server's
// resync the feed is not open until a fresh stream's snapshot replaces the rows.
import { act, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type FakeAnswer,
  fakeStreamGlobals,
  FakeEventSource,
  later,
  opened,
  streamRow,
} from "@/components/fake-event-source.test-kit";
import { SIGNED_OUT, useKioskFeed, type Feed } from "./useKioskFeed";

const row = streamRow;
const names = (f: Feed) => f.rows.map((r) => r.name).sort();
const NS: string[] = [];
const LIMIT = 140;
/** A windowed stream's window (lib/rows/row-view.ts ViewWindow): problems-first counts with health. */
const win = (
  uids: string[],
  total: number,
  health: { failing: number; warning: number; ok: number; namespaces: [string, number, number][] },
) => ({
  offset: 0,
  total,
  uids,
  counts: { all: total, statuses: [], nodes: [], nodesNotReady: ["node-3"], health },
});

let answer: FakeAnswer = { status: 200 };
beforeEach(() => {
  vi.useFakeTimers({ now: Date.parse("2026-11-24T12:00:00Z") });
  answer = { status: 200, body: { pods: [] } };
  fakeStreamGlobals(() => answer);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Lets the promises settle and the 500 ms flush run. */
const flushed = (ms = 500) => later(ms);

describe("useKioskFeed", () => {
  it("keeps the snapshot and the deltas (a removed pod leaves), and when the last frame came", async () => {
    const { result } = renderHook(() => useKioskFeed(NS, "app=web", LIMIT));
    const es = FakeEventSource.last;
    expect(es.url).toBe("/api/stream?selector=app%3Dweb&removed=0&limit=140");
    await opened(es, [row("a"), row("b")]);
    expect(result.current).toMatchObject({ open: true, loaded: true, error: null });
    expect(names(result.current)).toEqual(["a", "b"]);
    act(() => {
      es.send("pod", { uid: "uid-c", row: row("c") });
      es.send("removed", { uid: "uid-a", row: null });
    });
    await flushed();
    expect(names(result.current)).toEqual(["b", "c"]);
    await flushed(15_000);
    act(() => es.send("ping"));
    await flushed();
    expect(result.current.lastMessageAt).toBe(Date.parse("2026-11-24T12:00:15.500Z"));
  });

  it("recovers from resync: not open until a fresh stream's snapshot replaces the rows", async () => {
    const { result } = renderHook(() => useKioskFeed(NS, "", LIMIT));
    const first = FakeEventSource.last;
    await opened(first, [row("a"), row("b")]);
    act(() => {
      first.send("resync", { reason: "this stream fell too far behind" });
      first.drop();
    });
    await flushed();
    expect(result.current.open).toBe(false);
    await flushed(1000);
    expect(FakeEventSource.made).toHaveLength(2);
    expect(first.closed).toBe(true);
    const second = FakeEventSource.last;
    await opened(second, [row("b")]);
    expect(names(result.current)).toEqual(["b"]);
    expect(result.current.open).toBe(true);
  });

  it("refused: says why (signed out on a 401), tries again 1 s then 2 s later, clears it on a snapshot", async () => {
    const { result } = renderHook(() => useKioskFeed(NS, "", LIMIT));
    answer = { status: 401, body: { error: "Sign in." } };
    act(() => FakeEventSource.last.drop(true));
    await flushed(0);
    expect(result.current.error).toBe(SIGNED_OUT);
    answer = { status: 403, body: { error: "Not yours." } };
    await flushed(1000);
    expect(FakeEventSource.made).toHaveLength(2);
    act(() => FakeEventSource.last.drop(true));
    await flushed(0);
    expect(result.current.error).toBe("Not yours.");
    await flushed(1999);
    expect(FakeEventSource.made).toHaveLength(2);
    await flushed(1);
    expect(FakeEventSource.made).toHaveLength(3);
    act(() => FakeEventSource.last.send("snapshot", { pods: [row("a")] }));
    expect(result.current.error).toBeNull();
    expect(result.current.open).toBe(true);
  });

  it("the server going away (SIGTERM): no error, the rows stay; a fresh stream (no Last-Event-ID resume) opens after the hint, to whichever server answers", async () => {
    const { result } = renderHook(() => useKioskFeed(NS, "", LIMIT));
    const first = FakeEventSource.last;
    await opened(first, [row("a"), row("b")]);
    // The hub's last frame, then the end of the response: the browser would resume this source
    // with its Last-Event-ID, whose ids belong to the server that left.
    act(() => {
      first.send("goodbye", {
        reason: "this server is shutting down; connect again",
        retryMs: 1500,
      });
      first.drop();
    });
    await flushed(0);
    expect(first.closed).toBe(true);
    expect(result.current).toMatchObject({ open: true, error: null, loaded: true });
    expect(names(result.current)).toEqual(["a", "b"]);
    await flushed(1499);
    expect(FakeEventSource.made).toHaveLength(1);
    await flushed(1);
    expect(FakeEventSource.made).toHaveLength(2);
    expect(result.current.error).toBeNull();
    // The next server's snapshot replaces the rows.
    await opened(FakeEventSource.last, [row("b"), row("c")]);
    expect(names(result.current)).toEqual(["b", "c"]);
    expect(result.current).toMatchObject({ open: true, error: null });
  });

  it("the server going away while the next one is not there yet: reconnecting, never an error", async () => {
    const { result } = renderHook(() => useKioskFeed(NS, "", LIMIT));
    await opened(FakeEventSource.last, [row("a")]);
    act(() => FakeEventSource.last.send("goodbye", { retryMs: 1000 }));
    await flushed(1000);
    expect(FakeEventSource.made).toHaveLength(2);
    // Nothing answers on the address for now (the pod restarting): the browser gives the source up.
    vi.mocked(fetch).mockRejectedValue(new TypeError("Failed to fetch"));
    act(() => FakeEventSource.last.drop(true));
    await flushed(0);
    expect(result.current).toMatchObject({ open: false, error: null });
    expect(names(result.current)).toEqual(["a"]);
    await flushed(1000);
    expect(FakeEventSource.made).toHaveLength(3);
  });

  it("the windowed stream: the first rows of the server's problems-first order, in its order, and its counts", async () => {
    const { result } = renderHook(() => useKioskFeed(["shop", "db"], "", LIMIT));
    const es = FakeEventSource.last;
    expect(es.url).toBe("/api/stream?namespace=shop%2Cdb&removed=0&limit=140");
    const health = { failing: 900, warning: 100, ok: 149_000, namespaces: [["shop", 900, 100]] };
    await act(async () => {
      es.open();
      es.send("snapshot", {
        pods: [row("z"), row("a")],
        window: win(["uid-z", "uid-a"], 150_000, health as never),
      });
    });
    expect(result.current.rows.map((r) => r.name)).toEqual(["z", "a"]);
    expect(result.current.window).toMatchObject({ total: 150_000, counts: { health } });
    // A window frame: a new row first, "a" changed order, "z" left the window; only "m" is sent.
    const after = { ...health, failing: 901 };
    act(() =>
      es.send("window", {
        pods: [row("m")],
        window: win(["uid-m", "uid-a"], 150_001, after as never),
      }),
    );
    await flushed();
    expect(result.current.rows.map((r) => r.name)).toEqual(["m", "a"]);
    expect(result.current.window?.total).toBe(150_001);
    expect(result.current.window?.counts.health?.failing).toBe(901);
    expect(result.current.window?.counts.nodesNotReady).toEqual(["node-3"]);
  });

  it("a new limit (the screen grew) opens the stream again for that many rows", async () => {
    const { rerender } = renderHook(({ limit }) => useKioskFeed(NS, "", limit), {
      initialProps: { limit: 50 },
    });
    expect(FakeEventSource.last.url).toBe("/api/stream?removed=0&limit=50");
    rerender({ limit: 500 });
    expect(FakeEventSource.made[0].closed).toBe(true);
    expect(FakeEventSource.last.url).toBe("/api/stream?removed=0&limit=500");
  });
});
