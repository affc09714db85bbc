// The workload timeline model's input and output: plain JSON, every time in epoch milliseconds,
// open intervals end null. What each field means and which Kubernetes source defines it:
// docs/workloads.md.
import type { Health } from "../health";
import type { PodTimeline } from "../timeline/types";
import type { WorkloadKind, WorkloadVersion } from "./workload-state";

/** The versions of one object the workload owns (a ReplicaSet, a ControllerRevision, a Job). */
export interface OwnedHistory {
  /** Optional: read from the versions' states when absent. */
  kind?: WorkloadKind;
  name?: string;
  uid?: string | null;
  versions: WorkloadVersion[];
}

/** One pod of the workload: its timeline and the labels that tie it to a revision. */
export interface WorkloadPod {
  timeline: PodTimeline;
  /** The pod's labels as last seen (`pod-template-hash`, `controller-revision-hash`, `apps.kubernetes.io/pod-index`). */
  labels?: Record<string, string> | null;
}

export interface WorkloadTimelineInput {
  /** The workload's own versions (Deployment, StatefulSet, DaemonSet, CronJob, Job), any order. */
  versions: WorkloadVersion[];
  /** The objects it owns: a Deployment's ReplicaSets, a StatefulSet's or DaemonSet's ControllerRevisions, a CronJob's Jobs. */
  owned?: OwnedHistory[];
  pods?: WorkloadPod[];
  now: number;
  /** Keep what overlaps [from, to] (counts, conditions, rollouts, runs, missed schedules). */
  window?: { from: number; to: number } | null;
}

export interface Step {
  start: number;
  end: number | null;
  value: number | null;
}

export type CountName = "desired" | "current" | "updated" | "ready" | "available";

export interface ConditionSpan {
  type: string;
  status: string;
  reason: string | null;
  message: string | null;
  start: number;
  end: number | null;
}

export interface ImageChange {
  container: string;
  from: string | null;
  to: string | null;
}

export interface EnvChange {
  container: string;
  /** Names only: the stored state never has a value. */
  added: string[];
  removed: string[];
}

export interface QuantityChange {
  container: string;
  field: "requests" | "limits";
  resource: string;
  from: string | null;
  to: string | null;
}

/** What a revision's pod template changed against the revision before it. */
export interface TemplateChanges {
  images: ImageChange[];
  containersAdded: string[];
  containersRemoved: string[];
  env: EnvChange[];
  resources: QuantityChange[];
  /** `kubectl.kubernetes.io/restartedAt` (kubectl rollout restart) changed. */
  restartedAt: { from: string | null; to: string | null } | null;
  /** The template digest differs and none of the above does: other fields of the template. */
  otherFields: boolean;
}

export interface Revision {
  /** `deployment.kubernetes.io/revision` / ControllerRevision `.revision`; null for a Job. */
  number: number | null;
  /** The ReplicaSet, ControllerRevision or Job. */
  name: string;
  uid: string | null;
  /** `pod-template-hash` / `controller-revision-hash`. */
  hash: string | null;
  /** When the object was created, or, for a revision that reuses an older object (rollout undo), when it took this number. */
  firstSeen: number | null;
  changeCause: string | null;
  /** The number the same template had before (kubectl rollout undo reuses the old ReplicaSet). */
  rollbackOf: number | null;
  /** Against the previous revision; null for the first one or when a template is unknown. */
  changes: TemplateChanges | null;
}

export interface ReplicaChange {
  at: number;
  from: number | null;
  to: number | null;
}

export type RolloutOutcome =
  "complete" | "stalled" | "superseded" | "rolled-back" | "in-progress" | "paused";

export interface RolloutEvidence {
  /** condition: a status condition; status: kubectl rollout status' verdict; revision: a newer rollout began; paused: spec.paused; observed: first seen already so. */
  kind: "condition" | "status" | "revision" | "paused" | "observed";
  at: number;
  text: string;
}

export interface Rollout {
  from: number | null;
  fromName: string | null;
  to: number | null;
  toName: string | null;
  start: number;
  end: number | null;
  outcome: RolloutOutcome;
  /** Progressing False ProgressDeadlineExceeded was set (DeploymentTimedOut), even if it completed later. */
  stalledAt: number | null;
  /**
   * When Progressing left ProgressDeadlineExceeded again (progress.go sets ReplicaSetUpdated or
   * NewReplicaSetAvailable once there is progress); null while it still said so at the rollout's
   * end, or now. The stall is [stalledAt, stalledUntil ?? end ?? now].
   */
  stalledUntil: number | null;
  /**
   * The Deployment's pod template changed and no revision answers it yet: `to` and `toName` are
   * null. While spec.paused the controller makes no ReplicaSet (sync.go sync()); on resume the
   * real rollout takes over from the same start.
   */
  pending: boolean;
  /** While spec.paused was set within the rollout (observed; kubectl rollout pause … resume). */
  pausedSpans: { start: number; end: number | null }[];
  /** The target template had an earlier revision number: kubectl rollout undo. */
  rollback: boolean;
  durationMs: number;
  evidence: RolloutEvidence[];
}

