// What GET /api/cluster tells about the pipeline (Live.info): the connection and its watches,
// whether the cluster answers, the history being kept and written, the clock, pods and memory.
// With a `scope` (a viewer's namespaces) it tells nothing about the rest of the cluster nor the
// server's files and addresses.
import type { CollectorState } from "../kube/collector";
import type { ConnectionPlan } from "../kube/connection";
import type { ClusterIdentity } from "../store/data-dir";
import type { WriteState } from "../store/write-queue";
import type { CaptureState } from "../logs/capture";
import { reachability, type Reachability } from "./reachability";
import { serverStrings, withoutAddresses } from "./redact";
import { scopedDenials, workloadAccess, type WorkloadDenial } from "./workload-access";

export interface ClusterInfo {
  mode: ConnectionPlan["mode"];
  /** Why this mode (names the kubeconfig file) and the API server's URL: not told to a viewer limited to namespaces. */
  reason?: string;
  server?: string;
  /** The cluster's display name (the kubeconfig context), when there is one. */
  context: string | null;
  ready: boolean;
  connection: CollectorState;
  /** Whether Lifeline may see the cluster's nodes (a namespaced install may not). */
  nodes: NodeAccess;
  /** Workload kinds Lifeline may not list (403) or the cluster does not serve (404): workload-access.ts. */
  workloads: WorkloadDenial[];
  /**
   * The namespaces the server watches (LIFELINE_NAMESPACES), null for the whole cluster; to a
   * viewer limited to namespaces, those of theirs it watches.
   */
  watching: string[] | null;
  /** Whether the cluster answers: "unreachable" once no watch has had an answer for LIFELINE_UNREACHABLE_AFTER. */
  reachability: Reachability;
  /** Pods the cluster has now, and the server process's memory (bytes). */
  pods: number;
  /** The clock observations are stamped with, and how fast it runs (above 1 only for a sped-up demo cluster). */
  clock: { now: number; speed: number };
  memory: { rss: number; heapUsed: number; external: number };
  /** Open /api/stream subscribers (not told to a viewer: they count other people's streams). */
  streams?: number;
  /**
   * Which cluster the history is kept for (not told to a viewer limited to namespaces): its id,
   * what the id comes from, whether it was read from the cluster at start (false: the cluster could
   * not be reached, and the history last opened through this server and context is assumed), and
   * the history file inside the data folder.
   */
  history?: {
    cluster: string;
    identifiedBy: ClusterIdentity["source"];
    verified: boolean;
    file: string;
  };
  /**
   * Whether the history is being written (lib/store/write-queue.ts): ok, or failing since when and
   * why (a full disk, a read-only file, I/O errors), with what waits in memory and what was dropped.
   * A viewer limited to namespaces gets the state, since when and why, not the counts (they measure
   * the whole cluster's changes).
   */
  store: StoreInfo;
  /**
   * The log capture (lib/logs): LIFELINE_LOGS, and the namespaces where pods/log is forbidden
   * (a 403: nothing more is fetched there). The queue and counts are not told to a viewer limited
   * to namespaces (they measure the whole cluster).
   */
  logs: Pick<CaptureState, "mode" | "forbidden"> | CaptureState;
}

/**
 * Whether the nodes are visible: "forbidden" when the credentials may not list them (a namespaced
 * install: Roles in some namespaces, nothing cluster-wide), since when and the API server's
 * sentence. Pod timelines are whole without them; node readiness (the node track, a pod's "node
 * not ready") is not known. "watched" otherwise (the nodes' watch itself is in `connection`).
 */
export interface NodeAccess {
  state: "watched" | "forbidden";
  since: number | null;
  error: string | null;
}

/** The nodes' visibility from the watches' states. */
export function nodeAccess(connection: CollectorState): NodeAccess {
  const r = connection.reflectors.find((x) => x.path === "/api/v1/nodes");
  return r?.phase === "forbidden"
    ? { state: "forbidden", since: r.since, error: r.lastError }
    : { state: "watched", since: null, error: null };
}

