// Exact timelines for every fixture story, watched live from creation.
import { describe, expect, it } from "vitest";
import { story, storyInput } from "../fixtures";
import { buildTimeline } from "./build-timeline";
import type { PodTimeline } from "./types";

const T0 = Date.parse("2026-11-20T09:00:00Z");
/** A time `sec` seconds into a story, as the API wrote it. */
const at = (sec: number) => T0 + sec * 1000;
/** When the collector saw a version written at `sec` (watch delivery takes 80 ms in the fixtures). */
const seen = (sec: number) => at(sec) + 80;
const iv = (start: number, end: number | null) => ({ start, end });

function timeline(name: string): PodTimeline {
  const s = story(name);
  if (!s) throw new Error(`no story ${name}`);
  return buildTimeline(storyInput(s));
}

const brief = <T extends { start: number; end: number | null }>(items: T[], key: keyof T) =>
  items.map((i) => [i[key], i.start, i.end]);

describe("unschedulable", () => {
  const tl = timeline("unschedulable");
  it("stays Pending with PodScheduled False Unschedulable", () => {
    expect(brief(tl.phases, "phase")).toEqual([["Pending", at(0), null]]);
    expect(brief(tl.status, "status")).toEqual([["Pending", at(0), null]]);
    expect(tl.conditions).toEqual([
      {
        type: "PodScheduled",
        status: "False",
        reason: "Unschedulable",
        message:
          "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.",
        ...iv(at(0), null),
      },
    ]);
    expect(tl.node).toBeNull();
    expect(tl.reconstructed).toBe(false);
  });
  it("marks each scheduling attempt the folded event proves", () => {
    expect(tl.markers.map((m) => [m.kind, m.at])).toEqual([
      ["created", at(0)],
      ["unschedulable", at(0)],
      ["unschedulable", at(60)],
      ["unschedulable", at(300)],
    ]);
  });
});

describe("image-pull-backoff", () => {
  const tl = timeline("image-pull-backoff");
  const web = tl.containers[0];
  it("alternates ErrImagePull and ImagePullBackOff as observed", () => {
    expect(brief(web.waiting, "reason")).toEqual([
      ["ContainerCreating", seen(2), seen(4)],
      ["ErrImagePull", seen(4), seen(5)],
      ["ImagePullBackOff", seen(5), seen(21)],
      ["ErrImagePull", seen(21), seen(22)],
      ["ImagePullBackOff", seen(22), seen(51)],
      ["ErrImagePull", seen(51), seen(52)],
      ["ImagePullBackOff", seen(52), null],
    ]);
    expect(web.runs).toEqual([]);
    expect(web.backoffs).toEqual([]);
    expect(tl.status.at(-1)).toEqual({ status: "ImagePullBackOff", ...iv(seen(52), null) });
  });
  it("marks each pull and its failures", () => {
    expect(tl.markers.filter((m) => m.kind === "pulling").map((m) => m.at)).toEqual([
      at(3),
      at(20),
      at(50),
    ]);
    expect(tl.markers.filter((m) => m.kind === "pull-failed")).toHaveLength(9);
  });
});

describe("invalid-image-name and create-container-config-error", () => {
  it("InvalidImageName waits with the kubelet's message", () => {
    const tl = timeline("invalid-image-name");
    expect(tl.containers[0].waiting.at(-1)).toMatchObject({
      reason: "InvalidImageName",
      start: seen(3),
      end: null,
    });
    expect(tl.containers[0].waiting.at(-1)?.message).toContain("must be lowercase");
    expect(tl.status.map((s) => s.status)).toEqual([
      "Pending",
      "ContainerCreating",
      "InvalidImageName",
    ]);
  });
  it("CreateContainerConfigError names the missing ConfigMap, and the Failed events are warnings", () => {
    const tl = timeline("create-container-config-error");
    expect(tl.containers[0].waiting.at(-1)).toEqual({
      reason: "CreateContainerConfigError",
      message: 'configmap "app-config" not found',
      ...iv(seen(4), null),
    });
    expect(tl.markers.filter((m) => m.kind === "warning").map((m) => [m.at, m.message])).toEqual([
      [at(4), 'Error: configmap "app-config" not found'],
      [at(18), 'Error: configmap "app-config" not found'],
      [at(31), 'Error: configmap "app-config" not found'],
    ]);
    expect(
      tl.markers.filter((m) => m.kind === "pulled").every((m) => m.durationMs === undefined),
    ).toBe(true);
  });
});

