// @vitest-environment happy-dom
// The live tail in the browser over a fetch the test feeds frame by frame: lines are text, never
// markup; only the last 5,000 lines stay; unmounting aborts the request; refusals and ends are said.
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { frameLine, type FollowFrame } from "@/lib/view/follow-frames";
import { TAIL_MAX } from "@/lib/view/tail-buffer";
import { LiveTail } from "./LiveTail";

interface Feed {
  url: string;
  signal: AbortSignal;
  send(f: FollowFrame): void;
  end(): void;
}

let feeds: Feed[] = [];

/** A fetch whose answer's body the test writes; `refuse` answers with a status and JSON instead. */
function stubFetch(refuse?: { status: number; body: unknown }) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit) => {
      if (refuse)
        return { ok: false, status: refuse.status, body: null, json: async () => refuse.body };
      const queue: (Uint8Array | null)[] = [];
      let wake: (() => void) | null = null;
      const signal = init.signal!;
      const push = (v: Uint8Array | null) => {
        queue.push(v);
        wake?.();
      };
      feeds.push({
        url,
        signal,
        send: (f) => push(new TextEncoder().encode(frameLine(f))),
        end: () => push(null),
      });
      const reader = {
        async read(): Promise<{ done: boolean; value?: Uint8Array }> {
          for (;;) {
            if (signal.aborted) throw new DOMException("aborted", "AbortError");
            if (queue.length) {
              const v = queue.shift()!;
              return v ? { done: false, value: v } : { done: true };
            }
            await new Promise<void>((r) => {
              wake = r;
              signal.addEventListener("abort", () => r(), { once: true });
            });
            wake = null;
          }
        },
      };
      return { ok: true, status: 200, body: { getReader: () => reader }, json: async () => ({}) };
    }),
  );
}

