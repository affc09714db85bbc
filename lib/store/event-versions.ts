// An event's versions, stored compactly. The recorders update ONE Event object in place: core/v1
// bumps count and lastTimestamp (client-go tools/record), events.k8s.io/v1 rewrites series.count
// and series.lastObservedTime (client-go tools/events). So a version is split into its body (what
// stays: reason, message, object, source…) and the few fields that move on every update; the
// store keeps the body when it changes and the moving fields of every version.
import { createHash } from "node:crypto";

/** Fields an update moves without changing what the event says. */
const MOVING = [
  "count",
  "lastTimestamp",
  "series",
  "deprecatedCount",
  "deprecatedLastTimestamp",
] as const;

export interface EventSplit {
  /** The event without its moving fields (placeholders keep the key order), as JSON. */
  body: string;
  /** A short fingerprint of `body`, to tell a changed body without reading the stored one. */
  fingerprint: string;
  /** The moving fields of this version, as JSON. */
  moving: string;
}

type Json = Record<string, unknown>;

/** Splits an event version. metadata.managedFields is dropped (it only says who wrote which field when). */
export function splitEvent(event: Json): EventSplit {
  const copy: Json = { ...event };
  const moving: Json = {};
  for (const key of MOVING) {
    if (key in copy) {
      moving[key] = copy[key];
      copy[key] = null;
    }
  }
  const meta =
    copy.metadata && typeof copy.metadata === "object" ? { ...(copy.metadata as Json) } : null;
  if (meta) {
    delete meta.managedFields;
    if ("resourceVersion" in meta) {
      moving.resourceVersion = meta.resourceVersion;
      meta.resourceVersion = null;
    }
    copy.metadata = meta;
  }
  const body = JSON.stringify(copy);
  return {
    body,
    fingerprint: createHash("sha1").update(body).digest("base64url").slice(0, 16),
    moving: JSON.stringify(moving),
  };
}

/** The event version again: its body with this version's moving fields put back. */
export function joinEvent(body: string, moving: string): Json {
  const event = JSON.parse(body) as Json;
  const m = JSON.parse(moving) as Json;
  for (const key of MOVING) {
    if (key in m) event[key] = m[key];
    else if (key in event && event[key] === null) delete event[key];
  }
  const meta = event.metadata as Json | undefined;
  if (meta && typeof meta === "object") {
    if ("resourceVersion" in m) meta.resourceVersion = m.resourceVersion;
    else if (meta.resourceVersion === null) delete meta.resourceVersion;
  }
  return event;
}
