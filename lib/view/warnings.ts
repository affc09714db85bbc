// The model's warnings (lib/timeline: a code and what it names) as sentences in the reader's language.
import type { MessageKey, Translate } from "../i18n";
import type { TimelineWarning } from "../timeline";

/**
 * The sentence for one of the model's warnings (messages `warn.<code>`). A warning stored by an
 * older Lifeline (a snapshot keeps its timeline for 90 days) has its English sentence in `message`
 * and no `params`: it is shown as it was stored, never as a template with its {placeholders}.
 */
export function warningText(w: TimelineWarning, t: Translate): string {
  const stored = (w as { message?: unknown }).message;
  if (w.params === undefined && typeof stored === "string") return stored;
  return t(`warn.${w.code}` satisfies MessageKey, w.params);
}
