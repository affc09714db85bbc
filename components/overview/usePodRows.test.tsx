// @vitest-environment happy-dom
// The overview's rows from the live windowed stream (lib/live/views.ts): the snapshot of the rows
// at its offset, then window frames; scrolling past the window's edge opens a stream where the eye
// is; after the server's resync the rows are behind until a fresh stream's snapshot replaces them.
import { act, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  fakeStreamGlobals,
  FakeEventSource,
  later,
  ROW_NOW,
  streamRow,
} from "@/components/fake-event-source.test-kit";
import { EARLY_KEY, type Queued } from "@/lib/view/early-stream";
import type { PodRow } from "@/lib/rows/pod-row";
import { usePodRows, type Query, type RowsState } from "./usePodRows";

const row = streamRow;
const live: Query = {
  namespace: null,
  selector: "",
  status: "",
  node: "",
  search: "",
  sort: "problems",
  desc: false,
  window: "1h",
  from: null,
  to: null,
};
const FIRST = "/api/stream?limit=120";
/** The rows in place (holes as "·"), from the first one. */
const names = (s: RowsState) =>
  s.state === "ok" ? Array.from(s.rows, (r) => r?.name ?? "·") : s.state;
const streaming = (s: RowsState) => s.state === "ok" && s.streaming;

