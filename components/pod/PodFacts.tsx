"use client";
// The pod header's spec facts: its owner (kind/name) and the owners above it (ReplicaSet →
// Deployment, Job → CronJob), each a link to its workload page, and, per container, image,
// requests and limits.
import Link from "next/link";
import { useI18n } from "@/components/I18n";
import type { MessageKey } from "@/lib/i18n";
import type { Owner, PodTimeline } from "@/lib/timeline/types";
import { podFacts } from "@/lib/view/pod-summary";

/** The workload kinds a pod's controller can be, and their pages' path segment. */
const OWNER_PATH: Record<string, string> = {
  Deployment: "deployments",
  ReplicaSet: "replicasets",
  StatefulSet: "statefulsets",
  DaemonSet: "daemonsets",
  Job: "jobs",
  CronJob: "cronjobs",
};

function OwnerLink({ owner, namespace }: { owner: Owner; namespace: string }) {
  const text = `${owner.kind}/${owner.name}`;
  const path = OWNER_PATH[owner.kind];
  return path ? (
    <Link
      className="hover:underline"
      href={`/workloads/${encodeURIComponent(namespace)}/${path}/${encodeURIComponent(owner.name)}`}
    >
      {text}
    </Link>
  ) : (
    text
  );
}

export function PodFacts({
  timeline,
  owners = [],
}: {
  timeline: PodTimeline;
  /** The owners above the pod's own, nearest first (from the API's answer). */
  owners?: Owner[];
}) {
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
          ) : timeline.owner ? (
            <>
              <OwnerLink owner={timeline.owner} namespace={timeline.namespace} />
              {owners.map((o) => (
                <span key={`${o.kind}/${o.name}`} data-testid="pod-owner-up">
                  {" → "}
                  <OwnerLink owner={o} namespace={timeline.namespace} />
                </span>
              ))}
            </>
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
