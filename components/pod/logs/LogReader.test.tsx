// @vitest-environment happy-dom
// The pod page's log reader: a run's captured tail as text (never markup), colour from ANSI and
// nothing else, search, copy, download, times in the page's zone, and every state it can be in.
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "@/components/I18n";
import { translator, type Lang } from "@/lib/i18n";
import * as messages from "@/lib/i18n/messages";
import type { RunLogInfo } from "@/lib/view/run-logs";
import { LogReader, type ReaderRun } from "./LogReader";
import { VIEW_PX, ROW_PX } from "./LogLines";

// The live tail has its own tests (LiveTail.test.tsx): here, what the reader mounts and unmounts.
vi.mock("./LiveTail", () => ({
  LiveTail: (p: {
    namespace: string;
    name: string;
    container: string;
    tz: string;
    onClose(): void;
  }) => (
    <div data-testid="live-tail">
      {`${p.namespace}/${p.name}/${p.container} ${p.tz}`}
      <button type="button" onClick={p.onClose}>
        stop
      </button>
    </div>
  ),
}));

const T = Date.parse("2026-11-25T06:00:00Z");
const RUN: ReaderRun = {
  container: "app",
  attempt: 3,
  start: T - 60_000,
  end: T,
  exitCode: 1,
  signal: null,
  reason: "Error",
  restarted: false,
};
const info = (over: Partial<RunLogInfo> = {}): RunLogInfo => ({
  container: "app",
  attempt: 3,
  startedAt: RUN.start,
  finishedAt: T,
  exitCode: 1,
  signal: null,
  reason: "Error",
  at: T + 1000,
  outcome: "captured",
  why: null,
  detail: null,
  whySentence: null,
  lines: 2,
  bytes: 10,
  truncated: false,
  lastLine: null,
  ...over,
});

type Reply = { status: number; body: unknown } | Error;
let reply: Reply;
let asked: string[];

