// A node's life as intervals, from its stored versions: each condition's status over time (Ready
// True / False / Unknown with reason and message), taints added and removed, cordoned
// (unschedulable) stretches. Pure: `now` is passed in, no I/O, never throws on partial input
// (what it cannot read becomes a warning).
import { parseTime } from "../k8s/time";
import type { NodeState } from "./node-state";

/** One stored version of a node: its state when observed, or its deletion. */
export interface NodeVersion {
  observedAt: number;
  deleted: boolean;
  state: NodeState | null;
}

export interface NodeConditionInterval {
  type: string;
  status: string;
  reason: string | null;
  message: string | null;
  start: number;
  /** null: still so at `now`. */
  end: number | null;
}

export interface NodeTaintInterval {
  key: string;
  value: string | null;
  effect: string;
  /** timeAdded when the API gave it, else when Lifeline first saw the taint. */
  start: number;
  /** When Lifeline first saw it gone; null: still there. */
  end: number | null;
}

export interface NodeTimeline {
  name: string;
  uid: string | null;
  createdAt: number | null;
  /** The first stored version (what lies before it was reconstructed from timestamps). */
  observedFrom: number | null;
  deletedAt: number | null;
  conditions: NodeConditionInterval[];
  taints: NodeTaintInterval[];
  unschedulable: { start: number; end: number | null }[];
  /** The Ready condition at the timeline's end (`now`, or the window's end), and since when. */
  ready: { status: string; reason: string | null; message: string | null; since: number } | null;
  warnings: { code: string; message: string }[];
}

export interface NodeTimelineInput {
  name: string;
  versions: readonly NodeVersion[] | null | undefined;
  now: number;
  /** Only what was observed up to then: the node as it stood at that moment. */
  until?: number;
  /** Drop what ended before then. */
  from?: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export function buildNodeTimeline(input: NodeTimelineInput): NodeTimeline {
  const name = typeof input?.name === "string" ? input.name : "";
  const now = Number.isFinite(input?.now) ? input.now : 0;
  const until =
    input?.until !== undefined && Number.isFinite(input.until) ? input.until : undefined;
  const end = until !== undefined ? Math.min(now, until) : now;
  const warnings: NodeTimeline["warnings"] = [];
  const versions = (Array.isArray(input?.versions) ? input.versions : [])
    .filter(
      (v) => v && typeof v === "object" && Number.isFinite(v.observedAt) && v.observedAt <= end,
    )
    .slice()
    .sort((a, b) => a.observedAt - b.observedAt);

  const conditions: NodeConditionInterval[] = [];
  const taints: NodeTaintInterval[] = [];
  const unschedulable: NodeTimeline["unschedulable"] = [];
  const openCond = new Map<string, NodeConditionInterval>();
  const openTaint = new Map<string, NodeTaintInterval>();
  let openCordon: { start: number; end: number | null } | null = null;
  let uid: string | null = null;
  let createdAt: number | null = null;
  let deletedAt: number | null = null;
  let prev: number | null = null;

  /** When a change seen at `at` happened: the API's time if it is one and falls after what was last seen. */
  const when = (apiTime: string | null | undefined, at: number, lo: number): number => {
    const t = parseTime(apiTime ?? undefined);
    if (t === null) return at;
    if (t > at + 1000)
      warnings.push({
        code: "time-after-observation",
        message: `Node ${name}: a time the API gave (${apiTime}) is after Lifeline observed it; the observation time is used.`,
      });
    return clamp(t, lo, at);
  };
  const closeAll = (at: number) => {
    for (const c of openCond.values()) c.end = at;
    for (const t of openTaint.values()) t.end = at;
    if (openCordon) openCordon.end = at;
    openCond.clear();
    openTaint.clear();
    openCordon = null;
  };

  for (const v of versions) {
    const at = v.observedAt;
    // The earliest a change first seen now can have happened: just after the previous observation.
    const lo = prev ?? -Infinity;
    prev = at;
    if (v.deleted) {
      closeAll(at);
      deletedAt = at;
      continue;
    }
    const s = v.state;
    if (!s || typeof s !== "object") {
      warnings.push({
        code: "unreadable-version",
        message: `Node ${name}: a stored version at ${new Date(at).toISOString()} could not be read; it is skipped.`,
      });
      continue;
    }
    deletedAt = null;
    uid = typeof s.uid === "string" ? s.uid : uid;
    createdAt = parseTime(s.creationTimestamp ?? undefined) ?? createdAt;

    const seen = new Set<string>();
    for (const c of Array.isArray(s.conditions) ? s.conditions : []) {
      if (!c || typeof c.type !== "string" || seen.has(c.type)) continue;
      seen.add(c.type);
      const status = typeof c.status === "string" ? c.status : "Unknown";
      const open = openCond.get(c.type);
      if (open && open.status === status && open.reason === (c.reason ?? null)) {
        open.message = c.message ?? null;
        continue;
      }
      // A new status starts at its lastTransitionTime; a new reason with the same status, when seen.
      const start =
        open && open.status === status
          ? at
          : when(c.lastTransitionTime, at, open ? Math.max(open.start, lo) : lo);
      if (open) open.end = start;
      const next: NodeConditionInterval = {
        type: c.type,
        status,
        reason: c.reason ?? null,
        message: c.message ?? null,
        start,
        end: null,
      };
      conditions.push(next);
      openCond.set(c.type, next);
    }
    for (const [type, open] of openCond) {
      if (!seen.has(type)) {
        open.end = at;
        openCond.delete(type);
      }
    }

    const present = new Set<string>();
    for (const t of Array.isArray(s.taints) ? s.taints : []) {
      if (!t || typeof t.key !== "string") continue;
      const id = `${t.key}\u0000${t.value ?? ""}\u0000${t.effect ?? ""}`;
      if (present.has(id)) continue;
      present.add(id);
      if (openTaint.has(id)) continue;
      const next: NodeTaintInterval = {
        key: t.key,
        value: t.value ?? null,
        effect: t.effect ?? "",
        start: when(t.timeAdded, at, lo),
        end: null,
      };
      taints.push(next);
      openTaint.set(id, next);
    }
    for (const [id, open] of openTaint) {
      if (!present.has(id)) {
        open.end = at;
        openTaint.delete(id);
      }
    }

    if (s.unschedulable === true && !openCordon) {
      const taint = (Array.isArray(s.taints) ? s.taints : []).find(
        (t: NodeState["taints"][number] | null) => t?.key === "node.kubernetes.io/unschedulable",
      );
      openCordon = { start: when(taint?.timeAdded, at, lo), end: null };
      unschedulable.push(openCordon);
    } else if (s.unschedulable !== true && openCordon) {
      openCordon.end = at;
      openCordon = null;
    }
  }

  const from = input?.from !== undefined && Number.isFinite(input.from) ? input.from : undefined;
  const kept = <T extends { end: number | null }>(items: T[]) =>
    from === undefined ? items : items.filter((i) => i.end === null || i.end >= from);
  const byStart = <T extends { start: number }>(items: T[]) =>
    items.sort((a, b) => a.start - b.start);
  const lastReady = conditions.filter((c) => c.type === "Ready").at(-1);
  return {
    name,
    uid,
    createdAt,
    observedFrom: versions[0]?.observedAt ?? null,
    deletedAt,
    conditions: byStart(kept(conditions)),
    taints: byStart(kept(taints)),
    unschedulable: kept(unschedulable),
    ready:
      lastReady && lastReady.end === null
        ? {
            status: lastReady.status,
            reason: lastReady.reason,
            message: lastReady.message,
            since: lastReady.start,
          }
        : null,
    warnings,
  };
}
