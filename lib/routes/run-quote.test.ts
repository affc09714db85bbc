// "Why is it like this?" quotes the failed run's last words: over the demo cluster's crash-looping
// memory-hog (oom-killed scenario), the run the explanation is about has a captured tail whose last
// error-looking line is the out-of-memory line it printed; a viewer token without --logs gets no
// log text by that road (403, no text), one minted with --logs does.
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET } from "@/app/api/pods/[namespace]/[name]/logs/route";
import { viewerOf, withAccess } from "../auth/access.test-kit";
import type { Access } from "../auth/access";
import { T0 } from "../demo-cluster/cluster.test-kit";
import { pipelineOnDemo, runUntil } from "../live/fidelity.test-kit";
import { errorLine } from "../text/error-line";
import { explainPod } from "../view/explain";
import { failedRun } from "../view/run-quote";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function read(query: string, access?: Access) {
  const res = await GET(
    new Request(
      `http://lifeline.test/api/pods/dev/memory-hog/logs${query}`,
      withAccess({}, access),
    ),
    { params: Promise.resolve({ namespace: "dev", name: "memory-hog" }) },
  );
  return { status: res.status, body: await res.json() };
}

describe("the quote of a failed run's last words", () => {
  it("the demo's crash-looping memory-hog: its out-of-memory line, for who may read logs only", async () => {
    const { clock, live, follower, stop } = await pipelineOnDemo({ scenarios: ["oom-killed"] });
    cleanup.push(stop);
    const settled = () =>
      vi.waitFor(() => expect(live.logs!.state().fetching).toBe(0), { timeout: 5000, interval: 2 });
    await runUntil(clock, follower, T0 + 3 * 60_000, settled);
    await settled();
    live.flush();
    const [pod] = live.store.pods({ namespace: "dev", name: "memory-hog" });
    const tl = live.store.timeline(pod.uid, live.now())!;
    const e = explainPod(tl, "en", { now: live.now(), tz: "utc" });
    expect(e.aboutFailure).toBe(true);
    const run = failedRun(tl, e.container)!;
    expect(run.container).toBe("stress");
    expect(run.attempt).toBeGreaterThanOrEqual(2);

    const q = `?uid=${pod.uid}&container=${run.container}&run=${run.attempt}`;
    const admin = await read(q);
    expect(admin.status).toBe(200);
    expect(errorLine(admin.body.text)).toBe("fatal error: runtime: out of memory");
    // A viewer token with --logs reads it too; one without gets a sentence and no text.
    expect((await read(q, { ...viewerOf("dev"), logs: true })).body.text).toBe(admin.body.text);
    const viewer = await read(q, viewerOf("dev"));
    expect(viewer.status).toBe(403);
    expect(viewer.body.text).toBeUndefined();
    expect(JSON.stringify(viewer.body)).not.toContain("out of memory");
  }, 60_000);
});
