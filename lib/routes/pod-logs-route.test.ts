// GET /api/pods/{ns}/{name}/logs and the other routes a viewer reaches: log text only with the
// grant (an admin, or a viewer token minted with --logs), as JSON strings; snapshots only when asked.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GET } from "@/app/api/pods/[namespace]/[name]/logs/route";
import { GET as timelineGET } from "@/app/api/pods/[namespace]/[name]/timeline/route";
import { GET as clusterGET } from "@/app/api/cluster/route";
import { POST as snapshotPOST } from "@/app/api/snapshots/route";
import { GET as snapshotGET } from "@/app/api/snapshots/[id]/route";
import { viewerOf, withAccess } from "../auth/access.test-kit";
import type { Access } from "../auth/access";
import { authenticate } from "../auth/access";
import { mintViewerToken } from "../auth/tokens";
import type { Pod } from "../k8s/types";
import type { Live } from "../live/live";
import { LogCapture } from "../logs/capture";
import { logSettingsFrom } from "../logs/settings";
import { HistoryStore } from "../store/history-store";
import { LAST_LINE_MAX, lastLineOf } from "../store/log-tails";
import { SnapshotStore } from "../store/snapshots";

const T0 = Date.parse("2026-11-25T00:00:00Z");
const UID = "0f0e0d0c-0000-4000-8000-000000000001";
const PLANTED = "<script>alert('last words')</script> panic: boom";
const iso = (ms: number) => new Date(ms).toISOString();

function pod(restarts: number): Pod {
  return {
    metadata: { uid: UID, namespace: "dev", name: "web", creationTimestamp: iso(T0) },
    spec: { containers: [{ name: "app", image: "app:1" }] },
    status: {
      phase: "Running",
      containerStatuses: [
        {
          name: "app",
          restartCount: restarts,
          ready: true,
          state: { running: { startedAt: iso(T0 + restarts * 60_000) } },
          lastState: {
            terminated: {
              exitCode: 1,
              reason: "Error",
              startedAt: iso(T0),
              finishedAt: iso(T0 + 59_000),
              containerID: "containerd://one",
            },
          },
        },
      ],
    },
  } as Pod;
}

const KEY = Symbol.for("lifeline.live");
const holder = globalThis as Record<symbol, unknown> & { __lifelineSnapshots?: SnapshotStore };
let dir = "";
let store: HistoryStore;
let kept: SnapshotStore | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "lifeline-logs-route-"));
  store = new HistoryStore(join(dir, "history.db"));
  const now = () => T0 + 120_000;
  const capture = new LogCapture({
    settings: logSettingsFrom({}),
    tails: store.logs,
    now,
    fetch: async () => `starting\n${PLANTED}\n`,
  });
  store.observe({ kind: "Pod", type: "ADDED", object: pod(1) as never, observedAt: T0 + 61_000 });
  capture.observe("MODIFIED", pod(1));
  await new Promise((r) => setImmediate(r));
  const live = {
    flush() {},
    store,
    logs: capture,
    now,
    info: () => ({ logs: capture.state() }),
  } as unknown as Live;
  holder[KEY] = Promise.resolve(live);
  kept = holder.__lifelineSnapshots;
  holder.__lifelineSnapshots = new SnapshotStore(":memory:", 86_400_000);
});

