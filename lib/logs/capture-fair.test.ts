// The capture's queue under saturation (manual clock, a fake fetcher): a crash-looping container
// among a steady churn of one-off exits, with the queue full of older runs. First-in-first-out,
// each of its runs waited behind the queue until the container restarted again (superseded):
// none kept, while every one-off exit was. Newest first within a rank, and a container fetched in
// the last minute yielding to one that was not, keeps it.
import { describe, expect, it } from "vitest";
import { crashPod, setup } from "./capture.test-kit";
import { RecentlyFetched } from "./recent";

describe("the capture's queue when saturated", () => {
  it("a crash-looping container among 5 one-off exits a second behind a full queue keeps most of its runs", async () => {
    const { capture, clock, store } = setup({ LIFELINE_LOGS: "all" });
    // A full queue of live runs of 1,000 pods that each ended once (queued first).
    for (let i = 0; i < 1000; i++)
      capture.observe("MODIFIED", crashPod(1, { uid: `old-${i}`, exitCode: 137 }));
    let churn = 0;
    let loopRuns = 0;
    // 5 minutes: a one-off exit every 200 ms (5 a second, the fetch rate), and the looping
    // container ending every 40 s (exit 0 under restartPolicy Always, as a liveness kill).
    for (let ms = 200; ms <= 300_000; ms += 200) {
      capture.observe("MODIFIED", crashPod(1, { uid: `churn-${churn++}`, exitCode: 137 }));
      if (ms % 40_000 === 0)
        capture.observe("MODIFIED", crashPod(++loopRuns, { uid: "loop", exitCode: 0 }));
      await clock.advance(200);
    }
    const loop = store.logs.of("loop");
    const kept = loop.filter((t) => t.outcome === "captured").map((t) => t.attempt);
    expect(loopRuns).toBe(7);
    // At most one of its runs a minute goes ahead of a container that had none: runs 40 s apart
    // alternate (1, 3, 5, 7).
    expect(kept.length, `kept ${kept.join(",")} of ${loopRuns}`).toBeGreaterThanOrEqual(4);
    // The one-off exits are still fetched at the rate: nearly all of the churn.
    const state = capture.state();
    expect(state.captured).toBeGreaterThanOrEqual(1400);
    // Bounded: the queue never holds more than LIFELINE_LOG_QUEUE.
    expect(state.queued).toBeLessThanOrEqual(1000);
    store.close();
  }, 60_000);

  it("remembers the containers fetched in the last minute only, and never more than its cap", () => {
    const r = new RecentlyFetched(60_000, 100);
    for (let i = 0; i < 1000; i++) r.note(`u${i}`, "app", i);
    expect(r.size).toBe(100);
    expect(r.has("u999", "app", 1000)).toBe(true);
    expect(r.has("u0", "app", 1000)).toBe(false);
    // A minute later a new fetch clears what the window left behind.
    r.note("late", "app", 70_000);
    expect(r.size).toBe(1);
    expect(r.has("u999", "app", 70_000)).toBe(false);
  });
});
