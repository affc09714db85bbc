// "Why is this rollout stuck?": kubectl rollout status' line, the new revision's pods that are not
// available and what each says (the one health rule), older pods that hold it too, and the next
// commands to run. Every word from the cluster is text; Lifeline's own words are translated
// (lib/view/stuck-words.ts), Kubernetes identifiers are not.
import Link from "next/link";
import { useI18n } from "@/components/I18n";
import { noPodsWords, stuckPodWords } from "@/lib/view/stuck-words";
import type { StuckExplanation, StuckPod } from "@/lib/workloads/types";

function PodList({ pods, namespace }: { pods: StuckPod[]; namespace: string }) {
  const { t } = useI18n();
  return (
    <ul className="mt-1 list-disc pl-5 text-sm">
      {pods.map((p) => (
        <li key={p.uid} data-testid="stuck-pod">
          <Link
            className="font-medium hover:underline"
            href={`/pods/${encodeURIComponent(namespace)}/${encodeURIComponent(p.name)}?uid=${p.uid}`}
          >
            <bdi>{p.name}</bdi>
          </Link>
          {t("wl.stuck.podSep")}
          <bdi>{stuckPodWords(p, t)}</bdi>
        </li>
      ))}
    </ul>
  );
}

export function StuckPanel({
  stuck,
  namespace,
  failing,
}: {
  stuck: StuckExplanation;
  namespace: string;
  /** The workload's health is not ok: the rollout is a problem, not only under way. */
  failing: boolean;
}) {
  const { t } = useI18n();
  // A rollout under way on a healthy workload is waiting, not stuck: said in the same words,
  // without the alarm.
  const title = t(failing ? "wl.stuck.title" : "wl.stuck.waiting");
  return (
    <section
      className={`mt-4 rounded border p-3 ${failing ? "border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950" : "border-sky-300 bg-sky-50 dark:border-sky-800 dark:bg-sky-950"}`}
      data-testid="workload-stuck"
      data-failing={failing}
      aria-label={title}
    >
      <h2 className="font-semibold">{title}</h2>
      <p className="mt-1 text-sm">{t("wl.stuck.status", { status: stuck.status })}</p>
      {stuck.noPods && <p className="mt-1 text-sm">{noPodsWords(stuck, t)}</p>}
      {stuck.pods.length > 0 && (
        <>
          <p className="mt-2 text-sm">{t("wl.stuck.pods")}</p>
          <PodList pods={stuck.pods} namespace={namespace} />
        </>
      )}
      {stuck.others.length > 0 && (
        <>
          <p className="mt-2 text-sm">{t("wl.stuck.others")}</p>
          <PodList pods={stuck.others} namespace={namespace} />
        </>
      )}
      {stuck.commands.length > 0 && (
        <>
          <p className="mt-2 text-sm font-medium">{t("wl.stuck.commands")}</p>
          <pre
            className="mt-1 overflow-x-auto rounded bg-white/70 p-2 text-xs dark:bg-black/30"
            data-testid="stuck-commands"
          >
            {stuck.commands.join("\n")}
          </pre>
        </>
      )}
    </section>
  );
}
