// A frozen window (`…/timeline?to=T`, a pod page `?at=T`) answers the same tomorrow as today: only
// what was observed by T counts, events included (their count as it was then).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { story, storyFeed } from "../fixtures";
import type { Observation } from "../kube/reflector";
import { HistoryStore } from "../store/history-store";
import type { Live } from "../live/live";
import { podTimeline } from "./pod-timeline";

const open: HistoryStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

/** The part of Live that podTimeline reads: the store and the clock. */
function liveOver(store: HistoryStore, clock: { now: number }): Live {
  return { flush() {}, store, now: () => clock.now } as unknown as Live;
}

describe("podTimeline with a window's end", () => {
  it("gives a byte-identical answer later, after the event counted on", () => {
    const s = story("liveness-every-second")!;
    const store = new HistoryStore(
      join(mkdtempSync(join(tmpdir(), "lifeline-frozen-")), "history.db"),
    );
    open.push(store);
    const feed = storyFeed(s) as Observation[];
    const t0 = Date.parse(s.observations[0].observedAt);
    const to = t0 + 27_500; // during run 3, after its second failure; its third is seen before the question
    const clock = { now: to + 2000 };
    store.observeMany(feed.filter((o) => o.observedAt <= clock.now));
    const q = { namespace: "dev", name: "heartbeat", to };
    const then = JSON.stringify(podTimeline(liveOver(store, clock), q));
    const unhealthy = JSON.parse(then).events.find(
      (e: { reason: string }) => e.reason === "Unhealthy",
    );
    expect(unhealthy.count).toBe(8);

    store.observeMany(feed.filter((o) => o.observedAt > clock.now));
    clock.now = Date.parse(s.now) + 3600_000;
    const later = JSON.stringify(podTimeline(liveOver(store, clock), q));
    expect(later).toBe(then);
    // And the window reaching now does see the later increments.
    expect(
      podTimeline(liveOver(store, clock), { namespace: "dev", name: "heartbeat" })!.events.find(
        (e) => e.reason === "Unhealthy",
      )!.count,
    ).toBe(12);
  });
});
