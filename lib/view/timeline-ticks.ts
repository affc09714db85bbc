// The pod timeline's ticks: probe results (a failing streak counted, a long one drawn as one
// stretch), probe kills, and the event markers. Pure: laid out on the axis the layout gives.
import type { MessageKey } from "../i18n";
import type { ContainerTimeline, Marker, ProbeResult, ProbeType } from "../timeline/types";
import { formatDuration } from "../text/format";
import { markerFill, PROBE_FILL, PROBLEM_FILL } from "./palette";
import { markerDetail } from "./timeline-text";
import type { Item, LayoutHelpers, Tick } from "./timeline-types";

const PROBE_SHAPE: Record<ProbeType, Tick["shape"]> = {
  liveness: "triangle",
  readiness: "square",
  startup: "diamond",
};

/**
 * The probe results as groups of indices: each streak of consecutive failures (as probeStreaks
 * counts them) is one group, every other result a group of its own; in order of their first result.
 */
export function probeGroups(
  probes: ProbeResult[],
  runs: { start: number }[],
  periodMs: (p: ProbeType) => number,
): number[][] {
  const groups: number[][] = [];
  const last = new Map<ProbeType, { at: number; group: number[] | null }>();
  probes.forEach((p, i) => {
    const prev = last.get(p.probe);
    const runStart = runs
      .filter((r) => r.start <= p.at)
      .reduce((m, r) => Math.max(m, r.start), -Infinity);
    const continues =
      prev?.group &&
      p.outcome === "failure" &&
      prev.at >= runStart &&
      p.at - prev.at <= 2 * periodMs(p.probe) * Math.max(1, p.count);
    let group: number[] | null = null;
    if (continues) (group = prev.group!).push(i);
    else groups.push(p.outcome === "failure" ? (group = [i]) : [i]);
    last.set(p.probe, { at: p.at, group });
  });
  return groups;
}

/**
 * Consecutive failures up to each probe result: counts add up while failures follow each other
 * within two periods; a new run (the container restarted) or a longer gap starts again.
 */
export function probeStreaks(
  probes: ProbeResult[],
  runs: { start: number }[],
  periodMs: (p: ProbeType) => number,
): number[] {
  const last = new Map<ProbeType, { at: number; streak: number }>();
  return probes.map((p) => {
    const prev = last.get(p.probe);
    const runStart = runs
      .filter((r) => r.start <= p.at)
      .reduce((m, r) => Math.max(m, r.start), -Infinity);
    const continues =
      prev &&
      p.outcome === "failure" &&
      prev.at >= runStart &&
      p.at - prev.at <= 2 * periodMs(p.probe) * Math.max(1, p.count);
    const streak = p.outcome !== "failure" ? 0 : (continues ? prev!.streak : 0) + p.count;
    last.set(p.probe, { at: p.at, streak });
    return streak;
  });
}

/** A container's probe ticks and its probe kills (`kills`), in that order. */
export function probeTicks(
  c: ContainerTimeline,
  kills: Marker[],
  { t, px, title }: LayoutHelpers,
): Tick[] {
  const periodMs = (p: ProbeType) => (c.probeConfig[p]?.periodSeconds ?? 10) * 1000;
  const streaks = probeStreaks(c.probes, c.runs, periodMs);
  const probeText = (p: ProbeResult) =>
    t("tt.probe", {
      probe: t(`probe.${p.probe}` as MessageKey),
      outcome: t(`outcome.${p.outcome}` as MessageKey),
    });
  const ticks: Tick[] = probeGroups(c.probes, c.runs, periodMs).flatMap((group) => {
    const first = c.probes[group[0]];
    const last = c.probes[group[group.length - 1]];
    const threshold = c.probeConfig[first.probe]?.failureThreshold ?? 3;
    const total = group.reduce((n, i) => n + c.probes[i].count, 0);
    if (first.outcome === "failure" && total > threshold && last.at > first.at) {
      // Failing past its threshold for a while (a readiness probe down for minutes): one stretch with its count.
      const item: Item = {
        what: `${probeText(first)} ${t("tt.probe.count", { n: total })}`,
        start: first.at,
        end: last.at,
        message: last.message,
        container: c.name,
      };
      return [
        {
          ...item,
          x: px(last.at),
          span: px(last.at) - px(first.at),
          kind: `probe-${first.probe}`,
          fill: PROBE_FILL[first.probe],
          shape: PROBE_SHAPE[first.probe],
          label: `×${total}`,
          title: title(item),
        },
      ];
    }
    return group.map((i) => {
      const p = c.probes[i];
      const item: Item = {
        what: `${probeText(p)}${p.count > 1 ? ` ${t("tt.probe.count", { n: p.count })}` : ""}${p.outcome === "failure" ? `; ${t("tt.probe.streak", { n: streaks[i], th: threshold })}` : ""}`,
        start: p.at,
        end: p.at,
        message: p.message,
        container: c.name,
      };
      return {
        ...item,
        x: px(p.at),
        kind: `probe-${p.probe}`,
        fill: PROBE_FILL[p.probe],
        shape: PROBE_SHAPE[p.probe],
        label:
          p.outcome === "failure" ? `${Math.min(streaks[i], threshold)}/${threshold}` : undefined,
        title: title(item),
      };
    });
  });
  for (const k of kills) {
    const item: Item = {
      what: `${t("mk.probe-kill")} — ${t("tt.probe.kill")}`,
      start: k.at,
      end: k.at,
      message: k.message,
      container: c.name,
    };
    ticks.push({
      ...item,
      x: px(k.at),
      kind: "probe-kill",
      fill: PROBLEM_FILL,
      shape: "cross",
      title: title(item),
    });
  }
  return ticks;
}

/** An event marker as a tick: its name, container, count, pull time and detail. */
export function markerTick(
  m: Marker,
  x: (d: number) => number,
  { t, px, title }: LayoutHelpers,
): Tick {
  const what = `${t(`mk.${m.kind}` as MessageKey)}${m.container ? ` (${m.container})` : ""}${m.count && m.count > 1 ? ` ×${m.count}` : ""}${m.durationMs ? `${t("tt.sep")}${t("tt.pullTook", { d: formatDuration(m.durationMs) })}` : ""}${markerDetail(m, t)}`;
  const item: Item = {
    what,
    start: m.at,
    end: m.at,
    message: m.message,
    container: m.container ?? null,
  };
  const span =
    m.kind === "pulled" && m.durationMs ? Math.max(0, x(m.at) - x(m.at - m.durationMs)) : undefined;
  return {
    ...item,
    x: px(m.at),
    kind: m.kind,
    fill: markerFill(m),
    title: title(item),
    span,
    label: m.count && m.count > 1 ? `×${m.count}` : undefined,
  };
}
