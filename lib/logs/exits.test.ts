// Which ended container instances count as failed for LIFELINE_LOGS=failures: the kubelet calls a
// container it restarts a "failed container" (the BackOff event "Back-off restarting failed
// container", kuberuntime_manager.go doBackOff, given for any exited container it restarts, exit
// code 0 included), so an instance of an always-restarted container that ended while the pod was
// not being deleted failed, whatever its exit code; a Job's container that exits 0 succeeded.
import { describe, expect, it } from "vitest";
import type { ContainerStatus, Pod } from "../k8s/types";
import { containerStatuses, endedOf } from "./exits";

const T = "2026-11-25T00:00:00Z";
const T2 = "2026-11-25T00:00:30Z";

function term(exitCode: number, id: string, extra: Record<string, unknown> = {}) {
  return {
    exitCode,
    reason: exitCode === 0 ? "Completed" : "Error",
    startedAt: T,
    finishedAt: T2,
    containerID: `containerd://${id}`,
    ...extra,
  };
}

/** A pod whose one container (or sidecar) status is `cs`. */
function podWith(
  cs: ContainerStatus,
  opts: {
    restartPolicy?: string;
    deleting?: boolean;
    sidecar?: boolean;
    containerPolicy?: string;
  } = {},
): Pod {
  const spec = { name: cs.name, image: "nginx:1.27", restartPolicy: opts.containerPolicy };
  return {
    metadata: {
      uid: "u",
      namespace: "dev",
      name: "p",
      ...(opts.deleting ? { deletionTimestamp: T2 } : {}),
    },
    spec: {
      restartPolicy: opts.restartPolicy,
      ...(opts.sidecar
        ? {
            initContainers: [{ ...spec, restartPolicy: "Always" }],
            containers: [{ name: "main", image: "app:1" }],
          }
        : { containers: [spec] }),
    },
    status: opts.sidecar ? { initContainerStatuses: [cs] } : { containerStatuses: [cs] },
  } as unknown as Pod;
}

/** The ended instances of the pod's first container status, as the capture reads them. */
function ends(pod: Pod) {
  const [{ cs, policy, deleting }] = containerStatuses(pod);
  return endedOf(cs, policy, deleting);
}

/** A container killed for a failed liveness probe that exited 0 on SIGTERM and was restarted. */
const killedAndRestarted: ContainerStatus = {
  name: "nginx",
  restartCount: 1,
  state: { running: { startedAt: T2 } },
  lastState: { terminated: term(0, "n-0") },
  containerID: "containerd://n-1",
};

/** The same container between its end and its restart (CrashLoopBackOff). */
const killedBackingOff: ContainerStatus = {
  name: "nginx",
  restartCount: 1,
  state: {
    waiting: { reason: "CrashLoopBackOff", message: "back-off 10s restarting failed container" },
  },
  lastState: { terminated: term(0, "n-0") },
};

/** A container that ended 0 and has not been restarted yet (state.terminated). */
const endedZero: ContainerStatus = {
  name: "nginx",
  restartCount: 0,
  state: { terminated: term(0, "n-0") },
  containerID: "containerd://n-0",
};

describe("which ended runs failed (LIFELINE_LOGS=failures)", () => {
  it("a restartPolicy Always container the kubelet restarted after exit 0 (a failed liveness probe) failed", () => {
    for (const cs of [killedAndRestarted, killedBackingOff]) {
      const [e] = ends(podWith(cs));
      expect(e).toMatchObject({ exitCode: 0, previous: true, failed: true });
    }
    // restartPolicy Always said, or left to its default.
    expect(ends(podWith(killedAndRestarted, { restartPolicy: "Always" }))[0].failed).toBe(true);
  });

  it("a restartPolicy Always container terminated 0 while the pod is not being deleted failed (about to be restarted)", () => {
    const [e] = ends(podWith(endedZero));
    expect(e).toMatchObject({ exitCode: 0, previous: false, failed: true, restarting: true });
  });

  it("a restartPolicy Always container that ended 0 because its pod is being deleted did not fail", () => {
    const [e] = ends(podWith(endedZero, { deleting: true }));
    expect(e).toMatchObject({ exitCode: 0, failed: false, restarting: false });
  });

  it("a run restarted before the pod was deleted still failed when read from a deleting pod's lastState", () => {
    const [e] = ends(podWith(killedAndRestarted, { deleting: true }));
    expect(e).toMatchObject({ exitCode: 0, previous: true, failed: true });
  });

  it("a restartable init container (sidecar) that ended 0 and was restarted failed", () => {
    const [e] = ends(podWith(killedAndRestarted, { sidecar: true, restartPolicy: "Never" }));
    expect(e).toMatchObject({ exitCode: 0, failed: true });
  });

  it("a container with its own restartPolicy Always in a Never pod that ended 0 failed", () => {
    const [e] = ends(podWith(endedZero, { restartPolicy: "Never", containerPolicy: "Always" }));
    expect(e.failed).toBe(true);
  });

  it("a Job's container that exits 0 (restartPolicy Never or OnFailure) succeeded", () => {
    for (const restartPolicy of ["Never", "OnFailure"]) {
      const [e] = ends(podWith(endedZero, { restartPolicy }));
      expect(e, restartPolicy).toMatchObject({ exitCode: 0, failed: false, restarting: false });
    }
  });

  it("non-zero or a signal is a failure under every policy", () => {
    for (const restartPolicy of ["Never", "OnFailure", "Always"]) {
      const bad = { ...endedZero, state: { terminated: term(1, "n-0") } };
      expect(ends(podWith(bad, { restartPolicy }))[0].failed, restartPolicy).toBe(true);
      const sig = { ...endedZero, state: { terminated: term(0, "n-0", { signal: 9 }) } };
      expect(ends(podWith(sig, { restartPolicy }))[0].failed, restartPolicy).toBe(true);
    }
  });

  it("an init container that completed 0 and an ephemeral container that exited 0 succeeded", () => {
    const init = {
      metadata: { uid: "u", namespace: "dev", name: "p" },
      spec: {
        initContainers: [{ name: "setup", image: "busybox" }],
        containers: [{ name: "main", image: "app:1" }],
        ephemeralContainers: [{ name: "debugger", image: "busybox" }],
      },
      status: {
        initContainerStatuses: [{ ...endedZero, name: "setup" }],
        ephemeralContainerStatuses: [{ ...endedZero, name: "debugger" }],
      },
    } as unknown as Pod;
    const all = containerStatuses(init).flatMap(({ cs, policy, deleting }) =>
      endedOf(cs, policy, deleting),
    );
    expect(all.map((e) => [e.container, e.failed])).toEqual([
      ["setup", false],
      ["debugger", false],
    ]);
  });

  it("never throws on a malformed status", () => {
    const odd = { name: "x", state: { terminated: { containerID: "c://1", exitCode: "0" } } };
    expect(() => ends(podWith(odd as unknown as ContainerStatus))).not.toThrow();
    expect(containerStatuses({} as Pod)).toEqual([]);
  });
});