beforeEach(() => {
  asked = [];
  reply = { status: 200, body: { run: info(), text: "" } };
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      asked.push(String(url));
      if (reply instanceof Error) throw reply;
      const r = reply;
      return { ok: r.status < 400, status: r.status, json: async () => r.body };
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const text = (t: string) => ({ status: 200, body: { run: info(), text: t } });

async function open(
  opts: {
    run?: ReaderRun;
    lang?: Lang;
    capture?: "off" | "failures" | "all" | null;
    tz?: "utc" | "local";
    onClose?: () => void;
    followable?: boolean;
  } = {},
) {
  render(
    <I18nProvider lang={opts.lang ?? "en"}>
      <LogReader
        namespace="dev"
        name="web"
        uid="u1"
        run={opts.run ?? RUN}
        capture={opts.capture === undefined ? "failures" : opts.capture}
        tz={opts.tz ?? "utc"}
        onClose={opts.onClose ?? (() => {})}
        followable={opts.followable}
      />
    </I18nProvider>,
  );
  await act(async () => {
    await new Promise((r) => setTimeout(r, 0));
  });
  return screen.getByTestId("log-reader");
}

const en = translator("en");
const zh = translator("zh");

describe("LogReader", () => {
  it("reads the run's text from the logs route and says which run, when it ended and how", async () => {
    reply = text("starting\npanic: boom\n");
    const panel = await open();
    expect(asked).toEqual(["/api/pods/dev/web/logs?uid=u1&container=app&run=3"]);
    expect(screen.getByTestId("log-title").textContent).toBe("app · run #3");
    expect(screen.getByTestId("log-how").textContent).toBe(
      "ended 2026-11-25 06:00:00 UTC · exit code 1 (Error)",
    );
    expect(screen.getAllByTestId("log-line").map((l) => l.textContent)).toEqual([
      "1starting",
      "2panic: boom",
    ]);
    expect(panel.textContent).toContain("2 lines, 21 B");
  });

  it("renders a <script> line as text: no element is made from log text", async () => {
    const evil = `<script>alert(1)</script><img src=x onerror="window.__xss=1">`;
    reply = text(`${evil}\n`);
    const panel = await open();
    expect(screen.getByTestId("log-line").textContent).toBe(`1${evil}`);
    expect(panel.querySelector("script")).toBeNull();
    expect(panel.querySelector("img")).toBeNull();
  });

  it("draws ANSI colours as colour and drops every other escape", async () => {
    reply = text("\x1b[31mERROR\x1b[0m plain \x1b[2K\x1b]0;title\x07done\n");
    await open();
    const line = screen.getByTestId("log-line");
    expect(line.textContent).toBe("1ERROR plain done");
    expect(line.textContent).not.toContain("\x1b");
    const red = [...line.querySelectorAll("span[data-fg]")].find((s) => s.textContent === "ERROR");
    expect(red?.getAttribute("data-fg")).toBe("red");
    expect((red as HTMLElement).style.color).not.toBe("");
  });

  it("searches: every match highlighted, n of m, Enter for the next and Shift+Enter for the previous", async () => {
    reply = text("error one\nfine\nError two and error three\n");
    await open();
    const search = screen.getByTestId("log-search");
    fireEvent.change(search, { target: { value: "ERROR" } });
    expect(screen.getByTestId("log-matches").textContent).toBe("1 of 3");
    const marks = () => [...document.querySelectorAll("mark")];
    expect(marks().map((m) => m.textContent)).toEqual(["error", "Error", "error"]);
    expect(marks()[0].getAttribute("data-current")).toBe("true");
    fireEvent.keyDown(search, { key: "Enter" });
    expect(screen.getByTestId("log-matches").textContent).toBe("2 of 3");
    expect(marks()[1].getAttribute("data-current")).toBe("true");
    fireEvent.keyDown(search, { key: "Enter", shiftKey: true });
    fireEvent.keyDown(search, { key: "Enter", shiftKey: true });
    expect(screen.getByTestId("log-matches").textContent).toBe("3 of 3");
    fireEvent.change(search, { target: { value: "nowhere" } });
    expect(screen.getByTestId("log-matches").textContent).toBe("no match");
    expect(marks()).toHaveLength(0);
  });

  it("keeps 10,000 lines virtualised, and search brings a far match into the DOM", async () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `line ${i + 1}`);
    lines[10] = "the needle";
    reply = text(`${lines.join("\n")}\n`);
    await open();
    const shown = () => screen.getAllByTestId("log-line");
    expect(screen.getByTestId("log-lines").getAttribute("data-count")).toBe("10000");
    // Opened at the end: the last words are in view, a screenful and a margin in the DOM.
    expect(shown().length).toBeLessThanOrEqual(Math.ceil(VIEW_PX / ROW_PX) + 21);
    expect(shown().at(-1)!.getAttribute("data-line")).toBe("10000");
    expect(screen.queryByText("the needle")).toBeNull();
    fireEvent.change(screen.getByTestId("log-search"), { target: { value: "needle" } });
    expect(screen.getByTestId("log-matches").textContent).toBe("1 of 1");
    expect(document.querySelector("mark")?.textContent).toBe("needle");
    expect(shown().length).toBeLessThanOrEqual(Math.ceil(VIEW_PX / ROW_PX) + 21);
  });

  it("shows a line's leading RFC 3339 time in the page's zone, and invents none", async () => {
    reply = text("2026-11-25T05:59:58.123456789Z started\nno time here\n");
    await open({ tz: "utc" });
    const times = screen.getAllByTestId("log-time");
    expect(times.map((t) => t.textContent)).toEqual(["05:59:58"]);
    expect(screen.getAllByTestId("log-line")[0].textContent).toBe("105:59:58started");
    cleanup();
    reply = text("no time\n");
    await open();
    expect(screen.queryByTestId("log-time")).toBeNull();
  });

  it("a tail captured with the kubelet's times: each line's time in UTC, or in the local zone", async () => {
    const zone = process.env.TZ;
    const stamped =
      "2026-11-25T05:59:58.123456789Z started\n2026-11-25T05:59:59.5Z 2026-11-25 05:59:59 own time\n";
    try {
      reply = text(stamped);
      await open({ tz: "utc" });
      const times = () => screen.getAllByTestId("log-time").map((t) => t.textContent);
      expect(times()).toEqual(["05:59:58", "05:59:59"]);
      // The program's own words follow, its own time included; the kubelet's is not repeated.
      expect(screen.getAllByTestId("log-line")[1].textContent).toBe(
        "205:59:592026-11-25 05:59:59 own time",
      );
      cleanup();
      process.env.TZ = "Asia/Shanghai";
      reply = text(stamped);
      await open({ tz: "local" });
      expect(times()).toEqual(["13:59:58", "13:59:59"]);
    } finally {
      process.env.TZ = zone;
    }
  });

  it("copies the text as stored and downloads it as pod_container_run.log", async () => {
    const written: string[] = [];
    Object.defineProperty(navigator, "clipboard", {
      value: { writeText: async (s: string) => void written.push(s) },
      configurable: true,
    });
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      names.push(this.download);
    });
    vi.stubGlobal(
      "URL",
      Object.assign(URL, { createObjectURL: () => "blob:x", revokeObjectURL() {} }),
    );
    reply = text("\x1b[31mred\x1b[0m\n");
    await open();
    await act(async () => fireEvent.click(screen.getByTestId("log-copy")));
    expect(written).toEqual(["\x1b[31mred\x1b[0m\n"]);
    expect(screen.getByTestId("log-copy").textContent).toBe("Copied");
    fireEvent.click(screen.getByTestId("log-download"));
    expect(names).toEqual(["web_app_3.log"]);
  });

  it("Esc closes it, from the search box too", async () => {
    reply = text("x\n");
    const onClose = vi.fn();
    await open({ onClose });
    fireEvent.keyDown(screen.getByTestId("log-search"), { key: "Escape" });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it("a snapshot's logs are read from the snapshot (nothing fetched); one shared without says so", async () => {
    const renderFrozen = (frozen: (RunLogInfo & { text: string | null })[] | null) =>
      render(
        <LogReader
          namespace="dev"
          name="web"
          uid="u1"
          run={RUN}
          capture={null}
          frozen={frozen}
          tz="utc"
          onClose={() => {}}
        />,
      );
    renderFrozen([
      { ...info({ attempt: 2 }), text: "run two\n" },
      { ...info(), text: "kept\n" },
    ]);
    expect(screen.getByTestId("log-line").textContent).toBe("1kept");
    cleanup();
    renderFrozen(null);
    expect(screen.getByTestId("log-off").textContent).toBe(en("lr.unshared"));
    expect(asked).toEqual([]);
  });

  describe("states", () => {
    it("loading", async () => {
      reply = text("x");
      render(
        <LogReader
          namespace="dev"
          name="web"
          uid={null}
          run={RUN}
          capture={null}
          tz="utc"
          onClose={() => {}}
        />,
      );
      expect(screen.getByTestId("log-loading").textContent).toBe(en("lr.loading"));
      await act(async () => new Promise((r) => setTimeout(r, 0)));
    });

    it("in Chinese: one word for capture (采集) across the reader and the quote, a Chinese download label", async () => {
      reply = text("starting\npanic: boom\n");
      await open({ lang: "zh" });
      expect(screen.getByTestId("log-download").textContent).toBe("下载日志");
      expect(zh("lr.region", { container: "app", n: 3 })).toContain("已采集日志");
      expect(zh("why.quote.from", { container: "app", n: 3 })).toContain("已采集日志");
      const zhTable = Object.keys(messages.zh).map(
        (k) => messages.zh[k as keyof typeof messages.zh],
      );
      expect(zhTable.filter((m) => m.includes("捕获"))).toEqual([]);
      cleanup();
      await open();
      expect(screen.getByTestId("log-download").textContent).toBe("Download .log");
    });

    it("not captured, with the stored why in English and in Chinese", async () => {
      reply = {
        status: 200,
        body: { run: info({ outcome: "skipped", why: "rotated", lines: null }), text: null },
      };
      await open();
      expect(screen.getByTestId("log-none").textContent).toBe(
        en("lr.none") + en("logs.why.rotated"),
      );
      cleanup();
      await open({ lang: "zh" });
      expect(screen.getByTestId("log-none").textContent).toBe(
        zh("lr.none") + zh("logs.why.rotated"),
      );
    });

    it("nothing kept: a successful run under failures, or a sentence that does not guess", async () => {
      reply = { status: 404, body: { error: "Lifeline kept no log for run 3 …" } };
      await open({ run: { ...RUN, exitCode: 0, reason: "Completed" } });
      expect(screen.getByTestId("log-why").textContent).toBe(en("lr.none.failures"));
      cleanup();
      await open();
      expect(screen.getByTestId("log-why").textContent).toBe(en("lr.none.unknown"));
      cleanup();
      // Restarted after exit 0: failures keeps it too (the kubelet calls it failed), so no guess.
      await open({ run: { ...RUN, exitCode: 0, reason: "Completed", restarted: true } });
      expect(screen.getByTestId("log-why").textContent).toBe(en("lr.none.unknown"));
    });

    it("logs off", async () => {
      reply = { status: 404, body: { error: "… (LIFELINE_LOGS=off: logs are not captured)." } };
      await open({ capture: "off" });
      expect(screen.getByTestId("log-off").textContent).toBe(en("lr.off"));
    });

    it("a viewer link without --logs (403)", async () => {
      reply = { status: 403, body: { error: "This viewer link does not include container logs" } };
      await open();
      expect(screen.getByTestId("log-forbidden").textContent).toBe(en("lr.forbidden"));
    });

    it("an empty log", async () => {
      reply = text("");
      await open();
      expect(screen.getByTestId("log-empty").textContent).toBe(en("lr.empty"));
    });

    it("a network error, and trying again", async () => {
      reply = new TypeError("Failed to fetch");
      await open();
      expect(screen.getByTestId("log-error").textContent).toContain(
        en("lr.error", { error: "Failed to fetch" }),
      );
      reply = text("back\n");
      await act(async () => fireEvent.click(screen.getByText(en("lr.retry"))));
      await act(async () => new Promise((r) => setTimeout(r, 0)));
      expect(screen.getByTestId("log-line").textContent).toBe("1back");
    });

    it("a run still going: nothing fetched, it says its log comes when it ends", async () => {
      await open({ run: { ...RUN, end: null, exitCode: null, reason: null } });
      expect(asked).toEqual([]);
      expect(screen.getByTestId("log-running").textContent).toBe(en("lr.running"));
      expect(screen.getByTestId("log-how").textContent).toBe(en("lr.stillRunning"));
    });

    it("a run still going on a live page: Follow mounts its live tail, which closes back", async () => {
      await open({ run: { ...RUN, end: null, exitCode: null, reason: null }, followable: true });
      expect(screen.queryByTestId("live-tail")).toBeNull();
      fireEvent.click(screen.getByTestId("log-follow"));
      expect(screen.getByTestId("live-tail").textContent).toBe("dev/web/app utcstop");
      fireEvent.click(screen.getByText("stop"));
      expect(screen.queryByTestId("live-tail")).toBeNull();
      expect(screen.getByTestId("log-follow")).toBeTruthy();
      cleanup();
      // A snapshot or a frozen link follows nothing.
      await open({ run: { ...RUN, end: null, exitCode: null, reason: null } });
      expect(screen.queryByTestId("log-follow")).toBeNull();
    });
  });
});
