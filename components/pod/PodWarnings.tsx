"use client";
// What the model could not read from the pod's history (lib/timeline's warnings), in words.
import { useI18n } from "@/components/I18n";
import type { TimelineWarning } from "@/lib/timeline/types";
import { warningText } from "@/lib/view/warnings";

export function PodWarnings({ warnings }: { warnings: TimelineWarning[] }) {
  const { t } = useI18n();
  return (
    <section
      aria-label={t("pod.warnings")}
      className="mt-2 text-xs text-amber-800 dark:text-amber-300"
    >
      <ul>
        {warnings.map((w, i) => (
          <li key={`${w.code}${i}`}>
            {w.container ? `${w.container}: ` : ""}
            <bdi>{warningText(w, t)}</bdi>
          </li>
        ))}
      </ul>
    </section>
  );
}
