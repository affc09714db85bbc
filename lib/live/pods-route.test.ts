// GET /api/pods over the pipeline over the demo cluster: current rows with kubectl's columns and a
// recent STATUS strip, filters, and the history view of a time window (deleted pods included).
import { afterEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/pods/route";
import { GET as timelineGET } from "@/app/api/pods/[namespace]/[name]/timeline/route";
import type { PodTimeline } from "../timeline";
import { T0 } from "../demo-cluster/test-kit";
import { pipelineOnDemo, runUntil } from "./fidelity";
import { noteStatus, RECENT_LIMIT, RECENT_MS, type PodRow } from "./pod-row";

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function pods(query: string): Promise<{ status: number; body: { pods: PodRow[]; truncated: boolean; error?: string } }> {
  const res = await GET(new Request(`http://lifeline.test/api/pods${query}`));
  return { status: res.status, body: await res.json() };
}

describe("GET /api/pods", () => {
  it("lists current pods with filters and a recent STATUS strip, and a window's pods from the history", async () => {
    const { clock, demo, follower, stop } = await pipelineOnDemo();
    cleanup.push(stop);
    await runUntil(clock, follower, T0 + 6 * 60_000);

    const crashing = await pods("?namespace=dev&status=CrashLoopBackOff");
    expect(crashing.status).toBe(200);
    expect(crashing.body.pods.map((p) => p.name)).toEqual(expect.arrayContaining(["memory-hog", "pod-liveness-exec"]));
    expect(crashing.body.pods.every((p) => p.status === "CrashLoopBackOff")).toBe(true);
    const liveness = (await pods("?search=LIVENESS")).body.pods;
    expect(liveness.map((p) => p.name)).toEqual(["pod-liveness-exec", "pod-liveness-httpget", "pod-liveness-tcpsocket"]);
    const exec = liveness[0];
    // The strip: what kubectl's STATUS said and since when, as the server saw it.
    expect(exec.recent.length).toBe(RECENT_LIMIT);
    expect(exec.recent.map((r) => r.status)).toEqual(expect.arrayContaining(["Running", "CrashLoopBackOff"]));
    expect(exec.recent.at(-1)!.status).toBe(exec.status);
    expect(exec.recent.every((r, i) => i === 0 || (r.start >= exec.recent[i - 1].start && r.status !== exec.recent[i - 1].status))).toBe(true);
    const [bigBatch] = (await pods("?namespace=dev&search=big-batch")).body.pods;
    expect(bigBatch.recent).toEqual([{ status: "Pending", start: T0 }]);
    const node = exec.node!;
    const onNode = (await pods(`?node=${node}`)).body.pods;
    expect(onNode.length).toBeGreaterThan(0);
    expect(onNode.every((p) => p.node === node)).toBe(true);
    expect((await pods("?namespace=dev&limit=2")).body).toMatchObject({ truncated: true, pods: [{}, {}] });

    // A pod deleted now is gone from the current list but in the window's history, marked Deleted.
    const deletedAt = clock.now();
    demo.registry.deletePod(demo.store.get("pods", "dev", "web-typo")!, 0);
    await runUntil(clock, follower, clock.now() + 1000);
    expect((await pods("?namespace=dev")).body.pods.map((p) => p.name)).not.toContain("web-typo");
    const window = await pods(`?namespace=dev&from=${new Date(T0).toISOString()}&to=${new Date(clock.now()).toISOString()}`);
    const typo = window.body.pods.find((p) => p.name === "web-typo")!;
    expect(typo).toMatchObject({ status: "Deleted", deletedAt });
    expect(typo.recent.at(-1)).toEqual({ status: "Deleted", start: deletedAt });
    // One pod's timeline through a window: as it stood at the window's end, without what ended before its start.
    const timeline = async (query: string): Promise<PodTimeline> => {
      const res = await timelineGET(new Request(`http://lifeline.test/api/pods/dev/pod-liveness-exec/timeline${query}`), { params: Promise.resolve({ namespace: "dev", name: "pod-liveness-exec" }) });
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
    expect(windowRuns.every((r) => (r.end === null || r.end >= from) && r.start <= T0 + 5 * 60_000)).toBe(true);
    // A window before any pod existed has none.
    expect((await pods(`?from=${T0 - 7200_000}&to=${T0 - 3600_000}`)).body.pods).toEqual([]);
  }, 60_000);

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
});

describe("recent STATUS strip", () => {
  it("records changes only, keeps the last of those older than an hour, and at most a dozen", () => {
    let strip = noteStatus([], "ContainerCreating", T0);
    strip = noteStatus(strip, "ContainerCreating", T0 + 1000);
    strip = noteStatus(strip, "Running", T0 + 5000);
    expect(strip).toEqual([{ status: "ContainerCreating", start: T0 }, { status: "Running", start: T0 + 5000 }]);
    strip = noteStatus(strip, "Error", T0 + RECENT_MS + 10_000);
    // ContainerCreating ended more than an hour ago; Running began before the window and still says what the pod was at its start.
    expect(strip.map((s) => s.status)).toEqual(["Running", "Error"]);
    for (let i = 0; i < 30; i++) strip = noteStatus(strip, i % 2 ? "Running" : "CrashLoopBackOff", T0 + RECENT_MS + 20_000 + i * 1000);
    expect(strip).toHaveLength(RECENT_LIMIT);
    expect(strip.at(-1)).toEqual({ status: "Running", start: T0 + RECENT_MS + 20_000 + 29_000 });
  });
});
