// What the store keeps of a pod is enough for 1.33–1.35 timelines: resize (spec resources,
// allocated and actual), generations, restart rules — read back after a reopen.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { story, storyInput } from "../fixtures";
import type { Observation } from "../kube/reflector";
import { buildTimeline } from "../timeline";
import { HistoryStore } from "./history-store";

const open: HistoryStore[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

function reopened(name: string): { uid: string; now: number; store: HistoryStore } {
  const s = story(name)!;
  const file = join(mkdtempSync(join(tmpdir(), "lifeline-recent-")), "history.db");
  const first = new HistoryStore(file);
  for (const o of s.observations)
    first.observe({
      kind: "Pod",
      type: o.type,
      object: o.object as Observation["object"],
      observedAt: Date.parse(o.observedAt),
    });
  for (const e of s.events)
    first.observe({
      kind: "Event",
      type: "MODIFIED",
      object: e as Observation["object"],
      observedAt: Date.parse(e.lastTimestamp ?? s.now),
    });
  first.close();
  const store = new HistoryStore(file);
  open.push(store);
  return { uid: s.observations[0].object.metadata!.uid!, now: Date.parse(s.now), store };
}

describe("store keeps what 1.33–1.35 timelines need", () => {
  it("resize and generations survive a reopen", () => {
    const { uid, now, store } = reopened("resize-in-place");
    const live = buildTimeline(storyInput(story("resize-in-place")!));
    const stored = store.timeline(uid, now)!;
    expect(stored.containers[0].resources).toEqual(live.containers[0].resources);
    expect(stored.containers[0].resources).toHaveLength(7);
    expect(stored.generations).toEqual(live.generations);
    expect(stored.generations.map((g) => g.generation)).toEqual([1, 1, 2, 2, 3, 3]);
    const resize = (m: { kind: string }) =>
      m.kind.startsWith("resize") || m.kind === "resized" || m.kind === "spec-changed";
    expect(stored.markers.filter(resize)).toEqual(live.markers.filter(resize));
    expect(stored.conditions).toEqual(live.conditions);
  });

  it("restart rules survive a reopen", () => {
    const { uid, now, store } = reopened("restart-rules");
    const stored = store.timeline(uid, now)!;
    expect(stored.containers[0].restartPolicy).toBe("Never");
    expect(stored.containers[0].restartRules).toEqual([
      { action: "Restart", operator: "In", values: [42] },
    ]);
  });
});
