// `…/timeline?to=T` with T before Lifeline's first record of the pod: not an empty 200, a 404
// that says there was nothing then (and when the record starts).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { story, storyFeed } from "../fixtures";
import type { Observation } from "../kube/reflector";
import { HistoryStore } from "../store/history-store";
import type { Live } from "../live/live";
import { podMissing, podTimeline } from "./pod-timeline";

const open: HistoryStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

function setup() {
  const s = story("liveness-every-second")!;
  const store = new HistoryStore(
    join(mkdtempSync(join(tmpdir(), "lifeline-before-")), "history.db"),
  );
  open.push(store);
  store.observeMany(storyFeed(s) as Observation[]);
  const clock = { now: Date.parse(s.now) };
  const l = { flush() {}, store, now: () => clock.now } as unknown as Live;
  const first = store.pods({ namespace: "dev", name: "heartbeat" })[0];
  return { l, first };
}

describe("a window that ends before Lifeline's first record of the pod", () => {
  it("to=0 finds no pod, and the sentence says there was nothing then", () => {
    const { l, first } = setup();
    expect(podTimeline(l, { namespace: "dev", name: "heartbeat", to: 0 })).toBeNull();
    expect(podMissing(l, { namespace: "dev", name: "heartbeat", to: 0 })).toEqual({
      error: `Lifeline has no record of dev/heartbeat at or before 1970-01-01T00:00:00Z: its record of that pod starts at ${new Date(first.firstSeen).toISOString().replace(".000Z", "Z")}.`,
      firstRecord: first.firstSeen,
    });
  });

  it("the same with the pod's uid, and a millisecond before its first record", () => {
    const { l, first } = setup();
    const q = { namespace: "dev", name: "heartbeat", uid: first.uid, to: first.firstSeen - 1 };
    expect(podTimeline(l, q)).toBeNull();
    expect(podMissing(l, q).error).toMatch(
      /^Lifeline has no record of dev\/heartbeat at or before .*: its record of that pod starts at /,
    );
  });

  it("at its first record the pod is there", () => {
    const { l, first } = setup();
    expect(
      podTimeline(l, { namespace: "dev", name: "heartbeat", to: first.firstSeen }),
    ).not.toBeNull();
  });

  it("a pod never seen, or no such uid, keeps its sentence", () => {
    const { l } = setup();
    expect(podMissing(l, { namespace: "dev", name: "nope" }).error).toBe(
      "Lifeline has never seen a pod dev/nope.",
    );
    expect(podMissing(l, { namespace: "dev", name: "heartbeat", uid: "0000" }).error).toBe(
      "Lifeline has no pod dev/heartbeat with uid 0000.",
    );
  });
});
