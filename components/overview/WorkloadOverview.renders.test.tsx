// @vitest-environment happy-dom
// The overview by workload renders a row again only when something of that row changed: opening
// one row, or one row's answer arriving, leaves the others as they were (at 2,000 Deployments
// every answer re-rendering every shown row made frames of 200–500 ms: docs/performance.md).
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  answerWorkloadStreams,
  workloadStreams,
  fakeStreamGlobals,
  later,
  stubResizeObserver,
} from "@/components/fake-event-source.test-kit";
import { WorkloadOverview } from "./WorkloadOverview";

// Each row draws its lane once per render through cardStrip: counted by the timeline it is given.
const strips = vi.hoisted(() => [] as unknown[]);
vi.mock("@/lib/view/kiosk-workloads", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/view/kiosk-workloads")>();
  return {
    ...actual,
    cardStrip: (...args: Parameters<typeof actual.cardStrip>) => {
      strips.push(args[0]);
      return actual.cardStrip(...args);
    },
  };
});
// Next's Link, with whether it prefetches written on the anchor.
vi.mock("next/link", () => ({
  default: ({ prefetch, href, children, replace, scroll, ...rest }: Record<string, unknown>) => (
    <a
      href={String(href)}
      data-prefetch={String(prefetch)}
      data-replace={String(replace)}
      data-scroll={String(scroll)}
      {...rest}
    >
      {children as ReactNode}
    </a>
  ),
}));
vi.mock("next/navigation", () => ({
  useRouter: () => ({ replace: () => {}, push: () => {}, prefetch: () => {} }),
  useSearchParams: () => new URLSearchParams("group=workload"),
  usePathname: () => "/",
}));

const NOW = Date.parse("2026-11-25T10:00:00Z");
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
const cluster = {
  mode: "demo",
  context: null,
  ready: true,
  clock: { now: NOW, speed: 1 },
  nodes: { state: "watched", since: null, error: null },
  connection: { phase: "connected", eventsApi: "v1", reflectors: [] },
  watching: null,
};
const deployment = (name: string) => ({
  kind: "Deployment",
  namespace: "shop",
  name,
  uid: `uid-${name}`,
  creationTimestamp: iso(NOW - 120 * MIN),
  counts: { desired: 2, current: 2, updated: 2, ready: 2, available: 2 },
  conditions: [],
  owner: null,
  revision: 1,
  currentRevision: null,
  updateRevision: null,
  paused: false,
  pods: 2,
  job: null,
});
const timeline = () => ({
  kind: "Deployment",
  counts: {
    desired: [{ start: NOW - 120 * MIN, end: null, value: 2 }],
    available: [{ start: NOW - 120 * MIN, end: null, value: 2 }],
    current: [],
    updated: [],
    ready: [],
  },
  rollouts: [],
  conditions: [],
  cronJob: null,
});
const pod = (name: string) => ({
  uid: `uid-${name}`,
  namespace: "shop",
  name,
  node: "node-a",
  phase: "Running",
  status: "Running",
  ready: "1/1",
  restarts: "0",
  restartCount: 0,
  lastRestartAt: null,
  age: "2h",
  labels: {},
  createdAt: NOW - 120 * MIN,
  deletedAt: null,
  podReady: true,
  recent: [
    { start: NOW - 120 * MIN, status: "Running", phase: "Running", ready: true, restarts: 0 },
  ],
});
const NAMES = ["api", "cart", "web"];
/** Each workload's answer's timeline: the lane drawn is told by the object it is drawn from. */
const TIMELINES = new Map(NAMES.map((n) => [n, timeline()]));

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  stubResizeObserver();
  strips.length = 0;
  fakeStreamGlobals((url) => {
    if (url.startsWith("/api/cluster")) return { status: 200, body: cluster };
    const detail = /^\/api\/workloads\/shop\/deployments\/(\w+)\?/.exec(url);
    if (detail)
      return {
        status: 200,
        body: {
          timeline: TIMELINES.get(detail[1]),
          rows: [pod(`${detail[1]}-7d9c5b8f4-lnbk9`)],
          podsTruncated: false,
          at: NOW,
        },
      };
    if (url.startsWith("/api/workloads")) return list();
    return { status: 503 };
  });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** GET /api/workloads' answer, and the workload stream's snapshot (the same rows). */
