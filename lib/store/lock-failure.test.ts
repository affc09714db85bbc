// The lock taken, then its note cannot be written (a full disk, a path in the way): the lock is let
// go and the half-written note removed, so the same process can take it once the cause is gone,
// and a full disk is said as such (not as "another Lifeline process").
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DataDirFull, lockDataDir, type DataDirLock } from "./lock";

// The disk fills only for the lock's note: a real ENOSPC leaves the file created and empty.
const disk = vi.hoisted(() => ({ full: false }));
vi.mock("node:fs", async (importOriginal) =>
  (await import("./full-disk-fs.test-kit")).fsFullForLockNote(
    await importOriginal<typeof import("node:fs")>(),
    disk,
  ),
);

const held: DataDirLock[] = [];
afterEach(() => {
  disk.full = false;
  for (const l of held.splice(0)) l.release();
});

const dataDir = () => join(mkdtempSync(join(tmpdir(), "lifeline-lock-")), "data");

describe("a lock whose note cannot be written", () => {
  it("is let go when the note cannot be created (its temporary path is a folder): the same process takes it once that is gone", () => {
    const dir = dataDir();
    const tmp = join(dir, `lifeline.lock.json.${process.pid}.tmp`);
    mkdirSync(tmp, { recursive: true });
    expect(() => lockDataDir(dir)).toThrow(/EISDIR/);
    rmSync(tmp, { recursive: true });
    const lock = lockDataDir(dir);
    held.push(lock);
    expect(lock.holder.pid).toBe(process.pid);
  });

  it("is let go, and the written temporary note removed, when the note cannot be put in place", () => {
    const dir = dataDir();
    const info = join(dir, "lifeline.lock.json");
    mkdirSync(info, { recursive: true });
    writeFileSync(join(info, "in-the-way"), "x");
    expect(() => lockDataDir(dir)).toThrow();
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    rmSync(info, { recursive: true });
    held.push(lockDataDir(dir));
  });

  it("says the disk is full, naming the folder, leaves no temporary file, and is taken once space returns", () => {
    const dir = dataDir();
    disk.full = true;
    let failure: unknown;
    try {
      held.push(lockDataDir(dir));
    } catch (err) {
      failure = err;
    }
    expect(failure).toBeInstanceOf(DataDirFull);
    expect((failure as Error).message).toBe(
      `The data folder ${dir} cannot be written: its disk is full (ENOSPC: no space left on device, write). Free some space there.`,
    );
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    // Still full: the same sentence again, not "in use by another Lifeline process".
    expect(() => lockDataDir(dir)).toThrow(DataDirFull);
    disk.full = false;
    const lock = lockDataDir(dir);
    held.push(lock);
    expect(lock.holder.pid).toBe(process.pid);
  });
});
