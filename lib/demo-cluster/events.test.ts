// The demo cluster's core/v1 recorder folds events as client-go's EventCorrelator does
// (tools/record/events_cache.go): identical → count +1 on one object; more than 10 similar
// (differing only by message) within 10 minutes → "(combined from similar events): …".
import { describe, expect, it } from "vitest";
import type { CoreEvent } from "../k8s/types";
import { ManualClock } from "./clock";
import { EventRecorder } from "./events";
import { ObjectStore } from "./api-server/store";
import { T0 } from "./cluster.test-kit";

function recorder() {
  const clock = new ManualClock(T0);
  const store = new ObjectStore();
  const versions: CoreEvent[] = [];
  store.watch("events", 0, (c) => versions.push(structuredClone(c.object) as unknown as CoreEvent));
  return {
    clock,
    store,
    versions,
    events: new EventRecorder(store, clock),
    list: () => store.list("events", "dev") as unknown as CoreEvent[],
  };
}

const ref = {
  kind: "Pod",
  namespace: "dev",
  name: "web",
  uid: "u1",
  apiVersion: "v1",
  fieldPath: "spec.containers{web}",
};
const kubelet = { type: "Warning" as const, component: "kubelet", host: "node-1" };

describe("EventRecorder (core/v1)", () => {
  it("counts an identical event on one object: count + 1 and lastTimestamp, by update in place", () => {
    const r = recorder();
    for (let i = 0; i < 12; i++) {
      r.events.record(ref, "Unhealthy", "Liveness probe failed: no", kubelet);
      r.clock.advance(1000);
    }
    expect(r.list()).toHaveLength(1);
    expect(r.list()[0]).toMatchObject({
      count: 12,
      firstTimestamp: "2026-11-20T09:00:00Z",
      lastTimestamp: "2026-11-20T09:00:11Z",
      message: "Liveness probe failed: no",
    });
    expect(r.versions.map((v) => v.count)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it("combines similar events past 10 within 10 minutes into one aggregate event that follows the latest message", () => {
    const r = recorder();
    for (let i = 1; i <= 12; i++) {
      r.events.record(ref, "Unhealthy", `Readiness probe failed: attempt ${i}`, kubelet);
      r.clock.advance(5000);
    }
    const byName = r.list().sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
    // Nine on their own, then the tenth distinct message opens the aggregate, which counts on.
    expect(byName.map((e) => [e.message, e.count])).toEqual([
      ...Array.from({ length: 9 }, (_, i) => [`Readiness probe failed: attempt ${i + 1}`, 1]),
      ["(combined from similar events): Readiness probe failed: attempt 12", 3],
    ]);
    expect(byName[9]).toMatchObject({
      firstTimestamp: "2026-11-20T09:00:45Z",
      lastTimestamp: "2026-11-20T09:00:55Z",
      reason: "Unhealthy",
      involvedObject: ref,
    });
    // A message still among the nine remembered counts on its own object again.
    r.events.record(ref, "Unhealthy", "Readiness probe failed: attempt 5", kubelet);
    expect(r.list().find((e) => e.message === "Readiness probe failed: attempt 5")!.count).toBe(2);
  });

  it("starts afresh after 10 quiet minutes", () => {
    const r = recorder();
    for (let i = 1; i <= 9; i++) r.events.record(ref, "Unhealthy", `m${i}`, kubelet);
    r.clock.advance(600_001);
    r.events.record(ref, "Unhealthy", "m10", kubelet);
    expect(r.list().some((e) => e.message!.startsWith("(combined"))).toBe(false);
  });
});
