// A pod's header figures (kubectl's STATUS, READY, RESTARTS as of the timeline's end) and the
// sentence a screen reader reads instead of the timeline picture.
import type { MessageKey, Translate } from "../i18n";
import type { ContainerTimeline, PodTimeline } from "../timeline/types";
import { formatDuration } from "../text/format";

export interface PodHeader {
  /** kubectl STATUS now (else the phase). */
  status: string;
  /** The pod's Ready condition is True. */
  podReady: boolean;
  /** READY: containers (not init) ready / all of them. */
  ready: string;
  restarts: number;
}

export function podHeader(tl: PodTimeline): PodHeader {
  const mains = tl.containers.filter((c) => c.kind !== "init");
  return {
    status: tl.status.at(-1)?.status ?? tl.phases.at(-1)?.phase ?? "Unknown",
    podReady: tl.conditions.filter((c) => c.type === "Ready").at(-1)?.status === "True",
    ready: `${mains.filter((c) => c.ready.at(-1)?.end === null).length}/${mains.length}`,
    restarts: tl.containers.reduce((n, c) => n + c.restartCount, 0),
  };
}

export function podSummary(
  tl: PodTimeline,
  k: { status: string; ready: string; restarts: number | string },
  t: Translate,
): string {
  const parts = [
    t("pod.summary", {
      ns: tl.namespace,
      name: tl.name,
      status: k.status || "Unknown",
      ready: k.ready,
      restarts: k.restarts,
    }),
  ];
  for (const c of tl.containers) {
    if (c.runs.length === 0 && c.waiting.length === 0) continue;
    const waits = c.backoffs.map((b) =>
      b.announcedDelayMs !== null
        ? formatDuration(b.announcedDelayMs)
        : b.observedDelayMs !== null
          ? formatDuration(b.observedDelayMs)
          : "…",
    );
    const probes = c.probes.reduce((n, p) => n + p.count, 0);
    parts.push(
      t("pod.summary.container", {
        kind: t(`kind.${c.kind}` as MessageKey),
        name: c.name,
        runs: c.runs.length,
      }) +
        (waits.length > 0 ? t("pod.summary.backoffs", { list: waits.join(", ") }) : "") +
        (probes > 0 ? t("pod.summary.probes", { n: probes }) : "") +
        (t("pod.summary").endsWith("。") ? "。" : "."),
    );
  }
  return parts.join(" ");
}

export interface ContainerFacts {
  name: string;
  kind: ContainerTimeline["kind"];
  image: string | null;
  /** "cpu 250m, memory 128Mi", or null when the spec sets none. */
  requests: string | null;
  limits: string | null;
}

const quantities = (q: Record<string, string> | undefined): string | null => {
  const parts = Object.entries(q ?? {}).map(([k, v]) => `${k} ${v}`);
  return parts.length ? parts.join(", ") : null;
};

/**
 * The header's spec facts: the owner (kind/name; null: none; undefined: not known, as in a snapshot
 * taken before timelines carried it) and, per container, image, requests and limits.
 */
export function podFacts(tl: PodTimeline): {
  owner: string | null | undefined;
  containers: ContainerFacts[];
} {
  return {
    owner:
      tl.owner === undefined ? undefined : tl.owner ? `${tl.owner.kind}/${tl.owner.name}` : null,
    containers: tl.containers.map((c) => ({
      name: c.name,
      kind: c.kind,
      image: c.image,
      requests: quantities(c.specResources?.requests),
      limits: quantities(c.specResources?.limits),
    })),
  };
}
