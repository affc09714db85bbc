// A pod's lane entries share one hidden class. Each change a server sees adds one (150,000 rows hold
// up to 64 each): built by an object spread ({ ...state, start }), V8 gave every entry a hidden
// class of its own, about 200 bytes of heap per change on top of the entry (a heap snapshot of
// bench:history-rss: 201,085 new maps for 200,048 changes).
import { setFlagsFromString } from "node:v8";
import { describe, expect, it } from "vitest";
import { noteStatus, windowLane, type StatusChange } from "./pod-row";
import type { Pod } from "../k8s/types";

setFlagsFromString("--allow-natives-syntax");
const sameMap = new Function("a", "b", "return %HaveSameMap(a, b)") as (
  a: object,
  b: object,
) => boolean;

const T0 = Date.parse("2026-11-25T06:00:00Z");

function distinctMaps(entries: object[]): number {
  const maps: object[] = [];
  for (const e of entries) if (!maps.some((m) => sameMap(m, e))) maps.push(e);
  return maps.length;
}

describe("a pod's lane", () => {
  it("noteStatus's entries share one hidden class", () => {
    let recent: StatusChange[] = [];
    const made: StatusChange[] = [];
    for (let i = 0; i < 200; i++) {
      const state = {
        status: i % 2 ? "Running" : "Error",
        phase: "Running",
        ready: i % 2 === 1,
        restarts: i >> 1,
      };
      recent = noteStatus(recent, state, T0 + i * 1000);
      made.push(recent[recent.length - 1]);
    }
    expect(recent).toHaveLength(64);
    expect(made[199]).toEqual({
      status: "Running",
      phase: "Running",
      ready: true,
      restarts: 99,
      start: T0 + 199_000,
    });
    expect(distinctMaps(made)).toBe(1);
  });

  it("windowLane's entries share one hidden class", () => {
    const pod = (status: "Running" | "Failed", restarts: number): Pod => ({
      metadata: {
        name: "web",
        namespace: "shop",
        uid: "u1",
        creationTimestamp: "2026-11-25T05:00:00Z",
      },
      spec: { containers: [{ name: "app", image: "nginx" }] },
      status: {
        phase: status,
        containerStatuses: [
          {
            name: "app",
            image: "nginx",
            imageID: "",
            ready: status === "Running",
            restartCount: restarts,
          },
        ],
      },
    });
    const versions = Array.from({ length: 40 }, (_, i) => ({
      type: "MODIFIED",
      object: pod(i % 2 ? "Running" : "Failed", i),
      observedAt: T0 + i * 1000,
    }));
    const { recent } = windowLane(versions);
    expect(recent).toHaveLength(40);
    expect(recent[39].start).toBe(T0 + 39_000);
    expect(distinctMaps(recent)).toBe(1);
  });
});
