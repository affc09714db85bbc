// Link previews: the title and description chat tools show for a pasted pod or snapshot link.
import type { PodTimeline } from "../timeline/types";
import type { PodRow } from "../rows/pod-row";
import { healthCounts, type Health } from "../health";
import { translator } from "../i18n";
import { podHeader } from "./pod-summary";
import { formatTime } from "../text/format";

const utc = (ms: number): string => formatTime(ms, "utc", { seconds: false });

export function previewText(
  tl: PodTimeline,
  opts: {
    at: number;
    window?: { from: number | null; to: number | null };
    snapshot?: boolean;
    health?: Health;
  },
): { title: string; description: string } {
  const { status, restarts } = podHeader(tl);
  const from = opts.window?.from ?? tl.createdAt ?? tl.observedFrom;
  const to = opts.window?.to ?? opts.at;
  const span =
    from !== null && from !== undefined ? `${utc(from)} → ${utc(to)}` : `until ${utc(to)}`;
  const gone =
    tl.deletedAt !== null && tl.deletedAt <= opts.at ? `deleted ${utc(tl.deletedAt)}; ` : "";
  return {
    title: `${tl.namespace}/${tl.name} — ${status}${opts.snapshot ? " (snapshot)" : ""} — Lifeline`,
    description: `${status}, ${restarts} restart${restarts === 1 ? "" : "s"}${tl.node ? ` on ${tl.node}` : ""}; ${gone}window ${span}.${healthText(opts.health)}`,
  };
}

/** An overview snapshot's preview: how many pods, how many in trouble, where and when. */
export function overviewPreview(
  rows: PodRow[],
  opts: {
    at: number;
    window: { from: number | null; to: number | null };
    namespaces: string[] | null;
  },
): { title: string; description: string } {
  const c = healthCounts(rows, opts.at);
  const where = opts.namespaces ? opts.namespaces.join(", ") : "all namespaces";
  const span =
    opts.window.from !== null
      ? `${utc(opts.window.from)} → ${utc(opts.window.to ?? opts.at)}`
      : `until ${utc(opts.at)}`;
  const nodes = c.nodesNotReady.length
    ? `; node${c.nodesNotReady.length === 1 ? "" : "s"} not Ready: ${c.nodesNotReady.join(", ")}`
    : "";
  return {
    title: `${where} — ${rows.length} pods, ${c.failing} failing, ${c.warning} warning (snapshot) — Lifeline`,
    description: `${rows.length} pods in ${where}: ${c.failing} failing, ${c.warning} warning${nodes}; window ${span}.`,
  };
}

/** A workload snapshot's preview: which workload, its pods in the window, where and when. */
export function workloadPreview(
  w: { kind: string; namespace: string; name: string; rows: PodRow[]; health: Health },
  opts: { at: number; window: { from: number | null; to: number | null } },
): { title: string; description: string } {
  const span =
    opts.window.from !== null
      ? `${utc(opts.window.from)} → ${utc(opts.window.to ?? opts.at)}`
      : `until ${utc(opts.at)}`;
  return {
    title: `${w.kind} ${w.namespace}/${w.name} — ${w.health.level} (snapshot) — Lifeline`,
    description: `${w.kind} ${w.namespace}/${w.name}, ${w.rows.length} pod${w.rows.length === 1 ? "" : "s"} in the window; window ${span}.${healthText(w.health)}`,
  };
}

/** A node snapshot's preview: the node, its Ready state at the moment, its pods in the window. */
export function nodePreview(
  name: string,
  n: { ready: { status: string; reason: string | null } | null; pods: number },
  opts: { at: number; window: { from: number | null; to: number | null } },
): { title: string; description: string } {
  const state = !n.ready
    ? "unknown"
    : n.ready.status === "True"
      ? "Ready"
      : n.ready.status === "False"
        ? "NotReady"
        : "Unknown";
  const span =
    opts.window.from !== null
      ? `${utc(opts.window.from)} → ${utc(opts.window.to ?? opts.at)}`
      : `until ${utc(opts.at)}`;
  return {
    title: `node ${name} — ${state} (snapshot) — Lifeline`,
    description: `node ${name}: ${state}${n.ready?.reason && n.ready.status !== "True" ? ` (${n.ready.reason})` : ""}, ${n.pods} pod${n.pods === 1 ? "" : "s"} in the window; window ${span}.`,
  };
}

/** " Health: failing (stuck Terminating on lost node-1)." — the one rule's verdict, in English like the rest. */
function healthText(h: Health | undefined): string {
  if (!h) return "";
  const en = translator("en");
  return ` Health: ${h.level}${h.reason ? ` (${en(h.reason.key, h.reason.vars)})` : ""}.`;
}
