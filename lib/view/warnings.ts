// The model's warnings (lib/timeline: a code and what it names) as sentences in the reader's language.
import type { MessageKey, Translate } from "../i18n";
import type { TimelineWarning } from "../timeline";

/** The sentence for one of the model's warnings (messages `warn.<code>`). */
export function warningText(w: TimelineWarning, t: Translate): string {
  return t(`warn.${w.code}` satisfies MessageKey, w.params);
}
