// "Why is this rollout stuck?": kubectl rollout status' line, the new revision's pods that are not
// available and what each says (the one health rule), older pods that hold it too, and the next
// commands to run. Every word from the cluster is text.
import Link from "next/link";
import { useI18n } from "@/components/I18n";
import type { StuckExplanation, StuckPod } from "@/lib/workloads/types";

function PodList({ pods, namespace }: { pods: StuckPod[]; namespace: string }) {
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
          {p.text.startsWith(p.name) ? (
            <bdi>{p.text.slice(p.name.length)}</bdi>
          ) : (
            <>
              : <bdi>{p.text}</bdi>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

export function StuckPanel({ stuck, namespace }: { stuck: StuckExplanation; namespace: string }) {
  const { t } = useI18n();
  return (
    <section
      className="mt-4 rounded border border-red-300 bg-red-50 p-3 dark:border-red-800 dark:bg-red-950"
      data-testid="workload-stuck"
      aria-label={t("wl.stuck.title")}
    >
      <h2 className="font-semibold">{t("wl.stuck.title")}</h2>
      <p className="mt-1 text-sm">{t("wl.stuck.status", { status: stuck.status })}</p>
      {stuck.noPods && <p className="mt-1 text-sm">{stuck.noPods}</p>}
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
