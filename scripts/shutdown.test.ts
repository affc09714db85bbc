// scripts/shutdown.mjs: the order of a SIGTERM (draining at once; after the delay the streams' goodbye,
// the listener closed, the pipeline stopped, exit 0) and its bound, on vitest's fake clock.
// The real signal, a real server and a client mid-stream: e2e/shutdown.spec.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { draining } from "@/lib/live/draining";
import { createLogger } from "@/lib/log/options.mjs";
import {
  BOUND_MS,
  closeServer,
  DRAINING,
  SHUTDOWN,
  shutdownDelayFrom,
  shutdownHandler,
} from "./shutdown.mjs";

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

/** A stand-in for the http.Server: records what was done to it, in order. */
function fakeServer(steps: string[], { busy = false } = {}) {
  let onClosed: (() => void) | null = null;
  return {
    close(cb: () => void) {
      steps.push("close");
      onClosed = cb;
      return this;
    },
    closeIdleConnections() {
      // The open connections end once idle (a stream that got its goodbye), unless one is busy.
      if (!busy && onClosed) setTimeout(() => onClosed?.(), 0);
    },
    closeAllConnections() {
      steps.push("cut");
      if (onClosed) setTimeout(() => onClosed?.(), 0);
    },
  } as never;
}

function logged() {
  const lines: { level: string; msg: string }[] = [];
  const log = createLogger(
    { LIFELINE_LOG_FORMAT: "json" },
    { write: (s) => lines.push(JSON.parse(s)) },
  );
  return { lines, log };
}

describe("shutdownHandler (SIGTERM in scripts/start.mjs)", () => {
  it("drains at once, keeps serving for the delay, then goodbye → listener closed → pipeline stopped → exit 0", async () => {
    const steps: string[] = [];
    const g: Record<symbol, unknown> = {};
    g[SHUTDOWN] = {
      pipeline: {
        goodbye: () => void steps.push("goodbye"),
        stop: async () => void steps.push("stop"),
      },
    };
    const exit = vi.fn((code: number) => void steps.push(`exit ${code}`));
    const { lines, log } = logged();
    const handle = shutdownHandler({ server: fakeServer(steps), log, delayMs: 5000, g, exit });
    handle("SIGTERM");
    handle("SIGTERM"); // a second signal changes nothing
    // Not ready from the signal on (the same flag every bundle's lib/live/draining.ts reads).
    expect(draining(g)).toBe(true);
    expect(g[DRAINING]).toBe(g[Symbol.for("lifeline.draining")]);
    await vi.advanceTimersByTimeAsync(4999);
    expect(steps).toEqual([]);
    await vi.advanceTimersByTimeAsync(50);
    expect(steps).toEqual(["goodbye", "close", "stop", "exit 0"]);
    expect(lines.map((l) => l.msg)).toEqual([
      "SIGTERM: shutting down; not ready from now on, streams end in 5 s",
      expect.stringMatching(/^stopped 50\d\d ms after SIGTERM$/),
    ]);
    // The bound is cleared: nothing else happens.
    await vi.advanceTimersByTimeAsync(BOUND_MS * 2);
    expect(exit).toHaveBeenCalledTimes(1);
  });

  it("cuts connections still busy 3 s after the listener closed; exits 1 if the pipeline has not stopped by delay + 10 s", async () => {
    const steps: string[] = [];
    const g: Record<symbol, unknown> = {};
    g[SHUTDOWN] = {
      pipeline: { goodbye: () => {}, stop: () => new Promise<void>(() => steps.push("stop")) },
    };
    const exit = vi.fn((code: number) => void steps.push(`exit ${code}`));
    const { lines, log } = logged();
    const server = fakeServer(steps, { busy: true });
    shutdownHandler({ server, log, delayMs: 2000, g, exit })("SIGINT");
    await vi.advanceTimersByTimeAsync(2000 + 2999);
    expect(steps).toEqual(["close"]);
    await vi.advanceTimersByTimeAsync(1);
    expect(steps).toEqual(["close", "cut"]);
    await vi.advanceTimersByTimeAsync(10);
    expect(steps).toEqual(["close", "cut", "stop"]);
    await vi.advanceTimersByTimeAsync(2000 + BOUND_MS - 5000 - 11);
    expect(exit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(exit.mock.calls).toEqual([[1]]);
    expect(lines.at(-1)).toMatchObject({
      level: "error",
      msg: "the pipeline did not stop within 12 s of SIGINT; exiting without it",
    });
  });

  it("without a pipeline (LIFELINE_OFFLINE) and no delay: closes and exits 0", async () => {
    const steps: string[] = [];
    const exit = vi.fn((code: number) => void steps.push(`exit ${code}`));
    shutdownHandler({ server: fakeServer(steps), log: logged().log, delayMs: 0, g: {}, exit })(
      "SIGTERM",
    );
    await vi.advanceTimersByTimeAsync(50);
    expect(steps).toEqual(["close", "exit 0"]);
  });
});

describe("closeServer", () => {
  it("resolves once the server has closed", async () => {
    const steps: string[] = [];
    let done = false;
    void closeServer(fakeServer(steps)).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(50);
    expect([steps, done]).toEqual([["close"], true]);
  });
});

describe("LIFELINE_SHUTDOWN_DELAY", () => {
  it("reads seconds and milliseconds, default 0; refuses what it cannot use with a sentence", () => {
    expect(shutdownDelayFrom({})).toBe(0);
    expect(shutdownDelayFrom({ LIFELINE_SHUTDOWN_DELAY: "5s" })).toBe(5000);
    expect(shutdownDelayFrom({ LIFELINE_SHUTDOWN_DELAY: " 2.5 " })).toBe(2500);
    expect(shutdownDelayFrom({ LIFELINE_SHUTDOWN_DELAY: "500ms" })).toBe(500);
    expect(shutdownDelayFrom({ LIFELINE_SHUTDOWN_DELAY: "15s" })).toBe(15_000);
    for (const bad of ["16s", "5m", "-1s", "soon"])
      expect(() => shutdownDelayFrom({ LIFELINE_SHUTDOWN_DELAY: bad })).toThrow(
        `LIFELINE_SHUTDOWN_DELAY="${bad}" is not a delay Lifeline can use: give seconds ("5s") or milliseconds ("500ms"), at most 15 s (the rest of a pod's 30 s grace period is for closing).`,
      );
  });
});
