// @vitest-environment happy-dom
// The overview by workload (`/?group=workload`): one row per workload problems first, each with
// health, kind, a link, READY and a lane from its timeline; a row opens (a button, aria-expanded)
// to its pods' lanes with links; the switch keeps the namespaces and window; a refusal in the
// server's words, the kinds Lifeline may not list, the empty state.
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  answerWorkloadStreams,
  fakeStreamGlobals,
  later,
  workloadStreams,
  stubResizeObserver,
  type FakeAnswer,
} from "@/components/fake-event-source.test-kit";
import { translator } from "@/lib/i18n";
import { FALLBACK_AFTER_MS, WORKLOADS_EVERY_MS } from "@/components/workloads/useWorkloadFeed";
import { WorkloadOverview } from "./WorkloadOverview";

const replace = vi.fn();
vi.mock("next/navigation", () => ({
  useRouter: () => ({ replace, push: () => {}, prefetch: () => {} }),
  useSearchParams: () => new URLSearchParams(search),
  usePathname: () => "/",
}));

const t = translator("en");
let search = "";
const NOW = Date.parse("2026-11-25T10:00:00Z");
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
const STALL = 'ReplicaSet "checkout-6b7f9c5d4" has timed out progressing.';
const cluster = {
  mode: "demo",
  context: null,
  ready: true,
  clock: { now: NOW, speed: 1 },
  nodes: { state: "watched", since: null, error: null },
  connection: { phase: "connected", eventsApi: "v1", reflectors: [] },
  watching: null,
};
const cond = (type: string, status: string, reason: string, at: number, message = "") => ({
  type,
  status,
  reason,
  message,
  lastTransitionTime: iso(at),
});
const wl = (kind: string, namespace: string, name: string, over: object = {}) => ({
  kind,
  namespace,
  name,
  uid: `uid-${name}`,
  creationTimestamp: iso(NOW - 120 * MIN),
  counts: { desired: 3, current: 3, updated: 3, ready: 3, available: 3 },
  conditions: [],
  owner: null,
  revision: null,
  currentRevision: null,
  updateRevision: null,
  paused: false,
  pods: 3,
  job: null,
  ...over,
});
const rows = [
  wl("Deployment", "shop", "web", {
    revision: 2,
    conditions: [
      cond("Available", "True", "MinimumReplicasAvailable", NOW - 60 * MIN),
      cond("Progressing", "True", "NewReplicaSetAvailable", NOW - 60 * MIN),
    ],
  }),
  wl("ReplicaSet", "shop", "web-7d9c5b8f4", { owner: { kind: "Deployment", name: "web" } }),
  wl("Deployment", "rollouts", "checkout", {
    revision: 3,
    counts: { desired: 3, current: 4, updated: 1, ready: 2, available: 2 },
    conditions: [
      cond("Available", "True", "MinimumReplicasAvailable", NOW - 60 * MIN),
      cond("Progressing", "False", "ProgressDeadlineExceeded", NOW - 2 * MIN, STALL),
    ],
  }),
  wl("CronJob", "batch", "db-backup", {
    counts: { desired: null, current: null, updated: null, ready: null, available: null },
  }),
  wl("Job", "batch", "db-backup-29400002", {
    owner: { kind: "CronJob", name: "db-backup" },
    conditions: [cond("Complete", "True", "", NOW - 3 * MIN)],
    job: { completions: 1, succeeded: 1, failed: 0, active: 0 },
  }),
];
const steps = (value: number) => [{ start: NOW - 120 * MIN, end: null, value }];
const checkoutTimeline = {
  kind: "Deployment",
  counts: {
    desired: steps(3),
    available: [
      { start: NOW - 120 * MIN, end: NOW - 12 * MIN, value: 3 },
      { start: NOW - 12 * MIN, end: null, value: 2 },
    ],
    current: [],
    updated: [],
    ready: [],
  },
  rollouts: [
    {
      from: 2,
      to: 3,
      start: NOW - 12 * MIN,
      end: null,
      outcome: "stalled",
      stalledAt: NOW - 2 * MIN,
      stalledUntil: null,
      evidence: [],
    },
  ],
  conditions: [],
  cronJob: null,
};
const pod = (name: string, status: string, ready: string) => ({
  uid: `uid-${name}`,
  namespace: "rollouts",
  name,
  node: "node-a",
  phase: "Pending",
  status,
  ready,
  restarts: "0",
  restartCount: 0,
  lastRestartAt: null,
  age: "12m",
  labels: {},
  createdAt: NOW - 12 * MIN,
  deletedAt: null,
  podReady: false,
  recent: [{ start: NOW - 12 * MIN, status, phase: "Pending", ready: false, restarts: 0 }],
});
const checkoutPods = [
  pod("checkout-6b7f9c5d4-x2x9q", "ImagePullBackOff", "0/1"),
  {
    ...pod("checkout-6b7f9c5d4-r7k2m", "Running", "0/1"),
    phase: "Running",
    recent: [
      { start: NOW - 12 * MIN, status: "Running", phase: "Running", ready: false, restarts: 0 },
    ],
  },
];