beforeEach(() => {
  feeds = [];
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const mount = () =>
  render(<LiveTail namespace="dev" name="web" container="app" tz="utc" onClose={() => {}} />);
const lines = () => screen.queryAllByTestId("live-tail-line");
const state = () => screen.getByTestId("live-tail-state").textContent;

describe("LiveTail", () => {
  it("asks for the container's follow and shows each line as text, never as markup", async () => {
    stubFetch();
    mount();
    await waitFor(() => expect(feeds).toHaveLength(1));
    expect(feeds[0].url).toBe("/api/pods/dev/web/logs/follow?container=app&timestamps=1");
    expect(state()).toBe("Connecting…");
    act(() => {
      feeds[0].send({ t: "open", container: "app", timestamps: true });
      feeds[0].send({
        t: "lines",
        lines: [
          { text: "<img src=x onerror=alert(1)>", at: Date.parse("2026-11-20T09:00:05.042Z") },
          { text: "\x1b[31mERROR\x1b[0m <b>bold?</b>", cut: true },
        ],
      });
    });
    await waitFor(() => expect(lines()).toHaveLength(2));
    expect(state()).toBe("Following");
    const region = screen.getByTestId("live-tail-lines");
    expect(region.querySelector("img, b, script")).toBeNull();
    expect(lines()[0].textContent).toBe("09:00:05.042<img src=x onerror=alert(1)>");
    expect(lines()[1].textContent).toBe("ERROR <b>bold?</b>(line cut at 16 KiB)");
    // The red segment is drawn in a colour; the escape itself is gone.
    const red = [...lines()[1].querySelectorAll("span")].find((s) => s.textContent === "ERROR");
    expect(red?.getAttribute("style")).toMatch(/color/);
    // Timestamps can be hidden.
    fireEvent.click(screen.getByLabelText("Timestamps"));
    expect(lines()[0].textContent).toBe("<img src=x onerror=alert(1)>");
  });

  it(`keeps the last ${TAIL_MAX} lines and says how many were dropped`, async () => {
    stubFetch();
    mount();
    await waitFor(() => expect(feeds).toHaveLength(1));
    act(() => {
      feeds[0].send({ t: "open", container: "app", timestamps: false });
      for (let k = 0; k < 3; k++)
        feeds[0].send({
          t: "lines",
          lines: Array.from({ length: 2000 }, (_, i) => ({ text: `line ${k * 2000 + i}` })),
        });
    });
    await waitFor(() => expect(lines()).toHaveLength(TAIL_MAX));
    expect(lines()[0].textContent).toBe("line 1000");
    expect(lines()[TAIL_MAX - 1].textContent).toBe("line 5999");
    expect(screen.getByTestId("live-tail-dropped").textContent).toBe(
      "1000 older lines dropped: the view keeps the last 5000.",
    );
  }, 30_000);

  it("aborts the request when it unmounts", async () => {
    stubFetch();
    const view = mount();
    await waitFor(() => expect(feeds).toHaveLength(1));
    expect(feeds[0].signal.aborted).toBe(false);
    view.unmount();
    expect(feeds[0].signal.aborted).toBe(true);
  });

  it("says why the follow ended; Stop aborts it, Follow again opens a new one", async () => {
    stubFetch();
    mount();
    await waitFor(() => expect(feeds).toHaveLength(1));
    act(() => {
      feeds[0].send({ t: "open", container: "app", timestamps: true });
      feeds[0].send({ t: "end", why: "exited", exitCode: 137, reason: "OOMKilled" });
      feeds[0].end();
    });
    await waitFor(() => expect(state()).toBe("The container exited with code 137 (OOMKilled)."));
    fireEvent.click(screen.getByText("Follow again"));
    await waitFor(() => expect(feeds).toHaveLength(2));
    act(() => feeds[1].send({ t: "open", container: "app", timestamps: true }));
    await waitFor(() => expect(state()).toBe("Following"));
    fireEvent.click(screen.getByText("Stop"));
    expect(feeds[1].signal.aborted).toBe(true);
    expect(state()).toBe("You stopped following.");
  });

  it("pause holds new lines back and counts them; resume shows them", async () => {
    stubFetch();
    mount();
    await waitFor(() => expect(feeds).toHaveLength(1));
    act(() => {
      feeds[0].send({ t: "open", container: "app", timestamps: false });
      feeds[0].send({ t: "lines", lines: [{ text: "one" }] });
    });
    await waitFor(() => expect(lines()).toHaveLength(1));
    fireEvent.click(screen.getByText("Pause"));
    // Paused at once, before any new line arrives (it said "Following" until one did).
    expect(state()).toBe("Paused");
    act(() => feeds[0].send({ t: "lines", lines: [{ text: "two" }, { text: "three" }] }));
    await waitFor(() => expect(state()).toBe("Paused: 2 new lines held"));
    expect(lines()).toHaveLength(1);
    fireEvent.click(screen.getByText("Resume"));
    expect(lines().map((l) => l.textContent)).toEqual(["one", "two", "three"]);
  });

  it("a viewer link without --logs: forbidden, in the reader's words, and no lines", async () => {
    stubFetch({
      status: 403,
      body: {
        code: "no-grant",
        error:
          "This viewer link does not include container logs: ask for a token minted with --logs.",
      },
    });
    mount();
    await waitFor(() =>
      expect(screen.getByTestId("live-tail").getAttribute("data-phase")).toBe("forbidden"),
    );
    expect(state()).toBe(
      "This viewer link does not include container logs: ask for a token minted with --logs.",
    );
    expect(lines()).toHaveLength(0);
  });

  it("a refusal without a code is an error with the server's sentence", async () => {
    stubFetch({
      status: 400,
      body: { error: "The API server said: container app is not valid for pod web" },
    });
    mount();
    await waitFor(() =>
      expect(state()).toBe(
        "The log cannot be followed: The API server said: container app is not valid for pod web",
      ),
    );
  });
});