const win = (pods: PodRow[], offset = 0, total = offset + pods.length) => ({
  offset,
  total,
  uids: pods.map((p) => p.uid),
  counts: { all: total, statuses: ["Running"], nodes: [], nodesNotReady: [] },
});
/** The source opens and sends the snapshot of its window. */
const opened = (es: FakeEventSource, pods: PodRow[], offset = 0, total?: number) =>
  act(async () => {
    es.open();
    es.send("snapshot", { pods, window: win(pods, offset, total) });
  });

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
  it("asks for the first window of the query, shows it, then applies window frames", async () => {
    const { result } = renderHook(() => usePodRows({ ...live, search: " web ", sort: "name" }));
    const es = FakeEventSource.last;
    expect(es.url).toBe("/api/stream?search=web&sort=name&limit=120");
    await opened(es, [row("a"), row("b")], 0, 5);
    // As long as the total; the places past the window are holes (rows still to come).
    expect(names(result.current[0])).toEqual(["a", "b", "·", "·", "·"]);
    const [a, b, c] = [row("a"), row("b"), row("c")];
    b.ready = "0/1";
    // b changed and c came before it; a is kept as it was (not sent again).
    act(() => es.send("window", { pods: [c, b], window: win([a, c, b], 0, 6) }));
    await flushed();
    expect(names(result.current[0])).toEqual(["a", "c", "b", "·", "·", "·"]);
    const s = result.current[0];
    expect(s.state === "ok" && s.rows[2]?.ready).toBe("0/1");
    expect(s.state === "ok" && s.window?.total).toBe(6);
    expect(streaming(result.current[0])).toBe(true);
  });

  it("moves the window where the screen is once the scroll settles, and shows it once its snapshot comes", async () => {
    const { result } = renderHook(() => usePodRows(live));
    const first = FakeEventSource.last;
    const rows = Array.from({ length: 120 }, (_, i) => row(`p${i}`));
    await opened(first, rows, 0, 1000);
    // Well inside the window: nothing to do.
    act(() => result.current[1](50, 30));
    await flushed(100);
    expect(FakeEventSource.made).toHaveLength(1);
    // Rows 500–529 on screen: after 80 ms a stream for the 120 rows around them.
    act(() => result.current[1](500, 30));
    await later(79);
    expect(FakeEventSource.made).toHaveLength(1);
    await later(1);
    expect(FakeEventSource.made).toHaveLength(2);
    const second = FakeEventSource.last;
    expect(second.url).toBe("/api/stream?offset=455&limit=120");
    // The old rows stay until the new window's snapshot comes.
    expect(names(result.current[0]).slice(0, 2)).toEqual(["p0", "p1"]);
    expect(first.closed).toBe(false);
    await opened(second, [row("q455"), row("q456")], 455, 1000);
    const shown = names(result.current[0]);
    expect(shown[0]).toBe("·");
    expect(shown.slice(455, 457)).toEqual(["q455", "q456"]);
    expect(first.closed).toBe(true);
  });

  it("a new live query keeps the rows on screen until its own first frame, then shows its rows", async () => {
    const { result, rerender } = renderHook((q: Query) => usePodRows(q), { initialProps: live });
    await opened(FakeEventSource.last, [row("a"), row("b")]);
    rerender({ ...live, search: "b" });
    await flushed();
    expect(FakeEventSource.made).toHaveLength(2);
    expect(FakeEventSource.made[0].closed).toBe(true);
    // The check request answered, the stream opened: still the old rows, not "loading" nor an empty list.
    act(() => FakeEventSource.last.open());
    await flushed();
    expect(names(result.current[0])).toEqual(["a", "b"]);
    await opened(FakeEventSource.last, [row("b")]);
    expect(names(result.current[0])).toEqual(["b"]);
  });

  it("a new query while scrolled down: once its first frame says how many rows, a window opens where the screen is", async () => {
    const { result, rerender } = renderHook((q: Query) => usePodRows(q), { initialProps: live });
    const rows = Array.from({ length: 120 }, (_, i) => row(`p${i}`));
    await opened(FakeEventSource.last, rows, 0, 1000);
    act(() => result.current[1](0, 30));
    act(() => result.current[1](600, 30));
    await later(80);
    await opened(FakeEventSource.last, [row("q555")], 555, 1000);
    expect(FakeEventSource.made).toHaveLength(2);
    // Sorted by age now: the new stream starts at 0; the screen is still at row 600.
    rerender({ ...live, sort: "age" });
    await flushed();
    expect(FakeEventSource.last.url).toBe("/api/stream?sort=age&limit=120");
    const s = result.current[0];
    expect(s.state === "ok" && s.stale).toBe(true);
    await opened(FakeEventSource.last, rows, 0, 800);
    await later(80);
    expect(FakeEventSource.last.url).toBe("/api/stream?sort=age&offset=555&limit=120");
  });

  it("the last query's rows give way to 'loading' when the new one's take over a second", async () => {
    const { result, rerender } = renderHook((q: Query) => usePodRows(q), { initialProps: live });
    await opened(FakeEventSource.last, [row("a")]);
    rerender({ ...live, search: "zzz" });
    await flushed(999);
    expect(result.current[0].state).toBe("ok");
    await flushed(1);
    expect(result.current[0].state).toBe("loading");
  });

  it("a tall screen gets a window with half a screen either side", async () => {
    const { result } = renderHook(() => usePodRows(live));
    const rows = Array.from({ length: 120 }, (_, i) => row(`p${i}`));
    await opened(FakeEventSource.last, rows, 0, 5000);
    // 110 rows on screen: 120 cannot hold them with 15 either side.
    act(() => result.current[1](1000, 110));
    await later(80);
    expect(FakeEventSource.last.url).toBe("/api/stream?offset=945&limit=220");
  });

  it("recovers from resync: behind until a fresh stream's snapshot replaces the rows", async () => {
    const { result } = renderHook(() => usePodRows(live));
    const first = FakeEventSource.last;
    await opened(first, [row("a"), row("b")]);
    await flushed();
    expect(streaming(result.current[0])).toBe(true);
    // The server dropped this subscriber for falling behind: resync, then the stream ends.
    act(() => {
      first.send("resync", { reason: "this stream fell too far behind" });
      first.drop();
    });
    await flushed();
    expect(streaming(result.current[0])).toBe(false);
    expect(names(result.current[0])).toEqual(["a", "b"]);
    await flushed(1000);
    // A new stream (no Last-Event-ID: a fresh snapshot), not the browser resuming the old one.
    expect(FakeEventSource.made).toHaveLength(2);
    expect(first.closed).toBe(true);
    const second = FakeEventSource.last;
    expect(second.url).toBe(FIRST);
    await opened(second, [row("a")]);
    expect(names(result.current[0])).toEqual(["a"]);
    expect(streaming(result.current[0])).toBe(true);
  });

  it("a snapshot right after resync on the same stream replaces the rows, without a new stream", async () => {
    const { result } = renderHook(() => usePodRows(live));
    const es = FakeEventSource.last;
    await opened(es, [row("a"), row("b")]);
    await act(async () => {
      es.send("resync", { reason: "event 3 is no longer kept; here is a fresh snapshot" });
      es.send("snapshot", { pods: [row("b")], window: win([row("b")]) });
    });
    await flushed(2000);
    expect(names(result.current[0])).toEqual(["b"]);
    expect(streaming(result.current[0])).toBe(true);
    expect(FakeEventSource.made).toHaveLength(1);
  });

  it("opens a new stream when the browser gives one up, 1 s then doubling", async () => {
    renderHook(() => usePodRows(live));
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
      const es = new FakeEventSource(FIRST);
      (globalThis as Record<string, unknown>)[EARLY_KEY] = { url: es.url, es, take: () => queued };
      return es;
    };

    it("is adopted: what it kept goes through the same reducer, and no second stream opens", async () => {
      const es = early([
        { type: "open" },
        {
          type: "snapshot",
          data: { pods: [row("a"), row("b")], window: win([row("a"), row("b")]) },
        },
        { type: "window", data: { pods: [row("b", ROW_NOW)], window: win([row("a"), row("b")]) } },
      ]);
      const { result } = renderHook(() => usePodRows(live));
      await flushed();
      expect(FakeEventSource.made).toEqual([es]);
      expect(names(result.current[0])).toEqual(["a", "b"]);
      const s = result.current[0];
      expect(s.state === "ok" && s.rows[1]?.deletedAt).toBe(ROW_NOW);
      expect(streaming(result.current[0])).toBe(true);
      act(() =>
        es.send("window", { pods: [row("c")], window: win([row("a"), row("b"), row("c")]) }),
      );
      await flushed();
      expect(names(result.current[0])).toEqual(["a", "b", "c"]);
    });

    it("recovers from a resync it kept before it was adopted", async () => {
      const es = early([
        {
          type: "snapshot",
          data: { pods: [row("a"), row("b")], window: win([row("a"), row("b")]) },
        },
        { type: "resync", data: { reason: "this stream fell too far behind" } },
        { type: "error" },
      ]);
      const { result } = renderHook(() => usePodRows(live));
      await flushed();
      expect(streaming(result.current[0])).toBe(false);
      await flushed(1000);
      expect(es.closed).toBe(true);
      expect(FakeEventSource.made).toHaveLength(2);
      await act(async () =>
        FakeEventSource.last.send("snapshot", { pods: [row("b")], window: win([row("b")]) }),
      );
      expect(names(result.current[0])).toEqual(["b"]);
      expect(streaming(result.current[0])).toBe(true);
    });
  });
});
