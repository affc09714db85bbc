// Types that mirror the Kubernetes API JSON (core/v1, events.k8s.io/v1) as it arrives.
// Every field is optional or nullable: objects from a cluster are not trusted to be complete.

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  /** Pods count spec changes since 1.33 (resize, image, ephemeral containers). */
  generation?: number | null;
  creationTimestamp?: string | null;
  deletionTimestamp?: string | null;
  deletionGracePeriodSeconds?: number | null;
  labels?: Record<string, string> | null;
  annotations?: Record<string, string> | null;
  ownerReferences?: OwnerReference[] | null;
}

export interface OwnerReference {
  apiVersion?: string;
  kind?: string;
  name?: string;
  uid?: string;
  controller?: boolean;
}

export type ProbeHandler = {
  exec?: { command?: string[] } | null;
  httpGet?: { path?: string; port?: number | string; host?: string; scheme?: string } | null;
  tcpSocket?: { port?: number | string; host?: string } | null;
  grpc?: { port?: number; service?: string } | null;
};

export interface Probe extends ProbeHandler {
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
  terminationGracePeriodSeconds?: number | null;
}

export interface LifecycleHandler extends ProbeHandler {
  sleep?: { seconds?: number } | null;
}

/** requests/limits as quantities ("250m", "128Mi"). */
export interface ResourceRequirements {
  requests?: Record<string, string> | null;
  limits?: Record<string, string> | null;
}

/** KEP-5307 (ContainerRestartRules, alpha 1.34, beta 1.35): restart a container by exit code. */
export interface ContainerRestartRule {
  action?: string;
  exitCodes?: { operator?: string; values?: number[] | null } | null;
}

export interface Container {
  name?: string;
  image?: string;
  command?: string[] | null;
  args?: string[] | null;
  /** Always on an init container: a sidecar. On any container (1.34+): overrides the pod's policy. */
  restartPolicy?: string | null;
  restartPolicyRules?: ContainerRestartRule[] | null;
  ports?: { containerPort?: number; name?: string; protocol?: string }[] | null;
  resources?: ResourceRequirements | null;
  resizePolicy?: { resourceName?: string; restartPolicy?: string }[] | null;
  livenessProbe?: Probe | null;
  readinessProbe?: Probe | null;
  startupProbe?: Probe | null;
  lifecycle?: { postStart?: LifecycleHandler | null; preStop?: LifecycleHandler | null } | null;
  imagePullPolicy?: string;
  env?: unknown[] | null;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number | null;
}

export interface PodSpec {
  nodeName?: string | null;
  restartPolicy?: string;
  terminationGracePeriodSeconds?: number | null;
  initContainers?: Container[] | null;
  containers?: Container[] | null;
  ephemeralContainers?: Container[] | null;
  nodeSelector?: Record<string, string> | null;
  tolerations?: Toleration[] | null;
  readinessGates?: { conditionType?: string }[] | null;
  schedulerName?: string;
}

export interface ContainerStateWaiting {
  reason?: string;
  message?: string;
}
export interface ContainerStateRunning {
  startedAt?: string | null;
}
export interface ContainerStateTerminated {
  exitCode?: number;
  signal?: number;
  reason?: string;
  message?: string;
  startedAt?: string | null;
  finishedAt?: string | null;
  containerID?: string;
}
export interface ContainerState {
  waiting?: ContainerStateWaiting | null;
  running?: ContainerStateRunning | null;
  terminated?: ContainerStateTerminated | null;
}

export interface ContainerStatus {
  name?: string;
  state?: ContainerState | null;
  lastState?: ContainerState | null;
  ready?: boolean;
  started?: boolean | null;
  restartCount?: number;
  image?: string;
  imageID?: string;
  containerID?: string;
  /** What the kubelet admitted (in-place resize, 1.33+): requests only. */
  allocatedResources?: Record<string, string> | null;
  /** What the runtime actually applied. */
  resources?: ResourceRequirements | null;
}

export interface PodCondition {
  type?: string;
  status?: string;
  reason?: string | null;
  message?: string | null;
  lastTransitionTime?: string | null;
  lastProbeTime?: string | null;
  /** metadata.generation the kubelet had seen when it set this condition (1.33+). */
  observedGeneration?: number | null;
}

export interface PodStatus {
  /** metadata.generation the kubelet had seen when it wrote this status (1.33+). */
  observedGeneration?: number | null;
  phase?: string;
  reason?: string;
  message?: string;
  conditions?: PodCondition[] | null;
  hostIP?: string;
  podIP?: string;
  podIPs?: { ip?: string }[] | null;
  nominatedNodeName?: string;
  startTime?: string | null;
  initContainerStatuses?: ContainerStatus[] | null;
  containerStatuses?: ContainerStatus[] | null;
  ephemeralContainerStatuses?: ContainerStatus[] | null;
  qosClass?: string;
}

export interface Pod {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta | null;
  spec?: PodSpec | null;
  status?: PodStatus | null;
}

export interface ObjectReference {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/** core/v1 Event. */
export interface CoreEvent {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta | null;
  involvedObject?: ObjectReference | null;
  reason?: string;
  message?: string;
  type?: string;
  count?: number | null;
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string | null } | null;
  source?: { component?: string; host?: string } | null;
  reportingComponent?: string;
  reportingInstance?: string;
  action?: string;
}

/** events.k8s.io/v1 Event. */
export interface EventsV1Event {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta | null;
  regarding?: ObjectReference | null;
  note?: string;
  reason?: string;
  type?: string;
  eventTime?: string | null;
  series?: { count?: number; lastObservedTime?: string | null } | null;
  reportingController?: string;
  reportingInstance?: string;
  action?: string;
  deprecatedCount?: number | null;
  deprecatedFirstTimestamp?: string | null;
  deprecatedLastTimestamp?: string | null;
  deprecatedSource?: { component?: string; host?: string } | null;
}

export type KubeEvent = CoreEvent | EventsV1Event;

export interface NodeCondition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string | null;
  lastHeartbeatTime?: string | null;
}

export interface Node {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta | null;
  spec?: {
    unschedulable?: boolean;
    taints?: { key?: string; value?: string; effect?: string; timeAdded?: string | null }[] | null;
  } | null;
  status?: {
    conditions?: NodeCondition[] | null;
    capacity?: Record<string, string> | null;
    allocatable?: Record<string, string> | null;
  } | null;
}

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";

/**
 * One version of an object as a watch (or a list) delivered it, and when Lifeline saw it: a pod
 * for the timeline model (the default), any object for the reflector (which adds its kind).
 */
export interface Observation<T = Pod> {
  type: WatchEventType;
  object: T;
  observedAt: number;
}
