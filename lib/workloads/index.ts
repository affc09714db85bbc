// The workload model's public face: a workload's timeline from its versions, its owned objects'
// versions and its pods' timelines (docs/workloads.md).
export { buildWorkloadTimeline } from "./workload-timeline";
export { rolloutStatus, rolloutDone, type RolloutStatus } from "./rollout-status";
export { templateChanges } from "./revisions";
export { workloadState, templateSummary, selectorText, WORKLOAD_KINDS } from "./workload-state";
export type * from "./workload-state";
export type * from "./types";
export { WORKLOAD_WARNING_CODES } from "./types";
