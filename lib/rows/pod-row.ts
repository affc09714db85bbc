// The summary of one pod that lists and the overview show: kubectl's columns plus what filters need.
import type { Pod } from "../k8s/types";
import { ageText, kubectlStatus, restartsText } from "../timeline";
import type { NodeReadiness } from "../health";
import { firstOf } from "./sliced-sort";

export interface PodRow {
  uid: string;
  namespace: string;
  name: string;
  node: string | null;
  phase: string;
  status: string;
  ready: string;
  restarts: string;
  restartCount: number;
  /** When the last restart happened (lastState.terminated.finishedAt), as RESTARTS counts from. */
  lastRestartAt: number | null;
  age: string;
  labels: Record<string, string>;
  createdAt: number | null;
  deletedAt: number | null;
  /** The pod's Ready condition is True. */
  podReady: boolean;
  /**
   * The pod's lane as this server saw it: each change of kubectl STATUS, phase, readiness or restart
   * count and since when, oldest first (at most RECENT_LIMIT, within RECENT_MS; a window's rows
   * from the history: the change standing at its start and each in it, at most WINDOW_LANE_LIMIT).
   * The overview draws it.
   */
  recent: StatusChange[];
  /**
   * When Lifeline first watched the pod (this server's first observation; for a window's rows the
   * history's). A lane's stretch from here to its first kept change was watched, but its changes
   * were dropped for the count limit: it is drawn as not kept, not as before Lifeline watched.
   */
  watchedFrom?: number;
  // What health (lib/health) needs beyond the columns. Each is left out of the row when it does not
  // apply: rows go to the browser for every pod, and most pods have none of these.
  /** PodScheduled is False for Unschedulable: the scheduler's message (at most 300 characters). */
  unschedulable?: string;
  /** Deletion was asked for: when the grace period runs out (metadata.deletionTimestamp) and its seconds. */
  deletion?: { at: number; grace: number };
  /** The pod's node is not plainly Ready (Ready not True, or tainted unreachable / not-ready). */
  nodeState?: NodeReadiness;
}

export interface StatusChange {
  status: string;
  start: number;
  phase: string;
  ready: boolean;
  /** The restart count from here on: a rise from the change before is a restart tick. */
  restarts: number;
}

export const RECENT_LIMIT = 64;
/** The most changes a window's lane read from the history holds (the newest kept). */
export const WINDOW_LANE_LIMIT = 500;
/** The longest overview window (7d). */
export const RECENT_MS = 7 * 86_400_000;

const sameState = (a: StatusChange, b: Omit<StatusChange, "start">) =>
  a.status === b.status && a.phase === b.phase && a.ready === b.ready && a.restarts === b.restarts;

/**
 * A lane entry: the state and since when. Written out, not spread ({ ...state, start }): V8 gave
 * every spread-built entry a hidden class of its own (about 200 bytes of heap a change, on every
 * row's lane; pod-row.test.ts).
 */
const change = (state: Omit<StatusChange, "start">, start: number): StatusChange => ({
  status: state.status,
  phase: state.phase,
  ready: state.ready,
  restarts: state.restarts,
  start,
});

/** The lane state a row stands for. */
export function laneState(
  row: Pick<PodRow, "status" | "phase" | "podReady" | "restartCount">,
): Omit<StatusChange, "start"> {
  return { status: row.status, phase: row.phase, ready: row.podReady, restarts: row.restartCount };
}

/** Appends the state at `at` to a pod's lane when it changed; drops what is too old or too many. */
export function noteStatus(
  recent: StatusChange[],
  state: Omit<StatusChange, "start">,
  at: number,
): StatusChange[] {
  const last = recent[recent.length - 1];
  const next = last && sameState(last, state) ? recent : [...recent, change(state, at)];
  // Keep the newest change that is older than the window: it says what the status was at its start.
  let from = 0;
  while (from < next.length - 1 && next[from + 1].start <= at - RECENT_MS) from++;
  return next.slice(Math.max(from, next.length - RECENT_LIMIT));
}

/**
 * A window's lane from the pod's stored versions (HistoryStore.versionsIn): the state standing at
 * the window's start and each change after it, the newest WINDOW_LANE_LIMIT kept; and the pod as
 * it stood at the last version (undefined when there is none). Pure.
 */
