// @vitest-environment happy-dom
// The /workloads list on the workload stream: its snapshot's rows, problems first; a row that
// changes on the stream without a poll of GET /api/workloads; the kinds not listed in the
// server's terms; the list polled only while the stream is refused.
import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  answerWorkloadStreams,
  fakeStreamGlobals,
  later,
  workloadStreams,
  type FakeAnswer,
} from "@/components/fake-event-source.test-kit";
import { FALLBACK_AFTER_MS } from "@/components/workloads/useWorkloadFeed";
import { translator } from "@/lib/i18n";
import { WorkloadsList } from "./WorkloadsList";

vi.mock("next/navigation", () => ({
  useRouter: () => ({ replace: () => {}, push: () => {}, prefetch: () => {} }),
  useSearchParams: () => new URLSearchParams(""),
}));

const t = translator("en");
const NOW = Date.parse("2026-11-25T10:00:00Z");
const cluster = {
  mode: "demo",
  context: null,
  ready: true,
  clock: { now: NOW, speed: 1 },
  nodes: { state: "watched", since: null, error: null },
  connection: { phase: "connected", eventsApi: "v1", reflectors: [] },
  watching: null,
};
const wl = (name: string, ready: number, desired = 3) => ({
  kind: "Deployment",
  namespace: "shop",
  name,
  uid: `uid-${name}`,
  creationTimestamp: "2026-11-25T08:00:00Z",
  counts: { desired, current: desired, updated: desired, ready, available: ready },
  conditions: [],
  owner: null,
  revision: 1,
  currentRevision: null,
  updateRevision: null,
  paused: false,
  pods: desired,
  shortSince: ready < desired ? NOW - 60_000 : null,
  job: null,
});
const denial = {
  resource: "cronjobs.batch",
  kind: "CronJob",
  reason: "forbidden",
  namespaces: ["shop"],
  since: NOW,
  error: null,
  sentence: "",
};

let asked: string[] = [];
let list: (url: string) => FakeAnswer = () => ({ status: 503 });
function serve(workloads: (url: string) => FakeAnswer) {
  asked = [];
  list = workloads;
  fakeStreamGlobals((url) => {
    asked.push(url);
    if (url.startsWith("/api/cluster")) return { status: 200, body: cluster };
    if (url.startsWith("/api/workloads")) return workloads(url);
    return { status: 503 };
  });
}
const step = async (ms = 0) => {
  await later(ms);
  await answerWorkloadStreams(list);
  await later();
};
const shown = () =>
  screen.getAllByTestId("workloads-row").map((r) => `${r.textContent} ${r.dataset.level}`);

beforeEach(() => vi.useFakeTimers({ now: NOW }));
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("/workloads on the workload stream", () => {
  it("lists the snapshot, takes a change from the stream, and never polls while it streams", async () => {
    serve(() => ({
      status: 200,
      body: { workloads: [wl("api", 3), wl("web", 3)], omitted: [denial] },
    }));
    render(<WorkloadsList />);
    await step();
    await step();
    expect(workloadStreams().map((e) => e.url)).toEqual(["/api/stream?channel=workloads"]);
    expect(shown()).toEqual([
      "Deploymentshop/api3/3333" + t("wl.health.ok") + " ok",
      "Deploymentshop/web3/3333" + t("wl.health.ok") + " ok",
    ]);
    expect(screen.getByTestId("workloads-omitted").textContent).toBe(
      t("wls.forbidden", { resource: "cronjobs.batch", where: "shop" }),
    );
    await act(async () =>
      workloadStreams()[0].send("workload", { uid: "uid-web", row: wl("web", 1, 5) }),
    );
    await later(500);
    // web is short now: problems first.
    expect(shown()[0]).toMatch(/^Deploymentshop\/web1\/5515/);
    expect(shown()[0]).not.toMatch(/ ok$/);
    await later(30_000);
    expect(asked.filter((u) => u.startsWith("/api/workloads"))).toEqual([]);
  });

  it("polls GET /api/workloads while the stream is refused, and says the server's refusal", async () => {
    serve(() => ({ status: 403, body: { error: "This access covers namespace(s) shop only." } }));
    render(<WorkloadsList />);
    await step();
    expect(screen.getByText(t("wls.loading"))).toBeTruthy();
    await step(FALLBACK_AFTER_MS);
    expect(asked.filter((u) => u.startsWith("/api/workloads"))).toEqual(["/api/workloads"]);
    expect(
      screen.getByText(t("wls.error", { error: "This access covers namespace(s) shop only." })),
    ).toBeTruthy();
  });
});
