// The pipeline over a history file that is genuinely full (SQLite max_page_count): what the
// collector observed meanwhile is kept and written when space returns, the same history as a
// pipeline whose disk never filled; GET /api/cluster says the store's state all along.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/cluster/route";
import { viewerOf, withAccess } from "../auth/access.test-kit";
import type { Access } from "../auth/access";
import { T0 } from "../demo-cluster/cluster.test-kit";
import { fillUp, freeUp, rows } from "../store/disk-full.test-kit";
import { Follower, pipelineOnDemo, runUntil } from "./fidelity.test-kit";
import { Live } from "./live";

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function cluster(
  access?: Access,
): Promise<Record<string, unknown> & { store?: Record<string, unknown> }> {
  const res = await GET(new Request("http://lifeline.test/api/cluster", withAccess({}, access)));
  expect(res.status).toBe(200);
  return res.json();
}

describe("a full disk under the live pipeline", () => {
  it("keeps what was observed while the disk was full, writes it when space returns, and says so in /api/cluster", async () => {
    const { clock, demo, live, follower, stop } = await pipelineOnDemo({
      scenarios: ["pod-liveness-exec", "replicaset"],
    });
    cleanup.push(stop);
    // The same cluster followed by a pipeline whose disk never fills: the history to match.
    const reference = await Live.start(
      {
        KUBECONFIG: demo.kubeconfigPath,
        LIFELINE_DATA_DIR: mkdtempSync(join(tmpdir(), "lifeline-ref-")),
      },
      { now: () => clock.now() },
    );
    cleanup.push(() => reference.stop());
    const referenceFollows = new Follower(demo, reference);
    await referenceFollows.waitCaughtUp();
    const both = () => referenceFollows.waitCaughtUp();

    await runUntil(clock, follower, T0 + 60_000, both);
    live.flush();
    expect((await cluster()).store).toMatchObject({ state: "ok", pending: 0, dropped: 0 });
    const fullAt = clock.now();
    fillUp(live.store);
    await runUntil(clock, follower, T0 + 400_000, both);
    live.flush(true);
    reference.flush();

    // The disk refused them: the file holds fewer versions than the reference, the rest is kept.
    expect(rows(live.store, "versions")).toBeLessThan(rows(reference.store, "versions"));
    const failing = (await cluster()).store!;
    expect(failing).toMatchObject({
      state: "failing",
      reason: "full",
      code: "SQLITE_FULL",
      dropped: 0,
      lastError: "The disk holding the history is full (SQLITE_FULL: database or disk is full).",
    });
    expect(failing.since).toBeGreaterThanOrEqual(fullAt);
    expect(failing.pending).toBeGreaterThan(10);
    // A viewer learns the state, not how much the whole cluster changed.
    const viewer = (await cluster(viewerOf("dev"))).store!;
    expect(viewer).toMatchObject({ state: "failing", reason: "full", since: failing.since });
    expect(viewer).not.toHaveProperty("pending");
    expect(viewer).not.toHaveProperty("dropped");

    freeUp(live.store);
    live.flush(true);
    expect((await cluster()).store).toMatchObject({
      state: "ok",
      pending: 0,
      dropped: 0,
      lastError: null,
    });
    for (const table of ["pods", "versions", "event_versions", "node_versions"] as const)
      expect(rows(live.store, table)).toBe(rows(reference.store, table));
    const now = clock.now();
    const pods = reference.store.pods();
    expect(pods.length).toBeGreaterThan(2);
    for (const { uid } of pods) {
      expect(live.store.observations(uid)).toEqual(reference.store.observations(uid));
      expect(live.store.events(uid)).toEqual(reference.store.events(uid));
      expect(JSON.stringify(live.store.timeline(uid, now))).toBe(
        JSON.stringify(reference.store.timeline(uid, now)),
      );
    }
  });
});