describe("init-waiting (pod-initcontainer)", () => {
  const tl = timeline("init-waiting");
  it("shows Init:0/2 with the first init container running and the rest waiting", () => {
    expect(brief(tl.status, "status")).toEqual([
      ["Pending", at(0), seen(2)],
      ["Init:0/2", seen(2), null],
    ]);
    expect(tl.containers.map((c) => [c.name, c.kind, c.order])).toEqual([
      ["test-mysql", "init", 0],
      ["test-redis", "init", 1],
      ["main-container", "main", 2],
    ]);
    const [mysql, redis, main] = tl.containers;
    expect(mysql.runs).toEqual([
      { attempt: 1, ...iv(at(5), null), exitCode: null, signal: null, reason: null, message: null },
    ]);
    expect(brief(mysql.waiting, "reason")).toEqual([["PodInitializing", seen(2), at(5)]]);
    expect(brief(redis.waiting, "reason")).toEqual([["PodInitializing", seen(2), null]]);
    expect(brief(main.waiting, "reason")).toEqual([["PodInitializing", seen(2), null]]);
    expect(tl.conditions.find((c) => c.type === "Initialized")).toMatchObject({
      status: "False",
      reason: "ContainersNotInitialized",
    });
  });
  it("marks the image pull with its duration", () => {
    expect(tl.markers.find((m) => m.kind === "pulled")).toMatchObject({
      at: at(5),
      container: "test-mysql",
      durationMs: 2000,
    });
  });
});

describe("init-crashloop", () => {
  const tl = timeline("init-crashloop");
  const migrate = tl.containers[0];
  it("walks Init:Error, Init:0/1 and Init:CrashLoopBackOff at the container's own times", () => {
    expect(brief(tl.status, "status")).toEqual([
      ["Pending", at(0), seen(2)],
      ["Init:0/1", seen(2), at(5)],
      ["Init:Error", at(5), at(6)],
      ["Init:0/1", at(6), at(7)],
      ["Init:CrashLoopBackOff", at(7), at(18)],
      ["Init:0/1", at(18), at(19)],
      ["Init:CrashLoopBackOff", at(19), at(40)],
      ["Init:0/1", at(40), at(41)],
      ["Init:CrashLoopBackOff", at(41), null],
    ]);
  });
  it("numbers the runs and measures every back-off", () => {
    expect(migrate.runs.map((r) => [r.attempt, r.start, r.end, r.exitCode, r.reason])).toEqual([
      [1, at(4), at(5), 1, "Error"],
      [2, at(6), at(7), 1, "Error"],
      [3, at(18), at(19), 1, "Error"],
      [4, at(40), at(41), 1, "Error"],
    ]);
    expect(migrate.backoffs).toEqual([
      { ...iv(at(5), at(6)), announcedDelayMs: null, observedDelayMs: 1000, beforeAttempt: 2 },
      { ...iv(at(7), at(18)), announcedDelayMs: 10_000, observedDelayMs: 11_000, beforeAttempt: 3 },
      {
        ...iv(at(19), at(40)),
        announcedDelayMs: 20_000,
        observedDelayMs: 21_000,
        beforeAttempt: 4,
      },
      { ...iv(at(41), null), announcedDelayMs: 40_000, observedDelayMs: null, beforeAttempt: 5 },
    ]);
    expect(migrate.restartCount).toBe(3);
    expect(migrate.unplacedRuns).toBe(0);
  });
});

