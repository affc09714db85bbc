// Events → timeline markers and probe results. Keys on reason (and fieldPath); messages are
// parsed only for details that have no field of their own (pull duration, probe type).
import { occurrences, type NormalizedEvent } from "./events";
import { parseGoDuration } from "../k8s/time";
import type { Marker, MarkerKind, ProbeOutcome, ProbeResult, ProbeType } from "./types";

const REASON_KIND: Record<string, MarkerKind> = {
  Scheduled: "scheduled",
  FailedScheduling: "unschedulable",
  Pulling: "pulling",
  Pulled: "pulled",
  ErrImageNeverPull: "pull-failed",
  InspectFailed: "pull-failed",
  FailedPostStartHook: "hook-failed",
  FailedPreStopHook: "hook-failed",
  Preempting: "preempted",
  Evicted: "evicted",
  TaintManagerEviction: "evicted",
  NodeNotReady: "node-lost",
  ExceededGracePeriod: "grace-exceeded",
  FailedCreatePodSandBox: "sandbox-failed",
  FailedMount: "mount-failed",
  FailedAttachVolume: "mount-failed",
};

// Reasons that are drawn another way (runs, back-offs, probe tracks) rather than as markers.
const NOT_MARKERS = new Set([
  "Unhealthy",
  "ProbeWarning",
  "BackOff",
  "Created",
  "Started",
  "SandboxChanged",
]);

const PROBE_MESSAGE = /^(Liveness|Readiness|Startup) probe (failed|errored|warning)/i;
const PULL_DURATION = /\bin ((?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+)/;
const PROBE_KILL = /failed (liveness|startup) probe/i;

function markerKind(ev: NormalizedEvent): MarkerKind | null {
  if (NOT_MARKERS.has(ev.reason)) return null;
  const known = REASON_KIND[ev.reason];
  if (known) return known;
  if (ev.reason === "Killing") return PROBE_KILL.test(ev.message) ? "probe-kill" : "killing";
  if (ev.reason === "Failed" && /pull|image/i.test(ev.message)) return "pull-failed";
  return ev.type === "Warning" ? "warning" : null;
}

/** Parses "Successfully pulled image "x" in 3.2s (3.2s including waiting)" → 3200. */
export function pullDuration(message: string): number | null {
  const match = PULL_DURATION.exec(message);
  return match ? parseGoDuration(match[1]) : null;
}

/** Reads a probe result out of an Unhealthy/ProbeWarning event, or null if it is not one. */
export function probeOf(ev: NormalizedEvent): { probe: ProbeType; outcome: ProbeOutcome } | null {
  if (ev.reason !== "Unhealthy" && ev.reason !== "ProbeWarning") return null;
  const match = PROBE_MESSAGE.exec(ev.message);
  if (!match) return null;
  const probe = match[1].toLowerCase() as ProbeType;
  const verb = match[2].toLowerCase();
  const outcome: ProbeOutcome =
    ev.reason === "ProbeWarning" || verb === "warning"
      ? "warning"
      : verb === "errored"
        ? "error"
        : "failure";
  return { probe, outcome };
}

export interface EventDerived {
  markers: Marker[];
  /** Probe results by container name. */
  probes: Map<string, ProbeResult[]>;
}

/** Turns the grouped versions of a pod's events into markers and per-container probe results. */
export function fromEvents(groups: NormalizedEvent[][]): EventDerived {
  const markers: Marker[] = [];
  const probes = new Map<string, ProbeResult[]>();
  for (const versions of groups) {
    const latest = versions[versions.length - 1];
    const probe = probeOf(latest);
    if (probe) {
      if (!latest.container) continue;
      const into = probes.get(latest.container) ?? [];
      for (const o of occurrences(versions)) {
        into.push({
          probe: probe.probe,
          outcome: probe.outcome,
          at: o.at,
          count: o.count,
          message: o.message,
        });
      }
      probes.set(latest.container, into);
      continue;
    }
    const kind = markerKind(latest);
    if (!kind) continue;
    for (const o of occurrences(versions)) {
      const marker: Marker = { kind, at: o.at, message: o.message };
      if (latest.container) marker.container = latest.container;
      if (o.count > 1) marker.count = o.count;
      if (kind === "pulled") {
        const duration = pullDuration(o.message);
        if (duration !== null) marker.durationMs = duration;
      }
      markers.push(marker);
    }
  }
  return { markers, probes };
}
