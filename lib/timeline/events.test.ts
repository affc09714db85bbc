import { describe, expect, it } from "vitest";
import { announcedDelay } from "./container-history";
import { probeOf, pullDuration } from "./event-markers";
import { story, storyInput } from "../fixtures";
import type { CoreEvent } from "../k8s/types";
import { buildTimeline } from "./build-timeline";
import { normalizeEvent, occurrences } from "./events";

const core = {
  apiVersion: "v1",
  kind: "Event",
  metadata: { name: "web.1", namespace: "dev", uid: "e1" },
  involvedObject: {
    kind: "Pod",
    name: "web",
    namespace: "dev",
    uid: "p1",
    fieldPath: "spec.initContainers{init-db}",
  },
  reason: "BackOff",
  message:
    "(combined from similar events): Back-off restarting failed container init-db in pod web_dev(p1)",
  type: "Warning",
  count: 5,
  firstTimestamp: "2026-11-20T09:00:00Z",
  lastTimestamp: "2026-11-20T09:04:00Z",
};

const v1 = {
  apiVersion: "events.k8s.io/v1",
  kind: "Event",
  metadata: { name: "web.2", namespace: "dev", uid: "e2" },
  regarding: {
    kind: "Pod",
    name: "web",
    namespace: "dev",
    uid: "p1",
    fieldPath: "spec.containers{web}",
  },
  reason: "Unhealthy",
  note: "Readiness probe failed: HTTP probe failed with statuscode: 503",
  type: "Warning",
  eventTime: "2026-11-20T09:00:00.250000Z",
  series: { count: 4, lastObservedTime: "2026-11-20T09:00:30.000000Z" },
  reportingController: "kubelet",
};

describe("normalizeEvent", () => {
  it("reads core/v1: count, first/last timestamps, container from fieldPath, combined prefix stripped", () => {
    expect(normalizeEvent(core)).toEqual({
      key: "e1",
      type: "Warning",
      reason: "BackOff",
      message: "Back-off restarting failed container init-db in pod web_dev(p1)",
      fieldPath: "spec.initContainers{init-db}",
      container: "init-db",
      involvedUid: "p1",
      involvedName: "web",
      involvedKind: "Pod",
      first: Date.UTC(2026, 10, 20, 9, 0, 0),
      last: Date.UTC(2026, 10, 20, 9, 4, 0),
      count: 5,
    });
  });
  it("reads events.k8s.io/v1: eventTime, series, note", () => {
    expect(normalizeEvent(v1)).toMatchObject({
      key: "e2",
      reason: "Unhealthy",
      message: "Readiness probe failed: HTTP probe failed with statuscode: 503",
      container: "web",
      first: Date.UTC(2026, 10, 20, 9, 0, 0, 250),
      last: Date.UTC(2026, 10, 20, 9, 0, 30),
      count: 4,
    });
  });
  it("scheduler events with a null lastTimestamp fall back to eventTime", () => {
    const ev = normalizeEvent({
      ...core,
      firstTimestamp: null,
      lastTimestamp: null,
      count: null,
      eventTime: "2026-11-20T09:00:01.000000Z",
    });
    expect([ev?.first, ev?.last, ev?.count]).toEqual([
      Date.UTC(2026, 10, 20, 9, 0, 1),
      Date.UTC(2026, 10, 20, 9, 0, 1),
      1,
    ]);
  });
  it("returns null for something that is not an object", () => {
    expect(normalizeEvent(null)).toBeNull();
  });
});

describe("occurrences", () => {
  const version = (count: number, lastSec: number) =>
    normalizeEvent({
      ...core,
      count,
      lastTimestamp: `2026-11-20T09:0${Math.floor(lastSec / 60)}:${String(lastSec % 60).padStart(2, "0")}Z`,
    })!;
  it("places each count increment at the version that reported it", () => {
    expect(
      occurrences([version(1, 0), version(2, 10), version(4, 40)]).map((o) => [
        o.at - Date.UTC(2026, 10, 20, 9),
        o.count,
      ]),
    ).toEqual([
      [0, 1],
      [10_000, 1],
      [40_000, 2],
    ]);
  });
  it("splits a version first met with count > 1 into first and last", () => {
    expect(
      occurrences([version(5, 240)]).map((o) => [o.at - Date.UTC(2026, 10, 20, 9), o.count]),
    ).toEqual([
      [0, 1],
      [240_000, 4],
    ]);
  });
  it("ignores repeated or stale versions", () => {
    expect(
      occurrences([version(2, 10), version(2, 10), version(1, 0)]).map((o) => o.count),
    ).toEqual([1, 1]);
  });
});

describe("message parsing (fallback only)", () => {
  it.each([
    [
      'Successfully pulled image "nginx:1.27" in 3.2s (3.2s including waiting). Image size: 1 bytes.',
      3200,
    ],
    ['Successfully pulled image "busybox" in 1m2.5s (1m2.5s including waiting)', 62_500],
    ['Successfully pulled image "busybox" in 812ms (812ms including waiting)', 812],
    ['Container image "nginx:1.27" already present on machine', null],
  ])("pull duration of %s", (message, ms) => {
    expect(pullDuration(message)).toBe(ms);
  });
  it.each([
    ["back-off 10s restarting failed container=web pod=web_dev(p1)", 10_000],
    ["back-off 1m20s restarting failed container=web pod=web_dev(p1)", 80_000],
    ["back-off 5m0s restarting failed container=web pod=web_dev(p1)", 300_000],
    ["Back-off pulling image", null],
    [null, null],
  ])("announced delay of %s", (message, ms) => {
    expect(announcedDelay(message)).toBe(ms);
  });
  it.each([
    [
      "Unhealthy",
      "Liveness probe failed: HTTP probe failed with statuscode: 404",
      { probe: "liveness", outcome: "failure" },
    ],
    ["Unhealthy", "Readiness probe errored: rpc error", { probe: "readiness", outcome: "error" }],
    [
      "Unhealthy",
      "Startup probe failed: dial tcp 10.0.0.1:8080: connect: connection refused",
      { probe: "startup", outcome: "failure" },
    ],
    [
      "ProbeWarning",
      "Readiness probe warning: <a href=...>",
      { probe: "readiness", outcome: "warning" },
    ],
    ["Unhealthy", "something else", null],
    ["Killing", "Liveness probe failed: x", null],
  ])("probe of %s %s", (reason, message, expected) => {
    expect(probeOf({ ...normalizeEvent(core)!, reason, message })).toEqual(expected);
  });
});

describe("events about a pod", () => {
  it("count only when the event's own namespace is the pod's (an event in another namespace naming dev/api-flappy is ignored)", () => {
    const s = story("readiness-flapping")!;
    const input = storyInput(s);
    const real = input.events!.find((e) => e.reason === "Unhealthy") as CoreEvent;
    const planted = {
      ...real,
      metadata: {
        ...real.metadata,
        namespace: "secret-team",
        uid: "planted-1",
        name: "api-flappy.planted",
      },
      message: "Readiness probe failed: planted",
      firstTimestamp: "2026-11-20T09:01:50Z",
      lastTimestamp: "2026-11-20T09:01:50Z",
    };
    const base = buildTimeline(input);
    const withPlanted = buildTimeline({ ...input, events: [...input.events!, planted] });
    expect(withPlanted).toEqual(base);
    expect(base.containers[0].probes.some((p) => p.message.includes("planted"))).toBe(false);
  });
});
