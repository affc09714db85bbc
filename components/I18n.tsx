"use client";
// The language every client component reads: picked on the server (saved choice, else the
// browser's Accept-Language), switched here; the choice is saved in a cookie.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { LANG_COOKIE, translator, type Lang, type Translate } from "@/lib/i18n";

interface I18n {
  lang: Lang;
  t: Translate;
  setLang(lang: Lang): void;
}

const Context = createContext<I18n>({ lang: "en", t: translator("en"), setLang: () => {} });

export function I18nProvider({ lang: initial, children }: { lang: Lang; children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initial);
  const setLang = useCallback((next: Lang) => {
    document.cookie = `${LANG_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    document.documentElement.lang = next === "zh" ? "zh-CN" : "en";
    setLangState(next);
  }, []);
  const value = useMemo(() => ({ lang, t: translator(lang), setLang }), [lang, setLang]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  return useContext(Context);
}

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <div
      role="group"
      aria-label={t("lang.label")}
      className="flex overflow-hidden rounded border border-slate-300 text-xs dark:border-slate-700"
    >
      {(["en", "zh"] as const).map((l) => (
        <button
          key={l}
          type="button"
          onClick={() => setLang(l)}
          aria-pressed={lang === l}
          data-testid={`lang-${l}`}
          className={`px-2 py-0.5 ${lang === l ? "bg-slate-800 text-white dark:bg-slate-200 dark:text-slate-900" : "hover:bg-slate-100 dark:hover:bg-slate-800"}`}
        >
          {l === "en" ? "English" : "简体中文"}
        </button>
      ))}
    </div>
  );
}