export interface PodRef {
  uid: string;
  name: string;
  start: number | null;
  end: number | null;
  node: string | null;
  /** StatefulSet ordinal (`apps.kubernetes.io/pod-index`, else the name's suffix). */
  ordinal: number | null;
  /** When the pod first became Ready. */
  readyAt: number | null;
}

export interface PodGroup {
  revision: number | null;
  /** ReplicaSet / ControllerRevision / Job name; null for pods no revision claims. */
  name: string | null;
  hash: string | null;
  /** The revision the workload rolls to (or, for a CronJob, the latest Job). */
  current: boolean;
  pods: PodRef[];
}

export interface StuckPod {
  uid: string;
  name: string;
  health: Health;
  /** The evidence for `health`'s reason only: that container's message, the node's Ready message, the last probe failure. */
  detail: string | null;
  /**
   * The node's state as a fact of its own (the health reason's key and values, and the node's Ready
   * reason and message), when the node is not Ready but the pod's reason is another; else null.
   */
  node?: { reason: NonNullable<Health["reason"]>; evidence: string | null } | null;
  /** "web-7d9c5b8f4-lnbk9: ImagePullBackOff — Back-off pulling image \"nginx:1.27-typo\"". */
  text: string;
}

export interface StuckExplanation {
  to: number | null;
  toName: string | null;
  since: number;
  /** kubectl rollout status' line at `now`. */
  status: string;
  pods: StuckPod[];
  /**
   * Pods of older revisions that are not available either: they spend the rollout's budget of
   * unavailable pods (maxUnavailable) or hold an ordered one (OrderedReady), so they hold it up too.
   */
  others: StuckPod[];
  /** A sentence when no pod of the new revision exists (a quota, a failed create …). */
  noPods: string | null;
  /** noPods is the ReplicaFailure condition's message (the cluster's words), not Lifeline's sentence. */
  replicaFailure?: boolean;
  commands: string[];
}

export type RunResult = "Complete" | "Failed" | "Running" | "Suspended" | "Unknown";

export interface CronRun {
  job: string;
  uid: string | null;
  /** `batch.kubernetes.io/cronjob-scheduled-timestamp`, else the Job's creation. */
  scheduledAt: number | null;
  start: number | null;
  end: number | null;
  result: RunResult;
  reason: string | null;
  message: string | null;
  durationMs: number | null;
  /** The Job is gone from the API (history limits, TTL, deleted). */
  deletedAt: number | null;
}

export interface SkippedSchedule {
  at: number;
  why: "suspended" | "forbid";
}

export interface CronTimeline {
  schedule: string | null;
  timeZone: string | null;
  runs: CronRun[];
  /** Scheduled times with no Job, past their starting deadline, while not suspended. */
  missed: number[];
  /** Scheduled times the controller rightly skipped (suspend; concurrencyPolicy Forbid with a run active). */
  skipped: SkippedSchedule[];
  nextScheduleAt: number | null;
}

/** What the model could not derive; the views say it in words (lib/i18n `warn.workload.<code>`). */
export const WORKLOAD_WARNING_CODES = [
  "no-versions",
  "bad-version",
  "no-owned",
  "no-template",
  "unknown-revision",
  "pod-without-revision",
  "bad-schedule",
  "too-many-schedules",
  "missed-before-observed",
] as const;
export type WorkloadWarningCode = (typeof WORKLOAD_WARNING_CODES)[number];

export interface WorkloadWarning {
  code: WorkloadWarningCode;
  params?: Record<string, string | number>;
}

export interface WorkloadTimeline {
  kind: WorkloadKind | null;
  namespace: string | null;
  name: string | null;
  uid: string | null;
  createdAt: number | null;
  deletedAt: number | null;
  observedFrom: number | null;
  revisions: Revision[];
  replicaChanges: ReplicaChange[];
  counts: Record<CountName, Step[]>;
  conditions: ConditionSpan[];
  rollouts: Rollout[];
  pods: PodGroup[];
  stuck: StuckExplanation | null;
  cronJob: CronTimeline | null;
  health: Health;
  warnings: WorkloadWarning[];
}
