// @vitest-environment happy-dom
// The overview's rows from the live stream: the snapshot, then deltas; after the server's resync
// the rows are known to be behind until a fresh stream's snapshot replaces them.
import { act, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  fakeStreamGlobals,
  FakeEventSource,
  later,
  opened,
  ROW_NOW,
  streamRow,
} from "@/components/fake-event-source.test-kit";
import { EARLY_KEY, type Queued } from "@/lib/view/early-stream";
import { usePodRows, type RowsState } from "./usePodRows";

const row = streamRow;
const live = { namespace: null, selector: "", from: null, to: null };
const names = (s: RowsState) => (s.state === "ok" ? s.rows.map((r) => r.name).sort() : s.state);
const streaming = (s: RowsState) => s.state === "ok" && s.streaming;

beforeEach(() => {
  vi.useFakeTimers();
  fakeStreamGlobals(() => ({ status: 200, body: { pods: [], truncated: false } }));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Lets the promises settle and the 250 ms flush run. */
const flushed = (ms = 250) => later(ms);

describe("usePodRows, live", () => {
  it("shows the snapshot, then applies deltas: a removed pod stays, marked deleted", async () => {
    const { result } = renderHook(() => usePodRows(live, () => 0));
    const es = FakeEventSource.last;
    expect(es.url).toBe("/api/stream");
    await opened(es, [row("a"), row("b")]);
    expect(names(result.current)).toEqual(["a", "b"]);
    act(() => {
      es.send("pod", { uid: "uid-c", row: row("c") });
      es.send("removed", { uid: "uid-b", row: row("b", ROW_NOW) });
    });
    await flushed();
    expect(names(result.current)).toEqual(["a", "b", "c"]);
    const b = result.current.state === "ok" && result.current.rows.find((r) => r.name === "b");
    expect(b && b.deletedAt).toBe(ROW_NOW);
    expect(streaming(result.current)).toBe(true);
  });

  it("recovers from resync: behind until a fresh stream's snapshot replaces the rows", async () => {
    const { result } = renderHook(() => usePodRows(live, () => 0));
    const first = FakeEventSource.last;
    await opened(first, [row("a"), row("b")]);
    await flushed();
    expect(streaming(result.current)).toBe(true);
    // The server dropped this subscriber for falling behind: resync, then the stream ends.
    act(() => {
      first.send("resync", { reason: "this stream fell too far behind" });
      first.drop();
    });
    await flushed();
    expect(streaming(result.current)).toBe(false);
    expect(names(result.current)).toEqual(["a", "b"]);
    await flushed(1000);
    // A new stream (no Last-Event-ID: a fresh snapshot), not the browser resuming the old one.
    expect(FakeEventSource.made).toHaveLength(2);
    expect(first.closed).toBe(true);
    const second = FakeEventSource.last;
    expect(second.url).toBe(first.url);
    await opened(second, [row("a")]);
    expect(names(result.current)).toEqual(["a"]);
    expect(streaming(result.current)).toBe(true);
  });

  it("a snapshot right after resync on the same stream replaces the rows, without a new stream", async () => {
    const { result } = renderHook(() => usePodRows(live, () => 0));
    const es = FakeEventSource.last;
    await opened(es, [row("a"), row("b")]);
    await act(async () => {
      es.send("resync", { reason: "event 3 is no longer kept; here is a fresh snapshot" });
      es.send("snapshot", { pods: [row("b")] });
    });
    await flushed(2000);
    expect(names(result.current)).toEqual(["b"]);
    expect(streaming(result.current)).toBe(true);
    expect(FakeEventSource.made).toHaveLength(1);
  });

  it("opens a new stream when the browser gives one up, 1 s then doubling", async () => {
    renderHook(() => usePodRows(live, () => 0));
    act(() => FakeEventSource.last.drop(true));
    await flushed(999);
    expect(FakeEventSource.made).toHaveLength(1);
    await flushed(1);
    expect(FakeEventSource.made).toHaveLength(2);
    act(() => FakeEventSource.last.drop(true));
    await flushed(1999);
    expect(FakeEventSource.made).toHaveLength(2);
    await flushed(1);
    expect(FakeEventSource.made).toHaveLength(3);
  });

  describe("the stream the page's inline script opened", () => {
    /** What lib/view/early-stream's script leaves on the window: its source and what it kept. */
    const early = (queued: Queued[]) => {
      const es = new FakeEventSource("/api/stream");
      (globalThis as Record<string, unknown>)[EARLY_KEY] = { url: es.url, es, take: () => queued };
      return es;
    };

    it("is adopted: what it kept goes through the same reducer, and no second stream opens", async () => {
      const es = early([
        { type: "open" },
        { type: "snapshot", data: { pods: [row("a"), row("b")] } },
        { type: "removed", data: { uid: "uid-b", row: row("b", ROW_NOW) } },
      ]);
      const { result } = renderHook(() => usePodRows(live, () => 0));
      await flushed();
      expect(FakeEventSource.made).toEqual([es]);
      expect(names(result.current)).toEqual(["a", "b"]);
      expect(streaming(result.current)).toBe(true);
      act(() => es.send("pod", { uid: "uid-c", row: row("c") }));
      await flushed();
      expect(names(result.current)).toEqual(["a", "b", "c"]);
    });

    it("recovers from a resync it kept before it was adopted", async () => {
      const es = early([
        { type: "snapshot", data: { pods: [row("a"), row("b")] } },
        { type: "resync", data: { reason: "this stream fell too far behind" } },
        { type: "error" },
      ]);
      const { result } = renderHook(() => usePodRows(live, () => 0));
      await flushed();
      expect(streaming(result.current)).toBe(false);
      await flushed(1000);
      expect(es.closed).toBe(true);
      expect(FakeEventSource.made).toHaveLength(2);
      await act(async () => FakeEventSource.last.send("snapshot", { pods: [row("b")] }));
      expect(names(result.current)).toEqual(["b"]);
      expect(streaming(result.current)).toBe(true);
    });
  });
});
