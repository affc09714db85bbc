// The timeline model's public face: pure functions from Kubernetes JSON to timeline data.
export { buildTimeline } from "./build-timeline";
export { TimelineBuilder } from "./timeline-builder";
export { ageText, kubectlStatus, restartsText, type KubectlStatus } from "./kubectl-status";
export { announcedDelay } from "./container-history";
export { normalizeEvent, occurrences, type NormalizedEvent, type Occurrence } from "./events";
export { pullDuration, probeOf } from "./event-markers";
export type * from "./types";
export { clipTimeline } from "./window";
