// The embedded demo cluster: a Kubernetes API on loopback that lives the seeds' stories.
export { DemoCluster, type DemoClusterOptions } from "./cluster";
export type { NodeSpec } from "./nodes";
export type { RbacOptions } from "./api-server/rbac";
export { ManualClock, RealClock, ScaledClock, type Clock, type Timer } from "./clock";
export { SCENARIOS, scenario, type Scenario } from "./scenarios/catalogue";
export type { TruthEntry } from "./truth";