export function windowLane(versions: { type: string; object: Pod; observedAt: number }[]): {
  recent: StatusChange[];
  pod: Pod | undefined;
} {
  const recent: StatusChange[] = [];
  let state: Omit<StatusChange, "start"> | null = null;
  for (const v of versions) {
    // A deletion keeps what the pod last was, as the live lane does.
    state =
      v.type === "DELETED"
        ? {
            ...(state ?? laneState(podRow(v.object, v.observedAt))),
            status: "Deleted",
            ready: false,
          }
        : laneState(podRow(v.object, v.observedAt));
    const last = recent[recent.length - 1];
    if (!last || !sameState(last, state)) recent.push(change(state, v.observedAt));
  }
  return {
    recent: recent.length > WINDOW_LANE_LIMIT ? recent.slice(-WINDOW_LANE_LIMIT) : recent,
    pod: versions.at(-1)?.object,
  };
}

/** The row at another time: AGE and RESTARTS' "(… ago)" are the only cells that move with the clock. */
export function rowAt(row: PodRow, now: number): PodRow {
  return {
    ...row,
    age: ageText(row.createdAt, now),
    restarts: restartsText(row.restartCount, row.lastRestartAt, now),
  };
}

/**
 * The first `limit` of `rows` by namespace and name (sorted in place when most are asked for), brought to `now`, and how
 * many there were: AGE and RESTARTS are worked out for the rows returned only (`/api/pods?limit=1`
 * at 150,000 pods need not make 150,000 texts).
 */
export function firstRows(
  rows: PodRow[],
  now: number,
  limit = Infinity,
): { rows: PodRow[]; total: number } {
  if (limit * 8 >= rows.length) {
    rows.sort(byNamespaceAndName);
    return { rows: rows.slice(0, limit).map((r) => rowAt(r, now)), total: rows.length };
  }
  // A few of many (`?limit=1` at 150,000 pods: the overview's check request): the first `limit`
  // picked in one pass, not every row sorted.
  const best = firstOf(rows, limit, byNamespaceAndName);
  return { rows: best.map((r) => rowAt(r, now)), total: rows.length };
}

export interface RowFilter {
  status?: string;
  node?: string;
  /** Part of the name (case-insensitive). */
  search?: string;
}

export function rowMatches(f: RowFilter, r: PodRow): boolean {
  return (
    (!f.status || f.status === r.status) &&
    (!f.node || f.node === r.node) &&
    (!f.search || r.name.toLowerCase().includes(f.search.toLowerCase()))
  );
}

export function podRow(
  pod: Pod,
  now: number,
  deletedAt: number | null = null,
  recent: StatusChange[] = [],
  nodeState: NodeReadiness | null = null,
): PodRow {
  const k = kubectlStatus(pod, now);
  const m = pod.metadata ?? {};
  const row: PodRow = {
    uid: m.uid ?? "",
    namespace: m.namespace ?? "",
    name: m.name ?? "",
    node: pod.spec?.nodeName ?? null,
    phase: pod.status?.phase ?? "",
    status: deletedAt !== null ? "Deleted" : k.status,
    ready: k.ready,
    restarts: k.restarts,
    restartCount: k.restartCount,
    lastRestartAt: k.lastRestartAt,
    age: k.age,
    labels: m.labels ?? {},
    createdAt: Date.parse(m.creationTimestamp ?? "") || null,
    deletedAt,
    podReady: deletedAt === null && podIsReady(pod),
    recent,
  };
  const unschedulable = unschedulableMessage(pod);
  if (unschedulable !== null) row.unschedulable = unschedulable;
  const deleteBy = Date.parse(typeof m.deletionTimestamp === "string" ? m.deletionTimestamp : "");
  if (Number.isFinite(deleteBy))
    row.deletion = {
      at: deleteBy,
      grace: typeof m.deletionGracePeriodSeconds === "number" ? m.deletionGracePeriodSeconds : 0,
    };
  if (nodeState && row.node) row.nodeState = nodeState;
  return row;
}

/** The scheduler's message when it could not place the pod (PodScheduled False, reason Unschedulable), else null. */
function unschedulableMessage(pod: Pod): string | null {
  const conditions = pod.status?.conditions;
  if (!Array.isArray(conditions)) return null;
  const c = conditions.find((x) => x?.type === "PodScheduled");
  if (!c || c.status !== "False" || c.reason !== "Unschedulable") return null;
  return typeof c.message === "string" ? c.message.slice(0, 300) : "";
}

function podIsReady(pod: Pod): boolean {
  const conditions = pod.status?.conditions;
  return (
    Array.isArray(conditions) && conditions.some((c) => c?.type === "Ready" && c.status === "True")
  );
}

/** Rows in kubectl's order: by namespace, then name. */
export function byNamespaceAndName(a: PodRow, b: PodRow): number {
  return a.namespace === b.namespace
    ? a.name < b.name
      ? -1
      : a.name > b.name
        ? 1
        : 0
    : a.namespace < b.namespace
      ? -1
      : 1;
}
