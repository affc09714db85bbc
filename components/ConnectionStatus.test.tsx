// @vitest-environment happy-dom
// The banner of a namespaced install: connected, and where nodes would show, the sentence saying
// they are not visible and what that leaves out, in the reader's language.
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ConnectionStatus } from "./ConnectionStatus";
import { I18nProvider } from "./I18n";

const T = Date.parse("2026-11-20T09:00:00Z");
const DENIED =
  'Lifeline may not list nodes (403 Forbidden): grant its user or service account "list" on nodes (see deploy/ for the read-only role). The API server said: nodes is forbidden: User "system:serviceaccount:lifeline:lifeline" cannot list resource "nodes" in API group "" at the cluster scope.';

function answer(nodes: "watched" | "forbidden") {
  return {
    mode: "in-cluster",
    reason: "running in a pod: using its service account",
    server: "https://10.96.0.1:443",
    context: null,
    ready: true,
    clock: { now: T, speed: 1 },
    nodes:
      nodes === "forbidden"
        ? { state: "forbidden", since: T, error: DENIED }
        : { state: "watched", since: null, error: null },
    connection: {
      phase: "connected",
      eventsApi: "events.k8s.io/v1",
      reflectors: [
        {
          path: "/api/v1/namespaces/dev/pods",
          phase: "connected",
          since: T,
          lastError: null,
          lists: 1,
          watches: 1,
        },
        nodes === "forbidden"
          ? {
              path: "/api/v1/nodes",
              phase: "forbidden",
              since: T,
              lastError: DENIED,
              lists: 0,
              watches: 0,
            }
          : {
              path: "/api/v1/nodes",
              phase: "connected",
              since: T,
              lastError: null,
              lists: 1,
              watches: 1,
            },
      ],
    },
  };
}

describe("ConnectionStatus", () => {
  const fetch = vi.fn<typeof globalThis.fetch>();
  beforeEach(() => vi.stubGlobal("fetch", fetch));
  afterEach(() => {
    cleanup();
    fetch.mockReset();
    vi.unstubAllGlobals();
  });

  it("stays green and says nodes are not visible when the service account may not list them", async () => {
    fetch.mockImplementation(async () => Response.json(answer("forbidden")));
    render(
      <I18nProvider lang="en">
        <ConnectionStatus />
      </I18nProvider>,
    );
    const note = await screen.findByTestId("connection-nodes");
    expect(note.textContent).toBe(
      "Nodes are not visible: the service account may not list nodes (a namespaced install). Pod timelines are complete; node readiness is not shown.",
    );
    expect(screen.getByTestId("connection").getAttribute("data-tone")).toBe("ok");
    expect(screen.getByTestId("connection-title").textContent).toBe(
      "Connected to https://10.96.0.1:443",
    );
    // The watch's own row says why, in the API server's words.
    expect(screen.getByText(DENIED)).toBeTruthy();
  });

  it("says it in Chinese", async () => {
    fetch.mockImplementation(async () => Response.json(answer("forbidden")));
    render(
      <I18nProvider lang="zh">
        <ConnectionStatus />
      </I18nProvider>,
    );
    expect((await screen.findByTestId("connection-nodes")).textContent).toBe(
      "节点不可见：服务账号无权列出节点（按命名空间安装）。Pod 时间线完整；不显示节点就绪状态。",
    );
  });

  it("says nothing of nodes when they are watched", async () => {
    fetch.mockImplementation(async () => Response.json(answer("watched")));
    render(
      <I18nProvider lang="en">
        <ConnectionStatus />
      </I18nProvider>,
    );
    // (The poll is shared by the page's components: the last test's answer shows until this one's arrives.)
    await vi.waitFor(() => expect(fetch).toHaveBeenCalled());
    await vi.waitFor(() => expect(screen.queryByTestId("connection-nodes")).toBeNull());
    expect(screen.getByTestId("connection").getAttribute("data-tone")).toBe("ok");
  });
});