export type StoreInfo =
  WriteState | Pick<WriteState, "state" | "since" | "reason" | "code" | "lastError">;

/** What the pipeline knows about itself at the moment it is asked (Live.info gathers it). */
export interface PipelineFacts {
  plan: ConnectionPlan;
  /** The API server's URL. */
  server: string;
  context: string | null;
  ready: boolean;
  now: number;
  speed: number;
  unreachableAfterMs: number;
  connection: CollectorState;
  writes: WriteState;
  /** The current pods' rows (only their namespaces are read), and how many there are. */
  rows: Iterable<{ namespace: string }>;
  pods: number;
  streams: number;
  history: NonNullable<ClusterInfo["history"]> | null;
  /** LIFELINE_NAMESPACES, or null for the whole cluster. */
  namespaces: readonly string[] | null;
  /** The log capture's state (already limited to the scope), null when LIFELINE_LOGS=off. */
  logs: CaptureState | null;
}

/**
 * The pipeline's state. With a `scope` (a viewer's namespaces) it tells nothing about the rest
 * of the cluster: pods counted in scope only, no server memory, no resource versions (they
 * count every change in the cluster), no watch that names another namespace, and nothing about
 * the server's files or addresses (no API server URL, no reason naming the kubeconfig).
 */
export function clusterInfo(f: PipelineFacts, scope: readonly string[] | null = null): ClusterInfo {
  const { connection, now } = f;
  const base = {
    mode: f.plan.mode,
    context: f.context,
    ready: f.ready,
    clock: { now, speed: f.speed },
    nodes: nodeAccess(connection),
    workloads: workloadAccess(connection),
    reachability: reachability(connection, now, f.unreachableAfterMs),
    logs: f.logs
      ? scope
        ? { mode: f.logs.mode, forbidden: f.logs.forbidden }
        : f.logs
      : { mode: "off" as const, forbidden: [] },
    watching: f.namespaces
      ? f.namespaces.filter((n) => !scope || scope.includes(n))
      : scope
        ? [...scope]
        : null,
  };
  if (scope) {
    let pods = 0;
    for (const r of f.rows) if (scope.includes(r.namespace)) pods++;
    // Nothing about the server's files or addresses either: no API server URL, no reason (it
    // names the kubeconfig file), and the watches' errors without the addresses they name.
    const hide = (text: string) =>
      withoutAddresses(text, serverStrings(f.server), f.plan.files ?? []);
    const visible = connection.reflectors
      .filter((r) => {
        const ns = /\/namespaces\/([^/]+)\//.exec(r.path)?.[1];
        return !ns || scope.includes(decodeURIComponent(ns));
      })
      .map((r) => ({
        ...r,
        resourceVersion: "",
        lastError: r.lastError === null ? null : hide(r.lastError),
      }));
    const { state, since, reason, code, lastError } = f.writes;
    return {
      ...base,
      nodes: { ...base.nodes, error: base.nodes.error === null ? null : hide(base.nodes.error) },
      workloads: scopedDenials(base.workloads, scope),
      logs: {
        mode: base.logs.mode,
        forbidden: base.logs.forbidden
          .filter((x) => scope.includes(x.namespace))
          .map((x) => ({ ...x, error: hide(x.error) })),
      },
      connection: { ...connection, reflectors: visible },
      pods,
      memory: { rss: 0, heapUsed: 0, external: 0 },
      store: {
        state,
        since,
        reason,
        code,
        lastError: lastError === null ? null : hide(lastError),
      },
    };
  }
  const m = process.memoryUsage();
  return {
    ...base,
    reason: f.plan.reason,
    server: f.server,
    connection,
    pods: f.pods,
    memory: { rss: m.rss, heapUsed: m.heapUsed, external: m.external },
    streams: f.streams,
    ...(f.history ? { history: f.history } : {}),
    store: f.writes,
  };
}
