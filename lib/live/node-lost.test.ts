// The demo cluster's node-lost scenario through the whole pipeline, on the injectable clock: the
// node goes Ready=Unknown, its pods are evicted and stay Terminating (no kubelet confirms), and the
// one health rule over the rows and their node's state says so: failing, naming the node.
import { afterEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/pods/route";
import { translator } from "../i18n";
import { healthCounts, podHealth, type Health } from "../health";
import { T0 } from "../demo-cluster/cluster.test-kit";
import { withAccess } from "../auth/access.test-kit";
import { pipelineOnDemo, runUntil } from "./fidelity.test-kit";
import type { PodRow } from "../rows/pod-row";

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

describe("a lost node", () => {
  it("keeps its pods stuck Terminating failing, names the node, and counts it not Ready", async () => {
    const { clock, live, follower, stop } = await pipelineOnDemo();
    cleanup.push(stop);
    // Before the loss (the node goes at 3 min): note which pods were failing.
    await runUntil(clock, follower, T0 + 170_000);
    const before = live.rows();
    const failingBefore = before
      .filter((r) => podHealth(r, clock.now()).level === "failing")
      .map((r) => r.uid);
    expect(live.nodes.notReady()).toEqual([]);
    // dev's db-0 (the StatefulSet story has a db-0 of its own, in namespace data).
    const lostNode = before.find((r) => r.namespace === "dev" && r.name === "db-0")!.node!;
    expect(lostNode).toBeTruthy();

    // Ten minutes in: Unknown since ~3m50s, my-nginx's pods evicted at once, db-0 after 300 s;
    // all past their 30 s grace period with no kubelet to confirm.
    await runUntil(clock, follower, T0 + 10 * 60_000);
    const now = clock.now();
    expect(live.nodes.notReady()).toEqual([lostNode]);
    const rows = live.rows();
    const stuck = rows.filter((r) => r.node === lostNode && r.status === "Terminating");
    expect(stuck.map((r) => r.name)).toEqual(expect.arrayContaining(["db-0"]));
    expect(stuck.filter((r) => r.name.startsWith("my-nginx-")).length).toBeGreaterThan(0);
    const en = translator("en");
    for (const r of stuck) {
      const h = podHealth(r, now);
      expect(h).toMatchObject({
        level: "failing",
        reason: { key: "health.stuckOnLostNode", vars: { node: lostNode } },
      });
      expect(en(h.reason!.key, h.reason!.vars)).toBe(`stuck Terminating on lost ${lostNode}`);
    }
    // The rest of the node's pods are at least a warning that names the node.
    for (const r of rows.filter((x) => x.node === lostNode))
      expect(podHealth(r, now).level).not.toBe("ok");

    // The kiosk's figures (the same function over the same rows): the stuck pods count as failing,
    // no pod failing before the loss now counts as fine, and the header names one node not Ready.
    const counts = healthCounts(rows, now);
    expect(counts.nodesNotReady).toEqual([lostNode]);
    const failingNow = new Set(
      rows.filter((r) => podHealth(r, now).level === "failing").map((r) => r.uid),
    );
    for (const r of stuck) expect(failingNow.has(r.uid)).toBe(true);
    for (const uid of failingBefore)
      if (rows.some((r) => r.uid === uid)) expect(failingNow.has(uid)).toBe(true);
    expect(counts.failing).toBe(failingNow.size);
    expect(counts.failing).toBeGreaterThanOrEqual(
      failingBefore.filter((uid) => rows.some((r) => r.uid === uid)).length +
        stuck.length -
        stuck.filter((r) => failingBefore.includes(r.uid)).length,
    );

    // /api/pods rows carry the same verdict.
    const res = await GET(
      new Request("http://lifeline.test/api/pods?namespace=dev&search=db-0", withAccess()),
    );
    const body = (await res.json()) as { pods: (PodRow & { health: Health })[] };
    expect(body.pods[0].health).toEqual({
      level: "failing",
      reason: { key: "health.stuckOnLostNode", vars: { node: lostNode, d: expect.any(String) } },
    });
    expect(body.pods[0].nodeState).toMatchObject({ ready: "Unknown", unreachable: true });

    // A window ending in the past (a minute ago, the node already lost) judges with the node as it
    // stood then, read from the store: the same verdict as live, not a softer one.
    await runUntil(clock, follower, T0 + 11 * 60_000);
    const end = now;
    const past = await GET(
      new Request(
        `http://lifeline.test/api/pods?namespace=dev&search=db-0&from=${end - 300_000}&to=${end}`,
        withAccess(),
      ),
    );
    const then = (await past.json()) as { pods: (PodRow & { health: Health })[] };
    expect(then.pods[0].nodeState).toMatchObject({ ready: "Unknown", unreachable: true });
    expect(then.pods[0].health).toMatchObject({
      level: "failing",
      reason: { key: "health.stuckOnLostNode", vars: { node: lostNode } },
    });
    // A window that ended before the loss: the node was Ready then.
    const early = live.history(
      { namespace: "dev", search: "db-0", from: T0 + 60_000, to: T0 + 170_000, limit: 10 },
      clock.now(),
    );
    expect(early.rows[0].nodeState).toBeUndefined();
  }, 120_000);
});
