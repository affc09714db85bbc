import { describe, expect, it } from "vitest";
import type { ContainerStatus, Pod, PodCondition } from "../k8s/types";
import { kubectlStatus } from "./kubectl-status";

const NOW = Date.parse("2026-11-20T10:00:00Z");
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString().replace(".000Z", "Z");

type C = Partial<ContainerStatus> & { name?: string };
const W = (reason: string, extra: C = {}): C => ({ state: { waiting: { reason } }, ...extra });
const R = (ready = true, extra: C = {}): C => ({
  state: { running: { startedAt: ago(100) } },
  ready,
  started: true,
  ...extra,
});
const T = (exitCode: number, reason?: string, extra: C & { signal?: number } = {}): C => {
  const { signal, ...rest } = extra;
  return {
    state: {
      terminated: {
        exitCode,
        ...(reason ? { reason } : {}),
        ...(signal ? { signal } : {}),
        startedAt: ago(200),
        finishedAt: ago(150),
      },
    },
    ...rest,
  };
};
const restarted = (count: number, finishedSecondsAgo: number): C => ({
  restartCount: count,
  lastState: {
    terminated: {
      exitCode: 1,
      reason: "Error",
      startedAt: ago(finishedSecondsAgo + 10),
      finishedAt: ago(finishedSecondsAgo),
    },
  },
});
const cond = (type: string, status: string, reason?: string): PodCondition => ({
  type,
  status,
  ...(reason ? { reason } : {}),
});

interface Shape {
  phase?: string;
  reason?: string;
  init?: (C & { sidecar?: boolean })[];
  main?: C[];
  mainSpec?: number;
  conditions?: PodCondition[];
  deleting?: boolean;
  created?: number;
}

function pod(shape: Shape): Pod {
  const init = shape.init ?? [];
  const main = shape.main ?? [];
  const mainCount = shape.mainSpec ?? Math.max(main.length, 1);
  return {
    metadata: {
      name: "p",
      namespace: "default",
      creationTimestamp: ago(shape.created ?? 3600),
      ...(shape.deleting ? { deletionTimestamp: ago(-30), deletionGracePeriodSeconds: 30 } : {}),
    },
    spec: {
      initContainers: init.map((c, i) => ({
        name: c.name ?? `init-${i}`,
        image: "busybox",
        ...(c.sidecar ? { restartPolicy: "Always" } : {}),
      })),
      containers: Array.from({ length: mainCount }, (_, i) => ({
        name: main[i]?.name ?? `c-${i}`,
        image: "nginx",
      })),
    },
    status: {
      ...(shape.phase !== undefined ? { phase: shape.phase } : {}),
      ...(shape.reason ? { reason: shape.reason } : {}),
      conditions: shape.conditions ?? [],
      initContainerStatuses: init.map((c, i) => {
        const status: C & { sidecar?: boolean } = {
          name: `init-${i}`,
          restartCount: 0,
          ready: false,
          ...c,
        };
        delete status.sidecar;
        return status;
      }),
      containerStatuses: main.map((c, i) => ({
        name: `c-${i}`,
        restartCount: 0,
        ready: false,
        ...c,
      })),
    },
  };
}

