// Link previews: the title and description chat tools show for a pasted pod or snapshot link.
import type { PodTimeline } from "../timeline/types";
import { podHeader } from "./pod-summary";

function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export function previewText(tl: PodTimeline, opts: { at: number; window?: { from: number | null; to: number | null }; snapshot?: boolean }): { title: string; description: string } {
  const { status, restarts } = podHeader(tl);
  const from = opts.window?.from ?? tl.createdAt ?? tl.observedFrom;
  const to = opts.window?.to ?? opts.at;
  const span = from !== null && from !== undefined ? `${utc(from)} → ${utc(to)}` : `until ${utc(to)}`;
  const gone = tl.deletedAt !== null && tl.deletedAt <= opts.at ? `deleted ${utc(tl.deletedAt)}; ` : "";
  return {
    title: `${tl.namespace}/${tl.name} — ${status}${opts.snapshot ? " (snapshot)" : ""} — Lifeline`,
    description: `${status}, ${restarts} restart${restarts === 1 ? "" : "s"}${tl.node ? ` on ${tl.node}` : ""}; ${gone}window ${span}.`,
  };
}
