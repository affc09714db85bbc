// The history store's write path: a pod's parts written once (in its versions; the pods row points
// at them), a store an earlier version wrote read and extended as it was, and a batch that meets a
// pod the store cannot take losing none of the others.
import Database from "better-sqlite3";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Kit } from "../demo-cluster/cluster.test-kit";
import type { Pod } from "../k8s/types";
import type { Observation } from "../kube/reflector";
import { HistoryStore } from "./history-store";
import { project } from "./projection";
import { WriteQueue } from "./write-queue";

const open: { close(): void }[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

function tempFile(): string {
  return join(mkdtempSync(join(tmpdir(), "lifeline-writes-")), "history.db");
}

function storeAt(file: string): HistoryStore {
  const s = new HistoryStore(file);
  open.push(s);
  return s;
}

/** Every change of the light scale set's pods for `seconds` of churn, as the collector sees them. */
function scalePods(pods: number, seconds: number): Observation[] {
  const kit = new Kit({ scale: { pods, light: true } });
  kit.at(2);
  const out: Observation[] = kit.cluster.store.list("pods", "scale").map((object) => ({
    kind: "Pod",
    type: "ADDED",
    object: structuredClone(object) as Observation["object"],
    observedAt: kit.clock.now(),
  }));
  kit.cluster.store.watch("pods", Number(kit.cluster.store.version()), (c) =>
    out.push({
      kind: "Pod",
      type: c.type,
      object: structuredClone(c.object) as Observation["object"],
      observedAt: kit.clock.now(),
    }),
  );
  kit.cluster.churn(pods);
  kit.at(2 + seconds);
  kit.cluster.churn(0);
  return out;
}

/** The store as it read each pod: every version, the last one, and the window's versions. */
function reading(store: HistoryStore, uids: string[], from: number, until: number) {
  return uids.map((uid) => ({
    observations: store.observations(uid),
    latest: store.latest(uid),
    window: store.versionsIn(uid, from, until),
    record: store.record(uid),
  }));
}

describe("history store writes", () => {
  it("writes a pod's parts once: in its versions, the pods row pointing at them", () => {
    const file = tempFile();
    const store = storeAt(file);
    const all = scalePods(20, 3);
    for (let i = 0; i < all.length; i += 7) store.observeMany(all.slice(i, i + 7));
    const db = new Database(file, { readonly: true });
    open.push(db);
    const inRows = db
      .prepare<[], { n: number }>(
        "SELECT SUM(length(meta) + length(spec) + length(pod_status)) AS n FROM pods",
      )
      .get()!.n;
    expect(inRows).toBe(0);
    // What they read back is what was observed.
    const last = new Map<string, Observation>();
    for (const o of all) last.set((o.object as Pod).metadata!.uid!, o);
    expect(last.size).toBe(20);
    for (const [uid, o] of last) {
      expect(store.latest(uid)).toEqual(
        JSON.parse(JSON.stringify({ apiVersion: "v1", kind: "Pod", ...partsOf(o.object as Pod) })),
      );
      expect(store.observations(uid).length).toBe(
        all.filter((x) => (x.object as Pod).metadata!.uid === uid).length,
      );
    }
  });

  it("reads a store an earlier version wrote (the parts in the pods row) and goes on from it", () => {
    const all = scalePods(10, 4);
    const cut = all.findIndex((o) => o.type === "MODIFIED") + 6;
    const [before, after] = [all.slice(0, cut), all.slice(cut)];
    const uids = [...new Set(all.map((o) => (o.object as Pod).metadata!.uid!))];
    const [from, until] = [all[0].observedAt + 1, all[all.length - 1].observedAt];
    // The same observations through this version only: what the earlier file must read as.
    const fresh = storeAt(tempFile());
    fresh.observeMany(all);
    const expected = reading(fresh, uids, from, until);

    const file = tempFile();
    writeAsEarlierVersion(file, before);
    const store = storeAt(file);
    store.observeMany(after);
    expect(reading(store, uids, from, until)).toEqual(expected);
    store.close();
    open.pop();
    expect(reading(storeAt(file), uids, from, until)).toEqual(expected);
  });

  it("loses none of a batch to one pod the store cannot take: that one is set aside, the others written", () => {
    const store = storeAt(":memory:");
    const all = scalePods(6, 0);
    const bad: Observation = {
      ...all[0],
      object: {
        ...all[0].object,
        metadata: {
          ...all[0].object.metadata,
          uid: "bad",
          get labels(): Record<string, string> {
            throw new Error("a getter that throws");
          },
        },
      } as unknown as Observation["object"],
    };
    const lines: string[] = [];
    const queue = new WriteQueue<Observation>({
      write: (batch) => store.observeMany(batch),
      sizeOf: () => 1,
      maxItems: 100,
      maxBytes: 1e9,
      now: () => 0,
      log: (line) => lines.push(line),
    });
    for (const o of [...all.slice(0, 3), bad, ...all.slice(3)]) queue.push(o);
    expect(queue.flush()).toBe(true);
    queue.close();
    expect(queue.state().rejected).toBe(1);
    expect(lines).toHaveLength(1);
    expect(store.record("bad")).toBeUndefined();
    for (const o of all)
      expect(store.observations((o.object as Pod).metadata!.uid!)).toHaveLength(1);
  });
});

/** The pod's parts as the store keeps them, parsed. */
function partsOf(pod: Pod): { metadata: unknown; spec: unknown; status: unknown } {
  const p = project(pod);
  return { metadata: JSON.parse(p.meta), spec: JSON.parse(p.spec), status: JSON.parse(p.status) };
}

/**
 * Writes `observations` as the store did before its pods rows pointed at their versions: the
 * current parts in the pods row (meta, spec, pod_status), each version with the parts that changed.
 */
function writeAsEarlierVersion(file: string, observations: Observation[]): void {
  const db = new Database(file);
  db.exec(`
CREATE TABLE pods (
  uid TEXT PRIMARY KEY, namespace TEXT NOT NULL, name TEXT NOT NULL, node TEXT, labels TEXT NOT NULL,
  status TEXT NOT NULL, phase TEXT NOT NULL, created_at INTEGER, deleted_at INTEGER,
  first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL,
  meta TEXT NOT NULL, spec TEXT NOT NULL, pod_status TEXT NOT NULL
);
CREATE INDEX pods_by_name ON pods(namespace, name);
CREATE INDEX pods_by_seen ON pods(last_seen);
CREATE TABLE versions (
  id INTEGER PRIMARY KEY AUTOINCREMENT, uid TEXT NOT NULL, observed_at INTEGER NOT NULL, type TEXT NOT NULL,
  meta TEXT, spec TEXT, status TEXT
);
CREATE INDEX versions_by_pod ON versions(uid, id);`);
  const current = db.prepare<[string], { meta: string; spec: string; pod_status: string }>(
    "SELECT meta, spec, pod_status FROM pods WHERE uid = ?",
  );
  // The same statuses this version derives for the row (status, phase …), from a scratch store.
  const scratch = new HistoryStore(":memory:");
  for (const o of observations) {
    const pod = o.object as Pod;
    const uid = pod.metadata!.uid!;
    const parts = project(pod);
    const existing = current.get(uid);
    scratch.observe(o);
    const r = scratch.record(uid)!;
    db.prepare("INSERT OR REPLACE INTO pods VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").run(
      uid,
      r.namespace,
      r.name,
      r.node,
      JSON.stringify(r.labels),
      r.status,
      r.phase,
      r.createdAt,
      r.deletedAt,
      r.firstSeen,
      r.lastSeen,
      parts.meta,
      parts.spec,
      parts.status,
    );
    db.prepare(
      "INSERT INTO versions (uid, observed_at, type, meta, spec, status) VALUES (?, ?, ?, ?, ?, ?)",
    ).run(
      uid,
      o.observedAt,
      o.type,
      existing?.meta === parts.meta ? null : parts.meta,
      existing?.spec === parts.spec ? null : parts.spec,
      existing?.pod_status === parts.status ? null : parts.status,
    );
  }
  scratch.close();
  db.close();
}
