// What a full (or read-only, or failing) disk does to the history: nothing observed is dropped
// while the memory bound holds, everything kept is written in order when the disk takes writes
// again, the oldest go first once the bound is reached (counted), one log line per change of state.
// The disk is made genuinely full with SQLite's max_page_count (disk-full.test-kit.ts).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Node, Pod } from "../k8s/types";
import { Kit } from "../demo-cluster/cluster.test-kit";
import type { Observation } from "../kube/reflector";
import { collect, fillUp, freeUp, readOnly, rows } from "./disk-full.test-kit";
import { HistoryStore } from "./history-store";
import { storageFailure, WriteQueue } from "./write-queue";

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const f of cleanup.splice(0).reverse()) f();
  vi.useRealTimers();
});

function store(): HistoryStore {
  const s = new HistoryStore(join(mkdtempSync(join(tmpdir(), "lifeline-full-")), "history.db"));
  cleanup.push(() => s.close());
  return s;
}

function queue(
  s: HistoryStore,
  opts: Partial<ConstructorParameters<typeof WriteQueue<Observation>>[0]> = {},
) {
  const log: string[] = [];
  const q = new WriteQueue<Observation>({
    write: (batch) => s.observeMany(batch),
    sizeOf: (o) => JSON.stringify(o.object).length,
    maxItems: 100_000,
    maxBytes: 64 * 1024 ** 2,
    now: () => 0,
    log: (line) => log.push(line),
    ...opts,
  });
  cleanup.push(() => q.close());
  return { q, log };
}

/** One version of a pod; each carries a long status message (6 KB), so that storing it needs a new page. */
function pod(i: number): Observation {
  const message = `${"The node was low on resource: ephemeral-storage. ".repeat(120)}(${i})`;
  const object: Pod = {
    metadata: {
      uid: "u-1",
      name: "web-1",
      namespace: "dev",
      labels: { version: String(i) },
      creationTimestamp: "2026-11-20T09:00:00Z",
    },
    spec: { nodeName: "node-1", containers: [{ name: "app", image: `web:${i}` }] },
    status: { phase: "Running", message },
  };
  return {
    kind: "Pod",
    type: i === 0 ? "ADDED" : "MODIFIED",
    object: object as Observation["object"],
    observedAt: 1_000 * (i + 1),
  };
}