describe("sidecar", () => {
  const tl = timeline("sidecar");
  it("orders sidecar and init containers as in the spec, then main", () => {
    expect(tl.containers.map((c) => [c.name, c.kind])).toEqual([
      ["log-shipper", "sidecar"],
      ["setup", "init"],
      ["app", "main"],
    ]);
  });
  it("keeps the sidecar running beside the app and counts it in READY", () => {
    expect(brief(tl.status, "status")).toEqual([
      ["Pending", at(0), seen(2)],
      ["Init:0/2", seen(2), seen(4)],
      ["Init:1/2", seen(4), at(8)],
      ["PodInitializing", at(8), at(9)],
      ["Running", at(9), null],
    ]);
    const [shipper, setup, app] = tl.containers;
    expect(shipper.runs.map((r) => [r.start, r.end])).toEqual([[at(4), null]]);
    expect(setup.runs.map((r) => [r.start, r.end, r.reason])).toEqual([
      [at(5), at(8), "Completed"],
    ]);
    expect(app.runs.map((r) => [r.start, r.end])).toEqual([[at(9), null]]);
    expect(brief(tl.phases, "phase")).toEqual([
      ["Pending", at(0), at(9)],
      ["Running", at(9), null],
    ]);
  });
});

describe("liveness-exec (pod-liveness-exec)", () => {
  const tl = timeline("liveness-exec");
  const nginx = tl.containers[0];
  it("restarts at once after the first kill, then backs off 10s → 20s → 40s → 1m20s → 2m40s → 5m0s", () => {
    expect(
      nginx.runs.map((r) => [
        r.attempt,
        (r.start - T0) / 1000,
        r.end === null ? null : (r.end - T0) / 1000,
      ]),
    ).toEqual([
      [1, 5, 27],
      [2, 28, 50],
      [3, 61, 83],
      [4, 104, 126],
      [5, 168, 190],
      [6, 271, 293],
      [7, 455, 477],
      [8, 778, 800],
    ]);
    expect(
      nginx.backoffs.map((b) => [
        (b.start - T0) / 1000,
        b.announcedDelayMs,
        b.observedDelayMs,
        b.beforeAttempt,
      ]),
    ).toEqual([
      [27, null, 1000, 2],
      [50, 10_000, 11_000, 3],
      [83, 20_000, 21_000, 4],
      [126, 40_000, 42_000, 5],
      [190, 80_000, 81_000, 6],
      [293, 160_000, 162_000, 7],
      [477, 300_000, 301_000, 8],
      [800, 300_000, null, 9],
    ]);
    expect(nginx.backoffs.at(-1)?.end).toBeNull();
  });
  it("records 24 liveness failures, three per run, and eight kills", () => {
    expect(nginx.probes).toHaveLength(24);
    expect(
      nginx.probes.every((p) => p.probe === "liveness" && p.outcome === "failure" && p.count === 1),
    ).toBe(true);
    expect(nginx.probes.slice(0, 6).map((p) => (p.at - T0) / 1000)).toEqual([
      6, 16, 26, 29, 39, 49,
    ]);
    expect(nginx.probes[0].message).toBe(
      "Liveness probe failed: /bin/cat: /tmp/hello.txt: No such file or directory",
    );
    expect(
      tl.markers.filter((m) => m.kind === "probe-kill").map((m) => (m.at - T0) / 1000),
    ).toEqual([26, 49, 82, 125, 189, 292, 476, 799]);
    expect(nginx.probeConfig.liveness).toEqual({
      handler: "exec",
      initialDelaySeconds: 0,
      periodSeconds: 10,
      timeoutSeconds: 1,
      successThreshold: 1,
      failureThreshold: 3,
    });
  });
  it("is ready only while a run lasts", () => {
    expect(nginx.ready.slice(0, 3)).toEqual([
      iv(at(5), at(27)),
      iv(at(28), at(50)),
      iv(at(61), at(83)),
    ]);
    expect(tl.status.at(-1)).toEqual({ status: "CrashLoopBackOff", ...iv(at(800), null) });
    expect(tl.status.find((s) => s.status === "Completed")).toEqual({
      status: "Completed",
      ...iv(at(27), at(28)),
    });
  });
});

describe("liveness-httpget (pod-liveness-httpget)", () => {
  const tl = timeline("liveness-httpget");
  const nginx = tl.containers[0];
  it("fails with 404 and runs a third time after a 10s back-off", () => {
    expect(nginx.probes.map((p) => (p.at - T0) / 1000)).toEqual([6, 16, 26, 29, 39, 49]);
    expect(nginx.probes[0].message).toBe(
      "Liveness probe failed: HTTP probe failed with statuscode: 404",
    );
    expect(nginx.runs.map((r) => r.attempt)).toEqual([1, 2, 3]);
    expect(nginx.runs[2].end).toBeNull();
    expect(nginx.backoffs.map((b) => [b.announcedDelayMs, b.observedDelayMs])).toEqual([
      [null, 1000],
      [10_000, 11_000],
    ]);
    expect(nginx.probeConfig.liveness?.handler).toBe("httpGet");
  });
});

