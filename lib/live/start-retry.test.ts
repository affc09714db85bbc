// A start that fails because the data folder's disk is full is said as such (503 with the sentence)
// and retried with a back-off; once space returns Lifeline comes up by itself, without a restart.
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { live, startRetry } from "./start";
import { answer } from "../routes/respond";

// The disk is full for the lock's note (the first thing a start writes): a real ENOSPC leaves the
// file created and empty.
const disk = vi.hoisted(() => ({ full: false }));
vi.mock("node:fs", async (importOriginal) =>
  (await import("../store/full-disk-fs.test-kit")).fsFullForLockNote(
    await importOriginal<typeof import("node:fs")>(),
    disk,
  ),
);

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  disk.full = false;
  for (const c of cleanup.splice(0).reverse()) await c();
});

const status = () =>
  answer(async () => {
    await live();
    return new Response("ok");
  });

describe("a start on a full disk", () => {
  it("answers 503 saying the disk is full, retries with a back-off, and starts by itself once space returns", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "lifeline-retry-")), "data");
    const saved = {
      LIFELINE_DEMO: process.env.LIFELINE_DEMO,
      LIFELINE_DATA_DIR: process.env.LIFELINE_DATA_DIR,
      KUBECONFIG: process.env.KUBECONFIG,
    };
    cleanup.push(() => {
      for (const [k, v] of Object.entries(saved))
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
    });
    Object.assign(process.env, { LIFELINE_DEMO: "1", LIFELINE_DATA_DIR: dir });
    delete process.env.KUBECONFIG;
    // The retries' timer, held here: no waiting on the wall clock.
    const scheduled: { ms: number; run: () => void }[] = [];
    const schedule = startRetry.schedule;
    startRetry.schedule = (run, ms) => void scheduled.push({ ms, run });
    cleanup.push(() => {
      startRetry.schedule = schedule;
    });

    disk.full = true;
    const refused = await status();
    expect(refused.status).toBe(503);
    const sentence = new RegExp(
      `^Lifeline could not start: The data folder ${dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} cannot be written: its disk is full \\(ENOSPC: no space left on device, write\\)\\. Free some space there\\. Lifeline tries again every 5 to 30 s and starts by itself once there is space\\.$`,
    );
    expect((await refused.json()).error).toMatch(sentence);
    expect(scheduled.map((s) => s.ms)).toEqual([5_000]);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);

    // Still full at the retry: the same sentence (never "in use by another Lifeline process"), a longer wait.
    scheduled.shift()!.run();
    await vi.waitFor(() => expect(scheduled).toHaveLength(1));
    expect(scheduled[0].ms).toBe(10_000);
    const again = await status();
    expect(again.status).toBe(503);
    expect((await again.json()).error).toMatch(sentence);

    // Space returns: the next retry starts the pipeline; no request was needed to do it.
    disk.full = false;
    scheduled.shift()!.run();
    const l = await live();
    cleanup.push(() => l.stop());
    expect((await status()).status).toBe(200);
    expect(scheduled).toHaveLength(0);
  });
});
