// @vitest-environment happy-dom
// The kiosk by workload (`/kiosk?group=workload`): the workload stream (GET /api/workloads when it is refused), one
// card per workload problems first, each with its availability, the rollout under way and a strip
// from its timeline; a refusal in the server's words; no pod stream opened.
import { act, cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  answerWorkloadStreams,
  fakeStreamGlobals,
  workloadStreams,
  FakeEventSource,
  later,
  stubResizeObserver,
  type FakeAnswer,
} from "@/components/fake-event-source.test-kit";
import { translator } from "@/lib/i18n";
import { FALLBACK_AFTER_MS } from "@/components/workloads/useWorkloadFeed";
import { Kiosk } from "./Kiosk";

vi.mock("next/navigation", () => ({
  useRouter: () => ({ replace: () => {} }),
  useSearchParams: () => new URLSearchParams(search),
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
  wl("ReplicaSet", "shop", "web-7d9c5b8f4", {
    owner: { kind: "Deployment", name: "web", uid: "u" },
  }),
  wl("Deployment", "rollouts", "checkout", {
    revision: 3,
    conditions: [
      cond("Available", "True", "MinimumReplicasAvailable", NOW - 60 * MIN),
      cond("Progressing", "False", "ProgressDeadlineExceeded", NOW - 2 * MIN, STALL),
    ],
  }),
  wl("CronJob", "batch", "db-backup", {
    counts: { desired: null, current: null, updated: null, ready: null, available: null },
  }),
  wl("Job", "batch", "db-backup-29400002", {
    owner: { kind: "CronJob", name: "db-backup", uid: "c" },
    conditions: [cond("Complete", "True", "", NOW - 3 * MIN)],
    job: { completions: 1, succeeded: 1, failed: 0, active: 0 },
  }),
];
const checkoutTimeline = {
  kind: "Deployment",
  counts: {
    desired: [{ start: NOW - 120 * MIN, end: null, value: 3 }],
    available: [{ start: NOW - 120 * MIN, end: null, value: 3 }],
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
/** A row of GET /api/nodes (lib/routes/nodes.ts) at NOW: Ready `status` since 10 minutes, `pods` on it. */
const nodeRow = (name: string, status: string, pods: number, taints: string[] = []) => ({
  name,
  uid: `uid-${name}`,
  createdAt: NOW - 600 * MIN,
  observedFrom: NOW - 600 * MIN,
  deletedAt: null,
  conditions: [],
  taints: taints.map((key) => ({
    key,
    value: null,
    effect: "NoExecute",
    start: NOW - 9 * MIN,
    end: null,
  })),
  unschedulable: [],
  ready: {
    status,
    reason: status === "True" ? "KubeletReady" : "NodeStatusUnknown",
    message: null,
    since: NOW - 10 * MIN,
  },
  warnings: [],
  pods,
});
let nodes: unknown[] = [];
let asked: string[] = [];
let list: (url: string) => FakeAnswer = () => ({ status: 503 });
/** GET /api/workloads' answer, and the workload stream's (the same rows, as its snapshot). */
function serve(workloads: (url: string) => FakeAnswer) {
  asked = [];
  list = workloads;
  fakeStreamGlobals((url) => {
    asked.push(url);
    if (url.startsWith("/api/cluster")) return { status: 200, body: cluster };
    if (url.startsWith("/api/nodes"))
      return {
        status: 200,
        body: { nodes, window: { from: null, to: null }, at: NOW, access: { state: "watched" } },
      };
    if (url.startsWith("/api/workloads/rollouts/deployments/checkout?"))
      return { status: 200, body: { timeline: checkoutTimeline, at: NOW } };
    if (url.startsWith("/api/workloads/")) return { status: 404, body: { error: "none" } };
    if (url.startsWith("/api/workloads")) return workloads(url);
    return { status: 503 };
  });
}

/** Time passes (`ms`), and the workload streams opened meanwhile are answered. */
const step = async (ms = 0) => {
  await later(ms);
  await answerWorkloadStreams(list);
  await later();
};
/** The workloads' list polled (not the stream). */
const polls = () => asked.filter((u) => u === "/api/workloads" || u.startsWith("/api/workloads?"));

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  stubResizeObserver();
  search = "group=workload";
  nodes = [];
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("Kiosk by workload", () => {
  it("one card per workload, problems first, with availability, the rollout under way and a strip", async () => {
    serve(() => ({ status: 200, body: { workloads: rows, omitted: [] } }));
    render(<Kiosk />);
    await step();
    await step();
    const cards = screen.getAllByTestId("kiosk-card");
    expect(cards.map((c) => c.getAttribute("data-workload"))).toEqual([
      "rollouts/checkout",
      "batch/db-backup",
      "shop/web",
    ]);
    expect(cards.map((c) => c.getAttribute("data-health"))).toEqual(["failing", "ok", "ok"]);
    const [checkout, cron, web] = cards;
    expect(within(checkout).getByTestId("kiosk-availability").textContent).toBe("⚠ 3/3 ready");
    // The timeline says from which revision to which.
    expect(within(checkout).getByTestId("kiosk-rollout").textContent).toBe(
      "revision 2 → 3 · 12m 00s · stalled 2m 00s",
    );
    expect(within(checkout).getByTestId("kiosk-reason").textContent).toBe(
      t("health.workload.stalled", { message: STALL }),
    );
    expect(checkout.getAttribute("aria-label")).toMatch(/^Deployment rollouts\/checkout: ⁨?3/);
    expect(
      within(checkout).getByRole("img", { name: "Availability and rollouts over the last 1h" }),
    ).toBeTruthy();
    expect(within(cron).getByTestId("kiosk-availability").textContent).toBe(
      "last run Complete, 3m 00s ago",
    );
    expect(within(web).getByTestId("kiosk-rollout").textContent).toBe(
      "revision 2, no rollout under way",
    );
    expect(screen.getByTestId("kiosk-counts").textContent).toMatch(/^3 workloads/);
    expect(screen.getByTestId("kiosk-failing").textContent).toBe("1 failing");
    // No pod stream: the workloads come on the workload stream, and the list is not polled.
    expect(FakeEventSource.made.map((e) => e.url)).toEqual(["/api/stream?channel=workloads"]);
    expect(polls()).toEqual([]);
    expect(
      asked.some((u) =>
        /^\/api\/workloads\/rollouts\/deployments\/checkout\?from=\d+&to=\d+$/.test(u),
      ),
    ).toBe(true);
  });

  it("a change on the workload stream shows at once, in the namespaces asked for", async () => {
    search = "group=workload&namespaces=shop,batch";
    serve(() => ({ status: 200, body: { workloads: rows.slice(0, 1), omitted: [] } }));
    render(<Kiosk />);
    await step();
    await step();
    expect(screen.getAllByTestId("kiosk-card")).toHaveLength(1);
    const es = workloadStreams()[0];
    expect(es.url).toBe("/api/stream?channel=workloads&namespace=shop%2Cbatch");
    await act(async () => {
      for (const r of rows.slice(1)) es.send("workload", { uid: r.uid, row: r });
    });
    await later(500);
    expect(screen.getAllByTestId("kiosk-card")).toHaveLength(3);
    await later(30_000);
    expect(polls()).toEqual([]);
  });

  it("a workload removed drops its timeline; back, it is read again", async () => {
    serve(() => ({ status: 200, body: { workloads: rows, omitted: [] } }));
    const reads = () => asked.filter((u) => u.startsWith("/api/workloads/rollouts/")).length;
    render(<Kiosk />);
    await step();
    await step();
    expect(reads()).toBe(1);
    const es = workloadStreams()[0];
    const checkout = rows.find((r) => r.name === "checkout")!;
    await act(async () => es.send("removed", { uid: checkout.uid, row: null }));
    await step(500);
    expect(screen.queryByRole("article", { name: /rollouts\/checkout/ })).toBeNull();
    await act(async () => es.send("workload", { uid: checkout.uid, row: checkout }));
    await step(500);
    // Its row is unchanged and 30 s have not passed: only a dropped timeline is read again.
    expect(reads()).toBe(2);
    expect(
      screen.getByRole("article", { name: /rollouts\/checkout/ }).getAttribute("data-rollout"),
    ).toBe("stalled");
  });

  it("counts the nodes not Ready under the wall's namespaces, as the pod kiosk does, and reads them again", async () => {
    search = "group=workload&namespaces=shop,batch";
    nodes = [
      nodeRow("node-1", "True", 4),
      nodeRow("node-3", "Unknown", 2, ["node.kubernetes.io/unreachable"]),
      // Not Ready but running nothing of these namespaces: not the wall's concern.
      nodeRow("node-4", "False", 0),
    ];
    serve(() => ({ status: 200, body: { workloads: rows, omitted: [] } }));
    render(<Kiosk />);
    await later();
    await later();
    const chip = screen.getByTestId("kiosk-nodes");
    expect(chip.textContent).toBe(t("health.nodesNotReady", { n: 1 }));
    expect(chip.getAttribute("title")).toBe(t("health.nodesNotReady.title", { names: "node-3" }));
    expect(asked).toContain("/api/nodes?namespace=shop%2Cbatch");
    // Ready, tainted not-ready by the node controller: troubled too, as on the pod kiosk.
    nodes = [
      nodeRow("node-1", "True", 4, ["node.kubernetes.io/not-ready"]),
      nodeRow("node-3", "False", 2),
    ];
    await later(10_000);
    await later();
    expect(screen.getByTestId("kiosk-nodes").getAttribute("title")).toBe(
      t("health.nodesNotReady.title", { names: "node-1, node-3" }),
    );
    nodes = [nodeRow("node-1", "True", 4), nodeRow("node-3", "True", 2)];
    await later(10_000);
    await later();
    expect(screen.queryByTestId("kiosk-nodes")).toBeNull();
  });

  it("says why the server refuses, and the kinds it may not list", async () => {
    serve(() => ({
      status: 403,
      body: { error: 'This link does not give access to namespace "prod".' },
    }));
    render(<Kiosk />);
    await step();
    // The stream was refused: the list, read after FALLBACK_AFTER_MS, says why.
    await step(FALLBACK_AFTER_MS);
    expect(screen.getByTestId("kiosk-connection").textContent).toBe(
      t("kiosk.refused", { error: 'This link does not give access to namespace "prod".' }),
    );
    cleanup();
    serve(() => ({
      status: 200,
      body: {
        workloads: [],
        omitted: [{ resource: "cronjobs.batch", reason: "forbidden", namespaces: null }],
      },
    }));
    render(<Kiosk />);
    await step();
    await step();
    expect(screen.getByTestId("kiosk-omitted").textContent).toBe(
      "Lifeline may not list cronjobs.batch: they have no cards.",
    );
    expect(screen.getByTestId("kiosk-empty").textContent).toBe(
      t("kiosk.wl.empty", { scope: t("kiosk.allNamespaces") }),
    );
  });
});
