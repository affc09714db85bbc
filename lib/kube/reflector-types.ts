// What the reflector (reflector.ts) is given and tells: its options, its state, what it delivers.
import type { Observation as K8sObservation, WatchEventType } from "../k8s/types";
import type { KubeClient } from "./client";

export type WatchType = WatchEventType;

/** Any object the reflector lists and watches, read loosely (it checks only its metadata). */
export type Watched = Record<string, unknown> & {
  metadata?: { uid?: string; name?: string; namespace?: string; resourceVersion?: string };
};

/** What the reflector delivers: lib/k8s's one Observation, of any object, with its kind. */
export type Observation = K8sObservation<Watched> & {
  kind: string;
  /**
   * Set on a version told to onUnchanged: it repeats the version `previous` (a resourceVersion) but
   * for metadata.resourceVersion, managedFields and annotations, and `object` holds only its
   * identity and new resourceVersion.
   */
  unchanged?: { previous: string };
};

export interface ReflectorState {
  path: string;
  /**
   * "forbidden": an optional resource (nodes, a workload kind) the credentials may not read (403) or
   * the cluster does not serve (404, lastStatus says which); asked again every
   * few minutes, so a role bound later is picked up, and not a connection problem.
   */
  phase: "syncing" | "connected" | "retrying" | "forbidden" | "stopped";
  /** Epoch ms of the last phase change. */
  since: number;
  lastError: string | null;
  /** Status of the last failure (401 and 403 need a person, not a retry loop's patience). */
  lastStatus: number | null;
  lists: number;
  watches: number;
  /** The version the reflector is caught up to (from the last list, event or bookmark). */
  resourceVersion: string;
  /**
   * How the whole state is fetched: "watch-list" (a watch with sendInitialEvents, as client-go's
   * WatchListClient) until the server shows it does not serve it, then "list" (page by page) for good.
   */
  initialState?: "watch-list" | "list";
}

/** Why a watch (or a list) was started again: a small fixed set, for metrics. */
export type RestartReason =
  /** The server ended the watch normally (its timeout). */
  | "ended"
  /** 410 Gone: the version was compacted away; relist. */
  | "expired"
  /** The server has not reached our version (a cluster met afresh); relist. */
  | "too_large_resource_version"
  /** The connection was cut. */
  | "connection_lost"
  /** 403 on a resource Lifeline can do without (nodes): asked again every few minutes. */
  | "forbidden"
  /** Any other failure: retried after a back-off. */
  | "error";

/** What the reflector does, told as it happens (lib/metrics counts it). `type` is the server's word, unchecked. */
export type ReflectorActivity =
  | { what: "event"; type: string }
  | { what: "listed"; lists: number }
  | { what: "restart"; reason: RestartReason };

export interface ReflectorOptions {
  client: KubeClient;
  path: string;
  kind: string;
  now: () => number;
  onObservation(o: Observation): void;
  /** On each phase change, and on each failed attempt while retrying. */
  onState?(state: ReflectorState): void;
  /** After every (re)list, with the uids of the objects the cluster listed: for reconciling stored history. */
  onListed?(uids: string[]): void;
  /** Each watch event received, each list done, each restart and why (for metrics). */
  onActivity?(a: ReflectorActivity): void;
  /** Waits between retries; injectable so tests need not sleep. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /**
   * Lifeline works without this resource (nodes, each workload kind): a 403, or a 404 (not served),
   * is the "forbidden" state, not a retry loop.
   */
  optional?: boolean;
  /** How often an optional resource that was forbidden is asked for again (default 5 minutes). */
  forbiddenRecheckMs?: number;
  /** Server-side watch timeout; the watch is simply reopened when it ends. */
  watchTimeoutSeconds?: number;
  pageSize?: number;
  /**
   * Fetch the whole state as a watch-list (default) or as a paged list. A server that does not serve
   * watch-lists is met with one attempt, and listed page by page from then on.
   */
  initialState?: "watch-list" | "list";
  /**
   * What to remember of each object between versions (default: all of it). The reflector needs
   * only the key and resourceVersion; objects it reports DELETED after a relist are what it kept.
   */
  retain?: (item: Item) => Item;
  /**
   * Given, the watch's lines are scanned before they are parsed (lib/kube/watch-line.ts): a MODIFIED
   * version that repeats the one last delivered but for metadata.resourceVersion, managedFields and
   * annotations, which nothing downstream reads, is told here, in order with the observations,
   * instead of parsed; the others are parsed without managedFields. For pods.
   */
  onUnchanged?(o: Observation): void;
}

/** An object as the reflector keeps and delivers it. */
export type Item = Observation["object"];
