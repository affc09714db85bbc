// @vitest-environment happy-dom
// The NOC screen of a namespaced install: no node counts as "not Ready" because none is seen, so
// the screen says the nodes are not visible rather than letting their absence read as health.
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act } from "@testing-library/react";
import {
  fakeStreamGlobals,
  FakeEventSource,
  later,
  streamRow,
} from "@/components/fake-event-source.test-kit";
import { translator } from "@/lib/i18n";
import { Kiosk } from "./Kiosk";

vi.mock("next/navigation", () => ({
  useRouter: () => ({ replace: () => {} }),
  useSearchParams: () => new URLSearchParams(search),
}));

const t = translator("en");
let search = "";
const NOW = Date.parse("2026-11-20T09:00:00Z");
const cluster = (nodes: "watched" | "forbidden", watching: string[] | null = null) => ({
  mode: "in-cluster",
  context: null,
  ready: true,
  clock: { now: NOW, speed: 1 },
  nodes: { state: nodes, since: nodes === "forbidden" ? NOW : null, error: null },
  connection: { phase: "connected", eventsApi: "v1", reflectors: [] },
  watching,
});

function serve(nodes: "watched" | "forbidden", watching: string[] | null = null) {
  fakeStreamGlobals((url) =>
    url.startsWith("/api/cluster")
      ? { status: 200, body: cluster(nodes, watching) }
      : { status: 503 },
  );
}

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  vi.stubGlobal(
    "ResizeObserver",
    class {
      observe() {}
      disconnect() {}
    },
  );
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("Kiosk", () => {
  it("says the nodes are not visible when the server may not list them", async () => {
    serve("forbidden");
    render(<Kiosk />);
    await later();
    await later();
    const chip = screen.getByTestId("kiosk-nodes-hidden");
    expect(chip.textContent).toBe(t("health.nodesHidden"));
    expect(chip.getAttribute("title")).toBe(t("conn.nodes.forbidden"));
  });

  it("says nothing of it when the nodes are watched", async () => {
    serve("watched");
    render(<Kiosk />);
    await later(5_000);
    await later();
    expect(screen.queryByTestId("kiosk-nodes-hidden")).toBeNull();
    expect(screen.getByTestId("kiosk")).toBeTruthy();
  });

  it("names the namespaces the server watches (LIFELINE_NAMESPACES) when the address names none", async () => {
    serve("forbidden", ["dev", "team-b"]);
    render(<Kiosk />);
    await later();
    await later();
    const header = screen.getByTestId("kiosk").textContent ?? "";
    expect(header).toContain("dev, team-b");
    expect(header).not.toContain(t("kiosk.allNamespaces"));
  });

  it("says all namespaces when the server watches the whole cluster", async () => {
    serve("watched");
    render(<Kiosk />);
    await later();
    await later();
    expect(screen.getByTestId("kiosk").textContent).toContain(t("kiosk.allNamespaces"));
  });

  it("150,000 pods, 1,000 in trouble: the counts are the server's, and the pods in trouble with no card are counted by namespace", async () => {
    fakeStreamGlobals((url) =>
      url.startsWith("/api/cluster")
        ? { status: 200, body: cluster("watched") }
        : { status: 200, body: { pods: [] } },
    );
    render(<Kiosk />);
    await later();
    const es = FakeEventSource.made.find((e) => e.url.startsWith("/api/stream"))!;
    // happy-dom's 1024×768 screen holds 3 × 7 cards: the stream asks for 5 screens of them.
    expect(es.url).toBe("/api/stream?removed=0&limit=105");
    const rows = ["a", "b", "c"].map((n) => ({ ...streamRow(n), namespace: "shop" }));
    const health = {
      failing: 900,
      warning: 100,
      ok: 149_000,
      namespaces: [
        ["shop", 600, 0],
        ["db", 300, 0],
        ["web", 0, 100],
      ],
    };
    await act(async () => {
      es.open();
      es.send("snapshot", {
        pods: rows,
        window: {
          offset: 0,
          total: 150_000,
          uids: rows.map((r) => r.uid),
          counts: { all: 150_000, statuses: [], nodes: [], nodesNotReady: [], health },
        },
      });
    });
    await later(1000);
    expect(screen.getByTestId("kiosk-counts").textContent).toContain("150,000 pods");
    expect(screen.getByTestId("kiosk-failing").textContent).toBe(t("kiosk.failing", { n: "900" }));
    expect(screen.getAllByTestId("kiosk-card")).toHaveLength(3);
    expect(screen.getByTestId("kiosk-hidden-trouble").textContent).toBe(
      "+997 more pods in trouble not shown",
    );
    const ns = screen.getAllByTestId("kiosk-overflow-ns").map((e) => e.textContent);
    expect(ns).toEqual(["shop: 597 failing", "db: 300 failing", "web: 100 warning"]);
    expect(screen.getByTestId("kiosk-hidden-healthy").textContent).toBe(
      "+149,000 healthy pods not shown",
    );
  });

  it("shows the server's first cards (the page's HTML) until its stream's first frame replaces them", async () => {
    fakeStreamGlobals((url) =>
      url.startsWith("/api/cluster")
        ? { status: 200, body: cluster("watched") }
        : { status: 200, body: { pods: [] } },
    );
    const first = ["p1", "p2"].map((n) => streamRow(n));
    const counts = {
      all: 40,
      statuses: [],
      nodes: [],
      nodesNotReady: [],
      health: { failing: 7, warning: 0, ok: 33, namespaces: [] },
    };
    const preview = {
      rows: first,
      window: { offset: 0, total: 40, uids: first.map((r) => r.uid), counts },
      at: NOW,
    };
    render(<Kiosk preview={preview} />);
    // Before anything ran: the cards and the server's counts.
    expect(screen.getAllByTestId("kiosk-card")).toHaveLength(2);
    expect(screen.getByTestId("kiosk-counts").textContent).toContain("40 pods");
    expect(screen.getByTestId("kiosk-failing").textContent).toBe(t("kiosk.failing", { n: "7" }));
    await later();
    const es = FakeEventSource.made.find((e) => e.url.startsWith("/api/stream"))!;
    expect(screen.getAllByTestId("kiosk-card")).toHaveLength(2);
    const rows = ["q1", "q2", "q3"].map((n) => streamRow(n));
    await act(async () => {
      es.open();
      es.send("snapshot", {
        pods: rows,
        window: {
          offset: 0,
          total: 3,
          uids: rows.map((r) => r.uid),
          counts: { ...counts, all: 3, health: { ...counts.health, failing: 3, ok: 0 } },
        },
      });
    });
    await later(1000);
    expect(screen.getAllByTestId("kiosk-card")).toHaveLength(3);
    expect(screen.getByTestId("kiosk-counts").textContent).toContain("3 pods");
  });

  it("shows its clock in UTC, and says so, with tz=utc", async () => {
    search = "tz=utc";
    serve("watched");
    render(<Kiosk />);
    await later();
    // 09:00:00 UTC whatever the machine's zone (the tests pin TZ=UTC: the label is what tells).
    expect(screen.getByTestId("kiosk-clock").textContent).toMatch(/^09:00:0\d$/);
    expect(screen.getByTestId("kiosk-zone").textContent).toBe("UTC");
    search = "";
  });
});