describe("a full disk", () => {
  it("keeps every observation it refused and writes them all, in order, when space returns: nothing lost", () => {
    const kit = new Kit({ scenarios: ["pod-liveness-exec", "replicaset"] });
    const seen = collect(kit);
    kit.at(600);
    expect(seen.length).toBeGreaterThan(100);
    const reference = store();
    reference.observeMany(seen);

    const s = store();
    const { q } = queue(s);
    const cut = Math.floor(seen.length / 3);
    for (const o of seen.slice(0, cut)) q.push(o);
    expect(q.flush()).toBe(true);
    fillUp(s);
    for (const o of seen.slice(cut)) q.push(o);
    expect(q.flush()).toBe(false);
    const failing = q.state();
    expect(failing).toMatchObject({
      state: "failing",
      since: 0,
      pending: seen.length - cut,
      dropped: 0,
      reason: "full",
      code: "SQLITE_FULL",
    });
    expect(failing.lastError).toBe(
      "The disk holding the history is full (SQLITE_FULL: database or disk is full).",
    );
    expect(failing.pendingBytes).toBeGreaterThan(0);

    freeUp(s);
    expect(q.flush({ retry: true })).toBe(true);
    expect(q.state()).toMatchObject({
      state: "ok",
      pending: 0,
      pendingBytes: 0,
      dropped: 0,
      lastError: null,
    });
    for (const table of ["pods", "versions", "event_versions", "node_versions"] as const)
      expect(rows(s, table)).toBe(rows(reference, table));
    const now = kit.clock.now();
    for (const { uid } of reference.pods()) {
      expect(s.observations(uid)).toEqual(reference.observations(uid));
      expect(s.events(uid)).toEqual(reference.events(uid));
      expect(JSON.stringify(s.timeline(uid, now))).toBe(
        JSON.stringify(reference.timeline(uid, now)),
      );
    }
  });

  it("holds no more than its bound: the oldest are dropped first and counted, the newest are written", () => {
    const s = store();
    const { q, log } = queue(s, { maxItems: 10 });
    q.push(pod(0));
    q.flush();
    fillUp(s);
    for (let i = 1; i <= 25; i++) q.push(pod(i));
    q.flush();
    expect(q.state()).toMatchObject({ state: "failing", pending: 10, dropped: 15 });
    freeUp(s);
    q.flush({ retry: true });
    expect(q.state()).toMatchObject({ state: "ok", pending: 0, dropped: 15 });
    // pod(i) is observed at (i + 1) s: pod(0) written before, pod(1…15) dropped, pod(16…25) kept.
    expect(s.observations("u-1").map((o) => o.observedAt)).toEqual(
      [1, ...Array.from({ length: 10 }, (_, i) => 17 + i)].map((i) => i * 1_000),
    );
    expect(s.latest("u-1")?.metadata?.labels).toEqual({ version: "25" });
    expect(log.filter((l) => /the oldest are dropped from now on/.test(l))).toHaveLength(1);
  });

  it("holds no more than its bound in bytes either", () => {
    const s = store();
    const size = JSON.stringify(pod(1).object).length;
    const { q } = queue(s, { maxBytes: size * 4 + 100 });
    fillUp(s);
    for (let i = 0; i < 12; i++) q.push(pod(i));
    q.flush();
    const st = q.state();
    expect(st).toMatchObject({ pending: 4, dropped: 8 });
    expect(st.pendingBytes).toBeLessThanOrEqual(size * 4 + 100);
  });

  it("says it once per change of state, not once per attempt", () => {
    const s = store();
    const { q, log } = queue(s, { maxItems: 5 });
    fillUp(s);
    for (let i = 0; i < 71; i++) {
      q.push(pod(i));
      q.flush({ retry: true });
    }
    expect(log).toHaveLength(2);
    expect(log[0]).toMatch(
      /^the history cannot be written: The disk holding the history is full \(SQLITE_FULL: database or disk is full\)\. Keeping up to 5 observations/,
    );
    expect(log[1]).toMatch(/the oldest are dropped from now on/);
    freeUp(s);
    q.flush({ retry: true });
    expect(log).toHaveLength(3);
    expect(log[2]).toMatch(
      /^the history is written again after \S+: 5 kept observations written; 66 dropped/,
    );
  });

  it("treats a read-only file the same way, and never throws", () => {
    const s = store();
    const { q } = queue(s);
    q.push(pod(0));
    q.flush();
    readOnly(s, true);
    q.push(pod(1));
    expect(() => q.flush({ retry: true })).not.toThrow();
    expect(q.state()).toMatchObject({
      state: "failing",
      reason: "read-only",
      code: "SQLITE_READONLY",
      pending: 1,
    });
    readOnly(s, false);
    q.flush({ retry: true });
    expect(q.state()).toMatchObject({ state: "ok", pending: 0 });
    expect(s.observations("u-1")).toHaveLength(2);
  });

  it("treats an I/O error the same way", () => {
    let broken = true;
    const written: number[] = [];
    const log: string[] = [];
    const q = new WriteQueue<number>({
      write: (batch) => {
        if (broken)
          throw Object.assign(new Error("disk I/O error"), { code: "SQLITE_IOERR_WRITE" });
        written.push(...batch);
      },
      sizeOf: () => 8,
      maxItems: 100,
      maxBytes: 1e6,
      now: () => 5,
      log: (l) => log.push(l),
    });
    cleanup.push(() => q.close());
    for (let i = 0; i < 3; i++) q.push(i);
    q.flush();
    expect(q.state()).toMatchObject({
      state: "failing",
      reason: "io",
      code: "SQLITE_IOERR_WRITE",
      since: 5,
    });
    broken = false;
    q.flush({ retry: true });
    expect(written).toEqual([0, 1, 2]);
  });

  it("retries on its own, waiting longer after each failure, and stops once written", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const s = store();
    const attempts: number[] = [];
    let at = 0;
    const { q } = queue(s, {
      write: (b) => {
        attempts.push(at);
        s.observeMany(b);
      },
    });
    fillUp(s);
    q.push(pod(0));
    vi.advanceTimersByTime(50); // the batch delay: the first attempt
    for (let t = 50; t < 20_000; t += 50) {
      at = t;
      vi.advanceTimersByTime(50);
    }
    // 1 s after the first failure, then 2 s, 4 s, 8 s … (at most 30 s).
    expect(attempts).toEqual([0, 1_000, 3_000, 7_000, 15_000]);
    // A read (flush without retry) does not hammer the full disk between retries.
    q.flush();
    expect(attempts).toHaveLength(5);
    freeUp(s);
    vi.advanceTimersByTime(30_000);
    expect(q.state()).toMatchObject({ state: "ok", pending: 0 });
    expect(attempts).toHaveLength(6);
    vi.advanceTimersByTime(120_000);
    expect(attempts).toHaveLength(6);
  });

  it("writes a node's change refused by a full disk when space returns (not skipped as already stored)", () => {
    const kit = new Kit({ scenarios: ["pod-liveness-exec"] });
    const s = store();
    const { q } = queue(s);
    const node = structuredClone(kit.cluster.store.list("nodes")[0]) as Node;
    q.push({
      kind: "Node",
      type: "ADDED",
      object: node as Observation["object"],
      observedAt: 1_000,
    });
    q.flush();
    fillUp(s);
    const cordoned = { ...node, spec: { ...node.spec, unschedulable: true } };
    // The node's row fits in the file's last page; the pod after it in the same transaction does
    // not, so the whole batch is rolled back.
    q.push({
      kind: "Node",
      type: "MODIFIED",
      object: cordoned as Observation["object"],
      observedAt: 2_000,
    });
    q.push(pod(1));
    q.flush();
    expect(q.state().state).toBe("failing");
    freeUp(s);
    q.flush({ retry: true });
    expect(s.nodes.versions(node.metadata!.name!).map((v) => v.observedAt)).toEqual([1_000, 2_000]);
  });

  it("sets aside an observation the store rejects for another reason, and writes the rest", () => {
    const written: number[] = [];
    const log: string[] = [];
    const q = new WriteQueue<number>({
      write: (batch) => {
        if (batch.includes(2)) throw new TypeError("cannot read properties of undefined");
        written.push(...batch);
      },
      sizeOf: () => 8,
      maxItems: 100,
      maxBytes: 1e6,
      now: () => 0,
      log: (l) => log.push(l),
    });
    cleanup.push(() => q.close());
    for (let i = 0; i < 5; i++) q.push(i);
    q.flush();
    expect(written).toEqual([0, 1, 3, 4]);
    expect(q.state()).toMatchObject({ state: "ok", pending: 0, rejected: 1 });
    expect(log).toHaveLength(1);
  });
});

describe("storageFailure", () => {
  it("names the disk's condition for the errors a disk gives, and nothing else", () => {
    expect(
      storageFailure(Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" }))
        ?.reason,
    ).toBe("full");
    expect(
      storageFailure(
        Object.assign(new Error("attempt to write a readonly database"), {
          code: "SQLITE_READONLY_DBMOVED",
        }),
      )?.reason,
    ).toBe("read-only");
    expect(
      storageFailure(Object.assign(new Error("disk I/O error"), { code: "SQLITE_IOERR_FSYNC" }))
        ?.sentence,
    ).toBe(
      "The disk holding the history failed a read or write (SQLITE_IOERR_FSYNC: disk I/O error).",
    );
    expect(
      storageFailure(Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" }))
        ?.reason,
    ).toBe("other");
    expect(storageFailure(new TypeError("x"))).toBeNull();
    expect(
      storageFailure(
        Object.assign(new Error("UNIQUE constraint failed"), {
          code: "SQLITE_CONSTRAINT_PRIMARYKEY",
        }),
      ),
    ).toBeNull();
  });
});