describe("readiness-flapping", () => {
  const tl = timeline("readiness-flapping");
  const api = tl.containers[0];
  it("flaps readiness at the Ready condition's transition times, without restarts", () => {
    expect(api.ready).toEqual([iv(at(10), at(40)), iv(at(55), at(90)), iv(at(100), null)]);
    expect(api.runs).toHaveLength(1);
    expect(api.backoffs).toEqual([]);
    expect(api.probes.map((p) => [p.probe, (p.at - T0) / 1000])).toEqual([
      ["readiness", 40],
      ["readiness", 45],
      ["readiness", 50],
      ["readiness", 90],
      ["readiness", 95],
    ]);
    expect(
      tl.conditions.filter((c) => c.type === "Ready").map((c) => [c.status, (c.start - T0) / 1000]),
    ).toEqual([
      ["False", 2],
      ["True", 10],
      ["False", 40],
      ["True", 55],
      ["False", 90],
      ["True", 100],
    ]);
  });
});

describe("poststart-hook-failure", () => {
  const tl = timeline("poststart-hook-failure");
  const c = tl.containers[0];
  it("shows PostStartHookError then CrashLoopBackOff, with a hook-failed marker per start", () => {
    expect(tl.status.map((s) => s.status)).toEqual([
      "Pending",
      "ContainerCreating",
      "Running",
      "Completed",
      "PostStartHookError",
      "Running",
      "CrashLoopBackOff",
      "Running",
      "CrashLoopBackOff",
    ]);
    expect(
      tl.markers.filter((m) => m.kind === "hook-failed").map((m) => (m.at - T0) / 1000),
    ).toEqual([6, 8, 20]);
    expect(c.backoffs.map((b) => [b.beforeAttempt, b.announcedDelayMs])).toEqual([
      [2, null],
      [3, 10_000],
      [4, 20_000],
    ]);
    expect(c.waiting.find((w) => w.reason === "PostStartHookError")?.message).toContain(
      "Exec lifecycle hook",
    );
  });
});

describe("oom-killed", () => {
  const tl = timeline("oom-killed");
  it("marks each OOM kill with exit code 137", () => {
    expect(tl.containers[0].runs.map((r) => [r.exitCode, r.reason])).toEqual([
      [137, "OOMKilled"],
      [137, "OOMKilled"],
      [null, null],
    ]);
    expect(
      tl.markers.filter((m) => m.kind === "oom-killed").map((m) => [m.at, m.container]),
    ).toEqual([
      [at(9), "stress"],
      [at(14), "stress"],
    ]);
  });
});

describe("backoff-reset", () => {
  const tl = timeline("backoff-reset");
  it("restarts at once after a run of more than 10 minutes, then backs off 10s again", () => {
    const worker = tl.containers[0];
    expect(
      worker.runs.map((r) => [(r.start - T0) / 1000, r.end === null ? null : (r.end - T0) / 1000]),
    ).toEqual([
      [5, 15],
      [16, 26],
      [37, 737],
      [738, 748],
      [759, null],
    ]);
    expect(
      worker.backoffs.map((b) => [b.announcedDelayMs, b.observedDelayMs, b.beforeAttempt]),
    ).toEqual([
      [null, 1000, 2],
      [10_000, 11_000, 3],
      [null, 1000, 4],
      [10_000, 11_000, 5],
    ]);
  });
});

