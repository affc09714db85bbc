// @vitest-environment happy-dom
// The pod page's "Why is it like this?" quotes the crash-looping pod's last words (the oom-killed
// story, the demo's memory-hog, printing what the demo's runtime prints before OOMKilled) for who
// may read logs; a viewer without --logs, LIFELINE_LOGS=off and a snapshot ask for no log at all.
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeStreamGlobals, later } from "@/components/fake-event-source.test-kit";
import { story, storyInput } from "@/lib/fixtures";
import { translator } from "@/lib/i18n";
import { buildTimeline } from "@/lib/timeline";
import { explainPod } from "@/lib/view/explain";
import { failedRun } from "@/lib/view/run-quote";
import { PodView } from "./PodView";
import { forgetQuotes, RETRY_MS } from "./RunQuote";

vi.mock("next/navigation", () => ({
  useRouter: () => ({ replace: () => {} }),
  useSearchParams: () => new URLSearchParams(),
}));

const t = translator("en");
const input = storyInput(story("oom-killed")!);
const timeline = buildTimeline(input);
const run = failedRun(
  timeline,
  explainPod(timeline, "en", { now: input.now, tz: "utc" }).container,
)!;
const TEXT =
  "loading the dataset\nbuilding the index\n\u001b[31mfatal error: runtime: out of memory\u001b[0m\n";
let logAsks: string[] = [];
let listAsks: string[] = [];
let mode = "failures";
let logStatus = 200;

const cluster = () => ({
  mode: "in-cluster",
  context: null,
  ready: true,
  clock: { now: input.now, speed: 1 },
  nodes: { state: "ok", since: input.now, error: null },
  logs: { mode, forbidden: [] },
  connection: { phase: "connected", eventsApi: "v1", reflectors: [] },
});

beforeEach(() => {
  vi.useFakeTimers({ now: input.now });
  forgetQuotes();
  logAsks = [];
  listAsks = [];
  mode = "failures";
  logStatus = 200;
  vi.stubGlobal(
    "ResizeObserver",
    class {
      observe() {}
      disconnect() {}
    },
  );
  fakeStreamGlobals((url) => {
    if (url.startsWith("/api/cluster")) return { status: 200, body: cluster() };
    if (url.includes("/logs")) {
      // A run's text (the quote's asks), or the log reader's runs list (no text).
      (url.includes("run=") ? logAsks : listAsks).push(url);
      return logStatus === 200
        ? { status: 200, body: { pod: {}, run: {}, text: TEXT } }
        : { status: logStatus, body: { error: "Lifeline kept no log for run 3" } };
    }
    if (url.includes("/timeline"))
      return { status: 200, body: { timeline, events: [], otherUids: [], at: input.now } };
    return { status: 503 };
  });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const quote = () => screen.queryByTestId("why-quote");

describe("Why is it like this? quotes the failed run's last words", () => {
  it("the crash-looping pod, for who may read logs: the out-of-memory line, from its run", async () => {
    render(<PodView namespace="dev" name="memory-hog" canReadLogs />);
    await later();
    await later();
    await later();
    expect(logAsks).toEqual([
      `/api/pods/dev/memory-hog/logs?uid=${timeline.uid}&container=${run.container}&run=${run.attempt}`,
    ]);
    const q = quote()!;
    expect(q.querySelector("blockquote")!.textContent).toBe("fatal error: runtime: out of memory");
    expect(q.textContent).toContain(
      t("why.quote.from", { n: run.attempt, container: run.container }),
    );
    expect(screen.getByTestId("why-now").contains(q)).toBe(true);
  });

  it("a tail not captured yet is asked for again a little later", async () => {
    logStatus = 404;
    render(<PodView namespace="dev" name="memory-hog" canReadLogs />);
    await later();
    await later();
    await later();
    expect(logAsks).toHaveLength(1);
    expect(quote()).toBeNull();
    logStatus = 200;
    await later(RETRY_MS);
    await later();
    expect(logAsks).toHaveLength(2);
    expect(quote()).not.toBeNull();
  });

  it.each([
    ["a viewer without --logs", false, "failures"],
    ["LIFELINE_LOGS=off", true, "off"],
  ])("%s: no log is asked for, no quote", async (_, canReadLogs, logsMode) => {
    mode = logsMode;
    render(<PodView namespace="dev" name="memory-hog" canReadLogs={canReadLogs} />);
    await later();
    await later();
    await later(RETRY_MS * 2);
    expect(screen.getByTestId("why-now")).toBeTruthy();
    expect(logAsks).toEqual([]);
    expect(listAsks).toEqual([]);
    expect(quote()).toBeNull();
    // Nor can logs go with a share: the tick-box says why.
    expect((screen.getByTestId("share-include-logs") as HTMLInputElement).disabled).toBe(true);
    expect(screen.getByTestId("share-include-logs-hint").textContent).toBe(
      t(canReadLogs ? "share.logs.off" : "share.logs.noGrant"),
    );
  });
});
