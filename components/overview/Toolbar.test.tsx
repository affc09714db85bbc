// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_STATE, type OverviewState } from "@/lib/view/overview";
import { Toolbar } from "./Toolbar";

const NOW = Date.parse("2026-11-20T09:00:00Z");
const STATE: OverviewState = { ...DEFAULT_STATE, namespaces: ["dev"], selector: "app=web" };

function bar(over: Partial<Parameters<typeof Toolbar>[0]> = {}) {
  return render(
    <Toolbar
      state={STATE}
      now={NOW}
      base="/"
      frozen={false}
      canSnapshot
      count={{ shown: 3, total: 10 }}
      nodesNotReady={[]}
      retrying={false}
      truncated={false}
      {...over}
    />,
  );
}

describe("Toolbar", () => {
  const fetch = vi.fn<typeof globalThis.fetch>();
  beforeEach(() => {
    (window as unknown as { happyDOM: { setURL(u: string): void } }).happyDOM.setURL(
      "http://lifeline.test/",
    );
    vi.stubGlobal("fetch", fetch);
  });
  afterEach(() => {
    cleanup();
    fetch.mockReset();
    vi.unstubAllGlobals();
  });

  it("stores a snapshot of the window with its filters and offers its link", async () => {
    fetch.mockResolvedValue(
      Response.json({ url: "/s/abc", expiresAt: Date.parse("2026-12-20T00:00:00Z") }),
    );
    bar();
    fireEvent.click(screen.getByTestId("share-snapshot"));
    const url = (await screen.findByTestId("share-url")) as HTMLInputElement;
    const [path, init] = fetch.mock.calls[0];
    expect(path).toBe("/api/snapshots");
    expect(JSON.parse(init!.body as string)).toEqual({
      kind: "overview",
      namespace: "dev",
      selector: "app=web",
      from: "2026-11-20T08:00:00.000Z",
      to: "2026-11-20T09:00:00.000Z",
    });
    const shared = new URL(url.value);
    expect(shared.origin + shared.pathname).toBe("http://lifeline.test/s/abc");
    expect(shared.searchParams.get("from")).not.toBeNull();
    expect(shared.searchParams.get("selector")).toBe("app=web");
    expect(screen.getByRole("status").textContent).toContain("2026-12-20");
  });

  it("says why a snapshot was refused, in an alert", async () => {
    fetch.mockResolvedValue(Response.json({ error: "snapshots are off here" }, { status: 403 }));
    bar();
    fireEvent.click(screen.getByTestId("share-snapshot"));
    const alert = await screen.findByTestId("share-error");
    expect(alert.getAttribute("role")).toBe("alert");
    expect(alert.textContent).toContain("snapshots are off here");
    expect(screen.queryByTestId("share-url")).toBeNull();
  });

  it("offers a live link that follows now and a frozen one that keeps this window", async () => {
    bar();
    fireEvent.click(screen.getByTestId("copy-live-link"));
    const live = new URL(((await screen.findByTestId("share-url")) as HTMLInputElement).value);
    expect(live.searchParams.get("from")).toBeNull();
    expect(live.searchParams.get("namespace")).toBe("dev");
    fireEvent.click(screen.getByTestId("copy-frozen-link"));
    await waitFor(() =>
      expect(
        new URL((screen.getByTestId("share-url") as HTMLInputElement).value).searchParams.get(
          "from",
        ),
      ).not.toBeNull(),
    );
  });

  it("on a snapshot offers only the snapshot's own link", async () => {
    bar({ frozen: true, base: "/s/abc" });
    expect(screen.queryByTestId("copy-live-link")).toBeNull();
    expect(screen.queryByTestId("share-snapshot")).toBeNull();
    fireEvent.click(screen.getByTestId("copy-snapshot-link"));
    const url = new URL(((await screen.findByTestId("share-url")) as HTMLInputElement).value);
    expect(url.pathname).toBe("/s/abc");
  });

  it("hides the snapshot button when snapshots are not allowed", () => {
    bar({ canSnapshot: false });
    expect(screen.queryByTestId("share-snapshot")).toBeNull();
    expect(screen.getByTestId("copy-live-link")).toBeTruthy();
  });

  it("shows the count, nodes not Ready, the sort, and the stream's and list's warnings", () => {
    bar({ nodesNotReady: ["node-2", "node-3"], retrying: true, truncated: true });
    expect(screen.getByTestId("count").textContent).toBe("3 of 10 pods");
    cleanup();
    // Thousands grouped, as the kiosk writes them.
    bar({ count: { shown: 50_020, total: 150_000 } });
    expect(screen.getByTestId("count").textContent).toBe("50,020 of 150,000 pods");
    cleanup();
    bar({ nodesNotReady: ["node-2", "node-3"], retrying: true, truncated: true });
    const nodes = screen.getByTestId("nodes-not-ready");
    expect(nodes.getAttribute("title")).toContain("node-2, node-3");
    const statuses = screen.getAllByRole("status").map((s) => s.textContent);
    expect(statuses).toHaveLength(3);
  });

  it("says where the nodes' readiness would be that the nodes are not visible (a namespaced install)", () => {
    bar({ nodesHidden: true });
    const chip = screen.getByTestId("nodes-hidden");
    expect(chip.textContent).toBe("nodes not visible");
    expect(chip.getAttribute("title")).toBe(
      "Nodes are not visible: the service account may not list nodes (a namespaced install). Pod timelines are complete; node readiness is not shown.",
    );
    cleanup();
    bar();
    expect(screen.queryByTestId("nodes-hidden")).toBeNull();
  });
});
