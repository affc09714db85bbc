// A namespace where pods/log is forbidden (403) is tried again after a back-off (one probe after
// 5 min, then 10, 20, 40 min and hourly), so an RBAC fix takes effect without a restart; the probe
// that succeeds clears logs.forbidden (what /api/cluster and the banner read). Manual clock.
import { describe, expect, it } from "vitest";
import { crashPod, setup } from "./capture.test-kit";
import { PROBE_FIRST_MS, PROBE_MAX_MS } from "./forbidden";

const MIN = 60_000;
const FORBIDDEN = Object.assign(
  new Error(
    'pods "web" is forbidden: User "system:serviceaccount:lifeline:lifeline" cannot get resource "pods/log"',
  ),
  { status: 403 },
);

/** A capture whose fetches are refused while `rbac.granted` is false. */
function withRbac() {
  const rbac = { granted: false };
  const kit = setup({}, async () => {
    if (!rbac.granted) throw FORBIDDEN;
    return "fatal error: runtime: out of memory\n";
  });
  let restarts = 0;
  /** The container restarts once more (a run ends), and the fetches it starts settle. */
  const exit = async (afterMs: number) => {
    await kit.clock.advance(afterMs);
    kit.capture.observe("MODIFIED", crashPod(++restarts));
    await kit.clock.advance(10);
  };
  return { ...kit, rbac, exit };
}

describe("a forbidden namespace is tried again", () => {
  it("one probe after 5 min, doubling to 1 h while the 403 holds; runs in between are not fetched", async () => {
    const { capture, asked, exit, lines, store, clock } = withRbac();
    await exit(0);
    expect(asked).toHaveLength(1);
    expect(capture.state().forbidden).toMatchObject([{ namespace: "dev" }]);
    const first = capture.state().forbidden[0];
    expect(first.retryAt - first.since).toBe(PROBE_FIRST_MS);
    // A run ending every minute for 4.5 hours: a fetch only at each due probe, the first run
    // ending once it is due; each refusal sets the next twice as far, at most an hour.
    const delays: number[] = [];
    let retryAt = first.retryAt;
    for (let i = 0; i < 4 * 60 + 30; i++) {
      const before = asked.length;
      await exit(MIN - 10);
      // The run ended 10 ms before its fetch was answered.
      const now = clock.now();
      const ended = now - 10;
      if (asked.length === before) {
        expect(ended).toBeLessThan(retryAt);
        continue;
      }
      expect(asked.length).toBe(before + 1);
      expect(ended - retryAt).toBeGreaterThanOrEqual(0);
      expect(ended - retryAt).toBeLessThan(MIN);
      retryAt = capture.state().forbidden[0].retryAt;
      delays.push((retryAt - now) / MIN);
    }
    expect(delays).toEqual([10, 20, 40, 60, 60, 60, 60]);
    expect(PROBE_MAX_MS).toBe(60 * MIN);
    expect(capture.state().forbidden).toHaveLength(1);
    // Said once (a warning), not at each probe refused.
    expect(lines.filter((l) => l.includes("403"))).toHaveLength(1);
    expect(store.logs.of("uid-1").every((r) => r.why === "forbidden")).toBe(true);
    store.close();
  });

  it("an RBAC fix takes effect at the next probe: captured, forbidden cleared, and runs after it fetched", async () => {
    const { capture, asked, exit, lines, rbac, store } = withRbac();
    await exit(0);
    await exit(MIN);
    expect(asked).toHaveLength(1);
    rbac.granted = true; // someone grants get on pods/log
    await exit(MIN); // 2 min after the 403: not due yet
    expect(asked).toHaveLength(1);
    expect(capture.state().forbidden).toHaveLength(1);
    await exit(3 * MIN); // 5 min: the probe
    expect(asked).toHaveLength(2);
    expect(capture.state().forbidden).toEqual([]);
    expect(lines.at(-1)).toBe("Lifeline may read container logs in namespace dev again");
    await exit(MIN);
    expect(asked).toHaveLength(3);
    const runs = store.logs.of("uid-1");
    expect(runs.map((r) => r.why)).toEqual(["forbidden", "forbidden", "forbidden", null, null]);
    expect(runs.slice(3).every((r) => r.outcome === "captured")).toBe(true);
    store.close();
  });

  it("a probe answered by the kubelet's 400 (rotated) clears it too: the request was authorized", async () => {
    const kit = setup({}, async () => {
      if (kit.asked.length === 1) throw FORBIDDEN;
      throw Object.assign(new Error('previous terminated container "app" in pod "web" not found'), {
        status: 400,
      });
    });
    kit.capture.observe("MODIFIED", crashPod(1));
    await kit.clock.advance(10); // refused
    await kit.clock.advance(PROBE_FIRST_MS);
    expect(kit.capture.state().forbidden).toHaveLength(1);
    kit.capture.observe("MODIFIED", crashPod(2));
    await kit.clock.advance(10);
    expect(kit.asked).toHaveLength(2);
    expect(kit.capture.state().forbidden).toEqual([]);
    kit.store.close();
  });

  it("a probe that gets no answer is not a verdict: the next run ending there probes", async () => {
    let calls = 0;
    const kit = setup({}, async () => {
      calls++;
      if (calls === 1) throw FORBIDDEN;
      if (calls === 2) throw Object.assign(new Error("connect ECONNREFUSED"), { status: 0 });
      return "ok\n";
    });
    kit.capture.observe("MODIFIED", crashPod(1));
    await kit.clock.advance(10); // refused
    await kit.clock.advance(PROBE_FIRST_MS);
    kit.capture.observe("MODIFIED", crashPod(2));
    await kit.clock.advance(10);
    expect(calls).toBe(2);
    expect(kit.capture.state().forbidden).toHaveLength(1);
    kit.capture.observe("MODIFIED", crashPod(3));
    await kit.clock.advance(10);
    expect(calls).toBe(3);
    expect(kit.capture.state().forbidden).toEqual([]);
    kit.store.close();
  });
});
