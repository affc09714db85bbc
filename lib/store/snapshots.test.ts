import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { captureLog } from "../log/capture.test-kit";
import {
  MAX_SNAPSHOT_BYTES,
  readSnapshot,
  SNAPSHOT_ID,
  SnapshotStore,
  SnapshotTooLarge,
} from "./snapshots";

const DAY = 86_400_000;
const T0 = Date.parse("2026-11-21T00:00:00Z");
const meta = {
  kind: "pod" as const,
  namespaces: ["dev"],
  namespace: "dev",
  name: "web",
  uid: "u-1",
  createdAt: T0,
  at: T0 - 5000,
  window: { from: T0 - 3600_000, to: T0 },
  createdBy: null,
};

describe("snapshot store", () => {
  it("keeps what it was given under an unguessable id until retention or deletion", () => {
    const store = new SnapshotStore(":memory:", 90 * DAY);
    const a = store.create(meta, { timeline: { uid: "u-1" }, events: [{ reason: "<script>" }] });
    const b = store.create(meta, {});
    expect(a.id).toMatch(SNAPSHOT_ID);
    expect(a.id).not.toBe(b.id);
    expect(Buffer.from(a.id, "base64url").length * 8).toBeGreaterThanOrEqual(128);
    expect(a.expiresAt).toBe(T0 + 90 * DAY);
    expect(store.get(a.id, T0 + DAY)).toEqual({
      ...a,
      body: { timeline: { uid: "u-1" }, events: [{ reason: "<script>" }] },
    });
    // Past retention it is not served, even before pruning.
    expect(store.get(a.id, T0 + 90 * DAY)).toBeNull();
    expect(store.prune(T0 + 90 * DAY)).toBe(2);
    expect(store.count()).toBe(0);
  });
  it("keeps an overview's scope (null: every namespace)", () => {
    const store = new SnapshotStore(":memory:", DAY);
    const all = store.create(
      { ...meta, kind: "overview", namespaces: null, namespace: "", name: "", uid: "" },
      { rows: [] },
    );
    expect(store.get(all.id, T0)).toMatchObject({
      kind: "overview",
      namespaces: null,
      body: { rows: [] },
    });
    const some = store.create(
      { ...meta, kind: "overview", namespaces: ["a", "b"], namespace: "", name: "", uid: "" },
      { rows: [] },
    );
    expect(store.get(some.id, T0)?.namespaces).toEqual(["a", "b"]);
  });
  it("deletes by id and ignores ids of the wrong shape", () => {
    const store = new SnapshotStore(":memory:", DAY);
    const a = store.create(meta, {});
    expect(store.get("x' OR 1=1 --", T0)).toBeNull();
    expect(store.delete("short")).toBe(false);
    expect(store.delete(a.id)).toBe(true);
    expect(store.get(a.id, T0)).toBeNull();
    expect(store.delete(a.id)).toBe(false);
  });
});

describe("readSnapshot (the /s/{id} page)", () => {
  it("a disk that refuses the snapshots file is said (the page answered 500); a bad id is none; other errors are not hidden", () => {
    const logged = captureLog();
    const full = () => {
      throw new Database.SqliteError("database or disk is full", "SQLITE_FULL");
    };
    expect(readSnapshot("AAAAAAAAAAAAAAAAAAAAAAAA", 0, full)).toEqual({
      unavailable: "The disk holding the history is full (SQLITE_FULL: database or disk is full).",
    });
    expect(readSnapshot("not-an-id", 0, full)).toEqual({ snapshot: null });
    // A start that failed on the data folder itself (the page is open to anyone: no path in the sentence).
    const notDir = () => {
      throw Object.assign(new Error("ENOTDIR: not a directory, mkdir '/srv/secret/data'"), {
        code: "ENOTDIR",
      });
    };
    expect(readSnapshot("AAAAAAAAAAAAAAAAAAAAAAAA", 0, notDir)).toEqual({
      unavailable: "Lifeline's data folder cannot be used (ENOTDIR).",
    });
    const store = new SnapshotStore(":memory:", 86_400_000);
    expect(readSnapshot("AAAAAAAAAAAAAAAAAAAAAAAA", 0, () => store)).toEqual({ snapshot: null });
    expect(() =>
      readSnapshot("AAAAAAAAAAAAAAAAAAAAAAAA", 0, () => {
        throw new TypeError("a bug");
      }),
    ).toThrow("a bug");
    logged.restore();
    // The server's log has the reason, the path included (the page does not), as the failure's
    // `err` (pino's field for an error: its type, message and stack; docs/live-pipeline.md#logs).
    expect(logged.lines.filter((l) => / (ERROR|WARN): /.test(l))).toEqual([
      expect.stringMatching(/ERROR: lifeline: snapshots cannot be read$/),
      expect.stringMatching(/ERROR: lifeline: snapshots cannot be read$/),
    ]);
    const text = logged.lines.join("\n");
    expect(text).toMatch(/snapshots cannot be read\n\s+\w*Error: database or disk is full\n/);
    expect(text).toMatch(
      /snapshots cannot be read\n\s+\w*Error: ENOTDIR: not a directory, mkdir '\/srv\/secret\/data'\n/,
    );
    expect(text).not.toContain("reason=");
  });
});

describe("snapshot kinds and size", () => {
  it("keeps a workload's snapshot as kind workload; a kind it does not know reads as a pod's (rows of old)", () => {
    const store = new SnapshotStore(":memory:", DAY);
    const w = store.create(
      { ...meta, kind: "workload", namespaces: ["batch"], namespace: "batch", name: "db-backup" },
      { kind: "CronJob", rows: [] },
    );
    expect(store.get(w.id, T0)).toMatchObject({
      kind: "workload",
      namespace: "batch",
      name: "db-backup",
      body: { kind: "CronJob", rows: [] },
    });
    const raw = (store as unknown as { db: Database.Database }).db;
    raw.prepare("UPDATE snapshots SET kind = 'later' WHERE id = ?").run(w.id);
    expect(store.get(w.id, T0)?.kind).toBe("pod");
  });

  it("refuses a body heavier than its limit with the size in a sentence, and stores nothing", () => {
    const store = new SnapshotStore(":memory:", DAY, 2048);
    const small = store.create(meta, { text: "x".repeat(2000) });
    expect(small.id).toMatch(SNAPSHOT_ID);
    // 1100 three-byte characters: under the limit in characters, over it in bytes.
    let err: unknown;
    try {
      store.create(meta, { text: "語".repeat(1100) });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SnapshotTooLarge);
    expect((err as SnapshotTooLarge).bytes).toBe(3300 + '{"text":""}'.length);
    expect((err as Error).message).toBe(
      "This view holds 0.003 MiB of data, more than a snapshot keeps (0.002 MiB): take it over a shorter window.",
    );
    expect(store.count()).toBe(1);
    expect(new SnapshotStore(":memory:", DAY).maxBytes).toBe(MAX_SNAPSHOT_BYTES);
  });
});
