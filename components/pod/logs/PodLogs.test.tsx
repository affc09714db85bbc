// @vitest-environment happy-dom
// The log reader on the pod page: a run picked on the timeline (click, Enter or Space) opens its
// captured tail below the chart, Esc closes it and gives the focus back to the run's track, and the
// run's tooltip shows its last captured line.
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  fakeStreamGlobals,
  later,
  stubResizeObserver,
} from "@/components/fake-event-source.test-kit";
import { story, storyInput } from "@/lib/fixtures";
import { buildTimeline } from "@/lib/timeline";
import { PodView } from "../PodView";

vi.mock("next/navigation", () => ({
  useRouter: () => ({ replace: () => {} }),
  useSearchParams: () => new URLSearchParams("tz=utc"),
}));

const input = storyInput(story("oom-killed")!);
const timeline = buildTimeline(input);
const container = timeline.containers.find((c) => c.runs.some((r) => r.end !== null))!;
const ended = container.runs.filter((r) => r.end !== null);
const first = ended[0];
let asked: string[];

beforeEach(() => {
  vi.useFakeTimers({ now: input.now });
  asked = [];
  stubResizeObserver();
  fakeStreamGlobals((url) => {
    asked.push(url);
    if (url.includes("/timeline"))
      return { status: 200, body: { timeline, events: [], otherUids: [], at: input.now } };
    if (url.includes("/logs?") && url.includes("run="))
      return {
        status: 200,
        body: { run: null, text: "loading the dataset\n<script>alert(1)</script>\n" },
      };
    if (url.includes("/logs"))
      return {
        status: 200,
        body: {
          capture: "failures",
          runs: ended.map((r) => ({
            container: container.name,
            attempt: r.attempt,
            outcome: "captured",
            lastLine: `\x1b[31mfatal error\x1b[0m: run ${r.attempt}`,
          })),
        },
      };
    return { status: 503 };
  });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const runBox = (attempt: number) =>
  document.querySelector<SVGGElement>(
    `[data-row="container-${container.name}"] [data-kind="run"][data-label^="#${attempt} "]`,
  )!;

describe("the pod page's log reader", () => {
  it("opens a clicked run's tail below the chart; Esc closes it and the run's track has the focus", async () => {
    render(<PodView namespace="dev" name="memory-hog" canReadLogs />);
    await later();
    await later();
    expect(screen.queryByTestId("log-reader")).toBeNull();
    fireEvent.click(runBox(first.attempt));
    await later();
    const reader = screen.getByTestId("log-reader");
    expect(reader.getAttribute("data-run")).toBe(String(first.attempt));
    expect(asked).toContain(
      `/api/pods/dev/memory-hog/logs?uid=${timeline.uid}&container=${container.name}&run=${first.attempt}`,
    );
    expect(reader.textContent).toContain("<script>alert(1)</script>");
    expect(reader.querySelector("script")).toBeNull();
    fireEvent.keyDown(reader, { key: "Escape" });
    await later(1);
    expect(screen.queryByTestId("log-reader")).toBeNull();
    expect(document.activeElement?.getAttribute("data-row")).toBe(`container-${container.name}`);
  });

  it("opens from the keyboard: Space or Enter on a focused run", async () => {
    render(<PodView namespace="dev" name="memory-hog" canReadLogs />);
    await later();
    const row = document.querySelector<SVGGElement>(`[data-row="container-${container.name}"]`)!;
    act(() => row.focus());
    // No arrow key yet: the track's last item, the run going now, is the one picked.
    fireEvent.keyDown(row, { key: " " });
    await later();
    expect(screen.getByTestId("log-reader").getAttribute("data-container")).toBe(container.name);
    fireEvent.keyDown(screen.getByTestId("log-reader"), { key: "Escape" });
    await later(1);
    fireEvent.keyDown(row, { key: "Enter" });
    await later();
    expect(screen.getByTestId("log-reader")).toBeTruthy();
  });

  it("for a viewer whose token does not grant logs: no runs list, no last line, the 403 said", async () => {
    fakeStreamGlobals((url) => {
      asked.push(url);
      if (url.includes("/timeline"))
        return { status: 200, body: { timeline, events: [], otherUids: [], at: input.now } };
      if (url.includes("/logs"))
        return { status: 403, body: { error: "This viewer link does not include container logs" } };
      return { status: 503 };
    });
    render(<PodView namespace="dev" name="memory-hog" />);
    await later();
    await later();
    fireEvent.mouseEnter(runBox(first.attempt));
    expect(screen.queryByTestId("tooltip-last-line")).toBeNull();
    expect(asked.filter((u) => u.includes("/logs"))).toEqual([]);
    fireEvent.click(runBox(first.attempt));
    await later();
    expect(screen.getByTestId("log-forbidden")).toBeTruthy();
    expect(screen.getByTestId("log-reader").textContent).not.toContain("fatal error");
  });

  it("the run's tooltip shows its last captured line, one line without escapes", async () => {
    render(<PodView namespace="dev" name="memory-hog" canReadLogs />);
    await later();
    await later();
    fireEvent.mouseEnter(runBox(first.attempt));
    const last = screen.getByTestId("tooltip-last-line");
    expect(last.textContent).toBe(`Last line: fatal error: run ${first.attempt}`);
  });

  it("offers Follow on the running run only to who may read logs (a viewer without --logs gets no button)", async () => {
    expect(container.runs.at(-1)!.end).toBeNull();
    const runningBox = () =>
      [
        ...document.querySelectorAll<SVGGElement>(
          `[data-row="container-${container.name}"] [data-kind="run"]`,
        ),
      ].at(-1)!;
    render(<PodView namespace="dev" name="memory-hog" canReadLogs />);
    await later();
    await later();
    fireEvent.click(runningBox());
    await later();
    expect(screen.getByTestId("log-running")).toBeTruthy();
    expect(screen.getByTestId("log-follow")).toBeTruthy();
    cleanup();
    render(<PodView namespace="dev" name="memory-hog" />);
    await later();
    await later();
    fireEvent.click(runningBox());
    await later();
    expect(screen.getByTestId("log-running")).toBeTruthy();
    expect(screen.queryByTestId("log-follow")).toBeNull();
  });
});
