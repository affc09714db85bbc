import type { Metadata } from "next";
import Link from "next/link";
import { authModeOf } from "@/lib/auth/config";
import { safeNextPath } from "@/lib/auth/http";
import { whyMessage } from "@/lib/auth/why";
import { translator } from "@/lib/i18n";
import { requestLang } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in — Lifeline", robots: { index: false } };

/** Sign-in: a plain form (works without JavaScript); what went wrong, in words of ours, above it. */
export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const q = await searchParams;
  const t = translator(await requestLang());
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const next = safeNextPath(one(q.next));
  // Only a key of ours picks the sentence (any other text shows nothing), and `next` is checked
  // (safeNextPath) before it goes into the form or the link.
  const why = whyMessage(one(q.why));
  const mode = authModeOf(process.env);
  return (
    <main className="mx-auto mt-24 max-w-md rounded-lg border border-slate-200 p-6 dark:border-slate-800">
      <h1 className="mb-1 text-xl font-semibold">Lifeline</h1>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">{t("login.lead")}</p>
      {why && (
        <p
          role="alert"
          data-testid="login-why"
          className="mb-4 rounded border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
        >
          {t(why)}
        </p>
      )}
      {mode === "token" ? (
        <form method="post" action="/api/login" className="flex flex-col gap-3">
          <input type="hidden" name="next" value={next} />
          <label className="flex flex-col gap-1 text-sm">
            {t("login.token")}
            <input
              name="token"
              type="password"
              required
              autoFocus
              autoComplete="current-password"
              className="rounded border border-slate-300 px-2 py-1.5 font-mono dark:border-slate-700 dark:bg-slate-900"
            />
          </label>
          <button
            type="submit"
            className="rounded bg-sky-700 px-3 py-1.5 font-medium text-white hover:bg-sky-800"
          >
            {t("login.submit")}
          </button>
          <p className="text-xs text-slate-500">{t("login.tokenHint")}</p>
        </form>
      ) : mode === "proxy" ? (
        <p className="text-sm">{t("login.proxy")}</p>
      ) : (
        <p className="text-sm">
          {t("login.none")}{" "}
          <Link href={next} className="text-sky-700 underline dark:text-sky-400">
            {t("login.continue")}
          </Link>
        </p>
      )}
    </main>
  );
}
