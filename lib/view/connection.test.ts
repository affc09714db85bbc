import { describe, expect, it } from "vitest";
import { translator } from "../i18n";
import {
  browserTime,
  describeAnswer,
  describeConnection,
  serverTime,
  type ClusterInfo,
} from "./connection";

const T = Date.parse("2026-11-20T09:00:00Z");

function info(
  over: Partial<ClusterInfo> = {},
  phases: ("connected" | "syncing" | "retrying")[] = ["connected", "connected", "connected"],
): ClusterInfo {
  return {
    mode: "kubeconfig",
    reason: "kubeconfig from /home/ops/.kube/config",
    server: "https://10.0.0.1:6443",
    context: "prod-eu",
    ready: true,
    connection: {
      phase: phases.includes("retrying")
        ? "retrying"
        : phases.includes("syncing")
          ? "syncing"
          : "connected",
      eventsApi: "events.k8s.io/v1",
      reflectors: phases.map((phase, i) => ({
        path: ["/api/v1/pods", "/apis/events.k8s.io/v1/events", "/api/v1/nodes"][i],
        phase,
        since: T + i * 1000,
        lastError:
          phase === "retrying"
            ? 'Lifeline may not list pods in all namespaces (403 Forbidden): grant it "list" on pods.'
            : null,
        lists: 1,
        watches: 1,
      })),
    },
    ...over,
  };
}

