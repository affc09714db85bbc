// core/v1 and events.k8s.io/v1 events, folded into one shape, and their repeats expanded.
import type { CoreEvent, EventsV1Event, KubeEvent } from "../k8s/types";
import { parseTime } from "../k8s/time";
import { sortInPlace } from "./sort";

export interface NormalizedEvent {
  /** Identity across versions of the same event (metadata.uid, else namespace/name). */
  key: string;
  type: string;
  reason: string;
  message: string;
  fieldPath: string | null;
  container: string | null;
  involvedUid: string | null;
  involvedName: string | null;
  involvedKind: string | null;
  first: number | null;
  last: number | null;
  count: number;
}

/** One or more repeats of an event at one time. */
export interface Occurrence {
  at: number;
  count: number;
  message: string;
}

const COMBINED = "(combined from similar events): ";
const FIELD_PATH = /^spec\.(?:initContainers|containers|ephemeralContainers)\{(.+)\}$/;

function isEventsV1(ev: KubeEvent): ev is EventsV1Event {
  return (
    (typeof ev.apiVersion === "string" && ev.apiVersion.startsWith("events.k8s.io/")) ||
    ("regarding" in ev && !("involvedObject" in ev))
  );
}

function positive(n: unknown): number | null {
  return typeof n === "number" && Number.isFinite(n) && n > 0 ? Math.floor(n) : null;
}

/** Reads either event API version into one shape; null for something that is not an event. */
export function normalizeEvent(ev: KubeEvent | null | undefined): NormalizedEvent | null {
  if (!ev || typeof ev !== "object") return null;
  let ref;
  let message: string;
  let first: number | null;
  let last: number | null;
  let count: number;
  if (isEventsV1(ev)) {
    ref = ev.regarding;
    message = typeof ev.note === "string" ? ev.note : "";
    first = parseTime(ev.eventTime) ?? parseTime(ev.deprecatedFirstTimestamp);
    last = parseTime(ev.series?.lastObservedTime) ?? parseTime(ev.deprecatedLastTimestamp) ?? first;
    count = positive(ev.series?.count) ?? positive(ev.deprecatedCount) ?? 1;
  } else {
    const core = ev as CoreEvent;
    ref = core.involvedObject;
    message = typeof core.message === "string" ? core.message : "";
    first = parseTime(core.firstTimestamp) ?? parseTime(core.eventTime);
    last = parseTime(core.lastTimestamp) ?? parseTime(core.series?.lastObservedTime) ?? first;
    count = positive(core.count) ?? positive(core.series?.count) ?? 1;
  }
  first ??= parseTime(ev.metadata?.creationTimestamp);
  last ??= first;
  if (message.startsWith(COMBINED)) message = message.slice(COMBINED.length);
  const fieldPath = typeof ref?.fieldPath === "string" && ref.fieldPath ? ref.fieldPath : null;
  const match = fieldPath ? FIELD_PATH.exec(fieldPath) : null;
  const meta = ev.metadata ?? {};
  return {
    key: meta.uid || `${meta.namespace ?? ""}/${meta.name ?? ""}/${ev.reason ?? ""}/${first ?? ""}`,
    type: typeof ev.type === "string" ? ev.type : "Normal",
    reason: typeof ev.reason === "string" ? ev.reason : "",
    message,
    fieldPath,
    container: match ? match[1] : null,
    involvedUid: ref?.uid || null,
    involvedName: ref?.name || null,
    involvedKind: ref?.kind || null,
    first,
    last,
    count,
  };
}

/**
 * Expands the versions of one event into occurrences: the first at firstTimestamp, each later
 * count increment at the lastTimestamp of the version that reported it.
 */
export function occurrences(versions: NormalizedEvent[]): Occurrence[] {
  const sorted = sortInPlace(
    versions.filter((v) => v.first !== null || v.last !== null),
    (a, b) => a.count - b.count || (a.last ?? 0) - (b.last ?? 0),
  );
  const out: Occurrence[] = [];
  let seen = 0;
  for (const v of sorted) {
    if (v.count <= seen) continue;
    const first = (v.first ?? v.last) as number;
    const last = (v.last ?? v.first) as number;
    if (seen === 0) {
      out.push({ at: first, count: 1, message: v.message });
      if (v.count > 1)
        out.push({ at: Math.max(first, last), count: v.count - 1, message: v.message });
    } else {
      out.push({ at: last, count: v.count - seen, message: v.message });
    }
    seen = v.count;
  }
  return out;
}

/**
 * Groups normalized events by identity, keeping only those about the given pod: an event counts
 * only in the pod's own namespace (kube-apiserver accepts an Event with eventTime in another
 * namespace than the object it names, so anyone who may write events there could plant one).
 */
export function eventsForPod(
  events: KubeEvent[] | null | undefined,
  pod: { uid: string; name: string; namespace?: string },
): NormalizedEvent[][] {
  const groups = new Map<string, NormalizedEvent[]>();
  for (const raw of Array.isArray(events) ? events : []) {
    const ev = normalizeEvent(raw);
    if (!ev) continue;
    const namespace = raw.metadata?.namespace;
    if (pod.namespace && typeof namespace === "string" && namespace && namespace !== pod.namespace)
      continue;
    if (ev.involvedKind && ev.involvedKind !== "Pod") continue;
    // A name can be reused by a new pod: when the event names a uid, it must be this pod's.
    if (ev.involvedUid && pod.uid && ev.involvedUid !== pod.uid) continue;
    if (!ev.involvedUid && ev.involvedName && pod.name && ev.involvedName !== pod.name) continue;
    const group = groups.get(ev.key);
    if (group) group.push(ev);
    else groups.set(ev.key, [ev]);
  }
  return [...groups.values()];
}
