// The rate limit holds at the moment each fetch starts: a step of the pump that takes long (a
// pause, a slow read of the store on a loaded machine) must not let the next second start more
// than LIFELINE_LOG_RATE. bench/log-capture.ts saw 7 fetches start in one sliding second at load
// 13 on 2 cores: the pump stamped every start with the time it began, not when the start happened.
import { describe, expect, it } from "vitest";
import type { LogTails } from "../store/log-tails";
import { crashPod, setup } from "./capture.test-kit";

/** The most of `times` within any sliding second. */
function most(times: number[]): number {
  let n = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] >= 1000) j++;
    n = Math.max(n, i - j + 1);
  }
  return n;
}

describe("the rate limit", () => {
  it("at most 5 fetches start in any sliding second, even when a step of the pump takes long", async () => {
    const calls: number[] = [];
    let paused = false;
    const kit = setup(
      {},
      async () => {
        calls.push(kit.clock.now());
        return "x\n";
      },
      (tails) =>
        new Proxy(tails, {
          get(target, key) {
            const v = Reflect.get(target, key, target) as unknown;
            if (key !== "outcome" || typeof v !== "function") return v;
            return (...args: unknown[]) => {
              // The first look at the store takes 500 ms (a pause): the starts after it are late.
              if (!paused) {
                paused = true;
                kit.clock.pass(500);
              }
              return (v as (...a: unknown[]) => unknown).apply(target, args);
            };
          },
        }) as LogTails,
    );
    // 20 pods' containers end at once.
    for (let i = 0; i < 20; i++) kit.capture.observe("MODIFIED", crashPod(1, { uid: `u-${i}` }));
    await kit.clock.advance(10);
    expect(calls).toHaveLength(5);
    // Another exit a second after the storm began wakes the pump.
    await kit.clock.advance(1000 - 10 - 500);
    kit.capture.observe("MODIFIED", crashPod(1, { uid: "u-late" }));
    await kit.clock.advance(10_000);
    expect(calls).toHaveLength(21);
    expect(most(calls)).toBe(5);
    kit.store.close();
  });
});
