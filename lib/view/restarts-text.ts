// kubectl's RESTARTS cell ("5 (2m5s ago)", lib/timeline restartsText) in the reader's language:
// the count and the duration stay kubectl's, the words around them go through lib/i18n.
import type { Translate } from "@/lib/i18n";

/** "5 (2m5s ago)" → t("col.restartsAgo") ("5（2m5s 前）" in Chinese); a bare count as it is. */
export function restartsInWords(text: string, t: Translate): string {
  const m = /^(\d+) \((.+) ago\)$/.exec(text);
  return m ? t("col.restartsAgo", { n: m[1], d: m[2] }) : text;
}
