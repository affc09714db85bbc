// @vitest-environment happy-dom
// The overview by workload reads each row's timeline and pods over the window on the server's
// clock, from the first read (the header's window): a sped-up demo cluster (or a browser whose clock is off) is hours from Date.now(),
// and a window on the browser's clock would show the wrong hours until the next read (30 s on).
import { act, cleanup, render } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  answerWorkloadStreams,
  FakeEventSource,
  later,
  stubResizeObserver,
} from "@/components/fake-event-source.test-kit";
import { WorkloadOverview } from "./WorkloadOverview";

vi.mock("next/navigation", () => ({
  useRouter: () => ({ replace: () => {}, push: () => {}, prefetch: () => {} }),
  useSearchParams: () => new URLSearchParams("group=workload&window=1h"),
  usePathname: () => "/",
}));

const WALL = Date.parse("2026-11-25T15:44:00Z");
/** The demo cluster's clock, 10× and started long ago: 1 h 41 min ahead of the wall. */
const SERVER = Date.parse("2026-11-25T17:25:00Z");
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
const cluster = {
  mode: "demo",
  context: null,
  ready: true,
  clock: { now: SERVER, speed: 10 },
  nodes: { state: "watched", since: null, error: null },
  connection: { phase: "connected", eventsApi: "v1", reflectors: [] },
  watching: null,
};
const checkout = {
  kind: "Deployment",
  namespace: "rollouts",
  name: "checkout",
  uid: "uid-checkout",
  creationTimestamp: iso(SERVER - 2 * HOUR),
  counts: { desired: 2, current: 2, updated: 2, ready: 2, available: 2 },
  conditions: [],
  owner: null,
  revision: 6,
  currentRevision: null,
  updateRevision: null,
  paused: false,
  pods: 2,
  job: null,
};

let asked: string[] = [];
let releaseCluster: () => void = () => {};

beforeEach(() => {
  vi.useFakeTimers({ now: WALL });
  stubResizeObserver();
  asked = [];
  FakeEventSource.reset();
  vi.stubGlobal("EventSource", FakeEventSource);
  // GET /api/cluster answers late (after the workload stream's snapshot), as on a loaded server.
  const clusterAnswered = new Promise<void>((resolve) => (releaseCluster = resolve));
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      asked.push(url);
      const reply = (status: number, body: unknown) => ({
        ok: status < 400,
        status,
        json: async () => body,
      });
      if (url.startsWith("/api/cluster")) {
        await clusterAnswered;
        return reply(200, cluster);
      }
      if (url.startsWith("/api/workloads/"))
        return reply(200, { timeline: { kind: "Deployment", rollouts: [], conditions: [] } });
      if (url.startsWith("/api/nodes"))
        return reply(200, { nodes: [], window: { from: null, to: null }, at: SERVER });
      return reply(503, { error: "not here" });
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const details = () =>
  asked
    .filter((u) => u.startsWith("/api/workloads/rollouts/deployments/checkout?"))
    .map((u) => {
      const q = new URL(u, "http://x").searchParams;
      return [Number(q.get("from")), Number(q.get("to"))];
    });

describe("The overview by workload on a server clock far from the browser's", () => {
  it("reads the rows' timelines over the server's last hour, never the browser's", async () => {
    render(<WorkloadOverview defaultWindow="1h" />);
    await later();
    await answerWorkloadStreams(() => ({
      status: 200,
      body: { workloads: [checkout], omitted: [] },
    }));
    await later(100);
    // The rows are in, the server's clock is not: no window to ask for yet.
    expect(details()).toEqual([]);
    await act(async () => releaseCluster());
    await later(100);
    const reads = details();
    expect(reads.length).toBeGreaterThan(0);
    for (const [from, to] of reads) {
      // The server's clock as it answered, moved on at its speed by the 100 ms that passed.
      expect(to).toBeGreaterThanOrEqual(SERVER);
      expect(to).toBeLessThan(SERVER + 5_000);
      expect(to - from).toBe(HOUR);
    }
  });
});
