// GET /api/pods over the pipeline over the demo cluster: current rows with kubectl's columns and a
// recent STATUS strip, filters, and the history view of a time window (deleted pods included).
import { afterEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/pods/route";
import { GET as timelineGET } from "@/app/api/pods/[namespace]/[name]/timeline/route";
import type { PodTimeline } from "../timeline";
import { T0 } from "../demo-cluster/cluster.test-kit";
import { viewerOf, withAccess } from "../auth/access.test-kit";
import type { Access } from "../auth/access";
import { pipelineOnDemo, runUntil } from "../live/fidelity.test-kit";
import { ageText } from "../timeline";
import { noteStatus, RECENT_LIMIT, RECENT_MS, type PodRow } from "../rows/pod-row";

const shortAge = (ms: number) => ageText(0, ms);

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function pods(
  query: string,
  access?: Access,
): Promise<{
  status: number;
  body: { pods: PodRow[]; truncated: boolean; total?: number; error?: string };
}> {
  const res = await GET(
    new Request(`http://lifeline.test/api/pods${query}`, withAccess({}, access)),
  );
  return { status: res.status, body: await res.json() };
}

describe("GET /api/pods", () => {
  it("lists current pods with filters and a recent STATUS strip, and a window's pods from the history", async () => {
    const { clock, demo, follower, stop } = await pipelineOnDemo();
    cleanup.push(stop);
    await runUntil(clock, follower, T0 + 6 * 60_000);

    const crashing = await pods("?namespace=dev&status=CrashLoopBackOff");
    expect(crashing.status).toBe(200);
    expect(crashing.body.pods.map((p) => p.name)).toEqual(
      expect.arrayContaining(["memory-hog", "pod-liveness-exec"]),
    );
    expect(crashing.body.pods.every((p) => p.status === "CrashLoopBackOff")).toBe(true);
    const liveness = (await pods("?search=LIVENESS")).body.pods;
    expect(liveness.map((p) => p.name)).toEqual([
      "pod-liveness-exec",
      "pod-liveness-httpget",
      "pod-liveness-tcpsocket",
    ]);
    const exec = liveness[0];
    // The strip: what kubectl's STATUS said and since when, as the server saw it.
    expect(exec.recent.length).toBeGreaterThan(6);
    expect(exec.recent.length).toBeLessThanOrEqual(RECENT_LIMIT);
    expect(exec.recent.map((r) => r.status)).toEqual(
      expect.arrayContaining(["Running", "CrashLoopBackOff"]),
    );
    expect(exec.recent.at(-1)).toMatchObject({
      status: exec.status,
      phase: exec.phase,
      ready: exec.podReady,
      restarts: exec.restartCount,
    });
    const same = (a: PodRow["recent"][number], b: PodRow["recent"][number]) =>
      a.status === b.status &&
      a.phase === b.phase &&
      a.ready === b.ready &&
      a.restarts === b.restarts;
    expect(
      exec.recent.every(
        (r, i) => i === 0 || (r.start >= exec.recent[i - 1].start && !same(r, exec.recent[i - 1])),
      ),
    ).toBe(true);
    // Restarts only grow along the lane, and the lane saw them happen.
    expect(exec.recent.every((r, i) => i === 0 || r.restarts >= exec.recent[i - 1].restarts)).toBe(
      true,
    );
    expect(exec.recent.at(-1)!.restarts).toBeGreaterThan(exec.recent[0].restarts);
    const [bigBatch] = (await pods("?namespace=dev&search=big-batch")).body.pods;
    expect(bigBatch.recent).toEqual([
      { status: "Pending", phase: "Pending", ready: false, restarts: 0, start: T0 },
    ]);
    const node = exec.node!;
    const onNode = (await pods(`?node=${node}`)).body.pods;
    expect(onNode.length).toBeGreaterThan(0);
    expect(onNode.every((p) => p.node === node)).toBe(true);
    // A limit returns the first rows of the whole list, by namespace and name, and how many there are in all.
    const whole = (await pods("?namespace=dev")).body.pods;
    const firstTwo = (await pods("?namespace=dev&limit=2")).body;
    expect(firstTwo).toMatchObject({ truncated: true, total: whole.length });
    expect(firstTwo.pods).toEqual(whole.slice(0, 2));

    // A pod deleted now is gone from the current list but in the window's history, marked Deleted.
    const deletedAt = clock.now();
    demo.registry.deletePod(demo.store.get("pods", "dev", "web-typo")!, 0);
    await runUntil(clock, follower, clock.now() + 1000);
    expect((await pods("?namespace=dev")).body.pods.map((p) => p.name)).not.toContain("web-typo");
    const window = await pods(
      `?namespace=dev&from=${new Date(T0).toISOString()}&to=${new Date(clock.now()).toISOString()}`,
    );
    const typo = window.body.pods.find((p) => p.name === "web-typo")!;
    expect(typo).toMatchObject({ status: "Deleted", deletedAt });
    expect(typo.recent.at(-1)).toMatchObject({ status: "Deleted", ready: false, start: deletedAt });
    // One pod's timeline through a window: as it stood at the window's end, without what ended before its start.
    const timeline = async (query: string): Promise<PodTimeline> => {
      const res = await timelineGET(
        new Request(
          `http://lifeline.test/api/pods/dev/pod-liveness-exec/timeline${query}`,
          withAccess(),
        ),
        { params: Promise.resolve({ namespace: "dev", name: "pod-liveness-exec" }) },
      );
      expect(res.status).toBe(200);
      return (await res.json()).timeline;
    };
    const full = (await timeline("")).containers[0].runs;
    const to = T0 + 3 * 60_000;
    const asOf = (await timeline(`?to=${new Date(to).toISOString()}`)).containers[0].runs;
    expect(asOf.length).toBe(full.filter((r) => r.start <= to).length);
    expect(asOf.slice(0, -1)).toEqual(full.slice(0, asOf.length - 1));
    expect(asOf.at(-1)!.end === null || asOf.at(-1)!.end! <= to).toBe(true);
    const from = T0 + 4 * 60_000;
    const windowRuns = (await timeline(`?from=${from}&to=${T0 + 5 * 60_000}`)).containers[0].runs;
    expect(windowRuns.length).toBeGreaterThan(0);
    expect(
      windowRuns.every((r) => (r.end === null || r.end >= from) && r.start <= T0 + 5 * 60_000),
    ).toBe(true);
    // A window before any pod existed has none.
    expect((await pods(`?from=${T0 - 7200_000}&to=${T0 - 3600_000}`)).body.pods).toEqual([]);
  }, 60_000);

  it("shows a window that ends in the past as it stood at its end: STATUS, READY, RESTARTS and their ages", async () => {
    const { clock, demo, follower, stop } = await pipelineOnDemo();
    cleanup.push(stop);
    await runUntil(clock, follower, T0 + 6 * 60_000);
    const now = (await pods("?namespace=dev&search=pod-liveness-exec")).body.pods[0];
    // A window ending at the lane's change before two more restarts came.
    const lane = now.recent;
    const past = lane.findLast((c) => c.restarts <= now.restartCount - 2 && c.restarts > 0)!;
    expect(past).toBeDefined();
    const to = past.start + 1000;
    // A pod deleted after the window's end was not deleted then.
    demo.registry.deletePod(demo.store.get("pods", "dev", "pod-liveness-exec")!, 0);
    await runUntil(clock, follower, clock.now() + 1000);
    const rows = (
      await pods(
        `?namespace=dev&from=${new Date(T0).toISOString()}&to=${new Date(to).toISOString()}`,
      )
    ).body.pods;
    const then = rows.find((p) => p.name === "pod-liveness-exec")!;
    const was = lane.findLast((c) => c.start <= to)!;
    expect(then).toMatchObject({
      status: was.status,
      podReady: was.ready,
      restartCount: was.restarts,
    });
    expect(then.restartCount).toBeLessThan(now.restartCount);
    expect(then.lastRestartAt).not.toBeNull();
    expect(then.lastRestartAt!).toBeLessThanOrEqual(to);
    expect(then.restarts).toBe(`${was.restarts} (${shortAge(to - then.lastRestartAt!)} ago)`);
    expect(then.age).toBe(shortAge(to - then.createdAt!));
    // Its lane still runs on to its deletion, which the window does not show.
    expect(then.deletedAt).not.toBeNull();
    expect(then.deletedAt!).toBeGreaterThan(to);
  }, 60_000);

  it("draws a past window's lane from the stored versions: a flapping pod's lane starts at or before the window, though the live lane kept only its last changes", async () => {
    // Only the flapping pod's story: with the whole catalogue (now with an every-minute CronJob,
    // rollouts and sets) the simulated minutes this needs passed the 120 s timeout at load 6–12;
    // with this story alone the test takes about 2.5 s.
    const { clock, follower, stop } = await pipelineOnDemo({ scenarios: ["readiness-flapping"] });
    cleanup.push(stop);
    const flappy = async () => (await pods("?namespace=dev&search=api-flappy")).body.pods[0];
    // Run until the live lane has dropped its oldest changes for the count limit.
    let live = await flappy();
    while (live.recent.length < RECENT_LIMIT || live.recent[0].start <= T0 + 10 * 60_000) {
      await runUntil(clock, follower, clock.now() + 5 * 60_000);
      live = await flappy();
    }
    const from = live.recent[0].start - 5 * 60_000;
    const to = live.recent[0].start + 60_000;
    const then = (
      await pods(
        `?namespace=dev&search=api-flappy&from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`,
      )
    ).body.pods[0];
    expect(then.recent[0].start).toBeLessThanOrEqual(from);
    // Each change inside the window, none after its end, and the readiness flips the pod made in it.
    expect(then.recent.every((c) => c.start <= to)).toBe(true);
    expect(then.recent.filter((c) => c.start > from).length).toBeGreaterThanOrEqual(8);
    expect(then.recent.some((c) => c.ready) && then.recent.some((c) => !c.ready)).toBe(true);
    expect(then.recent.at(-1)).toMatchObject({
      status: then.status,
      ready: then.podReady,
      restarts: then.restartCount,
    });
  }, 120_000);

  it("answers bad filters with 400 and a sentence", async () => {
    for (const [query, message] of [
      ["?status=Crash%20Loop", /is not a kubectl STATUS/],
      ["?node=Node_1", /is not a valid node name/],
      ["?search=%3Cscript%3E", /can only hold the characters of a pod name/],
      ["?limit=0", /must be a whole number from 1 to/],
      ["?from=yesterday", /is not a time/],
    ] as const) {
      const { status, body } = await pods(query);
      expect(status).toBe(400);
      expect(body.error).toMatch(message);
    }
  });

  it("answers only for the caller's namespaces: none asked outside them, 401 without access", async () => {
    const { clock, follower, stop } = await pipelineOnDemo();
    cleanup.push(stop);
    await runUntil(clock, follower, T0 + 60_000);
    expect((await pods("", viewerOf("dev"))).body.pods.length).toBeGreaterThan(5);
    expect((await pods("", viewerOf("prod"))).body.pods).toEqual([]);
    const refused = await pods("?namespace=dev,prod", viewerOf("prod"));
    expect(refused).toEqual({
      status: 403,
      body: { error: "This access covers namespace(s) prod only." },
    });
    const timeline = await timelineGET(
      new Request(
        "http://lifeline.test/api/pods/dev/pod-liveness-exec/timeline",
        withAccess({}, viewerOf("prod")),
      ),
      { params: Promise.resolve({ namespace: "dev", name: "pod-liveness-exec" }) },
    );
    expect(timeline.status).toBe(403);
    const bare = await GET(new Request("http://lifeline.test/api/pods"));
    expect(bare.status).toBe(401);
    expect(bare.headers.get("www-authenticate")).toContain("Bearer");
  });
});

describe("the lane (recent changes)", () => {
  const state = (status: string, over: Partial<PodRow["recent"][number]> = {}) => ({
    status,
    phase: status === "Running" ? "Running" : "Pending",
    ready: status === "Running",
    restarts: 0,
    ...over,
  });
  it("records changes only, keeps the last of those older than the longest window, and at most RECENT_LIMIT", () => {
    let strip = noteStatus([], state("ContainerCreating"), T0);
    strip = noteStatus(strip, state("ContainerCreating"), T0 + 1000);
    strip = noteStatus(strip, state("Running"), T0 + 5000);
    expect(strip).toEqual([
      { ...state("ContainerCreating"), start: T0 },
      { ...state("Running"), start: T0 + 5000 },
    ]);
    // The same STATUS with the pod no longer ready, then with one more restart: both are changes.
    strip = noteStatus(strip, state("Running", { ready: false }), T0 + 6000);
    strip = noteStatus(strip, state("Running", { ready: false, restarts: 1 }), T0 + 7000);
    expect(strip.map((s) => [s.ready, s.restarts])).toEqual([
      [false, 0],
      [true, 0],
      [false, 0],
      [false, 1],
    ]);
    strip = noteStatus(strip, state("Error"), T0 + RECENT_MS + 10_000);
    // Everything before ended longer ago than the window; the last of it still says what the pod was at the window's start.
    expect(strip.map((s) => s.status)).toEqual(["Running", "Error"]);
    expect(strip[0].restarts).toBe(1);
    const n = 2 * RECENT_LIMIT + 10;
    for (let i = 0; i < n; i++)
      strip = noteStatus(
        strip,
        state(i % 2 ? "Running" : "CrashLoopBackOff"),
        T0 + RECENT_MS + 20_000 + i * 1000,
      );
    expect(strip).toHaveLength(RECENT_LIMIT);
    expect(strip.at(-1)).toEqual({
      ...state("Running"),
      start: T0 + RECENT_MS + 20_000 + (n - 1) * 1000,
    });
  });
});
