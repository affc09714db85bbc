// For log capture tests: a manual clock and timers, a crash-looping pod's versions, a capture over
// a fake fetcher and a history store in a temporary folder.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import type { ContainerStatus, Pod } from "../k8s/types";
import { HistoryStore } from "../store/history-store";
import type { LogTails } from "../store/log-tails";
import { LogCapture, type LogRequest } from "./capture";
import { logSettingsFrom } from "./settings";

export const T0 = Date.parse("2026-11-25T00:00:00Z");
export const iso = (ms: number) => new Date(ms).toISOString();

/** A manual clock and timers: advance() runs what falls due, in order. */
export function manualClock() {
  let now = T0;
  let timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => now,
    /** Time passes without any timer running (a step that took long: a pause, a slow read). */
    pass(ms: number) {
      now += ms;
    },
    schedule: (fn: () => void, ms: number) => {
      const t = { at: now + ms, fn };
      timers.push(t);
      return () => (timers = timers.filter((x) => x !== t));
    },
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const t = timers[0];
        if (!t || t.at > end) break;
        timers.shift();
        now = t.at;
        t.fn();
        await flush();
      }
      now = end;
      await flush();
    },
  };
}

export const flush = () => new Promise<void>((r) => setImmediate(r));

/** A crash-looping container after `restarts` restarts: running attempt restarts+1, lastState the one before. */
export function crashPod(restarts: number, opts: { exitCode?: number; uid?: string } = {}): Pod {
  const cs: ContainerStatus = {
    name: "app",
    restartCount: restarts,
    state: { running: { startedAt: iso(T0 + restarts * 60_000) } },
    containerID: `containerd://app-${restarts}`,
    lastState: restarts
      ? {
          terminated: {
            exitCode: opts.exitCode ?? 1,
            reason: "Error",
            startedAt: iso(T0 + (restarts - 1) * 60_000),
            finishedAt: iso(T0 + restarts * 60_000 - 1000),
            containerID: `containerd://app-${restarts - 1}`,
          },
        }
      : {},
  };
  return {
    metadata: {
      uid: opts.uid ?? "uid-1",
      namespace: "dev",
      name: "web",
      creationTimestamp: iso(T0),
    },
    spec: { containers: [{ name: "app" }] },
    status: { phase: "Running", containerStatuses: [cs] },
  } as Pod;
}

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

export function setup(
  env: Record<string, string> = {},
  answer?: (r: LogRequest) => Promise<string>,
  wrap: (tails: LogTails) => LogTails = (t) => t,
) {
  const dir = mkdtempSync(join(tmpdir(), "lifeline-logs-"));
  dirs.push(dir);
  const store = new HistoryStore(join(dir, "history.db"));
  const clock = manualClock();
  const asked: LogRequest[] = [];
  const lines: string[] = [];
  const capture = new LogCapture({
    settings: logSettingsFrom(env),
    tails: wrap(store.logs),
    now: clock.now,
    schedule: clock.schedule,
    log: (_level, line) => lines.push(line),
    fetch: async (r) => {
      asked.push(r);
      return answer ? answer(r) : `run ended: ${r.container} previous=${r.previous}\n`;
    },
  });
  return { store, clock, asked, lines, capture, dir };
}
