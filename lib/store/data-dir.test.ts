import Database from "better-sqlite3";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  clusterHistory,
  dropStaleClusters,
  rememberedCluster,
  type ClusterIdentity,
} from "./data-dir";
import { HistoryStore } from "./history-store";
import { SnapshotStore } from "./snapshots";

const dataDir = () => join(mkdtempSync(join(tmpdir(), "lifeline-data-")), "data");
const mode = (f: string) => statSync(f).mode & 0o777;
const pod = (uid: string) => ({
  kind: "Pod" as const,
  type: "ADDED" as const,
  observedAt: 1_795_165_200_000,
  object: { metadata: { uid, name: uid, namespace: "dev" }, status: { phase: "Running" } },
});
const A: ClusterIdentity = {
  id: "0b6f3c2e-1d4a-4f5e-9a7b-3c2d1e0f9a8b",
  source: "kube-system-uid",
  server: "https://10.0.0.1:6443",
  context: "prod",
};
const B: ClusterIdentity = {
  id: "7e1d2c3b-4a59-4687-b6a5-f4e3d2c1b0a9",
  source: "kube-system-uid",
  server: "https://10.0.0.1:6443",
  context: "prod",
};

describe("the data folder's permissions", () => {
  it("creates the folder 0700 and history.db, snapshots.db and their -wal/-shm 0600, whatever the umask", () => {
    const dir = dataDir();
    const old = process.umask(0o022);
    try {
      const history = new HistoryStore(join(dir, "clusters", A.id, "history.db"));
      history.observe(pod("a"));
      const snaps = new SnapshotStore(join(dir, "snapshots.db"), 60_000);
      snaps.create(
        {
          kind: "pod",
          namespaces: ["dev"],
          namespace: "dev",
          name: "a",
          uid: "a",
          createdAt: 0,
          at: 0,
          window: { from: null, to: null },
          createdBy: null,
        },
        {},
      );
      expect(mode(dir)).toBe(0o700);
      expect(mode(join(dir, "clusters"))).toBe(0o700);
      expect(mode(join(dir, "clusters", A.id))).toBe(0o700);
      for (const f of [join(dir, "clusters", A.id, "history.db"), join(dir, "snapshots.db")]) {
        for (const ext of ["", "-wal", "-shm"]) {
          expect(existsSync(f + ext)).toBe(true);
          expect([f + ext, mode(f + ext)]).toEqual([f + ext, 0o600]);
        }
      }
      history.close();
      snaps.close();
    } finally {
      process.umask(old);
    }
  });

  it("tightens a snapshots.db an older version left 0644", () => {
    const dir = dataDir();
    mkdirSync(dir, { recursive: true });
    const file = join(dir, "snapshots.db");
    new SnapshotStore(file, 60_000).close();
    chmodSync(file, 0o644);
    new SnapshotStore(file, 60_000).close();
    expect(mode(file)).toBe(0o600);
  });
});

describe("one history per cluster", () => {
  it("keeps each cluster's history in its own folder, with a note saying which cluster it is", () => {
    const dir = dataDir();
    const a = clusterHistory(dir, A, 1000);
    const b = clusterHistory(dir, B, 2000);
    expect(a.file).toBe(join(dir, "clusters", A.id, "history.db"));
    expect(b.file).not.toBe(a.file);
    expect(JSON.parse(readFileSync(join(dir, "clusters", A.id, "cluster.json"), "utf8"))).toEqual({
      ...A,
      firstOpened: 1000,
      lastOpened: 1000,
    });
    expect(mode(join(dir, "clusters", A.id, "cluster.json"))).toBe(0o600);
    // The same server and context lately led to B: that is the one to assume while the cluster cannot be reached.
    expect(rememberedCluster(dir, A.server, A.context)).toEqual(B);
    expect(rememberedCluster(dir, A.server, "staging")).toBeNull();
    expect(() => clusterHistory(dir, { ...A, id: "../x" })).toThrow(
      '"../x" cannot name a cluster\'s folder',
    );
  });

  it("adopts a history.db from a version before per-cluster histories for the first cluster opened, with what was in its WAL", () => {
    const dir = dataDir();
    mkdirSync(dir, { recursive: true });
    const legacy = new HistoryStore(join(dir, "history.db"));
    legacy.observe(pod("old-pod"));
    // Left as a killed process leaves it: the WAL still beside the file.
    const copy = new Database(join(dir, "history.db"));
    copy.pragma("wal_autocheckpoint = 0");
    const { file, adopted } = clusterHistory(dir, A);
    expect(adopted).toBe(true);
    copy.close();
    legacy.close();
    expect(existsSync(join(dir, "history.db"))).toBe(false);
    const store = new HistoryStore(file);
    expect(store.record("old-pod")?.name).toBe("old-pod");
    store.close();
    // The next cluster starts empty.
    const other = new HistoryStore(clusterHistory(dir, B).file);
    expect(other.pods()).toEqual([]);
    other.close();
  });

  it("drops the histories of clusters not opened within the retention, never the one open", () => {
    const dir = dataDir();
    const day = 86_400_000;
    const now = 100 * day;
    clusterHistory(dir, A, now - 10 * day);
    clusterHistory(dir, B, now - 10 * day);
    const old = (now - 10 * day) / 1000;
    writeFileSync(join(dir, "clusters", A.id, "history.db"), "");
    utimesSync(join(dir, "clusters", A.id, "history.db"), old, old);
    expect(dropStaleClusters(dir, B.id, 7 * day, now)).toEqual([A.id]);
    expect(existsSync(join(dir, "clusters", A.id))).toBe(false);
    expect(existsSync(join(dir, "clusters", B.id))).toBe(true);
    // Written lately (a long run), it stays.
    clusterHistory(dir, A, now - 10 * day);
    writeFileSync(join(dir, "clusters", A.id, "history.db"), "");
    expect(dropStaleClusters(dir, B.id, 7 * day, Date.now())).toEqual([]);
  });
});
