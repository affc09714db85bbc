// The words of the pod timeline: an item's tooltip sentence, a container row's name, what a
// finished run's exit code makes the kubelet do, what a marker adds to its name. Pure.
import { isolate } from "../text/bidi";
import type { Translate } from "../i18n";
import { restartDecision } from "../k8s/restart-rules";
import type { ContainerTimeline, Marker, Run } from "../timeline/types";
import { formatDuration, formatTime, type Tz } from "../text/format";
import type { Item } from "./timeline-types";

/** The sentence an item's tooltip and SVG title open with. */
export function itemText(item: Item, now: number, tz: Tz, t: Translate): string {
  const f = (ms: number) => formatTime(ms, tz);
  if (item.end === item.start) return t("tt.at", { what: item.what, t: f(item.start) });
  if (item.end === null)
    return t("tt.open", {
      what: item.what,
      from: f(item.start),
      d: formatDuration(Math.max(0, now - item.start)),
    });
  return t("tt.span", {
    what: item.what,
    from: f(item.start),
    to: f(item.end),
    d: formatDuration(item.end - item.start),
  });
}

export function containerLabel(c: ContainerTimeline, t: Translate): string {
  return t(
    c.kind === "init"
      ? "tr.init"
      : c.kind === "sidecar"
        ? "tr.sidecar"
        : c.kind === "ephemeral"
          ? "tr.ephemeral"
          : "tr.main",
    { name: c.name },
  );
}

/** ", observedGeneration 3" when the API stated one (1.33+). */
export function generationText(observedGeneration: number | undefined, t: Translate): string {
  return observedGeneration === undefined
    ? ""
    : t("tt.sep") + t("tt.observedGeneration", { n: observedGeneration });
}

/**
 * For a container with its own restartPolicy or restartPolicyRules (KEP-5307): what the kubelet
 * does with a finished run's exit code. Sidecars (init containers with Always) need no words.
 */
export function restartText(c: ContainerTimeline, r: Run, t: Translate): string {
  if (
    r.end === null ||
    r.exitCode === null ||
    c.kind === "sidecar" ||
    (c.restartRules.length === 0 && c.restartPolicy === null)
  )
    return "";
  const rule = c.restartRules.find(
    (x) =>
      (x.operator === "In" && x.values.includes(r.exitCode!)) ||
      (x.operator === "NotIn" && !x.values.includes(r.exitCode!)),
  );
  if (rule?.action === "Restart")
    return (
      t("tt.sep") + t("tt.restart.rule", { op: rule.operator, values: rule.values.join(", ") })
    );
  if (rule || c.restartPolicy === null) return "";
  const decision = restartDecision(r.exitCode, [], c.restartPolicy, null);
  return decision === null
    ? ""
    : t("tt.sep") +
        t(decision === "restart" ? "tt.restart.policy" : "tt.restart.stop", {
          policy: c.restartPolicy,
        });
}

/** What a marker adds to its name: the pending reason, resize old → new, the generation step. */
export function markerDetail(m: Marker, t: Translate): string {
  let out = m.reason ? ` (${isolate(m.reason)})` : "";
  for (const c of m.changes ?? []) {
    const field = t(c.field === "requests" ? "tt.resize.requests" : "tt.resize.limits");
    const none = t("tt.resize.none");
    out +=
      t("tt.sep") +
      t("tt.resize.change", {
        resource: m.container ? c.resource : `${c.container} ${c.resource}`,
        field,
        from: c.from ?? none,
        to: c.to ?? none,
      });
  }
  if (m.generation)
    out +=
      t("tt.sep") + t("tt.generation", { from: m.generation.from ?? "?", to: m.generation.to });
  return out;
}
