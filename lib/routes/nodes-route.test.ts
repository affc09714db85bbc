// GET /api/nodes over the pipeline over the demo cluster, and the pod timeline's node track: the
// node-lost scenario (node goes Unknown, gets the unreachable taints), viewer scoping, bad input.
import { afterEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/nodes/route";
import { GET as timelineGET } from "@/app/api/pods/[namespace]/[name]/timeline/route";
import { T0 } from "../demo-cluster/cluster.test-kit";
import { viewerOf, withAccess } from "../auth/access.test-kit";
import type { Access } from "../auth/access";
import { pipelineOnDemo, runUntil } from "../live/fidelity.test-kit";
import type { NodesAnswer } from "./nodes";
import type { PodTimelineAnswer } from "./pod-timeline";
import { POST as snapshotPOST } from "@/app/api/snapshots/route";
import { GET as snapshotGET } from "@/app/api/snapshots/[id]/route";
import { SnapshotStore } from "../store/snapshots";

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function nodes(
  query: string,
  access?: Access,
): Promise<{ status: number; body: NodesAnswer & { error?: string } }> {
  const res = await GET(
    new Request(`http://lifeline.test/api/nodes${query}`, withAccess({}, access)),
  );
  return { status: res.status, body: await res.json() };
}

const UNREACHABLE = "node.kubernetes.io/unreachable";

describe("GET /api/nodes", () => {
  it("gives each node its conditions over time, taints and pod count; a lost node goes Unknown with the unreachable taints", async () => {
    const { clock, demo, live, follower, stop } = await pipelineOnDemo({
      scenarios: ["node-lost"],
    });
    cleanup.push(stop);
    await runUntil(clock, follower, T0 + 300_000);
    const lost = demo.truth.query({ what: "node.lost" })[0].name!;
    const unknownAt = demo.truth
      .query({ what: "node.condition", name: lost })
      .find((e) => e.to === "Unknown")!.at;

    const { status, body } = await nodes("");
    expect(status).toBe(200);
    // node-4 is the node-lost story's own.
    expect(body.nodes.map((n) => n.name)).toEqual(["node-1", "node-2", "node-3", "node-4"]);
    expect(body.at).toBe(clock.now());
    const byNode = new Map<string, number>();
    for (const r of live.rows()) if (r.node) byNode.set(r.node, (byNode.get(r.node) ?? 0) + 1);
    expect(body.nodes.map((n) => n.pods)).toEqual(body.nodes.map((n) => byNode.get(n.name) ?? 0));
    const node = body.nodes.find((n) => n.name === lost)!;
    expect(node.uid).toBe(demo.store.get("nodes", undefined, lost)!.metadata.uid);
    expect(node.conditions.filter((c) => c.type === "Ready").map((c) => c.status)).toEqual([
      "True",
      "Unknown",
    ]);
    expect(node.ready).toMatchObject({
      status: "Unknown",
      reason: "NodeStatusUnknown",
      since: Math.floor(unknownAt / 1000) * 1000,
    });
    // node-4 registered with the story's own taint; the unreachable ones came with Unknown.
    expect(node.taints.map((t) => `${t.key}:${t.effect}`).sort()).toEqual([
      "lifeline.dev/story:NoSchedule",
      `${UNREACHABLE}:NoExecute`,
      `${UNREACHABLE}:NoSchedule`,
    ]);
    const unreachable = node.taints.filter((t) => t.key === UNREACHABLE);
    expect(unreachable.every((t) => t.end === null && t.start === node.ready!.since)).toBe(true);
    for (const other of body.nodes.filter((n) => n.name !== lost))
      expect(other.ready).toMatchObject({ status: "True" });

    // A window that ended before the loss: the node as it stood then.
    const before = await nodes(`?from=${T0}&to=${T0 + 120_000}`);
    expect(before.body.window).toEqual({ from: T0, to: T0 + 120_000 });
    const then = before.body.nodes.find((n) => n.name === lost)!;
    expect(then.ready).toMatchObject({ status: "True" });
    expect(then.taints.map((t) => t.key)).toEqual(["lifeline.dev/story"]);

    // The pod page's node track: db-0 runs on the lost node.
    const res = await timelineGET(
      new Request("http://lifeline.test/api/pods/dev/db-0/timeline", withAccess()),
      { params: Promise.resolve({ namespace: "dev", name: "db-0" }) },
    );
    const answer = (await res.json()) as PodTimelineAnswer;
    expect(answer.timeline.node).toBe(lost);
    expect(answer.node?.name).toBe(lost);
    expect(answer.node?.conditions.filter((c) => c.type === "Ready").map((c) => c.status)).toEqual([
      "True",
      "Unknown",
    ]);
    expect(answer.node?.taints.some((t) => t.key === UNREACHABLE && t.effect === "NoExecute")).toBe(
      true,
    );

    // A snapshot of the pod freezes its node track with it.
    const holder = globalThis as { __lifelineSnapshots?: SnapshotStore };
    const kept = holder.__lifelineSnapshots;
    holder.__lifelineSnapshots = new SnapshotStore(":memory:", 86_400_000);
    cleanup.push(() => {
      holder.__lifelineSnapshots!.close();
      holder.__lifelineSnapshots = kept;
    });
    const made = await snapshotPOST(
      new Request(
        "http://lifeline.test/api/snapshots",
        withAccess({ method: "POST", body: JSON.stringify({ namespace: "dev", name: "db-0" }) }),
      ),
    );
    expect(made.status).toBe(201);
    const { id } = await made.json();
    const frozen = await (
      await snapshotGET(new Request(`http://lifeline.test/api/snapshots/${id}`), {
        params: Promise.resolve({ id }),
      })
    ).json();
    expect(frozen.body.node).toEqual(answer.node);
  }, 60_000);

  it("counts the pods not terminated on each node at the answer's moment: now, or a past window's end", async () => {
    const { clock, live, follower, stop } = await pipelineOnDemo();
    cleanup.push(stop);
    await runUntil(clock, follower, T0 + 120_000);
    const early = clock.now();
    await runUntil(clock, follower, T0 + 10 * 60_000);
    const rows = live.rows();
    const alive = (r: { phase: string }) => r.phase !== "Succeeded" && r.phase !== "Failed";
    const countOn = (name: string, keep: (r: (typeof rows)[number]) => boolean) =>
      rows.filter((r) => r.node === name && keep(r)).length;
    // Now: Completed pods (pi, pod-restartpolicy) are not counted.
    expect(rows.some((r) => r.node && !alive(r))).toBe(true);
    const now = await nodes("");
    for (const n of now.body.nodes) expect(n.pods).toBe(countOn(n.name, alive));
    // A window that ended two minutes in: pods created since are not counted (mysql, redis and the
    // Deployment's later replicas came after); pods that had not ended yet then are.
    const then = await nodes(`?from=${T0}&to=${early}`);
    const expected = then.body.nodes.map(
      (n) =>
        live
          .history({ node: n.name, from: early, to: early, limit: 1000 }, clock.now())
          .rows.filter((r) => r.status !== "Deleted" && alive(r)).length,
    );
    expect(then.body.nodes.map((n) => n.pods)).toEqual(expected);
    // …which is not today's count: the cluster had fewer pods two minutes in.
    expect(then.body.nodes.map((n) => n.pods)).not.toEqual(now.body.nodes.map((n) => n.pods));
  }, 120_000);

  it("gives a viewer only the nodes that run pods in its namespaces, counted within them", async () => {
    const { clock, demo, follower, stop } = await pipelineOnDemo({ scenarios: ["node-lost"] });
    cleanup.push(stop);
    await runUntil(clock, follower, T0 + 30_000);
    demo.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: "prod" } });
    demo.apply({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "solo", namespace: "prod" },
      spec: { nodeName: "node-3", containers: [{ name: "c", image: "nginx:1.27" }] },
    });
    await runUntil(clock, follower, T0 + 40_000);
    const admin = await nodes("");
    expect(admin.body.nodes).toHaveLength(4);
    const prod = await nodes("", viewerOf("prod"));
    expect(prod.status).toBe(200);
    expect(prod.body.nodes.map((n) => [n.name, n.pods])).toEqual([["node-3", 1]]);
    expect((await nodes("", viewerOf("staging"))).body.nodes).toEqual([]);
    // An admin may narrow to namespaces too; a viewer may not reach past its own.
    expect((await nodes("?namespace=prod")).body.nodes.map((n) => n.name)).toEqual(["node-3"]);
    expect(await nodes("?namespace=dev", viewerOf("prod"))).toEqual({
      status: 403,
      body: { error: "This access covers namespace(s) prod only." },
    });
    const bare = await GET(new Request("http://lifeline.test/api/nodes"));
    expect(bare.status).toBe(401);
  }, 60_000);

  it("answers bad input with 400 and a sentence", async () => {
    for (const [query, message] of [
      ["?from=yesterday", /is not a time/],
      [`?from=${T0 + 1000}&to=${T0}`, /to is earlier than from/],
      ["?namespace=Dev_1", /is not a valid namespace name/],
    ] as const) {
      const { status, body } = await nodes(query);
      expect(status).toBe(400);
      expect(body.error).toMatch(message);
    }
  });
});
