"use client";
// The pod header's spec facts: its owner (kind/name) and, per container, image, requests and limits.
import Link from "next/link";
import { useI18n } from "@/components/I18n";
import type { MessageKey } from "@/lib/i18n";
import type { PodTimeline } from "@/lib/timeline/types";
import { podFacts } from "@/lib/view/pod-summary";

/** The workload kinds a pod's controller can be, and their pages' path segment. */
const OWNER_PATH: Record<string, string> = {
  ReplicaSet: "replicasets",
  StatefulSet: "statefulsets",
  DaemonSet: "daemonsets",
  Job: "jobs",
};

export function PodFacts({ timeline }: { timeline: PodTimeline }) {
  const { t } = useI18n();
  const { owner, containers } = podFacts(timeline);
  return (
    <section
      aria-label={t("pod.containers")}
      className="mt-2 text-xs text-slate-600 dark:text-slate-400"
      data-testid="pod-facts"
    >
      <p>
        <span className="font-medium text-slate-700 dark:text-slate-300">{t("pod.owner")}</span>{" "}
        <bdi className="font-mono" data-testid="pod-owner">
          {owner === undefined ? (
            "—"
          ) : owner === null ? (
            t("pod.owner.none")
          ) : timeline.owner && OWNER_PATH[timeline.owner.kind] ? (
            // The owner's page (a ReplicaSet's links on to its Deployment).
            <Link
              className="hover:underline"
              href={`/workloads/${encodeURIComponent(timeline.namespace)}/${OWNER_PATH[timeline.owner.kind]}/${encodeURIComponent(timeline.owner.name)}`}
            >
              {owner}
            </Link>
          ) : (
            owner
          )}
        </bdi>
      </p>
      <ul className="mt-0.5 flex flex-col gap-0.5">
        {containers.map((c) => (
          <li
            key={`${c.kind}/${c.name}`}
            data-testid="pod-container"
            data-container={c.name}
            className="flex flex-wrap items-baseline gap-x-3"
          >
            <span className="font-medium text-slate-700 dark:text-slate-300">
              {c.name}
              {c.kind !== "main" && (
                <span className="ml-1 font-normal text-slate-500">
                  ({t(`kind.${c.kind}` as MessageKey)})
                </span>
              )}
            </span>
            <span className="min-w-0 break-all">
              {t("pod.image")} <bdi className="font-mono">{c.image ?? "—"}</bdi>
            </span>
            <span>
              {t("pod.requests")}{" "}
              <span className="font-mono">{c.requests ?? t("pod.res.none")}</span>
            </span>
            <span data-testid="pod-limits">
              {t("pod.limits")} <span className="font-mono">{c.limits ?? t("pod.res.none")}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
