// Two languages: English and Simplified Chinese (the seed articles' readers). Every label, tooltip
// and explanation the views write goes through `translate` (lib/view/explain.ts's entries and the
// model's warnings too: lib/view/warnings.ts); the zh table must have every key the en table has.
import { en, zh, type MessageKey } from "./messages";

export type Lang = "en" | "zh";
export const LANG_COOKIE = "lifeline-lang";
export type { MessageKey };

const TABLES: Record<Lang, Record<MessageKey, string>> = { en, zh };

export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

/** The message for `key` in `lang` with `{name}` placeholders filled in. */
export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  const text = TABLES[lang][key] ?? en[key] ?? key;
  return vars
    ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m))
    : text;
}

export function translator(lang: Lang): Translate {
  return (key, vars) => translate(lang, key, vars);
}

export function isLang(v: unknown): v is Lang {
  return v === "en" || v === "zh";
}

/**
 * The language to show: a valid saved choice (cookie) wins; otherwise the browser's
 * Accept-Language, in its order of preference (any zh-* reads Simplified Chinese); English by default.
 */
export function pickLang(
  saved: string | null | undefined,
  acceptLanguage: string | null | undefined,
): Lang {
  if (isLang(saved)) return saved;
  const wanted = (acceptLanguage ?? "")
    .split(",")
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1, i };
    })
    .filter((w) => w.tag && w.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const w of wanted) {
    if (w.tag === "zh" || w.tag.startsWith("zh-")) return "zh";
    if (w.tag === "en" || w.tag.startsWith("en-")) return "en";
  }
  return "en";
}