describe("connection banner", () => {
  it("says apart in which namespaces container logs may not be read (403 on pods/log)", () => {
    const denied = info({
      logs: { mode: "failures", forbidden: [{ namespace: "dev" }, { namespace: "team-b" }] },
    });
    const view = describeConnection({ ok: true, info: denied }, T);
    expect(view.tone).toBe("ok");
    expect(view.logs).toBe(
      "Container logs are not captured in dev, team-b: Lifeline's credentials may not get pods/log.",
    );
    expect(describeConnection({ ok: true, info: denied }, T, translator("zh")).logs).toBe(
      "未在 dev, team-b 中采集容器日志：Lifeline 的凭据无权获取 pods/log。",
    );
    expect(describeConnection({ ok: true, info: info() }, T).logs).toBeUndefined();
    expect(
      describeConnection({ ok: true, info: info({ logs: { mode: "failures", forbidden: [] } }) }, T)
        .logs,
    ).toBeUndefined();
  });

  it("says apart which workload kinds are not listed: refused where, or not served", () => {
    const view = describeConnection(
      {
        ok: true,
        info: info({
          workloads: [
            {
              resource: "statefulsets.apps",
              kind: "StatefulSet",
              reason: "forbidden",
              namespaces: ["dev", "team-b"],
            },
            { resource: "cronjobs.batch", kind: "CronJob", reason: "not-served", namespaces: null },
          ],
        }),
      },
      T,
    );
    expect(view.tone).toBe("ok");
    expect(view.workloads).toBe(
      "Lifeline may not list statefulsets.apps in dev, team-b: workload pages omit StatefulSets there. The cluster does not serve cronjobs.batch: workload pages omit CronJobs.",
    );
    expect(describeConnection({ ok: true, info: info({ workloads: [] }) }, T).workloads).toBe(
      undefined,
    );
  });

  it("says apart, and calmly, that nodes are not visible to a namespaced install", () => {
    const denied =
      'Lifeline may not list nodes (403 Forbidden): grant its user or service account "list" on nodes (see deploy/ for the read-only role).';
    const namespaced = info({
      nodes: { state: "forbidden", since: T, error: denied },
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
          {
            path: "/api/v1/nodes",
            phase: "forbidden",
            since: T,
            lastError: denied,
            lists: 0,
            watches: 0,
          },
        ],
      },
    });
    expect(describeConnection({ ok: true, info: namespaced }, T)).toEqual({
      tone: "ok",
      title: "Connected to prod-eu (https://10.0.0.1:6443)",
      detail: "Kubeconfig from /home/ops/.kube/config; events from events.k8s.io/v1.",
      nodes:
        "Nodes are not visible: the service account may not list nodes (a namespaced install). Pod timelines are complete; node readiness is not shown.",
    });
    expect(describeConnection({ ok: true, info: namespaced }, T, translator("zh")).nodes).toBe(
      "节点不可见：服务账号无权列出节点（按命名空间安装）。Pod 时间线完整；不显示节点就绪状态。",
    );
    // Said while pods retry too (their own error is the title's); not when nodes are watched.
    const [pods, nodes] = namespaced.connection.reflectors;
    const podsError = "Lifeline may not list pods in namespace dev (403 Forbidden).";
    const retrying = {
      ...namespaced,
      connection: {
        ...namespaced.connection,
        phase: "retrying" as const,
        reflectors: [{ ...pods, phase: "retrying" as const, lastError: podsError }, nodes],
      },
    };
    const view = describeConnection({ ok: true, info: retrying }, T + 5000);
    expect(view.tone).toBe("warn");
    expect(view.detail).toMatch(/^Lifeline may not list pods in namespace dev/);
    expect(describeConnection({ ok: true, info: retrying }, T).nodes).toMatch(
      /^Nodes are not visible/,
    );
    expect(describeConnection({ ok: true, info: info() }, T).nodes).toBeUndefined();
  });

  it("says where Lifeline is connected, and why that cluster", () => {
    expect(describeConnection({ ok: true, info: info() }, T)).toEqual({
      tone: "ok",
      title: "Connected to prod-eu (https://10.0.0.1:6443)",
      detail: "Kubeconfig from /home/ops/.kube/config; events from events.k8s.io/v1.",
    });
  });

  it("names the cluster alone for a viewer, who is told no server address nor kubeconfig file", () => {
    const viewer = { ...info(), reason: undefined, server: undefined };
    expect(describeConnection({ ok: true, info: viewer }, T)).toEqual({
      tone: "ok",
      title: "Connected to prod-eu",
      detail: "Events from events.k8s.io/v1.",
    });
    expect(describeConnection({ ok: true, info: viewer }, T, translator("zh")).detail).toBe(
      "事件来自 events.k8s.io/v1。",
    );
    expect(describeConnection({ ok: true, info: { ...viewer, ready: false } }, T)).toEqual({
      tone: "busy",
      title: "Syncing with prod-eu…",
      detail: "",
    });
    expect(describeConnection({ ok: true, info: { ...viewer, context: null } }, T).title).toBe(
      "Connected to the cluster",
    );
  });

  it("says so plainly when it shows the demo cluster", () => {
    const v = describeConnection(
      {
        ok: true,
        info: info({
          mode: "demo",
          context: "lifeline-demo",
          reason: "no kubeconfig and no in-cluster credentials: using the embedded demo cluster",
        }),
      },
      T,
    );
    expect(v).toEqual({
      tone: "ok",
      title: "Demo cluster (embedded)",
      detail:
        "No kubeconfig and no in-cluster credentials: using the embedded demo cluster; events from events.k8s.io/v1. This is simulated data, not a real cluster.",
    });
  });

  it("says why that cluster in Chinese too, file names left as they are", () => {
    const zh = translator("zh");
    const demo = describeConnection(
      {
        ok: true,
        info: info({
          mode: "demo",
          reason: "no kubeconfig and no in-cluster credentials: using the embedded demo cluster",
        }),
      },
      T,
      zh,
    );
    expect(demo.detail).toBe(
      "没有 kubeconfig，也没有集群内凭据：使用内置演示集群；事件来自 events.k8s.io/v1。 这是模拟数据，不是真实集群。",
    );
    expect(describeConnection({ ok: true, info: info() }, T, zh).detail).toBe(
      "Kubeconfig 来自 /home/ops/.kube/config；事件来自 events.k8s.io/v1。",
    );
    expect(
      describeConnection(
        { ok: true, info: info({ reason: "kubeconfig from KUBECONFIG (/a, /b)" }) },
        T,
        zh,
      ).detail,
    ).toContain("Kubeconfig 来自 KUBECONFIG（/a, /b）");
    expect(
      describeConnection(
        {
          ok: true,
          info: info({
            reason: "LIFELINE_DEMO is set: using the embedded demo cluster",
            mode: "demo",
          }),
        },
        T,
        zh,
      ).detail,
    ).toContain("已设置 LIFELINE_DEMO");
    expect(
      describeConnection(
        {
          ok: true,
          info: info({ mode: "in-cluster", reason: "running in a pod: using its service account" }),
        },
        T,
        zh,
      ).detail,
    ).toContain("运行在 Pod 中");
    // A reason this version does not know is passed on as the server wrote it.
    expect(
      describeConnection({ ok: true, info: info({ reason: "something new" }) }, T, zh).detail,
    ).toContain("Something new");
  });

  it("shows syncing until the first sync is done", () => {
    expect(
      describeConnection(
        { ok: true, info: info({ ready: false }, ["connected", "syncing", "syncing"]) },
        T,
      ),
    ).toMatchObject({ tone: "busy", title: "Syncing with prod-eu (https://10.0.0.1:6443)…" });
  });

  it("says how long it has been retrying, since when, and the last error", () => {
    const v = describeConnection(
      { ok: true, info: info({}, ["connected", "retrying", "retrying"]) },
      T + 125_000,
    );
    expect(v).toEqual({
      tone: "warn",
      title: "Retrying prod-eu (https://10.0.0.1:6443) for 2m 04s (since 09:00:01 UTC)",
      detail:
        'Lifeline may not list pods in all namespaces (403 Forbidden): grant it "list" on pods. What Lifeline already recorded stays available.',
    });
  });

  it("says the cluster is unreachable, in red, once no watch has had an answer past the threshold", () => {
    const unreachable = {
      state: "unreachable" as const,
      unreachableSince: T,
      unreachableAfterMs: 120_000,
    };
    const down = info({ reachability: unreachable }, ["retrying", "retrying", "retrying"]);
    down.connection.reflectors = down.connection.reflectors.map((r) => ({
      ...r,
      lastError: "connect ECONNREFUSED 10.0.0.1:6443",
    }));
    const v = describeConnection({ ok: true, info: down }, T + 185_000);
    expect(v).toEqual({
      tone: "error",
      title: "prod-eu (https://10.0.0.1:6443) unreachable for 3m 05s (since 09:00:00 UTC)",
      detail: "connect ECONNREFUSED 10.0.0.1:6443. What Lifeline already recorded stays available.",
    });
    expect(
      describeConnection(
        {
          ok: true,
          info: info({ reachability: unreachable }, ["retrying", "retrying", "retrying"]),
        },
        T + 185_000,
        translator("zh"),
      ).title,
    ).toBe("prod-eu (https://10.0.0.1:6443) 无法连接，已持续 3m 05s（自 UTC 09:00:00 起）");
    // Before the threshold it is a retry, said in amber.
    expect(
      describeConnection(
        {
          ok: true,
          info: info({ reachability: { ...unreachable, state: "reachable" } }, [
            "retrying",
            "retrying",
            "retrying",
          ]),
        },
        T + 60_000,
      ).tone,
    ).toBe("warn");
  });

  it("passes on the server's sentence when the pipeline could not start, and says when the server is gone", () => {
    expect(
      describeConnection(
        {
          ok: false,
          status: 503,
          error: "Lifeline could not start: KUBECONFIG names /x, but no such file exists",
        },
        T,
      ),
    ).toEqual({
      tone: "error",
      title: "Not connected",
      detail: "Lifeline could not start: KUBECONFIG names /x, but no such file exists",
    });
    expect(describeConnection({ ok: false, status: null, error: "Failed to fetch" }, T)).toEqual({
      tone: "error",
      title: "Lifeline's server is not answering",
      detail: "Failed to fetch. The page keeps trying.",
    });
  });

  it("says a session that ended (a 401: the server restarted, the link expired) in words, with what to do", () => {
    const v = describeConnection(
      {
        ok: false,
        status: 401,
        error: "Sign-in needed: log in, or send 'Authorization: Bearer <token>'.",
      },
      T,
    );
    expect(v).toEqual({
      tone: "error",
      title: "Signed out",
      detail:
        "Your session has ended (the server restarted, or your link expired). Sign in again to go on; what is on screen is not updated.",
      signIn: true,
    });
    expect(
      describeConnection({ ok: false, status: 401, error: "x" }, T, translator("zh")).title,
    ).toBe("已登出");
  });

  it("says the history is not being saved while the disk refuses writes, what is kept, and what was lost", () => {
    const failing = {
      state: "failing" as const,
      since: T,
      reason: "full" as const,
      code: "SQLITE_FULL",
      lastError: "The disk holding the history is full (SQLITE_FULL: database or disk is full).",
      pending: 1234,
      dropped: 0,
    };
    expect(describeConnection({ ok: true, info: info({ store: failing }) }, T + 120_000)).toEqual({
      tone: "warn",
      title: "History is not being saved for 2m 00s (since 09:00:00 UTC)",
      detail:
        "The disk holding the history is full. 1234 changes are kept in memory and saved in order once it takes writes again; Lifeline retries on its own.",
    });
    const lost = describeConnection(
      { ok: true, info: info({ store: { ...failing, pending: 100000, dropped: 15 } }) },
      T + 120_000,
    );
    expect(lost.tone).toBe("error");
    expect(lost.detail).toBe(
      "The disk holding the history is full. 100000 changes are kept in memory and saved in order once it takes writes again; Lifeline retries on its own. The memory bound was reached: the 15 oldest changes were dropped and are lost.",
    );
    // It says so even while the cluster connection is retrying too.
    expect(
      describeConnection(
        { ok: true, info: info({ store: failing }, ["connected", "retrying", "retrying"]) },
        T,
      ).title,
    ).toBe("History is not being saved for 0s (since 09:00:00 UTC)");
    expect(
      describeConnection(
        { ok: true, info: info({ store: { ...failing, reason: "read-only" } }) },
        T,
      ).detail,
    ).toMatch(/^The history file or its disk is read-only\. /);
    expect(
      describeConnection({ ok: true, info: info({ store: { ...failing, reason: "io" } }) }, T)
        .detail,
    ).toMatch(/^The disk holding the history fails to read or write\. /);
    expect(
      describeConnection(
        {
          ok: true,
          info: info({
            store: {
              ...failing,
              reason: "other",
              lastError: "The history could not be written (SQLITE_BUSY: database is locked).",
            },
          }),
        },
        T,
      ).detail,
    ).toMatch(/^The history could not be written \(SQLITE_BUSY: database is locked\)\. /);
    // A viewer is not told the counts.
    const viewer = {
      state: "failing" as const,
      since: T,
      reason: "full" as const,
      code: "SQLITE_FULL",
      lastError: failing.lastError,
    };
    expect(describeConnection({ ok: true, info: info({ store: viewer }) }, T).detail).toBe(
      "The disk holding the history is full. Changes are kept in memory and saved in order once it takes writes again; Lifeline retries on its own.",
    );
    // In Chinese.
    const zh = describeConnection(
      { ok: true, info: info({ store: { ...failing, dropped: 3 } }) },
      T + 120_000,
      translator("zh"),
    );
    expect(zh.title).toBe("历史记录已 2m 00s 未能保存（自 UTC 09:00:00 起）");
    expect(zh.detail).toBe(
      "存放历史记录的磁盘已满。1234 条变更暂存在内存中，磁盘恢复写入后按顺序保存；Lifeline 会自动重试。已达到内存上限：最早的 3 条变更已被丢弃，无法找回。",
    );
  });

  it("once the history is saved again, still says how many changes were lost", () => {
    const v = describeConnection(
      {
        ok: true,
        info: info({
          store: {
            state: "ok",
            since: T,
            reason: null,
            code: null,
            lastError: null,
            pending: 0,
            dropped: 15,
            lastDropAt: T - 60_000,
          },
        }),
      },
      T,
    );
    expect(v.tone).toBe("ok");
    expect(v.detail).toBe(
      "Kubeconfig from /home/ops/.kube/config; events from events.k8s.io/v1. 15 changes were lost while the history could not be saved (the last at 08:59:00 UTC).",
    );
    expect(
      describeConnection(
        {
          ok: true,
          info: info({
            store: {
              state: "ok",
              since: null,
              reason: null,
              code: null,
              lastError: null,
              pending: 0,
              dropped: 0,
              lastDropAt: null,
            },
          }),
        },
        T,
      ).detail,
    ).toBe("Kubeconfig from /home/ops/.kube/config; events from events.k8s.io/v1.");
  });

  it("measures every duration on the server's clock, as the times it gives (a sped-up demo runs ahead of the browser)", () => {
    // The server's clock is 50 min ahead of the browser's and runs 10x; the answer arrived at browser time B.
    const B = T - 50 * 60_000;
    const clock = { now: T, speed: 10 };
    const full = {
      ok: true as const,
      info: info({
        clock,
        store: {
          state: "failing",
          since: T - 30_000,
          reason: "full",
          code: "SQLITE_FULL",
          lastError: null,
        },
      }),
    };
    // 3 s of browser time later the server's clock has run 30 s: 60 s since the disk filled.
    expect(describeAnswer(full, B, B + 3_000).title).toBe(
      "History is not being saved for 1m 00s (since 08:59:30 UTC)",
    );
    const down = {
      ok: true as const,
      info: info(
        {
          clock,
          reachability: {
            state: "unreachable",
            unreachableSince: T - 120_000,
            unreachableAfterMs: 60_000,
          },
        },
        ["retrying", "connected", "connected"],
      ),
    };
    expect(describeAnswer(down, B, B).title).toBe(
      "prod-eu (https://10.0.0.1:6443) unreachable for 2m 00s (since 08:58:00 UTC)",
    );
    const retrying = {
      ok: true as const,
      info: info({ clock }, ["retrying", "connected", "connected"]),
    };
    expect(describeAnswer(retrying, B, B + 1_000).title).toBe(
      "Retrying prod-eu (https://10.0.0.1:6443) for 10s (since 09:00:00 UTC)",
    );
    // A server that does not tell its clock: the browser's.
    expect(
      describeAnswer({ ok: true, info: info({ store: full.info.store }) }, T - 5_000, T).title,
    ).toBe("History is not being saved for 30s (since 08:59:30 UTC)");
  });

  it("browserTime undoes serverTime (a sped-up demo's moment on the browser's clock)", () => {
    const answer = { ok: true as const, info: info({ clock: { now: T + 3_000_000, speed: 10 } }) };
    const at = T - 5_000;
    for (const browserNow of [at, at + 1_000, at + 60_000])
      expect(browserTime(answer, at, serverTime(answer, at, browserNow))).toBeCloseTo(
        browserNow,
        6,
      );
    expect(browserTime({ ok: false, status: null, error: "x" }, at, T)).toBe(T);
  });
});
