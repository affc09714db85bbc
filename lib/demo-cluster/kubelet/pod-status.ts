// Pure pieces of the kubelet's status computation: the pod phase (kubelet getPhase), the
// conditions it owns, and the pod status it writes (generateAPIPodStatus), from the containers'
// current states.
import type { Container, ContainerStatus, PodCondition, PodStatus } from "../../k8s/types";

export interface ContainerView {
  name: string;
  kind: "init" | "sidecar" | "main";
  status: ContainerStatus;
  /** A stopped container the kubelet will start again (its own restartPolicy / rules, KEP-5307). */
  restarts?: boolean;
}

/** Phase from container states; `terminal` when the pod is being torn down and nothing will restart. */
export function podPhase(
  restartPolicy: string,
  containers: ContainerView[],
  terminal: boolean,
): "Pending" | "Running" | "Succeeded" | "Failed" {
  const init = containers.filter((c) => c.kind === "init");
  const initFailed = init.some(
    (c) => exitOf(c.status) !== null && exitOf(c.status) !== 0 && !c.status.state?.running,
  );
  const initDone = init.every((c) => c.status.state?.terminated?.exitCode === 0);
  if (!initDone) {
    if (initFailed && (restartPolicy === "Never" || terminal)) return "Failed";
    return "Pending";
  }
  let waiting = 0,
    running = 0,
    stopped = 0,
    succeeded = 0;
  for (const c of containers.filter((x) => x.kind === "main")) {
    const s = c.status.state ?? {};
    if (s.running) running++;
    else if (s.terminated) {
      stopped++;
      if (s.terminated.exitCode === 0) succeeded++;
    } else if (c.status.lastState?.terminated) {
      stopped++;
      if (c.status.lastState.terminated.exitCode === 0) succeeded++;
    } else waiting++;
  }
  if (waiting > 0 && !terminal) return "Pending";
  if (running > 0 && !terminal) return "Running";
  if (stopped === 0 && !terminal) return "Pending";
  if (terminal) return stopped > succeeded || waiting > 0 ? "Failed" : "Succeeded";
  if (restartPolicy === "Always") return "Running";
  // A container restart rule keeps the pod Running under pod restartPolicy Never / OnFailure.
  if (containers.some((c) => c.kind === "main" && c.restarts)) return "Running";
  if (stopped === succeeded) return "Succeeded";
  return restartPolicy === "Never" ? "Failed" : "Running";
}

function exitOf(s: ContainerStatus): number | null {
  return s.state?.terminated?.exitCode ?? s.lastState?.terminated?.exitCode ?? null;
}

/** Sets a condition in place, moving lastTransitionTime only when the status changes. */
export function setCondition(
  list: PodCondition[],
  type: string,
  status: string,
  at: string,
  reason?: string,
  message?: string,
): void {
  const existing = list.find((c) => c.type === type);
  const next: PodCondition = {
    type,
    status,
    lastProbeTime: null,
    lastTransitionTime: existing && existing.status === status ? existing.lastTransitionTime : at,
  };
  if (reason) next.reason = reason;
  if (message) next.message = message;
  if (existing)
    Object.assign(
      existing,
      next,
      reason ? {} : { reason: undefined },
      message ? {} : { message: undefined },
    );
  else list.push(next);
}

/** The kubelet-owned conditions for the current container states. */
export function kubeletConditions(
  list: PodCondition[],
  at: string,
  opts: { sandbox: boolean; phase: string; containers: ContainerView[]; gates: string[] },
): void {
  const { containers, phase } = opts;
  setCondition(list, "PodReadyToStartContainers", opts.sandbox ? "True" : "False", at);
  const incomplete = containers
    .filter(
      (c) =>
        (c.kind === "init" && c.status.state?.terminated?.exitCode !== 0) ||
        (c.kind === "sidecar" && !c.status.started),
    )
    .map((c) => c.name);
  // As the kubelet's status generator: once a main container has started, a restarting sidecar
  // does not make the pod uninitialized again.
  const mainStarted = containers.some(
    (c) =>
      c.kind === "main" &&
      (c.status.state?.running || c.status.state?.terminated || c.status.lastState?.terminated),
  );
  if (phase === "Succeeded") setCondition(list, "Initialized", "True", at, "PodCompleted");
  else if (incomplete.length === 0 || mainStarted) setCondition(list, "Initialized", "True", at);
  else
    setCondition(
      list,
      "Initialized",
      "False",
      at,
      "ContainersNotInitialized",
      `containers with incomplete status: [${incomplete.join(" ")}]`,
    );
  if (phase === "Succeeded" || phase === "Failed") {
    const reason = phase === "Succeeded" ? "PodCompleted" : "PodFailed";
    setCondition(list, "Ready", "False", at, reason);
    setCondition(list, "ContainersReady", "False", at, reason);
  } else {
    const unready = containers
      .filter((c) => c.kind !== "init" && !c.status.ready)
      .map((c) => c.name);
    if (unready.length === 0) setCondition(list, "ContainersReady", "True", at);
    else
      setCondition(
        list,
        "ContainersReady",
        "False",
        at,
        "ContainersNotReady",
        `containers with unready status: [${unready.join(" ")}]`,
      );
    const gateProblems = opts.gates.flatMap((gate) => {
      const c = list.find((x) => x.type === gate);
      if (!c) return [`corresponding condition of pod readiness gate "${gate}" does not exist.`];
      return c.status === "True"
        ? []
        : [`the status of pod readiness gate "${gate}" is not "True", but ${c.status}`];
    });
    if (unready.length)
      setCondition(
        list,
        "Ready",
        "False",
        at,
        "ContainersNotReady",
        `containers with unready status: [${unready.join(" ")}]`,
      );
    else if (gateProblems.length)
      setCondition(list, "Ready", "False", at, "ReadinessGatesNotReady", gateProblems.join(", "));
    else setCondition(list, "Ready", "True", at);
  }
  const order = [
    "PodReadyToStartContainers",
    "Initialized",
    "Ready",
    "ContainersReady",
    "PodScheduled",
  ];
  list.sort((a, b) => rank(order, a.type) - rank(order, b.type));
}

