// One container of a pod as the kubelet tracks it: spec and kind, the status it reports, its
// process, world and probes, and its crash and pull back-offs; with the kubelet's restart decision.
import { restartDecision, restartRules } from "../../k8s/restart-rules";
import { formatGoDuration } from "../../k8s/time";
import type { Container, ContainerStatus, Pod } from "../../k8s/types";
import type { Clock, Timer } from "../clock";
import type { ObjectRef } from "../events";
import type { ImageInfo } from "../runtime/images";
import { ContainerLog } from "../runtime/container-log";
import { Process, type Exit } from "../runtime/process";
import { programFor } from "../runtime/program";
import { quantityBytes } from "../runtime/quantity";
import { ContainerWorld, type ClusterNet, type PodNetwork } from "../runtime/world";
import { Backoff, CRASHLOOP_EXPIRY_MS } from "./backoff";
import type { ProbeWorker } from "./probe-worker";

/** How long the kubelet takes to notice a container exit (PLEG relist). */
export const RELIST_MS = 1000;

export interface Run {
  spec: Container;
  kind: "init" | "sidecar" | "main";
  status: ContainerStatus;
  process?: Process;
  world?: ContainerWorld;
  probes: ProbeWorker[];
  busy: boolean;
  timer?: Timer;
  runs: number;
  crash: Backoff;
  pull: Backoff;
  lastFinish?: number;
  pullFailedAt?: number;
  /** Set when the last run ended because postStart failed: the waiting reason until the next start. */
  hookError?: string;
  /** The kill in progress: the SIGKILL timer. */
  killTimer?: Timer;
  image?: ImageInfo;
  /**
   * The logs of this container's newest instances by containerID, oldest first: the current one and
   * the one before (the kubelet's container GC keeps one dead instance per container).
   */
  logs: ContainerLog[];
}

/** A container before its first run: waiting, with fresh crash and pull back-offs. */
export function newRun(
  spec: Container,
  kind: Run["kind"],
  pod: Pod,
  crashLoopBackOff: { initialMs: number; maxMs: number },
): Run {
  return {
    spec,
    kind,
    probes: [],
    logs: [],
    busy: false,
    runs: 0,
    crash: new Backoff(crashLoopBackOff.initialMs, crashLoopBackOff.maxMs, CRASHLOOP_EXPIRY_MS),
    pull: new Backoff(),
    status: {
      name: spec.name,
      state: {
        waiting: {
          reason:
            kind === "main" && (pod.spec?.initContainers ?? []).length
              ? "PodInitializing"
              : kind === "main"
                ? "ContainerCreating"
                : "PodInitializing",
        },
      },
      lastState: {},
      ready: false,
      restartCount: 0,
      image: spec.image ?? "",
      imageID: "",
      started: false,
    },
  };
}

/**
 * Whether the kubelet starts this stopped container again: a sidecar always, otherwise by its own
 * restartPolicy / restartPolicyRules (KEP-5307), else the pod's (an init container: on failure).
 */
export function willRestart(r: Run, restartPolicy: string, terminating: boolean): boolean {
  if (terminating) return false;
  if (r.kind === "sidecar") return true;
  const code = r.status.state?.terminated?.exitCode ?? r.status.lastState?.terminated?.exitCode;
  if (r.runs === 0 || code === undefined) return r.runs === 0;
  // KEP-5307: a container's own restartPolicy / restartPolicyRules decide first.
  const rules = restartRules(r.spec.restartPolicyRules);
  const own = typeof r.spec.restartPolicy === "string" ? r.spec.restartPolicy : null;
  if (rules.length > 0 || own !== null) {
    const podPolicy = r.kind === "init" && restartPolicy === "Always" ? "OnFailure" : restartPolicy;
    return restartDecision(code, rules, own, podPolicy) === "restart";
  }
  if (r.kind === "init") return code !== 0 && restartPolicy !== "Never";
  return restartPolicy === "Always" || (restartPolicy === "OnFailure" && code !== 0);
}

/** ConfigMaps and Secrets are not served by the demo cluster, so a required reference to one cannot be met. */
export function missingConfig(c: Container): string | undefined {
  for (const e of (c.env ?? []) as {
    valueFrom?: {
      configMapKeyRef?: { name?: string; optional?: boolean };
      secretKeyRef?: { name?: string; optional?: boolean };
    };
  }[]) {
    const cm = e.valueFrom?.configMapKeyRef;
    if (cm && !cm.optional) return `configmap "${cm.name}" not found`;
    const secret = e.valueFrom?.secretKeyRef;
    if (secret && !secret.optional) return `secret "${secret.name}" not found`;
  }
  return undefined;
}

/** The grace period for stopping the pod's containers: the deletion's, else the spec's, else 30 s. */
export function gracePeriodMs(pod: Pod): number {
  const fromDeletion = pod.metadata?.deletionGracePeriodSeconds;
  const s = fromDeletion ?? pod.spec?.terminationGracePeriodSeconds ?? 30;
  return Math.max(0, s) * 1000;
}

/** The object an event about this container names (the pod, with the container's fieldPath). */
export function containerRef(pod: Pod, r: Run): ObjectRef {
  return {
    kind: "Pod",
    namespace: pod.metadata?.namespace ?? "",
    name: pod.metadata?.name ?? "",
    uid: pod.metadata?.uid ?? "",
    apiVersion: "v1",
    fieldPath: `spec.${r.kind === "main" ? "containers" : "initContainers"}{${r.spec.name}}`,
  };
}

/**
 * Starts a new run of the container's program in a fresh world (its own files, the pod's network,
 * its memory limit); `exited` hears how it ends. Returns the world.
 */
export function startProcess(
  r: Run,
  pod: Pod,
  podNet: PodNetwork,
  node: { clock: Clock; net: ClusterNet },
  exited: (proc: Process, exit: Exit) => void,
): ContainerWorld {
  const limit = r.spec.resources?.limits?.memory
    ? quantityBytes(String(r.spec.resources.limits.memory))
    : null;
  const world = new ContainerWorld(r.spec.name ?? "", r.image, podNet, node.net, limit);
  const { program } = programFor(r.spec, pod.metadata?.annotations, r.image);
  const log = new ContainerLog(node.clock, r.status.containerID ?? "");
  r.logs = [...r.logs.slice(-1), log];
  const proc = new Process(node.clock, program, world, (exit) => exited(proc, exit), log);
  proc.declaredPorts = (r.spec.ports ?? []).map((p) => p.containerPort ?? 0).filter((p) => p > 0);
  r.process = proc;
  r.world = world;
  proc.start();
  return world;
}

/**
 * While the container's crash back-off runs (the kubelet's doBackOff): when it ends, the
 * CrashLoopBackOff waiting message and the BackOff event; null once the container may start.
 */
export function crashLoopWait(
  r: Run,
  lastFinish: number,
  now: number,
  podRef: string,
): { until: number; waiting: string; event: string } | null {
  if (!r.crash.inBackoffSince(lastFinish, now)) return null;
  const delay = formatGoDuration(r.crash.current());
  return {
    until: r.crash.until(lastFinish),
    waiting: `back-off ${delay} restarting failed container=${r.spec.name} pod=${podRef}`,
    event: `Back-off restarting failed container ${r.spec.name} in pod ${podRef}`,
  };
}
