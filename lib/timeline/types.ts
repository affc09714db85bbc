// The timeline model's output: plain JSON, every time in epoch milliseconds, open intervals end null.
import type { KubeEvent, Node, Pod, WatchEventType } from "../k8s/types";

/** One version of a pod as a watch (or a list) delivered it. */
export interface Observation {
  type: WatchEventType;
  object: Pod;
  observedAt: number;
}

export interface TimelineInput {
  observations: Observation[];
  events?: KubeEvent[];
  node?: Node | null;
  now: number;
}

export interface Interval {
  start: number;
  end: number | null;
}

export type PodPhase = "Pending" | "Running" | "Succeeded" | "Failed" | "Unknown";

export interface PhaseInterval extends Interval {
  phase: PodPhase;
}

export interface StatusInterval extends Interval {
  /** The kubectl STATUS string over this interval. */
  status: string;
}

export interface ConditionInterval extends Interval {
  type: string;
  status: "True" | "False" | "Unknown";
  reason: string | null;
  message: string | null;
}

export type ContainerKind = "init" | "sidecar" | "main" | "ephemeral";

export interface Run extends Interval {
  /** 1 for the first run, 2 after the first restart … */
  attempt: number;
  exitCode: number | null;
  signal: number | null;
  reason: string | null;
  message: string | null;
}

export interface WaitingInterval extends Interval {
  reason: string;
  message: string | null;
}

export interface Backoff extends Interval {
  /** The delay the kubelet announced in its CrashLoopBackOff message, if it was seen. */
  announcedDelayMs: number | null;
  /** finishedAt → next startedAt, measured; null while still waiting. */
  observedDelayMs: number | null;
  beforeAttempt: number;
}

export type ProbeType = "liveness" | "readiness" | "startup";
export type ProbeOutcome = "failure" | "warning" | "error";

export interface ProbeResult {
  probe: ProbeType;
  outcome: ProbeOutcome;
  at: number;
  /** How many results this entry stands for (core/v1 folds repeats into one event). */
  count: number;
  message: string;
}

export interface ProbeConfig {
  handler: "exec" | "httpGet" | "tcpSocket" | "grpc" | "unknown";
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  successThreshold: number;
  failureThreshold: number;
}

export interface ContainerTimeline {
  name: string;
  kind: ContainerKind;
  order: number;
  image: string | null;
  runs: Run[];
  waiting: WaitingInterval[];
  ready: Interval[];
  backoffs: Backoff[];
  probes: ProbeResult[];
  probeConfig: Partial<Record<ProbeType, ProbeConfig>>;
  restartCount: number;
  /** Runs known to have happened (from restartCount) whose times no object or event proves. */
  unplacedRuns: number;
}

export type MarkerKind =
  | "created"
  | "scheduled"
  | "unschedulable"
  | "pulling"
  | "pulled"
  | "pull-failed"
  | "hook-failed"
  | "killing"
  | "probe-kill"
  | "oom-killed"
  | "evicted"
  | "preempted"
  | "node-lost"
  | "deletion-requested"
  | "grace-exceeded"
  | "sandbox-failed"
  | "mount-failed"
  | "warning";

export interface Marker {
  kind: MarkerKind;
  at: number;
  container?: string;
  message: string;
  /** Repeats folded into this marker (core/v1 event count increments). */
  count?: number;
  /** Pull duration for `pulled`, parsed from the kubelet's message. */
  durationMs?: number;
}

export interface Terminating {
  /** When deletion was requested: deletionTimestamp − deletionGracePeriodSeconds. */
  start: number;
  /** The object gone from the API, or null while it is still terminating. */
  end: number | null;
  gracePeriodSeconds: number | null;
  /** deletionTimestamp: when the grace period runs out. */
  deadline: number | null;
}

export interface TimelineWarning {
  code: string;
  message: string;
  container?: string;
}

export interface PodTimeline {
  uid: string;
  namespace: string;
  name: string;
  node: string | null;
  createdAt: number | null;
  deletedAt: number | null;
  /** The first observation's time: what lies before it was reconstructed from that object and events. */
  observedFrom: number | null;
  phases: PhaseInterval[];
  status: StatusInterval[];
  conditions: ConditionInterval[];
  containers: ContainerTimeline[];
  markers: Marker[];
  terminating: Terminating | null;
  reconstructed: boolean;
  warnings: TimelineWarning[];
}
