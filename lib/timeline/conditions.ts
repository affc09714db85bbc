// A pod's conditions over time: one track per condition type, fed by each observed version, with
// the open interval's status and texts kept beside it so an unchanged condition costs nothing.
import { parseTime } from "../k8s/time";
import type { Pod } from "../k8s/types";
import { list } from "./list";
import { sortInPlace } from "./sort";
import { clampTime, Track } from "./track";
import type { ConditionInterval } from "./types";

/** The pod condition types in the order the kubelet sets them (docs/pod-lifecycle.md §4). */
export const CONDITION_ORDER: readonly string[] = [
  "PodScheduled",
  "PodReadyToStartContainers",
  "Initialized",
  "ContainersReady",
  "Ready",
  "DisruptionTarget",
];

interface ConditionRecord {
  type: string;
  track: Track<ConditionInterval>;
  /** The observation that last reported it. */
  seenAt: number;
  /** The open interval's status and texts (null: none open). */
  status: ConditionInterval["status"] | null;
  reason: string | null;
  message: string | null;
  observedGeneration: number | null;
}

export class ConditionTracks {
  private readonly records: ConditionRecord[] = [];
  private readonly known: (ConditionRecord | undefined)[] = [];

  /**
   * Reads the conditions of one version: `generation` counts the versions (a condition not in
   * this one has ended at `t`), `created` is the pod's start (creation, else first seen).
   */
  observe(pod: Pod, t: number, first: boolean, generation: number, created: number | null): void {
    for (const c of list(pod.status?.conditions)) {
      if (!c || typeof c.type !== "string") continue;
      const record = this.record(c.type);
      record.seenAt = generation;
      // Literals, not the parsed strings: later comparisons then hit the same hot string objects.
      const status: ConditionInterval["status"] =
        c.status === "True" ? "True" : c.status === "False" ? "False" : "Unknown";
      const reason = c.reason || null;
      const message = c.message || null;
      const og = c.observedGeneration;
      const observedGeneration = typeof og === "number" && Number.isFinite(og) ? og : null;
      // Hot path: the record remembers the open interval's status and texts, so an unchanged
      // condition never touches its track (cold memory when thousands of pods are watched).
      if (record.status === status) {
        if (
          record.reason !== reason ||
          record.message !== message ||
          record.observedGeneration !== observedGeneration
        ) {
          record.reason = reason;
          record.message = message;
          record.observedGeneration = observedGeneration;
          const open = record.track.current;
          if (open) {
            open.reason = reason;
            open.message = message;
            if (observedGeneration === null) delete open.observedGeneration;
            else open.observedGeneration = observedGeneration;
          }
        }
        continue;
      }
      record.status = status;
      record.reason = reason;
      record.message = message;
      record.observedGeneration = observedGeneration;
      const track = record.track;
      const transition = parseTime(c.lastTransitionTime);
      const floor = track.last?.end ?? track.last?.start ?? null;
      const start = clampTime(transition ?? (first ? created : t), floor, t);
      if (first && status === "True" && created !== null && start - created > 1000) {
        // Until it turned True it was not: the API proves the transition time, not the reason.
        track.open({
          type: c.type,
          status: "False",
          reason: null,
          message: null,
          start: created,
          end: null,
        });
      }
      const opened: ConditionInterval = { type: c.type, status, reason, message, start, end: null };
      if (observedGeneration !== null) opened.observedGeneration = observedGeneration;
      track.open(opened);
    }
    // A condition the pod no longer reports has ended.
    for (const record of this.records) {
      if (record.seenAt !== generation && record.status !== null) {
        record.track.close(t);
        record.status = null;
      }
    }
  }

  /** The record of one condition type; pods have a handful, so a scan beats hashing fresh strings. */
  private record(type: string): ConditionRecord {
    // Well-known types are compared against literals (hot, shared by every pod) before the
    // records' own strings (one cold copy per pod).
    const slot = CONDITION_ORDER.indexOf(type);
    if (slot >= 0) {
      const known = this.known[slot];
      if (known) return known;
    } else {
      for (const record of this.records) if (record.type === type) return record;
    }
    const record: ConditionRecord = {
      type: slot >= 0 ? CONDITION_ORDER[slot] : type,
      track: new Track<ConditionInterval>(),
      seenAt: -1,
      status: null,
      reason: null,
      message: null,
      observedGeneration: null,
    };
    this.records.push(record);
    if (slot >= 0) this.known[slot] = record;
    return record;
  }

  /** When a condition of `type` first turned True (null: never seen True). */
  trueAt(type: string): number | null {
    const record = this.records.find((r) => r.type === type);
    return record?.track.items.find((c) => c.status === "True")?.start ?? null;
  }

  /** Every condition's intervals (each passed through `close`), by start, then type. */
  build(close: (items: ConditionInterval[]) => ConditionInterval[]): ConditionInterval[] {
    const conditions = this.records.flatMap((record) => close(record.track.items));
    return sortInPlace(conditions, (a, b) => a.start - b.start || a.type.localeCompare(b.type));
  }
}
