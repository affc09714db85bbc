import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "./clock";
import { DemoCluster } from "./cluster";
import { T0 } from "./cluster.test-kit";

let cluster: DemoCluster | null = null;
afterEach(async () => {
  await cluster?.stop();
  cluster = null;
});

describe("demo cluster debug routes", () => {
  it("set the churn rate, compact, cut watches, and answer mistakes with a Status", async () => {
    const clock = new ManualClock(T0);
    cluster = await DemoCluster.start({ clock, scenarios: [], scale: { pods: 10 } });
    clock.advance(30_000);
    const post = (path: string) => fetch(`${cluster!.url}${path}`, { method: "POST" });
    const restartsOf = () =>
      cluster!.store
        .list("pods", "scale")
        .reduce(
          (n, p) =>
            n +
            ((p.status as { containerStatuses?: { restartCount: number }[] }).containerStatuses?.[0]
              ?.restartCount ?? 0),
          0,
        );
    expect(restartsOf()).toBe(0);
    expect(await (await post("/debug/churn?perSecond=2")).json()).toEqual({ perSecond: 2 });
    clock.advance(5_000);
    // Two kills a second for five seconds; each killed container restarts after its first 10 s back-off.
    clock.advance(20_000);
    expect(restartsOf()).toBeGreaterThan(0);
    const bad = await post("/debug/churn?perSecond=lots");
    expect(bad.status).toBe(400);
    expect((await bad.json()).message).toBe(
      'perSecond must be a number of container kills per second, not "lots"',
    );
    expect((await post("/debug/compact")).status).toBe(200);
    expect((await post("/debug/drop-watches")).status).toBe(200);
    const unknown = await post("/debug/nothing");
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).message).toMatch(/try \/debug\/truth/);
    expect((await fetch(`${cluster.url}/debug/churn`)).status).toBe(405);
  });
});