afterEach(() => {
  delete holder[KEY];
  holder.__lifelineSnapshots!.close();
  holder.__lifelineSnapshots = kept;
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function logs(query: string, access?: Access, name = "web") {
  const res = await GET(
    new Request(`http://lifeline.test/api/pods/dev/${name}/logs${query}`, withAccess({}, access)),
    { params: Promise.resolve({ namespace: "dev", name }) },
  );
  return { status: res.status, text: await res.text(), type: res.headers.get("content-type") };
}

const withLogs = (...ns: string[]): Access => ({ ...viewerOf(...ns), logs: true });

describe("GET /api/pods/{ns}/{name}/logs", () => {
  it("gives an admin a run's captured tail as a JSON string, and the list of runs", async () => {
    const one = await logs("?container=app&run=1");
    expect(one.status).toBe(200);
    expect(one.type).toBe("application/json");
    const body = JSON.parse(one.text);
    expect(body.text).toBe(`starting\n${PLANTED}\n`);
    expect(body.run).toMatchObject({
      container: "app",
      attempt: 1,
      exitCode: 1,
      outcome: "captured",
    });
    expect(one.text).not.toContain("<script>"); // escaped as JSON, never raw markup
    const list = JSON.parse((await logs("")).text);
    expect(list.runs.map((r: { attempt: number }) => r.attempt)).toEqual([1]);
    expect(list.runs[0].text).toBeUndefined();
  });

  it("the runs list carries each captured run's last line (the tooltip's), cut to one short line", async () => {
    const list = JSON.parse((await logs("")).text);
    expect(list.runs[0].lastLine).toBe(PLANTED);
    expect(JSON.stringify(list)).not.toContain("starting"); // the last line only, not the text
    expect(lastLineOf("a\nb\n\n")).toBe("b");
    expect(lastLineOf("one\r\n")).toBe("one");
    expect(lastLineOf("")).toBeNull();
    expect(lastLineOf("\n \n")).toBeNull();
    expect(lastLineOf("x".repeat(1000))).toHaveLength(LAST_LINE_MAX);
  });

  it("a tail stored with the kubelet's times (timestamps=true): the last line without its time", () => {
    const text =
      "2026-11-25T06:00:00.123456789Z starting\n2026-11-25T06:00:05Z panic: boom\n2026-11-25T06:00:05.5Z \n";
    // The empty line the program printed last carries a time only: the line before it is last.
    expect(lastLineOf(text)).toBe("panic: boom");
    expect(lastLineOf("2026-11-25T14:00:05+08:00 on a node in its own zone\n")).toBe(
      "on a node in its own zone",
    );
    // Cut after the time is gone: the line's own words fill the length.
    expect(lastLineOf(`2026-11-25T06:00:05Z ${"y".repeat(1000)}`)).toBe("y".repeat(LAST_LINE_MAX));
  });

  it("answers bad input with a 400 sentence and a missing run with a 404", async () => {
    for (const [q, status, words] of [
      ["?container=App_1&run=1", 400, "is not a valid container name"],
      ["?run=1", 400, "run needs its container"],
      ["?container=app&run=0", 400, "is not a run number"],
      ["?container=app&run=x", 400, "is not a run number"],
      ["?container=app&run=7", 404, "kept no log for run 7"],
      ["?uid=zz", 400, "is not a pod uid"],
    ] as const) {
      const r = await logs(q);
      expect(r.status, q).toBe(status);
      expect(JSON.parse(r.text).error, q).toContain(words);
    }
    expect((await logs("", undefined, "other")).status).toBe(404);
  });

  it("names a container the pod does not have, a parameter given twice, a run with leading zeros", async () => {
    for (const [q, words] of [
      [
        "?container=nope&run=1",
        "container nope is not valid for pod dev/web: its containers are app.",
      ],
      ["?container=nope", "container nope is not valid for pod dev/web"],
      ["?container=app&run=1&run=2", "run is given twice"],
      ["?container=app&container=app&run=1", "container is given twice"],
      ["?container=app&run=01", "a whole number without leading zeros"],
    ] as const) {
      const r = await logs(q);
      expect(r.status, q).toBe(400);
      expect(JSON.parse(r.text).error, q).toContain(words);
    }
  });

  it("a run that was not captured answers 200 with text null, its why and sentence", async () => {
    store.logs.skip(
      {
        uid: UID,
        container: "app",
        instance: "containerd://two",
        attempt: 2,
        startedAt: T0 + 60_000,
        finishedAt: T0 + 90_000,
        exitCode: 1,
        signal: null,
        reason: "Error",
      },
      "rotated",
      'previous terminated container "app" in pod "web" not found',
      T0 + 100_000,
    );
    const r = await logs("?container=app&run=2");
    expect(r.status).toBe(200);
    const body = JSON.parse(r.text);
    expect(body.text).toBeNull();
    expect(body.run).toMatchObject({ attempt: 2, outcome: "skipped", why: "rotated" });
    expect(body.run.whySentence).toContain("the kubelet had already rotated it");
  });

  it("a viewer without the logs grant gets a 403 and no log text through any route", async () => {
    const viewer = viewerOf("dev");
    for (const q of ["", "?container=app&run=1"]) {
      const r = await logs(q, viewer);
      expect(r.status).toBe(403);
      expect(JSON.parse(r.text).error).toContain("--logs");
      expect(r.text).not.toContain("panic");
    }
    const timeline = await timelineGET(
      new Request("http://lifeline.test/api/pods/dev/web/timeline", withAccess({}, viewer)),
      { params: Promise.resolve({ namespace: "dev", name: "web" }) },
    );
    expect(timeline.status).toBe(200);
    expect(await timeline.text()).not.toContain("panic");
    const cluster = await clusterGET(
      new Request("http://lifeline.test/api/cluster", withAccess({}, viewer)),
    );
    expect(await cluster.text()).not.toContain("panic");
    // Snapshots are taken by people who sign in; a viewer cannot take one with logs or without.
    const snap = await snapshotPOST(
      new Request(
        "http://lifeline.test/api/snapshots",
        withAccess(
          { method: "POST", body: JSON.stringify({ namespace: "dev", name: "web", logs: true }) },
          viewer,
        ),
      ),
    );
    expect(snap.status).toBe(403);
    // Another namespace stays out of reach, grant or not.
    expect((await logs("", withLogs("prod"))).status).toBe(403);
    expect((await logs("?container=app&run=1", withLogs("dev"))).status).toBe(200);
  });

  it("a token minted with --logs carries the grant; one without does not", () => {
    const secret = "s".repeat(40);
    const config = { mode: "token", secret, adminToken: "a".repeat(40) } as never;
    const grant = (logs: boolean) => {
      const token = mintViewerToken(
        secret,
        { namespaces: ["dev"], expiresAt: T0 + 3600_000, logs },
        T0,
      );
      const a = authenticate(
        { authorization: `Bearer ${token}`, cookie: null, proxyUser: null, peer: null },
        config,
        T0,
      );
      return a.ok ? a.access.logs === true : "refused";
    };
    expect(grant(true)).toBe(true);
    expect(grant(false)).toBe(false);
  });

  it("a pod snapshot holds the logs only when the person sharing asks for them", async () => {
    const take = async (body: object) => {
      const res = await snapshotPOST(
        new Request(
          "http://lifeline.test/api/snapshots",
          withAccess({ method: "POST", body: JSON.stringify(body) }),
        ),
      );
      expect(res.status).toBe(201);
      const { id } = await res.json();
      const read = await snapshotGET(new Request(`http://lifeline.test/api/snapshots/${id}`), {
        params: Promise.resolve({ id }),
      });
      return read.text();
    };
    expect(await take({ namespace: "dev", name: "web" })).not.toContain("panic");
    const withText = JSON.parse(await take({ namespace: "dev", name: "web", logs: true }));
    expect(withText.body.logs[0]).toMatchObject({ attempt: 1, text: `starting\n${PLANTED}\n` });
    const bad = await snapshotPOST(
      new Request(
        "http://lifeline.test/api/snapshots",
        withAccess({ method: "POST", body: '{"namespace":"dev","name":"web","logs":"yes"}' }),
      ),
    );
    expect(bad.status).toBe(400);
  });
});
