import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { captureLog } from "../log/capture.test-kit";
import { SnapshotStore } from "../store/snapshots";
import { answer } from "./respond";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe("answer", () => {
  it("says the disk is full with a 507 when a write is refused for space (a snapshot on a full disk)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "lifeline-respond-"));
    dirs.push(dir);
    const file = join(dir, "snapshots.db");
    const store = new SnapshotStore(file, 86_400_000);
    // The file may not grow by one more page: the disk is full for it (SQLite answers SQLITE_FULL).
    const raw = (store as unknown as { db: Database.Database }).db;
    raw.pragma(`max_page_count = ${raw.pragma("page_count", { simple: true })}`);
    const logged = captureLog();
    const meta = {
      kind: "pod" as const,
      namespaces: ["dev"],
      namespace: "dev",
      name: "x",
      uid: "u",
      createdAt: 0,
      at: 0,
      window: { from: null, to: null },
      createdBy: null,
    };
    const res = await answer(() => {
      store.create(meta, { big: "x".repeat(200_000) });
      return new Response("stored");
    });
    logged.restore();
    expect(logged.lines).toEqual([
      expect.stringMatching(
        /ERROR: lifeline: request refused by the disk: The disk holding the history is full \(SQLITE_FULL/,
      ),
    ]);
    expect(res.status).toBe(507);
    expect(await res.json()).toEqual({
      error:
        "Lifeline could not use its data folder: the disk holding the history is full (SQLITE_FULL: database or disk is full).",
    });
  });

  it("answers 503 with the sentence for a failed start met through another copy of live.ts (Next bundles instrumentation apart)", async () => {
    // What instrumentation.ts's copy of live() left in the shared start: its StartError is not this copy's class.
    class StartError extends Error {
      readonly code = "LIFELINE_START_FAILED";
    }
    const res = await answer(() => {
      throw new StartError(
        "Lifeline could not start: The data folder /d cannot be written: its disk is full (ENOSPC: no space left on device, write).",
      );
    });
    expect(res.status).toBe(503);
    expect((await res.json()).error).toBe(
      "Lifeline could not start: The data folder /d cannot be written: its disk is full (ENOSPC: no space left on device, write).",
    );
  });

  it("keeps other failures a 500 without a stack", async () => {
    const logged = captureLog();
    const res = await answer(() => {
      throw new TypeError("x is undefined");
    });
    logged.restore();
    // The log has what the answer leaves out: the error and its stack.
    expect(logged.lines[0]).toMatch(/ERROR: lifeline: request failed$/);
    expect(logged.lines[1]).toBe("    TypeError: x is undefined");
    expect(logged.lines[2]).toMatch(/^ {8}at /);
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain("undefined");
  });
});
