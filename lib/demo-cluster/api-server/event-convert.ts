// core/v1 Event <-> events.k8s.io/v1 Event, field for field as the API server converts them.
import type { KubeObject } from "./store";

export function eventToV1(e: KubeObject): KubeObject {
  return {
    apiVersion: "events.k8s.io/v1",
    kind: "Event",
    metadata: e.metadata,
    eventTime: e.eventTime ?? null,
    ...(e.series ? { series: e.series } : {}),
    reportingController: e.reportingComponent ?? "",
    reportingInstance: e.reportingInstance ?? "",
    ...(e.action ? { action: e.action } : {}),
    reason: e.reason,
    regarding: e.involvedObject,
    ...(e.related ? { related: e.related } : {}),
    note: e.message,
    type: e.type,
    ...(e.source && Object.keys(e.source as object).length ? { deprecatedSource: e.source } : {}),
    deprecatedFirstTimestamp: e.firstTimestamp ?? null,
    deprecatedLastTimestamp: e.lastTimestamp ?? null,
    ...(e.count ? { deprecatedCount: e.count } : {}),
  };
}

export function eventFromV1(e: KubeObject): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Event",
    metadata: e.metadata,
    involvedObject: e.regarding ?? {},
    reason: e.reason,
    message: e.note,
    source: e.deprecatedSource ?? {},
    firstTimestamp: e.deprecatedFirstTimestamp ?? null,
    lastTimestamp: e.deprecatedLastTimestamp ?? null,
    count: e.deprecatedCount ?? undefined,
    type: e.type,
    eventTime: e.eventTime ?? null,
    series: e.series ?? undefined,
    action: e.action,
    related: e.related,
    reportingComponent: e.reportingController ?? "",
    reportingInstance: e.reportingInstance ?? "",
  };
}
