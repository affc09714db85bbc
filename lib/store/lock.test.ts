import { spawn } from "node:child_process";
import { mkdtempSync, statSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DataDirLocked, lockDataDir, type DataDirLock } from "./lock";

const held: DataDirLock[] = [];
afterEach(() => {
  for (const l of held.splice(0)) l.release();
});

const dataDir = () => join(mkdtempSync(join(tmpdir(), "lifeline-lock-")), "data");

describe("one writer per data folder", () => {
  it("refuses a second holder with a sentence naming the folder and the process that holds it", () => {
    const dir = dataDir();
    held.push(lockDataDir(dir));
    let refusal: unknown;
    try {
      held.push(lockDataDir(dir));
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toBeInstanceOf(DataDirLocked);
    const since = (refusal as DataDirLocked).holder!.since;
    expect((refusal as Error).message).toBe(
      `The data folder ${dir} is in use by another Lifeline process (pid ${process.pid} on ${hostname()}, running since ${new Date(since).toISOString().slice(0, 19).replace("T", " ")} UTC): one process writes a data folder at a time. Stop that one, or give this one a folder of its own with LIFELINE_DATA_DIR.`,
    );
    // Released, the next one gets it.
    held.shift()!.release();
    held.push(lockDataDir(dir));
  });

  it("is not blocked by a holder killed with SIGKILL, and names a live one in another process", async () => {
    const dir = dataDir();
    const child = spawn(
      process.execPath,
      [
        "--expose-gc",
        "--import",
        "tsx",
        join(process.cwd(), "lib/store/lock-child.test-kit.ts"),
        dir,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const exited = new Promise((r) => child.once("exit", r));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.setEncoding("utf8");
        child.stdout.on("data", (chunk: string) => chunk.includes("locked") && resolve());
        child.on("exit", (code) =>
          reject(new Error(`the child exited (${code}) before it locked`)),
        );
      });
      expect(() => lockDataDir(dir)).toThrow(
        `in use by another Lifeline process (pid ${child.pid} on ${hostname()}, running since `,
      );
    } finally {
      child.kill("SIGKILL");
      await exited;
    }
    // Its lock file and its note are still there; the lock is not.
    const lock = lockDataDir(dir);
    held.push(lock);
    expect(lock.holder.pid).toBe(process.pid);
  });

  it("creates the folder 0700 and its lock files 0600", () => {
    const dir = dataDir();
    held.push(lockDataDir(dir));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, "lifeline.lock")).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, "lifeline.lock.json")).mode & 0o777).toBe(0o600);
  });
});
