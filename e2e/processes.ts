// Servers the end-to-end tests start themselves (beside the shared one Playwright starts): a
// Lifeline server through `npm start`'s own entry point, a demo cluster in its own process.
import { expect } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";

export const started: ChildProcess[] = [];

/** Kills, with SIGKILL, whatever a test started and left running. */
export function killStarted(): void {
  for (const p of started) if (p.exitCode === null && p.signalCode === null) p.kill("SIGKILL");
}

export function run(args: string[], env: Record<string, string | undefined> = {}): ChildProcess {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Always drain the pipes: writes to a full pipe block a Node process for good (they are synchronous on Linux).
  child.stdout!.resume();
  child.stderr!.resume();
  started.push(child);
  return child;
}

/** A Lifeline server as `npm start` runs it (scripts/start.mjs: builds only when the sources changed). */
export function lifeline(port: number, env: Record<string, string | undefined>): ChildProcess {
  return run(["scripts/start.mjs"], {
    PORT: String(port),
    LIFELINE_HOST: "127.0.0.1",
    LIFELINE_DEMO: undefined,
    LIFELINE_OFFLINE: undefined,
    // No metrics server unless a test asks for one on its own port (servers run side by side).
    LIFELINE_METRICS_PORT: "off",
    ...env,
  });
}

/** A demo cluster in its own process; resolves with the kubeconfig it wrote. */
export async function demoCluster(
  args: string[],
): Promise<{ child: ChildProcess; kubeconfig: string }> {
  const child = run(["--import", "tsx", "scripts/demo-cluster.ts", ...args]);
  const [, kubeconfig] = await output(child, /^kubeconfig: (.+)$/m);
  return { child, kubeconfig };
}

export function output(
  child: ChildProcess,
  pattern: RegExp,
  timeoutMs = 30_000,
): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let text = "";
    const timer = setTimeout(
      () => reject(new Error(`no ${pattern} in ${timeoutMs} ms; output so far:\n${text}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const m = pattern.exec(text);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
  });
}

export async function ready(base: string, timeout = 60_000): Promise<void> {
  await expect
    .poll(async () => (await fetch(`${base}/api/readyz`).catch(() => null))?.status ?? 0, {
      timeout,
    })
    .toBe(200);
}

export function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((r) => child.once("exit", () => r()));
}

/** SIGTERM, then SIGKILL if it has not gone within `ms`. */
export async function stop(child: ChildProcess, ms = 15_000): Promise<void> {
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), ms);
  await exited(child);
  clearTimeout(timer);
}