let asked: string[] = [];
let list: (url: string) => FakeAnswer = () => ({ status: 503 });
/** GET /api/workloads' answer, and the workload stream's (the same rows, as its snapshot). */
function serve(workloads: (url: string) => FakeAnswer) {
  asked = [];
  list = workloads;
  fakeStreamGlobals((url) => {
    asked.push(url);
    if (url.startsWith("/api/cluster")) return { status: 200, body: cluster };
    if (url.startsWith("/api/workloads/rollouts/deployments/checkout?"))
      return {
        status: 200,
        body: { timeline: checkoutTimeline, rows: checkoutPods, podsTruncated: false, at: NOW },
      };
    if (url.startsWith("/api/workloads/")) return { status: 404, body: { error: "none" } };
    if (url.startsWith("/api/workloads")) return workloads(url);
    return { status: 503 };
  });
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  stubResizeObserver();
  replace.mockClear();
  search = "group=workload";
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const settle = async () => {
  for (let i = 0; i < 4; i++) {
    await later();
    await answerWorkloadStreams(list);
  }
};
/** The workloads' list polled (not the stream). */
const polls = () => asked.filter((u) => u === "/api/workloads" || u.startsWith("/api/workloads?"));

describe("Overview by workload", () => {
  it("one row per workload, problems first, with health, kind, link, READY and a lane", async () => {
    serve(() => ({ status: 200, body: { workloads: rows, omitted: [] } }));
    render(<WorkloadOverview defaultWindow="1h" />);
    expect(screen.getByTestId("overview-loading").textContent).toBe(t("wls.loading"));
    await settle();
    const got = screen.getAllByTestId("workload-row");
    expect(got.map((r) => r.getAttribute("data-workload"))).toEqual([
      "rollouts/checkout",
      "batch/db-backup",
      "shop/web",
    ]);
    expect(got.map((r) => r.getAttribute("data-health"))).toEqual(["failing", "ok", "ok"]);
    const [checkout, cron, web] = got;
    expect(within(checkout).getByTestId("workload-health").textContent).toBe(
      t("health.workload.stalled", { message: STALL }),
    );
    expect(within(checkout).getByTestId("workload-ready").textContent).toBe("2/3");
    expect(within(cron).getByTestId("workload-ready").textContent).toBe("—");
    expect(within(web).getByTestId("workload-ready").textContent).toBe("3/3");
    expect(within(checkout).getByTestId("workload-link").getAttribute("href")).toBe(
      "/workloads/rollouts/deployments/checkout",
    );
    expect(within(cron).getByTestId("workload-link").getAttribute("href")).toBe(
      "/workloads/batch/cronjobs/db-backup",
    );
    // The lane: availability (3 of 3, then 2 of 3 since the rollout began) and the stalled rollout beneath.
    const lane = within(checkout).getByRole("img", { name: /^rollouts\/checkout: available/ });
    const titles = [...lane.querySelectorAll("title")].map((x) => x.textContent);
    expect(titles).toEqual([
      "3 of 3 available",
      "2 of 3 available",
      "revision 2 → 3: in progress",
      "revision 2 → 3: stalled",
    ]);
    // Refused (404): says so in the server's words rather than drawing an empty lane.
    expect(within(web).getByTestId("workload-lane").textContent).toBe(
      t("ovw.laneError", { error: "none" }),
    );
    expect(screen.getByTestId("overview-workloads-counts").textContent).toMatch(
      /^3 workloads1 failing/,
    );
    // The rows came on the workload stream: the list was not polled.
    expect(workloadStreams().map((e) => e.url)).toEqual(["/api/stream?channel=workloads"]);
    expect(polls()).toEqual([]);
    expect(
      asked.some((u) =>
        /^\/api\/workloads\/rollouts\/deployments\/checkout\?from=\d+&to=\d+$/.test(u),
      ),
    ).toBe(true);
    // The window asked for is the overview's: the last hour.
    const u = new URL(
      asked.find((x) => x.includes("checkout?"))!,
      "http://x",
    );
    expect(Number(u.searchParams.get("to")) - Number(u.searchParams.get("from"))).toBe(3_600_000);
  });

  it("a row opens to its pods' lanes with links, and closes again", async () => {
    serve(() => ({ status: 200, body: { workloads: rows, omitted: [] } }));
    render(<WorkloadOverview defaultWindow="1h" />);
    await settle();
    const checkout = screen.getAllByTestId("workload-row")[0];
    const button = within(checkout).getByRole("button", {
      name: "Show the pods of rollouts/checkout",
    });
    expect(button.getAttribute("aria-expanded")).toBe("false");
    expect(within(checkout).queryAllByTestId("workload-pod")).toEqual([]);
    fireEvent.click(button);
    expect(button.getAttribute("aria-expanded")).toBe("true");
    expect(button.getAttribute("aria-label")).toBe("Hide the pods of rollouts/checkout");
    const pods = within(checkout).getAllByTestId("workload-pod");
    expect(pods).toHaveLength(2);
    // The status cell says what the pods overview says of the same pod: a running pod that is not
    // ready is a problem, named after its status.
    const status = pods.map((p) => within(p).getByTestId("workload-pod-status"));
    expect(status.map((s) => s.textContent)).toEqual([
      "ImagePullBackOff",
      `Running${t("problem.notReady")}`,
    ]);
    expect(status[1].getAttribute("title")).toBe(t("problem.notReady"));
    expect(within(pods[0]).getByRole("link").getAttribute("href")).toBe(
      "/pods/rollouts/checkout-6b7f9c5d4-x2x9q?uid=uid-checkout-6b7f9c5d4-x2x9q",
    );
    const lane = within(pods[0]).getByRole("img", {
      name: "checkout-6b7f9c5d4-x2x9q: ImagePullBackOff",
    });
    expect(lane.querySelector("title")?.textContent).toMatch(/^ImagePullBackOff · /);
    fireEvent.click(button);
    expect(within(checkout).queryAllByTestId("workload-pod")).toEqual([]);
    // A workload whose answer was refused says why instead of its pods.
    const web = screen.getAllByTestId("workload-row")[2];
    fireEvent.click(within(web).getByTestId("workload-expand"));
    expect(within(web).getAllByText(t("ovw.laneError", { error: "none" }))).toHaveLength(2);
  });

  it("the namespaces asked for are read; the switch and the window keep them", async () => {
    search = "group=workload&namespace=shop,batch&window=6h&status=Running";
    serve(() => ({ status: 200, body: { workloads: rows, omitted: [] } }));
    render(<WorkloadOverview defaultWindow="1h" />);
    await settle();
    expect(workloadStreams().map((e) => e.url)).toEqual([
      "/api/stream?channel=workloads&namespace=shop%2Cbatch",
    ]);
    expect(screen.getByTestId("group-problems").textContent).toBe(
      "status picks pods; not used with group=workload.",
    );
    expect(screen.getByTestId("group-pod").getAttribute("href")).toBe(
      "/?namespace=shop%2Cbatch&window=6h",
    );
    expect(screen.getByTestId("group-workload").getAttribute("aria-current")).toBe("page");
    const u = new URL(
      asked.find((x) => x.includes("checkout?"))!,
      "http://x",
    );
    expect(Number(u.searchParams.get("to")) - Number(u.searchParams.get("from"))).toBe(
      6 * 3_600_000,
    );
    fireEvent.click(screen.getByTestId("window-15m"));
    expect(replace).toHaveBeenLastCalledWith("/?namespace=shop%2Cbatch&window=15m&group=workload", {
      scroll: false,
    });
  });

  it("a change on the workload stream shows at once, without a poll", async () => {
    serve(() => ({ status: 200, body: { workloads: rows.slice(0, 1), omitted: [] } }));
    render(<WorkloadOverview defaultWindow="1h" />);
    await settle();
    expect(screen.getAllByTestId("workload-row")).toHaveLength(1);
    expect(
      within(screen.getByTestId("workload-row")).getByTestId("workload-ready").textContent,
    ).toBe("3/3");
    const es = workloadStreams()[0];
    // kubectl scale deploy/web --replicas=5: the Deployment's row with its new counts.
    const scaled = {
      ...rows[0],
      counts: { desired: 5, current: 5, updated: 5, ready: 3, available: 3 },
    };
    await act(async () => {
      es.send("workload", { uid: scaled.uid, row: scaled });
      for (const r of rows.slice(2)) es.send("workload", { uid: r.uid, row: r });
    });
    await later(500);
    const got = screen.getAllByTestId("workload-row");
    expect(got.map((r) => r.getAttribute("data-workload"))).toEqual([
      "rollouts/checkout",
      "shop/web",
      "batch/db-backup",
    ]);
    expect(within(got[1]).getByTestId("workload-ready").textContent).toBe("3/5");
    await act(async () => es.send("removed", { uid: "uid-checkout", row: null }));
    await later(500);
    expect(screen.getAllByTestId("workload-row")).toHaveLength(2);
    await later(3 * WORKLOADS_EVERY_MS);
    expect(polls()).toEqual([]);
  });

  it("polls the list while the stream is refused, every 10 s, and stops once it streams again", async () => {
    let n = 0;
    let streams = false;
    serve((url) => {
      if (url.startsWith("/api/workloads") && !streams) n++;
      return { status: 200, body: { workloads: n <= 1 ? rows.slice(0, 1) : rows, omitted: [] } };
    });
    fakeStreamGlobals((url) => {
      asked.push(url);
      if (url.startsWith("/api/cluster")) return { status: 200, body: cluster };
      if (url.startsWith("/api/workloads/")) return { status: 404, body: { error: "none" } };
      return list(url);
    });
    // The stream is refused (a proxy that does not pass event streams).
    const refuse = () => answerWorkloadStreams(() => ({ status: 502 }));
    render(<WorkloadOverview defaultWindow="1h" />);
    await refuse();
    await later();
    expect(screen.getByTestId("overview-loading")).toBeTruthy();
    expect(polls()).toEqual([]);
    await later(FALLBACK_AFTER_MS);
    await refuse();
    expect(polls()).toEqual(["/api/workloads"]);
    expect(screen.getAllByTestId("workload-row")).toHaveLength(1);
    await later(WORKLOADS_EVERY_MS);
    await refuse();
    expect(polls()).toHaveLength(2);
    expect(screen.getAllByTestId("workload-row")).toHaveLength(3);
    // The stream answers again: its snapshot is the feed, and the polls stop.
    streams = true;
    for (let i = 0; i < 8 && !workloadStreams().some((e) => !e.closed); i++) await later(1000);
    await answerWorkloadStreams(list);
    await later();
    const before = polls().length;
    await later(3 * WORKLOADS_EVERY_MS);
    expect(polls()).toHaveLength(before);
    expect(screen.getAllByTestId("workload-row")).toHaveLength(3);
  });

  it("says why the server refuses, the kinds it may not list, and when there is none", async () => {
    serve(() => ({
      status: 403,
      body: { error: 'This link does not give access to namespace "prod".' },
    }));
    render(<WorkloadOverview defaultWindow="1h" />);
    await settle();
    // The stream was refused: the list, read after FALLBACK_AFTER_MS, says why.
    await later(FALLBACK_AFTER_MS);
    await settle();
    expect(screen.getByTestId("overview-workloads-error").textContent).toBe(
      t("wls.error", { error: 'This link does not give access to namespace "prod".' }),
    );
    expect(screen.queryByTestId("overview-loading")).toBeNull();
    cleanup();
    serve(() => ({
      status: 200,
      body: {
        workloads: [],
        omitted: [{ resource: "cronjobs.batch", reason: "forbidden", namespaces: null }],
      },
    }));
    render(<WorkloadOverview defaultWindow="1h" />);
    await settle();
    expect(screen.getByTestId("workloads-omitted").textContent).toBe(
      "Lifeline may not list cronjobs.batch: those workloads have no rows.",
    );
    expect(screen.getByTestId("overview-empty").textContent).toBe(t("wls.empty"));
    // Asked for namespaces that have none (or do not exist): the sentence names them.
    cleanup();
    search = "group=workload&namespace=nope";
    serve(() => ({ status: 200, body: { workloads: [], omitted: [] } }));
    render(<WorkloadOverview defaultWindow="1h" />);
    await settle();
    expect(screen.getByTestId("overview-empty").textContent).toBe(
      "No workload in namespace nope: it has none, or there is no such namespace.",
    );
  });
});
