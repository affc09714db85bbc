// POST /api/snapshots {kind: "workload"} over the pipeline over the demo cluster: the CronJob
// batch/db-backup's page (cronjob-backup scenario) frozen with its runs, read back by id after the
// cluster and Lifeline are gone; bad input, access and size refused with a sentence.
import { afterEach, describe, expect, it } from "vitest";
import { POST } from "@/app/api/snapshots/route";
import { GET as snapshotGET } from "@/app/api/snapshots/[id]/route";
import { GET as detailGET } from "@/app/api/workloads/[namespace]/[kind]/[name]/route";
import type { Access } from "../auth/access";
import { viewerOf, withAccess } from "../auth/access.test-kit";
import { T0 } from "../demo-cluster/cluster.test-kit";
import { pipelineOnDemo, runUntil } from "../live/fidelity.test-kit";
import { SnapshotStore } from "../store/snapshots";
import type { WorkloadDetailAnswer } from "./workload-detail";
import type { WorkloadSnapshotBody } from "./workload-snapshot";

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** A snapshot store of its own for the test (the route reads the process's). */
function ownStore(maxBytes?: number): SnapshotStore {
  const holder = globalThis as { __lifelineSnapshots?: SnapshotStore };
  const kept = holder.__lifelineSnapshots;
  const store = new SnapshotStore(":memory:", 86_400_000, maxBytes);
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
      withAccess(
        { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body) },
        access,
      ),
    ),
  );
  return { status: res.status, body: await res.json() };
}

async function read(id: string) {
  const res = await snapshotGET(new Request(`http://lifeline.test/api/snapshots/${id}`), {
    params: Promise.resolve({ id }),
  });
  return { status: res.status, body: await res.json() };
}

async function detail(query: string): Promise<WorkloadDetailAnswer> {
  const res = await detailGET(
    new Request(
      `http://lifeline.test/api/workloads/batch/cronjobs/db-backup${query}`,
      withAccess(),
    ),
    { params: Promise.resolve({ namespace: "batch", kind: "cronjobs", name: "db-backup" }) },
  );
  expect(res.status).toBe(200);
  return res.json();
}

const iso = (ms: number) => new Date(ms).toISOString();

describe("POST /api/snapshots {kind: workload}", () => {
  it("freezes the workload page's answer for its window, which opens after the cluster and Lifeline are gone", async () => {
    const { clock, follower, stop } = await pipelineOnDemo({ scenarios: ["cronjob-backup"] });
    let stopped = false;
    cleanup.push(() => (stopped ? undefined : stop()));
    ownStore();
    await runUntil(clock, follower, T0 + 5 * 60_000 + 30_000);
    const to = clock.now();
    const from = to - 15 * 60_000;
    const page = await detail(`?from=${from}&to=${to}`);
    // The story's runs: the third failed, the others completed (cronjob-backup.test.ts).
    const results = page.timeline.cronJob!.runs.map((r) => r.result);
    expect(results).toContain("Failed");
    expect(results).toContain("Complete");

    const made = await take({
      kind: "workload",
      namespace: "batch",
      workload: "cronjobs",
      name: "db-backup",
      from: iso(from),
      to: iso(to),
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      kind: "workload",
      namespace: "batch",
      name: "db-backup",
      uid: page.uid,
      namespaces: ["batch"],
      at: to,
      window: { from, to },
      url: `/s/${made.body.id}`,
    });

    // The cluster and Lifeline's history go; the snapshot stays.
    await stop();
    stopped = true;
    const got = await read(made.body.id);
    expect(got.status).toBe(200);
    const body = got.body.body as WorkloadSnapshotBody;
    // What the page draws, exactly as the detail route answered it for that window.
    expect(body).toEqual({
      kind: "CronJob",
      namespace: "batch",
      name: "db-backup",
      uid: page.uid,
      versions: page.versions,
      timeline: page.timeline,
      rows: page.rows,
      podsTruncated: page.podsTruncated,
      events: page.events,
    });
    expect(body.rows.length).toBeGreaterThan(0);
    // The CronJob's own events (SuccessfulCreate …) are kept: the snapshot does not say "no event".
    expect(body.events!.some((e) => e.object === "CronJob/db-backup")).toBe(true);
    // Env names only, never values (workload-state.ts keeps names; the pods' rows hold no env).
    expect(JSON.stringify(body)).not.toMatch(/"value"\s*:/);
  }, 120_000);

  it("refuses bad input with a sentence: a bad kind 400, no window 400, an unknown workload 404, logs 400", async () => {
    const { clock, follower, stop } = await pipelineOnDemo({ scenarios: ["cronjob-backup"] });
    cleanup.push(stop);
    const store = ownStore();
    await runUntil(clock, follower, T0 + 60_000);
    const w = { from: iso(T0), to: iso(clock.now()) };
    const base = { kind: "workload", namespace: "batch", workload: "cronjobs", name: "db-backup" };

    expect(await take({ ...base, workload: "pods", ...w })).toEqual({
      status: 400,
      body: {
        error:
          'kind "pods" is not a workload kind: deployments, replicasets, statefulsets, daemonsets, jobs or cronjobs.',
      },
    });
    expect(await take(base)).toEqual({
      status: 400,
      body: { error: "a workload snapshot needs its window: from and to." },
    });
    expect(await take({ kind: "workload", namespace: "batch", ...w })).toEqual({
      status: 400,
      body: {
        error:
          "a workload snapshot needs namespace, workload (its kind: deployments, cronjobs …) and name.",
      },
    });
    expect((await take({ ...base, ...w, logs: true })).body.error).toBe(
      "a workload snapshot holds no logs; logs go with a pod's.",
    );
    expect(await take({ ...base, name: "no-such-backup", ...w })).toEqual({
      status: 404,
      body: { error: "Lifeline has never seen a cronjob batch/no-such-backup." },
    });
    expect((await take({ ...base, kind: "cluster", ...w })).body.error).toBe(
      'kind "cluster" is not one Lifeline knows: pod, overview, workload or node.',
    );
    expect(store.count()).toBe(0);
  }, 120_000);

  it("takes a signed-in person with access to the namespace; a view too large to keep is a 413", async () => {
    const { clock, follower, stop } = await pipelineOnDemo({ scenarios: ["cronjob-backup"] });
    cleanup.push(stop);
    await runUntil(clock, follower, T0 + 3 * 60_000);
    const want = {
      kind: "workload",
      namespace: "batch",
      workload: "cj",
      name: "db-backup",
      from: iso(T0),
      to: iso(clock.now()),
    };
    // A store that keeps at most 4 KiB: the CronJob's page holds more.
    const small = ownStore(4096);
    const big = await take(want);
    expect(big.status).toBe(413);
    expect(big.body.error).toMatch(
      /^This view holds \d+\.\d+ MiB of data, more than a snapshot keeps \(0\.004 MiB\): take it over a shorter window\.$/,
    );
    expect(small.count()).toBe(0);

    const store = ownStore();
    expect(await take(want, viewerOf("batch"))).toEqual({
      status: 403,
      body: { error: "Viewer links are read-only: snapshots are taken by people who sign in." },
    });
    const devOnly: Access = { role: "admin", user: "ann", namespaces: ["dev"], expiresAt: null };
    expect((await take(want, devOnly)).status).toBe(403);
    expect(store.count()).toBe(0);
    const annsBatch: Access = { ...devOnly, namespaces: ["batch"] };
    const made = await take(want, annsBatch);
    expect(made.status).toBe(201);
    expect(made.body.createdBy).toBe("ann");
    expect(store.count()).toBe(1);
  }, 120_000);
});