function rank(order: string[], type: string | undefined): number {
  const i = order.indexOf(type ?? "");
  return i < 0 ? order.length : i;
}

/** What the kubelet knows when it writes a pod's status. */
export interface StatusInput {
  /** Now, RFC 3339. */
  at: string;
  sandbox: boolean;
  phase: string;
  /** Every container in spec order: init and sidecars, then main. */
  containers: ContainerView[];
  gates: string[];
  nodeIP: string;
  podIP?: string;
  startTime?: string;
}

/** The pod status the kubelet writes over `old`: its conditions, addresses and container statuses. */
export function assemblePodStatus(old: PodStatus, s: StatusInput) {
  const conditions = structuredClone(old.conditions ?? []) as PodCondition[];
  kubeletConditions(conditions, s.at, {
    sandbox: s.sandbox,
    phase: s.phase,
    containers: s.containers,
    gates: s.gates,
  });
  const byName = (a: ContainerStatus, b: ContainerStatus) =>
    (a.name ?? "") < (b.name ?? "") ? -1 : 1;
  const init = s.containers.filter((c) => c.kind !== "main");
  return {
    ...old,
    phase: s.phase,
    conditions,
    hostIP: s.nodeIP,
    hostIPs: [{ ip: s.nodeIP }],
    ...(s.podIP ? { podIP: s.podIP, podIPs: [{ ip: s.podIP }] } : {}),
    startTime: old.startTime ?? s.startTime,
    ...(init.length ? { initContainerStatuses: init.map((c) => structuredClone(c.status)) } : {}),
    containerStatuses: s.containers
      .filter((c) => c.kind === "main")
      .map((c) => structuredClone(c.status))
      .sort(byName),
    qosClass: old.qosClass,
  };
}

/** The newest termination of a container, kept as lastState while it waits or runs again. */
function lastTermination(status: ContainerStatus) {
  const previous = status.state?.terminated ?? status.lastState?.terminated;
  return previous ? { terminated: previous } : {};
}

/** A container's status once it waits for `reason` (CrashLoopBackOff, ErrImagePull …). */
export function waitingStatus(
  status: ContainerStatus,
  reason: string,
  message?: string,
): ContainerStatus {
  return {
    ...status,
    state: { waiting: { reason, ...(message ? { message } : {}) } },
    lastState: lastTermination(status),
    ready: false,
    started: false,
  };
}

/** A container's status when a new run of it has just started. */
export function startedStatus(
  spec: Container,
  status: ContainerStatus,
  run: { startedAt: string; restartCount: number; imageID: string; containerID: string },
): ContainerStatus {
  return {
    name: spec.name,
    state: { running: { startedAt: run.startedAt } },
    lastState: lastTermination(status),
    ready: false,
    restartCount: run.restartCount,
    image: spec.image ?? "",
    imageID: run.imageID,
    containerID: run.containerID,
    started: false,
  };
}

/**
 * A container's status when its run ended at `finishedAt`; after a failed postStart hook it waits
 * with PostStartHookError and the termination moves to lastState.
 */
export function exitedStatus(
  status: ContainerStatus,
  kind: ContainerView["kind"],
  exit: { exitCode: number; reason: string },
  finishedAt: string,
  hookError?: string,
): ContainerStatus {
  const terminated = {
    exitCode: exit.exitCode,
    reason: exit.reason,
    startedAt: status.state?.running?.startedAt ?? finishedAt,
    finishedAt,
    containerID: status.containerID,
  };
  const stopped = {
    ...status,
    state: { terminated },
    ready: kind === "init" && exit.exitCode === 0,
    started: false,
  };
  if (!hookError) return stopped;
  return {
    ...stopped,
    state: { waiting: { reason: "PostStartHookError", message: hookError } },
    lastState: { terminated },
  };
}