const list = () => ({ status: 200, body: { workloads: NAMES.map(deployment), omitted: [] } });
const settle = async () => {
  for (let i = 0; i < 4; i++) {
    await later();
    await answerWorkloadStreams(list);
  }
};

const drawnFor = (name: string) => strips.filter((s) => s === TIMELINES.get(name)).length;

describe("Overview by workload: rows render again only when theirs changed", () => {
  it("opening one row leaves the others' lanes as drawn", async () => {
    render(<WorkloadOverview defaultWindow="1h" />);
    await settle();
    const rows = screen.getAllByTestId("workload-row");
    expect(rows.map((r) => r.getAttribute("data-workload"))).toEqual(NAMES.map((n) => `shop/${n}`));
    expect(rows.every((r) => within(r).getByTestId("workload-lane").dataset.read === "true")).toBe(
      true,
    );
    const before = NAMES.map(drawnFor);
    fireEvent.click(within(rows[1]).getByTestId("workload-expand"));
    expect(rows[1].getAttribute("data-open")).toBe("true");
    expect(NAMES.map(drawnFor)).toEqual([before[0], before[1] + 1, before[2]]);
  });

  it("an answer arriving for one row draws that row's lane alone", async () => {
    // The answers arrive 100 ms apart, as from a server building them one after another.
    const answer = vi.mocked(fetch).getMockImplementation()!;
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string) => {
        const name = /^\/api\/workloads\/shop\/deployments\/(\w+)\?/.exec(url)?.[1];
        if (name) await new Promise((r) => setTimeout(r, 100 * (NAMES.indexOf(name) + 1)));
        return answer(url);
      }),
    );
    render(<WorkloadOverview defaultWindow="1h" />);
    await settle();
    expect(NAMES.map(drawnFor)).toEqual([0, 0, 0]);
    for (let i = 0; i < 3; i++) await later(100);
    expect(screen.getAllByTestId("workload-lane").map((l) => l.dataset.read)).toEqual([
      "true",
      "true",
      "true",
    ]);
    // Each lane was drawn from its timeline once: on its own answer, not again on the others'.
    expect(NAMES.map(drawnFor)).toEqual([1, 1, 1]);
  });

  it("its links do not prefetch their pages as they scroll into view", async () => {
    render(<WorkloadOverview defaultWindow="1h" />);
    await settle();
    fireEvent.click(
      within(screen.getAllByTestId("workload-row")[0]).getByTestId("workload-expand"),
    );
    const links = [
      ...screen.getAllByTestId("workload-link"),
      ...within(screen.getByTestId("workload-pod")).getAllByRole("link"),
    ];
    expect(links.map((a) => a.getAttribute("href"))).toEqual([
      "/workloads/shop/deployments/api",
      "/workloads/shop/deployments/cart",
      "/workloads/shop/deployments/web",
      "/pods/shop/api-7d9c5b8f4-lnbk9?uid=uid-api-7d9c5b8f4-lnbk9",
    ]);
    expect(links.map((a) => a.dataset.prefetch)).toEqual(["false", "false", "false", "false"]);
  });

  it("a stream frame for one workload renders that row alone", async () => {
    render(<WorkloadOverview defaultWindow="1h" />);
    await settle();
    const before = NAMES.map(drawnFor);
    // cart's READY drops to 1/2 (readiness alone: its detail is not read again for it).
    const row = { ...deployment("cart") };
    row.counts = { ...row.counts, ready: 1 };
    await act(async () => workloadStreams()[0].send("workload", { uid: "uid-cart", row }));
    await later(1000);
    const cart = screen.getAllByTestId("workload-row")[1];
    expect(within(cart).getByTestId("workload-ready").textContent).toBe("1/2");
    expect(NAMES.map(drawnFor)).toEqual([before[0], before[1] + 1, before[2]]);
  });
});
