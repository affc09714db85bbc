// @vitest-environment happy-dom
// The share bar's "include logs" tick-box: off by default and saying logs can hold secrets; the
// snapshot asks for logs and the JSON export holds the captured tails only when it is ticked;
// disabled with the reason when the person may not read logs or Lifeline captures none.
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { translator } from "@/lib/i18n";
import type { LogsBlocked } from "./IncludeLogs";
import { ShareBar } from "./ShareBar";

const t = translator("en");
const AT = Date.parse("2026-11-25T06:00:00Z");
const state = {
  namespace: "dev",
  name: "memory-hog",
  uid: "u-1",
  domain: [AT - 600_000, AT] as [number, number],
  at: AT,
  tz: "utc" as const,
  track: null,
  status: "CrashLoopBackOff",
};
const run = (attempt: number, finishedAt: number, outcome = "captured") => ({
  container: "stress",
  attempt,
  startedAt: finishedAt - 5000,
  finishedAt,
  exitCode: 137,
  reason: "OOMKilled",
  at: finishedAt + 1000,
  outcome,
  why: outcome === "captured" ? null : "rotated",
  whySentence:
    outcome === "captured" ? null : "log not captured: the kubelet had already rotated it",
});
const RUNS = [run(1, AT - 300_000), run(2, AT - 200_000, "skipped"), run(3, AT + 60_000)];

let asked: { url: string; body?: unknown }[] = [];
let downloads: Blob[] = [];

beforeEach(() => {
  asked = [];
  downloads = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      asked.push({ url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      const reply = (status: number, body: unknown) => ({
        ok: status < 400,
        status,
        json: async () => body,
      });
      if (url === "/api/snapshots")
        return reply(201, { id: "s1", url: "/s/s1", expiresAt: AT + 86_400_000 });
      const q = new URL(url, "http://x").searchParams;
      if (url.startsWith("/api/pods/dev/memory-hog/logs"))
        return q.get("run")
          ? reply(200, { text: `run ${q.get("run")}\nfatal error: runtime: out of memory\n` })
          : reply(200, { pod: {}, capture: "failures", runs: RUNS });
      return reply(404, { error: "no" });
    }),
  );
  vi.stubGlobal("navigator", { clipboard: { writeText: async () => {} } });
  URL.createObjectURL = (b: Blob) => {
    downloads.push(b);
    return "blob:x";
  };
  URL.revokeObjectURL = () => {};
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const bar = (logs: LogsBlocked, snapshotId: string | null = null) =>
  render(
    <ShareBar
      state={state}
      svgRef={{ current: null }}
      data={{ timeline: { uid: "u-1" }, events: [] }}
      snapshotId={snapshotId}
      canSnapshot
      logs={logs}
    />,
  );
const box = () => screen.getByTestId("share-include-logs") as HTMLInputElement;
const click = (id: string) => act(async () => void fireEvent.click(screen.getByTestId(id)));
const exported = async () => JSON.parse(await downloads.at(-1)!.text());
const logAsks = () => asked.filter((a) => a.url.includes("/logs"));

describe("the share bar's include logs tick-box", () => {
  it("is off by default and says logs can hold secrets: the snapshot and the JSON hold no logs", async () => {
    bar(null);
    expect(box().checked).toBe(false);
    expect(box().disabled).toBe(false);
    expect(screen.getByTestId("share-include-logs-hint").textContent).toBe(t("share.logs.hint"));
    expect(t("share.logs.hint")).toMatch(/secrets/);
    await click("share-snapshot");
    expect(asked[0].body).toEqual({
      namespace: "dev",
      name: "memory-hog",
      uid: "u-1",
      to: new Date(AT).toISOString(),
    });
    await click("export-json");
    const json = await exported();
    expect(json).not.toHaveProperty("logs");
    expect(json.timeline).toEqual({ uid: "u-1" });
    expect(logAsks()).toEqual([]);
  });

  it("ticked: the snapshot asks for logs, the JSON holds each run's captured tail ended by then", async () => {
    bar(null);
    await act(async () => void fireEvent.click(box()));
    expect(box().checked).toBe(true);
    await click("share-snapshot");
    expect(asked[0].body).toMatchObject({ uid: "u-1", logs: true });
    await click("export-json");
    const json = await exported();
    // Run 3 ended after the moment exported: not in it; run 2 says why it has no text.
    expect(json.logs.map((r: { attempt: number }) => r.attempt)).toEqual([1, 2]);
    expect(json.logs[0]).toMatchObject({
      container: "stress",
      attempt: 1,
      outcome: "captured",
      text: "run 1\nfatal error: runtime: out of memory\n",
    });
    expect(json.logs[1]).toMatchObject({ attempt: 2, outcome: "skipped", text: null });
    expect(logAsks().map((a) => a.url)).toEqual([
      "/api/pods/dev/memory-hog/logs?uid=u-1",
      "/api/pods/dev/memory-hog/logs?uid=u-1&container=stress&run=1",
    ]);
  });

  it.each([
    ["noGrant", "share.logs.noGrant"],
    ["off", "share.logs.off"],
  ] as const)(
    "cannot be ticked when %s, and says why; nothing is asked for logs",
    async (why, key) => {
      bar(why);
      expect(box().disabled).toBe(true);
      expect(box().checked).toBe(false);
      expect(screen.getByTestId("share-include-logs-hint").textContent).toBe(t(key));
      await click("share-snapshot");
      expect(asked[0].body).not.toHaveProperty("logs");
      await click("export-json");
      expect(await exported()).not.toHaveProperty("logs");
      expect(logAsks()).toEqual([]);
    },
  );

  it("a snapshot's own bar has no tick-box (its logs are what the sharer chose)", () => {
    bar(null, "s1");
    expect(screen.queryByTestId("share-include-logs")).toBeNull();
  });
});
