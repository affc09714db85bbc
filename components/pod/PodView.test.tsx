// @vitest-environment happy-dom
// The pod page, live: the timeline is fetched, and fetched again when the stream says the pod
// changed; after the server's resync it says it may be behind until a fresh stream's snapshot.
import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  fakeStreamGlobals,
  FakeEventSource,
  later,
  opened,
} from "@/components/fake-event-source.test-kit";
import { story, storyInput } from "@/lib/fixtures";
import { translator } from "@/lib/i18n";
import { buildTimeline } from "@/lib/timeline";
import { PodView } from "./PodView";

vi.mock("next/navigation", () => ({
  useRouter: () => ({ replace: () => {} }),
  useSearchParams: () => new URLSearchParams(),
}));

const t = translator("en");
const input = storyInput(story("oom-killed")!);
const timeline = buildTimeline(input);
let timelineFetches = 0;

beforeEach(() => {
  vi.useFakeTimers({ now: input.now });
  timelineFetches = 0;
  vi.stubGlobal(
    "ResizeObserver",
    class {
      observe() {}
      disconnect() {}
    },
  );
  fakeStreamGlobals((url) => {
    if (!url.includes("/timeline")) return { status: 503 };
    timelineFetches++;
    return { status: 200, body: { timeline, events: [], otherUids: [], at: input.now } };
  });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const stale = () => screen.queryByText(t("pod.stale"));

describe("PodView, live", () => {
  it("streams this pod's changes and fetches the timeline again, at most once a second", async () => {
    render(<PodView namespace="default" name="web" />);
    await later();
    expect(screen.getByTestId("pod-view")).toBeTruthy();
    expect(timelineFetches).toBe(1);
    const es = FakeEventSource.last;
    expect(es.url).toBe("/api/stream?namespace=default&pod=web");
    await opened(es, []);
    await later();
    expect(timelineFetches).toBe(2);
    act(() => {
      es.send("pod", { uid: timeline.uid, row: null });
      es.send("pod", { uid: timeline.uid, row: null });
    });
    await later(999);
    expect(timelineFetches).toBe(2);
    await later(1);
    expect(timelineFetches).toBe(3);
    expect(stale()).toBeNull();
  });

  it("recovers from resync: says it may be behind, opens a fresh stream, fetches on its snapshot", async () => {
    render(<PodView namespace="default" name="web" />);
    await later();
    const first = FakeEventSource.last;
    await opened(first, []);
    await later(1000);
    const fetched = timelineFetches;
    act(() => {
      first.send("resync", { reason: "this stream fell too far behind" });
      first.drop();
    });
    await later();
    expect(stale()).not.toBeNull();
    await later(1000);
    expect(FakeEventSource.made).toHaveLength(2);
    expect(first.closed).toBe(true);
    await opened(FakeEventSource.last, []);
    await later(1000);
    expect(timelineFetches).toBeGreaterThan(fetched);
    expect(stale()).toBeNull();
  });

  it("says under the chart that the node's readiness is not shown when nodes are not visible", async () => {
    fakeStreamGlobals((url) => {
      if (url.startsWith("/api/cluster"))
        return {
          status: 200,
          body: {
            mode: "in-cluster",
            context: null,
            ready: true,
            clock: { now: input.now, speed: 1 },
            nodes: { state: "forbidden", since: input.now, error: "nodes is forbidden" },
            connection: { phase: "connected", eventsApi: "v1", reflectors: [] },
          },
        };
      if (!url.includes("/timeline")) return { status: 503 };
      return { status: 200, body: { timeline, events: [], otherUids: [], at: input.now } };
    });
    render(<PodView namespace="default" name="web" />);
    await later();
    await later();
    expect(screen.getByTestId("nodes-hidden-note").textContent).toBe(t("conn.nodes.forbidden"));
  });

  it("gives the pod page's own key hint (tracks, runs' logs), not the overview's", async () => {
    render(<PodView namespace="default" name="web" />);
    await later();
    expect(screen.queryByText(t("keys.help"))).toBeNull();
    expect(screen.getByText(t("keys.pod"))).toBeTruthy();
    expect(t("keys.pod")).toMatch(/Enter or Space opens a run's log/);
    expect(translator("zh")("keys.pod")).toMatch(/Enter 或空格打开一次运行的日志/);
  });
});
