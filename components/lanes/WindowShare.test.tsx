// @vitest-environment happy-dom
// The window pages' share bar (a workload's): the live link keeps the preset and zone, the frozen
// link is the window on screen, the snapshot asks the server for that window and offers /s/{id};
// on a snapshot only its own link; the server's refusal is shown in its words.
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { translator } from "@/lib/i18n";
import { WindowShareBar } from "./WindowShare";

const t = translator("en");
const AT = Date.parse("2026-11-25T06:00:00Z");
const FROM = AT - 3600_000;
const PATH = "/workloads/batch/cronjobs/db-backup";
const REQUEST = { kind: "workload", namespace: "batch", workload: "cronjobs", name: "db-backup" };

let asked: { url: string; body?: unknown }[] = [];
let reply: { status: number; body: unknown } = { status: 201, body: {} };

beforeEach(() => {
  asked = [];
  reply = { status: 201, body: { id: "s1", url: "/s/s1", expiresAt: AT + 90 * 86_400_000 } };
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      asked.push({ url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      return { ok: reply.status < 400, status: reply.status, json: async () => reply.body };
    }),
  );
  vi.stubGlobal("navigator", { clipboard: { writeText: async () => {} } });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const bar = (
  o: { tz?: "utc" | "local"; preset?: string | null; snapshotId?: string | null } = {},
) =>
  render(
    <WindowShareBar
      path={PATH}
      window={[FROM, AT]}
      tz={o.tz ?? "utc"}
      preset={o.preset ?? null}
      request={REQUEST}
      canSnapshot
      snapshotId={o.snapshotId ?? null}
    />,
  );
const click = (id: string) => act(async () => void fireEvent.click(screen.getByTestId(id)));
const offered = () => new URL((screen.getByTestId("share-url") as HTMLInputElement).value);

describe("the window share bar", () => {
  it("offers the live link with its preset and zone, and the frozen link as the window on screen", async () => {
    bar({ preset: "6h" });
    await click("copy-live-link");
    expect(offered().pathname + offered().search).toBe(`${PATH}?window=6h&tz=utc`);
    await click("copy-frozen-link");
    expect(Object.fromEntries(offered().searchParams)).toEqual({
      from: "2026-11-25T05:00:00.000Z",
      to: "2026-11-25T06:00:00.000Z",
      tz: "utc",
    });
    expect(offered().pathname).toBe(PATH);
    expect(asked).toEqual([]);
  });

  it("stores a snapshot of the window on screen and offers its link; a refusal is said in the server's words", async () => {
    bar({ tz: "local" });
    await click("share-snapshot");
    expect(asked).toEqual([
      {
        url: "/api/snapshots",
        body: { ...REQUEST, from: new Date(FROM).toISOString(), to: new Date(AT).toISOString() },
      },
    ]);
    expect(offered().pathname + offered().search).toBe("/s/s1");
    expect(screen.getByRole("status").textContent).toContain(
      t("share.snapshotMade.view", { d: "2027-02-23" }),
    );
    reply = { status: 413, body: { error: "This view holds 17.0 MiB of data …" } };
    await click("share-snapshot");
    expect(screen.getByTestId("share-error").textContent).toBe(
      t("share.failed", { error: "This view holds 17.0 MiB of data …" }),
    );
  });

  it("on a snapshot offers only the snapshot's own link", async () => {
    bar({ snapshotId: "abcdefghijklmnopqrstuvwx" });
    expect(screen.queryByTestId("share-snapshot")).toBeNull();
    expect(screen.queryByTestId("copy-live-link")).toBeNull();
    await click("copy-snapshot-link");
    expect(offered().pathname).toBe("/s/abcdefghijklmnopqrstuvwx");
  });
});