const cases: [string, Shape, string, string, string][] = [
  // name, pod, STATUS, READY, RESTARTS
  ["just created, no status yet", { phase: "Pending" }, "Pending", "0/1", "0"],
  ["no phase at all", {}, "", "0/1", "0"],
  [
    "unschedulable",
    { phase: "Pending", conditions: [cond("PodScheduled", "False", "Unschedulable")] },
    "Pending",
    "0/1",
    "0",
  ],
  [
    "scheduling gated",
    { phase: "Pending", conditions: [cond("PodScheduled", "False", "SchedulingGated")] },
    "SchedulingGated",
    "0/1",
    "0",
  ],
  [
    "container creating",
    { phase: "Pending", main: [W("ContainerCreating")] },
    "ContainerCreating",
    "0/1",
    "0",
  ],
  ["ErrImagePull", { phase: "Pending", main: [W("ErrImagePull")] }, "ErrImagePull", "0/1", "0"],
  [
    "ImagePullBackOff",
    { phase: "Pending", main: [W("ImagePullBackOff")] },
    "ImagePullBackOff",
    "0/1",
    "0",
  ],
  [
    "InvalidImageName",
    { phase: "Pending", main: [W("InvalidImageName")] },
    "InvalidImageName",
    "0/1",
    "0",
  ],
  [
    "ErrImageNeverPull",
    { phase: "Pending", main: [W("ErrImageNeverPull")] },
    "ErrImageNeverPull",
    "0/1",
    "0",
  ],
  [
    "CreateContainerConfigError",
    { phase: "Pending", main: [W("CreateContainerConfigError")] },
    "CreateContainerConfigError",
    "0/1",
    "0",
  ],
  [
    "CreateContainerError",
    { phase: "Pending", main: [W("CreateContainerError")] },
    "CreateContainerError",
    "0/1",
    "0",
  ],
  [
    "RunContainerError",
    { phase: "Running", main: [W("RunContainerError", restarted(1, 5))] },
    "RunContainerError",
    "0/1",
    "1 (5s ago)",
  ],
  [
    "waiting with an empty reason keeps the phase",
    { phase: "Pending", main: [W("")] },
    "Pending",
    "0/1",
    "0",
  ],
  [
    "running and ready",
    { phase: "Running", main: [R()], conditions: [cond("Ready", "True")] },
    "Running",
    "1/1",
    "0",
  ],
  ["running, not ready", { phase: "Running", main: [R(false)] }, "Running", "0/1", "0"],
  [
    "two containers, one ready",
    { phase: "Running", main: [R(true), R(false)] },
    "Running",
    "1/2",
    "0",
  ],
  [
    "spec has more containers than statuses",
    { phase: "Pending", main: [R(true)], mainSpec: 3 },
    "Pending",
    "1/3",
    "0",
  ],
  [
    "CrashLoopBackOff with last restart",
    { phase: "Running", main: [W("CrashLoopBackOff", restarted(4, 133))] },
    "CrashLoopBackOff",
    "0/1",
    "4 (2m13s ago)",
  ],
  [
    "restarts without a finishedAt print the plain count",
    { phase: "Running", main: [R(true, { restartCount: 2 })] },
    "Running",
    "1/1",
    "2",
  ],
  [
    "restarts 47 minutes ago",
    { phase: "Running", main: [R(true, restarted(3, 47 * 60 + 20))] },
    "Running",
    "1/1",
    "3 (47m ago)",
  ],
  [
    "restarts 5h12m ago",
    { phase: "Running", main: [R(true, restarted(9, 5 * 3600 + 12 * 60))] },
    "Running",
    "1/1",
    "9 (5h12m ago)",
  ],
  [
    "restarts 20 hours ago",
    { phase: "Running", main: [R(true, restarted(1, 20 * 3600 + 59))] },
    "Running",
    "1/1",
    "1 (20h ago)",
  ],
  [
    "restarts 3d4h ago",
    { phase: "Running", main: [R(true, restarted(12, 76 * 3600))] },
    "Running",
    "1/1",
    "12 (3d4h ago)",
  ],
  [
    "restarts 12 days ago",
    { phase: "Running", main: [R(true, restarted(2, 12 * 86400 + 5))] },
    "Running",
    "1/1",
    "2 (12d ago)",
  ],
  [
    "restarts summed over containers, newest time wins",
    { phase: "Running", main: [R(true, restarted(2, 600)), R(true, restarted(3, 30))] },
    "Running",
    "2/2",
    "5 (30s ago)",
  ],
  ["Completed", { phase: "Succeeded", main: [T(0, "Completed")] }, "Completed", "0/1", "0"],
  ["Error", { phase: "Failed", main: [T(1, "Error")] }, "Error", "0/1", "0"],
  ["OOMKilled", { phase: "Running", main: [T(137, "OOMKilled")] }, "OOMKilled", "0/1", "0"],
  [
    "ContainerCannotRun",
    { phase: "Failed", main: [T(128, "ContainerCannotRun")] },
    "ContainerCannotRun",
    "0/1",
    "0",
  ],
  [
    "DeadlineExceeded",
    { phase: "Failed", main: [T(137, "DeadlineExceeded")] },
    "DeadlineExceeded",
    "0/1",
    "0",
  ],
  ["StartError", { phase: "Failed", main: [T(128, "StartError")] }, "StartError", "0/1", "0"],
  [
    "terminated without reason: ExitCode",
    { phase: "Failed", main: [T(2)] },
    "ExitCode:2",
    "0/1",
    "0",
  ],
  [
    "terminated without reason: Signal",
    { phase: "Failed", main: [T(137, undefined, { signal: 9 })] },
    "Signal:9",
    "0/1",
    "0",
  ],
  [
    "terminated exit 0 without reason",
    { phase: "Succeeded", main: [T(0)] },
    "ExitCode:0",
    "0/1",
    "0",
  ],
  [
    "first status entry wins (reverse walk)",
    { phase: "Running", main: [W("CrashLoopBackOff"), W("ImagePullBackOff")] },
    "CrashLoopBackOff",
    "0/2",
    "0",
  ],
  [
    "first entry terminated wins over later waiting",
    { phase: "Running", main: [T(1, "Error"), W("CrashLoopBackOff")] },
    "Error",
    "0/2",
    "0",
  ],
  [
    "Completed + ready running, Ready True → Running",
    { phase: "Running", main: [T(0, "Completed"), R(true)], conditions: [cond("Ready", "True")] },
    "Running",
    "1/2",
    "0",
  ],
  [
    "Completed + ready running, Ready False → NotReady",
    { phase: "Running", main: [T(0, "Completed"), R(true)], conditions: [cond("Ready", "False")] },
    "NotReady",
    "1/2",
    "0",
  ],
  [
    "Completed + unready running stays Completed",
    { phase: "Running", main: [T(0, "Completed"), R(false)] },
    "Completed",
    "0/2",
    "0",
  ],
  [
    "Init:0/2 waiting PodInitializing",
    {
      phase: "Pending",
      init: [W("PodInitializing"), W("PodInitializing")],
      main: [W("PodInitializing")],
    },
    "Init:0/2",
    "0/1",
    "0",
  ],
  [
    "Init:0/2 running the first",
    { phase: "Pending", init: [R(false), W("PodInitializing")], main: [W("PodInitializing")] },
    "Init:0/2",
    "0/1",
    "0",
  ],
  [
    "Init:1/2 after the first completed",
    { phase: "Pending", init: [T(0, "Completed"), R(false)], main: [W("PodInitializing")] },
    "Init:1/2",
    "0/1",
    "0",
  ],
  [
    "PodInitializing once all init done",
    {
      phase: "Pending",
      init: [T(0, "Completed"), T(0, "Completed")],
      main: [W("PodInitializing")],
    },
    "PodInitializing",
    "0/1",
    "0",
  ],
  [
    "Init:Error",
    { phase: "Pending", init: [T(1, "Error")], main: [W("PodInitializing")] },
    "Init:Error",
    "0/1",
    "0",
  ],
  [
    "Init:ExitCode:1 without reason",
    { phase: "Pending", init: [T(1)], main: [W("PodInitializing")] },
    "Init:ExitCode:1",
    "0/1",
    "0",
  ],
  [
    "Init:Signal:9 without reason",
    { phase: "Pending", init: [T(137, undefined, { signal: 9 })], main: [W("PodInitializing")] },
    "Init:Signal:9",
    "0/1",
    "0",
  ],
  [
    "Init:CrashLoopBackOff",
    {
      phase: "Pending",
      init: [W("CrashLoopBackOff", restarted(3, 19))],
      main: [W("PodInitializing")],
    },
    "Init:CrashLoopBackOff",
    "0/1",
    "3 (19s ago)",
  ],
  [
    "Init:ImagePullBackOff",
    { phase: "Pending", init: [W("ImagePullBackOff")], main: [W("PodInitializing")] },
    "Init:ImagePullBackOff",
    "0/1",
    "0",
  ],
  [
    "Init:OOMKilled",
    { phase: "Pending", init: [T(137, "OOMKilled")], main: [W("PodInitializing")] },
    "Init:OOMKilled",
    "0/1",
    "0",
  ],
  [
    "init restarts count while initializing",
    { phase: "Pending", init: [R(false, restarted(2, 40))], main: [W("PodInitializing")] },
    "Init:0/1",
    "0/1",
    "2 (40s ago)",
  ],
  [
    "init restarts drop out once initialized",
    {
      phase: "Running",
      init: [T(0, "Completed", restarted(2, 400))],
      main: [R(true)],
      conditions: [cond("Initialized", "True"), cond("Ready", "True")],
    },
    "Running",
    "1/1",
    "0",
  ],
  [
    "Restart Never: init failed → pod Failed shows Init:Error",
    { phase: "Failed", init: [T(1, "Error")], main: [W("PodInitializing")] },
    "Init:Error",
    "0/1",
    "0",
  ],
  [
    "sidecar started counts toward READY",
    {
      phase: "Running",
      init: [{ ...R(true), sidecar: true }],
      main: [R(true)],
      conditions: [cond("Initialized", "True")],
    },
    "Running",
    "2/2",
    "0",
  ],
  [
    "sidecar started, not ready",
    {
      phase: "Running",
      init: [{ ...R(false), sidecar: true }],
      main: [R(true)],
      conditions: [cond("Initialized", "True")],
    },
    "Running",
    "1/2",
    "0",
  ],
  [
    "sidecar not yet started blocks init",
    {
      phase: "Pending",
      init: [{ ...R(false, { started: false }), sidecar: true }, W("PodInitializing")],
      main: [W("PodInitializing")],
    },
    "Init:0/2",
    "0/2",
    "0",
  ],
  [
    "sidecar started, next init running → Init:1/2",
    {
      phase: "Pending",
      init: [{ ...R(true), sidecar: true }, R(false)],
      main: [W("PodInitializing")],
    },
    "Init:1/2",
    "1/2",
    "0",
  ],
  [
    "sidecar restarts stay in RESTARTS",
    {
      phase: "Running",
      init: [{ ...R(true, restarted(2, 90)), sidecar: true }],
      main: [R(true, restarted(1, 300))],
      conditions: [cond("Initialized", "True")],
    },
    "Running",
    "2/2",
    "3 (90s ago)",
  ],
  // The init walk stops at the crashed sidecar; the main walk does not overwrite the reason for a running container.
  [
    "sidecar in CrashLoopBackOff while initialized",
    {
      phase: "Running",
      init: [{ ...W("CrashLoopBackOff", { started: false, ...restarted(5, 10) }), sidecar: true }],
      main: [R(true)],
      conditions: [cond("Initialized", "True")],
    },
    "Init:CrashLoopBackOff",
    "1/2",
    "5 (10s ago)",
  ],
  [
    "Initialized True overrides a stuck init walk",
    {
      phase: "Running",
      init: [W("CrashLoopBackOff")],
      main: [W("CrashLoopBackOff")],
      conditions: [cond("Initialized", "True")],
    },
    "CrashLoopBackOff",
    "0/1",
    "0",
  ],
  [
    "Evicted (status.reason wins over the phase)",
    { phase: "Failed", reason: "Evicted" },
    "Evicted",
    "0/1",
    "0",
  ],
  [
    "Evicted, but a terminated container reason overrides",
    { phase: "Failed", reason: "Evicted", main: [T(137, "Error")] },
    "Error",
    "0/1",
    "0",
  ],
  [
    "Evicted with a stale running status",
    { phase: "Failed", reason: "Evicted", main: [R(false)] },
    "Evicted",
    "0/1",
    "0",
  ],
  [
    "UnexpectedAdmissionError",
    { phase: "Failed", reason: "UnexpectedAdmissionError" },
    "UnexpectedAdmissionError",
    "0/1",
    "0",
  ],
  ["OutOfcpu admission failure", { phase: "Failed", reason: "OutOfcpu" }, "OutOfcpu", "0/1", "0"],
  [
    "Terminating (running, deleted)",
    { phase: "Running", main: [R(true)], deleting: true },
    "Terminating",
    "1/1",
    "0",
  ],
  [
    "Terminating (pending, deleted)",
    { phase: "Pending", main: [W("ImagePullBackOff")], deleting: true },
    "Terminating",
    "0/1",
    "0",
  ],
  [
    "deleted Succeeded pod is not Terminating",
    { phase: "Succeeded", main: [T(0, "Completed")], deleting: true },
    "Completed",
    "0/1",
    "0",
  ],
  [
    "deleted Failed pod is not Terminating",
    { phase: "Failed", main: [T(1, "Error")], deleting: true },
    "Error",
    "0/1",
    "0",
  ],
  [
    "NodeLost + deletion → Unknown",
    { phase: "Running", reason: "NodeLost", main: [R(true)], deleting: true },
    "Unknown",
    "1/1",
    "0",
  ],
  [
    "NodeLost without deletion keeps the reason",
    { phase: "Running", reason: "NodeLost" },
    "NodeLost",
    "0/1",
    "0",
  ],
  ["phase Unknown", { phase: "Unknown", main: [R(true)] }, "Unknown", "1/1", "0"],
  [
    "Running phase, container already Completed alone",
    { phase: "Running", main: [T(0, "Completed")] },
    "Completed",
    "0/1",
    "0",
  ],
  [
    "ContainerStatusUnknown",
    { phase: "Failed", main: [T(137, "ContainerStatusUnknown")] },
    "ContainerStatusUnknown",
    "0/1",
    "0",
  ],
  [
    "PostStartHookError",
    { phase: "Running", main: [W("PostStartHookError", restarted(1, 3))] },
    "PostStartHookError",
    "0/1",
    "1 (3s ago)",
  ],
];

describe("kubectlStatus", () => {
  it.each(cases)("%s", (_name, shape, status, ready, restarts) => {
    const result = kubectlStatus(pod(shape), NOW);
    expect({ status: result.status, ready: result.ready, restarts: result.restarts }).toEqual({
      status,
      ready,
      restarts,
    });
  });

  it("has at least 60 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  it("prints AGE as kubectl does", () => {
    expect(kubectlStatus(pod({ phase: "Running", created: 47 * 60 + 5 }), NOW).age).toBe("47m");
    expect(kubectlStatus(pod({ phase: "Running", created: 330 }), NOW).age).toBe("5m30s");
    expect(kubectlStatus({ metadata: {} }, NOW).age).toBe("<unknown>");
  });

  it.each([
    null,
    undefined,
    {},
    { status: null },
    { spec: { containers: null } },
    { status: { containerStatuses: [null] } },
  ])("never throws on %j", (value) => {
    expect(() => kubectlStatus(value as Pod, NOW)).not.toThrow();
  });
});