describe("endings", () => {
  it("job-completed: Succeeded at the container's finish, Completed", () => {
    const tl = timeline("job-completed");
    expect(brief(tl.phases, "phase")).toEqual([
      ["Pending", at(0), at(5)],
      ["Running", at(5), at(35)],
      ["Succeeded", at(35), null],
    ]);
    expect(tl.status.at(-1)).toEqual({ status: "Completed", ...iv(at(35), null) });
    expect(tl.containers[0].backoffs).toEqual([]);
  });
  it("restart-never-failed: Failed with exit code 3 and no restart", () => {
    const tl = timeline("restart-never-failed");
    expect(brief(tl.phases, "phase")).toEqual([
      ["Pending", at(0), at(5)],
      ["Running", at(5), at(7)],
      ["Failed", at(7), null],
    ]);
    expect(tl.containers[0].runs.map((r) => [r.exitCode, r.reason, r.end])).toEqual([
      [3, "Error", at(7)],
    ]);
    expect(tl.status.at(-1)?.status).toBe("Error");
  });
  it("evicted: the Evicted event and the DisruptionTarget condition", () => {
    const tl = timeline("evicted");
    expect(tl.markers.filter((m) => m.kind === "evicted").map((m) => m.at)).toEqual([at(600)]);
    expect(tl.conditions.find((c) => c.type === "DisruptionTarget")).toMatchObject({
      status: "True",
      reason: "TerminationByKubelet",
      start: at(600),
      end: null,
    });
    expect(tl.phases.at(-1)).toEqual({ phase: "Failed", ...iv(at(602), null) });
  });
  it("terminating-prestop: Terminating from the delete request, grace period kept, closed when gone", () => {
    const tl = timeline("terminating-prestop");
    expect(tl.terminating).toEqual({
      start: at(100),
      end: seen(107),
      gracePeriodSeconds: 30,
      deadline: at(130),
    });
    expect(tl.deletedAt).toBe(seen(107));
    expect(brief(tl.status, "status").slice(-3)).toEqual([
      ["Running", at(5), at(100)],
      ["Terminating", at(100), at(106)],
      ["Completed", at(106), seen(107)],
    ]);
    expect(tl.phases.at(-1)).toEqual({ phase: "Succeeded", ...iv(at(106), seen(107)) });
    expect(tl.containers[0].runs[0]).toMatchObject({ start: at(5), end: at(106), exitCode: 0 });
    expect(tl.containers[0].ready).toEqual([iv(at(5), at(101))]);
    expect(
      tl.markers
        .filter((m) => m.kind === "deletion-requested" || m.kind === "killing")
        .map((m) => [m.kind, m.at]),
    ).toEqual([
      ["killing", at(100)],
      ["deletion-requested", at(100)],
    ]);
    expect(tl.conditions.every((c) => c.end !== null)).toBe(true);
  });
  it("node-lost: not ready when the node went Unknown, Terminating from the taint eviction", () => {
    const tl = timeline("node-lost");
    expect(tl.node).toBe("node-2");
    expect(
      tl.markers
        .filter((m) => ["node-lost", "evicted", "deletion-requested"].includes(m.kind))
        .map((m) => [m.kind, m.at]),
    ).toEqual([
      ["node-lost", at(340)],
      ["evicted", at(640)],
      ["deletion-requested", at(640)],
    ]);
    expect(tl.status.at(-1)).toEqual({ status: "Terminating", ...iv(at(640), null) });
    expect(tl.terminating).toEqual({
      start: at(640),
      end: null,
      gracePeriodSeconds: 30,
      deadline: at(670),
    });
    expect(
      tl.conditions.filter((c) => c.type === "Ready").map((c) => [c.status, c.start, c.end]),
    ).toEqual([
      ["False", at(2), at(5)],
      ["True", at(5), at(340)],
      ["False", at(340), null],
    ]);
  });
});

describe("every story", () => {
  it.each([
    "unschedulable",
    "image-pull-backoff",
    "init-waiting",
    "liveness-exec",
    "sidecar",
    "evicted",
    "terminating-prestop",
    "node-lost",
  ])("%s: intervals are ordered, non-negative, and only the last of a track is open", (name) => {
    const tl = timeline(name);
    const tracks = [
      tl.phases,
      tl.status,
      ...tl.containers.flatMap((c) => [c.runs, c.waiting, c.ready, c.backoffs]),
    ];
    for (const track of tracks) {
      track.forEach((item, i) => {
        if (item.end !== null) expect(item.end).toBeGreaterThanOrEqual(item.start);
        else expect(i).toBe(track.length - 1);
        if (i > 0) expect(item.start).toBeGreaterThanOrEqual(track[i - 1].start);
      });
    }
    expect(tl.warnings).toEqual([]);
    expect(tl.reconstructed).toBe(false);
  });
});
