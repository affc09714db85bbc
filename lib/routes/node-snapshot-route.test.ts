// POST /api/snapshots {kind: "node"} over the pipeline over the demo cluster: the node-lost
// story's node page frozen (its Ready going Unknown, the pods that ran there), read back by id
// after the cluster and Lifeline are gone; within the taker's namespaces; bad input refused.
import { afterEach, describe, expect, it } from "vitest";
import { POST } from "@/app/api/snapshots/route";
import { GET as snapshotGET } from "@/app/api/snapshots/[id]/route";
import { GET as nodesGET } from "@/app/api/nodes/route";
import { GET as podsGET } from "@/app/api/pods/route";
import type { Access } from "../auth/access";
import { viewerOf, withAccess } from "../auth/access.test-kit";
import { T0 } from "../demo-cluster/cluster.test-kit";
import { pipelineOnDemo, runUntil } from "../live/fidelity.test-kit";
import { SnapshotStore } from "../store/snapshots";
import type { NodeSnapshotBody } from "./node-snapshot";
import type { NodesAnswer } from "./nodes";

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function ownStore(): SnapshotStore {
  const holder = globalThis as { __lifelineSnapshots?: SnapshotStore };
  const kept = holder.__lifelineSnapshots;
  const store = new SnapshotStore(":memory:", 86_400_000);
  holder.__lifelineSnapshots = store;
  cleanup.push(() => {
    store.close();
    holder.__lifelineSnapshots = kept;
  });
  return store;
}

async function take(body: unknown, access?: Access) {
  const res = await POST(
    new Request(
      "http://lifeline.test/api/snapshots",
      withAccess({ method: "POST", body: JSON.stringify(body) }, access),
    ),
  );
  return { status: res.status, body: await res.json() };
}

async function get<T>(route: (r: Request) => Promise<Response>, url: string, access?: Access) {
  const res = await route(new Request(`http://lifeline.test${url}`, withAccess({}, access)));
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

const iso = (ms: number) => new Date(ms).toISOString();
const ANN: Access = { role: "admin", user: "ann", namespaces: ["dev"], expiresAt: null };

describe("POST /api/snapshots {kind: node}", () => {
  it("freezes the node page's data for its window, which opens after the cluster and Lifeline are gone", async () => {
    const { clock, demo, follower, stop } = await pipelineOnDemo({ scenarios: ["node-lost"] });
    let stopped = false;
    cleanup.push(() => (stopped ? undefined : stop()));
    ownStore();
    await runUntil(clock, follower, T0 + 300_000);
    const lost = demo.truth.query({ what: "node.lost" })[0].name!;
    const to = clock.now();
    const from = to - 15 * 60_000;
    const q = `from=${from}&to=${to}`;
    // What the node page reads (components/nodes/NodeView.tsx).
    const nodes = await get<NodesAnswer>(nodesGET, `/api/nodes?${q}`);
    const pods = await get<{ pods: { uid: string }[]; truncated: boolean }>(
      podsGET,
      `/api/pods?node=${lost}&${q}&limit=2000`,
    );
    const row = nodes.nodes.find((n) => n.name === lost)!;
    expect(row.conditions.filter((c) => c.type === "Ready").map((c) => c.status)).toEqual([
      "True",
      "Unknown",
    ]);
    expect(pods.pods.length).toBeGreaterThan(0);

    const made = await take({ kind: "node", name: lost, from: iso(from), to: iso(to) });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      kind: "node",
      namespaces: null,
      name: lost,
      uid: row.uid,
      at: to,
      window: { from, to },
    });
    await stop();
    stopped = true;
    const res = await snapshotGET(new Request(`http://lifeline.test/api/snapshots/x`), {
      params: Promise.resolve({ id: made.body.id }),
    });
    const body = (await res.json()).body as NodeSnapshotBody;
    expect(body.node).toEqual(row);
    expect(body.access).toBe(nodes.access.state);
    // The same pods as the page's list, without the health the list adds (the page computes its own).
    expect(body.pods.map((p) => p.uid)).toEqual(pods.pods.map((p) => p.uid));
    expect(body.pods).toEqual(
      pods.pods.map((p) => {
        const row: Record<string, unknown> = { ...p };
        delete row.health;
        return row;
      }),
    );
    expect(body.truncated).toBe(pods.truncated);
  }, 120_000);

  it("holds only the taker's namespaces; refuses viewers, bad names, no window and unknown nodes", async () => {
    const { clock, live, follower, stop } = await pipelineOnDemo();
    cleanup.push(stop);
    const store = ownStore();
    await runUntil(clock, follower, T0 + 120_000);
    // A node that runs pods of dev and of other namespaces.
    const on = (n: string) =>
      new Set(
        live
          .rows()
          .filter((r) => r.node === n)
          .map((r) => r.namespace),
      );
    const name = [...new Set(live.rows().map((r) => r.node!))]
      .filter(Boolean)
      .find((n) => on(n).has("dev") && on(n).size > 1)!;
    expect(name).toBeDefined();
    const w = { from: iso(T0), to: iso(clock.now()) };

    const mine = await take({ kind: "node", name, ...w }, ANN);
    expect(mine.status).toBe(201);
    const held = store.get<NodeSnapshotBody>(mine.body.id, Date.now())!;
    expect(held.namespaces).toEqual(["dev"]);
    expect(held.createdBy).toBe("ann");
    expect(held.body.pods.length).toBeGreaterThan(0);
    expect(held.body.pods.filter((p) => p.namespace !== "dev")).toEqual([]);
    expect(await take({ kind: "node", name, ...w }, viewerOf("dev"))).toMatchObject({
      status: 403,
    });
    expect(await take({ kind: "node", name: "Node_1", ...w })).toEqual({
      status: 400,
      body: {
        error:
          "node \"Node_1\" is not a valid node name (lowercase letters, digits, '-' and '.', at most 253 characters).",
      },
    });
    expect(await take({ kind: "node", name })).toEqual({
      status: 400,
      body: { error: "a node snapshot needs its window: from and to." },
    });
    expect(await take({ kind: "node", ...w })).toEqual({
      status: 400,
      body: { error: "a node snapshot needs the node's name." },
    });
    expect(await take({ kind: "node", name: "node-9", ...w })).toEqual({
      status: 404,
      body: {
        error: `Lifeline has no record of node node-9 between ${w.from.replace(".000Z", "Z")} and ${w.to.replace(".000Z", "Z")}.`,
      },
    });
    expect(store.count()).toBe(1);
  }, 120_000);
});
