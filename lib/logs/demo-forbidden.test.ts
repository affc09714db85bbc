// Over the demo cluster: an install whose RBAC lacks pods/log gets the API server's 403, and
// /api/cluster's logs.forbidden and the banner say so; once the role grants pods/log (no restart)
// the next probe captures, and logs.forbidden and the banner's line clear.
import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as clusterGET } from "@/app/api/cluster/route";
import { withAccess } from "../auth/access.test-kit";
import { T0 } from "../demo-cluster/cluster.test-kit";
import { pipelineOnDemo, runUntil } from "../live/fidelity.test-kit";
import { describeConnection } from "../view/connection";
import { PROBE_FIRST_MS } from "./forbidden";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function cluster() {
  const res = await clusterGET(new Request("http://lifeline.test/api/cluster", withAccess()));
  const info = await res.json();
  return { info, banner: describeConnection({ ok: true, info }, info.clock.now) };
}

describe("a forbidden namespace over the demo cluster", () => {
  it("an RBAC fix takes effect without a restart: the probe captures, forbidden and the banner clear", async () => {
    const { clock, demo, live, follower, stop } = await pipelineOnDemo({
      scenarios: ["oom-killed"],
      rbac: { logs: false },
    });
    cleanup.push(stop);
    const settled = () =>
      vi.waitFor(() => expect(live.logs!.state().fetching).toBe(0), { timeout: 5000, interval: 2 });
    await runUntil(clock, follower, T0 + 60_000, settled);
    await settled();
    let c = await cluster();
    expect(c.info.logs.forbidden.map((f: { namespace: string }) => f.namespace)).toEqual(["dev"]);
    expect(c.banner.logs).toMatch(/dev/);

    demo.rbac.set(null); // the role now grants pods/log
    await runUntil(clock, follower, T0 + 60_000 + PROBE_FIRST_MS + 3 * 60_000, settled);
    await settled();
    c = await cluster();
    expect(c.info.logs.forbidden).toEqual([]);
    expect(c.banner.logs).toBeUndefined();
    live.flush();
    const [pod] = live.store.pods({ namespace: "dev", name: "memory-hog" });
    const runs = live.store.logs.of(pod.uid);
    expect(runs.some((r) => r.why === "forbidden")).toBe(true);
    const captured = runs.filter((r) => r.outcome === "captured");
    expect(captured.length).toBeGreaterThan(0);
    expect(live.store.logs.get(pod.uid, "stress", captured[0].attempt)!.text).toContain(
      "out of memory",
    );
  }, 60_000);
});
