// Shared by the benchmarks that run the pipeline in a child process beside a demo cluster process
// (bench/sync.ts, bench/history-rss.ts): a process's RSS from /proc, and stopping both.
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";

/** A process's resident set in bytes (0 when it is gone). */
export function rssOf(pid: number): number {
  try {
    return (
      Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024
    );
  } catch {
    return 0;
  }
}

/**
 * Asks the pipeline to stop (a message: it leaves by exit(), so a --cpu-prof is written), kills it
 * if it has not within `graceMs`, then stops the demo cluster and exits.
 */
export async function stopAndExit(
  pipeline: ChildProcess,
  demo: ChildProcess,
  graceMs: number,
): Promise<never> {
  pipeline.send("exit");
  const left = new Promise((r) => pipeline.once("exit", r));
  if (
    (await Promise.race([left, new Promise((r) => setTimeout(() => r("late"), graceMs))])) ===
    "late"
  )
    pipeline.kill("SIGKILL");
  demo.kill("SIGTERM");
  await new Promise((r) => demo.once("exit", r));
  process.exit(0);
}
