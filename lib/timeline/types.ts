// The timeline model's output: plain JSON, every time in epoch milliseconds, open intervals end null.
import type { RestartRule } from "../k8s/restart-rules";
import type { KubeEvent, Node, Observation } from "../k8s/types";

/** One version of a pod as a watch (or a list) delivered it (the one type, from lib/k8s). */
export type { Observation };

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
  /** status.observedGeneration when last seen in this interval (1.33+); absent when the API gave none. */
  observedGeneration?: number;
}

export interface ConditionInterval extends Interval {
  type: string;
  status: "True" | "False" | "Unknown";
  reason: string | null;
  message: string | null;
  /** The condition's observedGeneration when last seen in this interval (1.33+); absent when none. */
  observedGeneration?: number;
}

/** metadata.generation (spec changes) and status.observedGeneration (what the kubelet has seen). */
export interface GenerationInterval extends Interval {
  generation: number | null;
  observedGeneration: number | null;
}

/** A container's resources as spec (desired), kubelet (allocated) and runtime (actual) state them. */
export interface ResourcesInterval extends Interval {
  /** spec.containers[].resources. */
  desired: ResourceSet | null;
  /** status.containerStatuses[].allocatedResources (requests). */
  allocated: Record<string, string> | null;
  /** status.containerStatuses[].resources: what the runtime applied. */
  actual: ResourceSet | null;
}

export interface ResourceSet {
  requests: Record<string, string>;
  limits: Record<string, string>;
}

/** One quantity that changed in a resize: "cpu" requests 250m → 500m. null: not set. */
export interface ResourceChange {
  container: string;
  resource: string;
  field: "requests" | "limits";
  from: string | null;
  to: string | null;
}

export type { RestartRule } from "../k8s/restart-rules";

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
  /** What an httpGet / tcpSocket / grpc probe checks ("GET /healthz on port 8080"); never an exec command (it may carry secrets). */
  target?: string;
}

/** A container's resource requests and limits from the spec (cpu, memory … as quantity strings). */
export interface Resources {
  requests: Record<string, string>;
  limits: Record<string, string>;
}

/** The controller that owns the pod (the ownerReference with controller true, else the first). */
export interface Owner {
  kind: string;
  name: string;
}

/** The Ready condition of the pod's node, as last read. */
export interface NodeReady {
  node: string;
  status: "True" | "False" | "Unknown";
  reason: string | null;
  message: string | null;
  /** lastTransitionTime. */
  since: number | null;
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
  /** Requests and limits from the latest spec (null: the spec set none). */
  specResources: Resources | null;
  restartCount: number;
  /** Runs known to have happened (from restartCount) whose times no object or event proves. */
  unplacedRuns: number;
  /** The container's own restartPolicy (1.34+ on any container; Always on an init container: a sidecar); null: the pod's. */
  restartPolicy: string | null;
  /** Its restartPolicyRules (KEP-5307), in order: the first that matches an exit code decides. */
  restartRules: RestartRule[];
  /** Desired / allocated / actual resources over time (in-place resize); empty when none was stated. */
  resources: ResourcesInterval[];
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
  | "spec-changed"
  | "resize-requested"
  | "resize-pending"
  | "resize-in-progress"
  | "resized"
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
  /** What a resize changed (resize-requested: the spec; resized: the runtime's resources). */
  changes?: ResourceChange[];
  /** The condition's reason (resize-pending: Deferred / Infeasible; resize-in-progress: Error). */
  reason?: string;
  /** spec-changed: the generation before and after. */
  generation?: { from: number | null; to: number };
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

/** What the model could not read or place; the views say it in words (lib/i18n `warn.<code>`). */
export type TimelineWarningCode =
  | "no-observations"
  | "bad-observation"
  | "out-of-order"
  | "uid-mismatch"
  | "no-status"
  | "no-creation-time"
  | "unknown-phase"
  | "missing-container-times"
  | "unplaced-runs"
  | "status-gap"
  | "unknown-container"
  | "future-time";

export interface TimelineWarning {
  code: TimelineWarningCode;
  /** What the sentence names: `phase`, `container`, `count`. */
  params?: Record<string, string | number>;
  container?: string;
}

export interface PodTimeline {
  uid: string;
  namespace: string;
  name: string;
  node: string | null;
  /** The pod's owner (kind/name), from its ownerReferences. */
  owner: Owner | null;
  /** The node's Ready condition when the node object is known (null: not known). */
  nodeReady: NodeReady | null;
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
  /** metadata.generation and status.observedGeneration over time; empty on clusters that set neither. */
  generations: GenerationInterval[];
  reconstructed: boolean;
  warnings: TimelineWarning[];
}
