import { PodTimelineChart } from "@/components/timeline/PodTimelineChart";
import { stories } from "@/lib/fixtures";
import { translator } from "@/lib/i18n";
import { requestLang } from "@/lib/i18n/server";
import { storyView } from "@/lib/view/story-view";

// The built-in stories (fixtures), drawn the same way the live pod page draws a pod.
export const dynamic = "force-dynamic";

export default async function Home() {
  const lang = await requestLang();
  const t = translator(lang);
  const views = stories.map((s) => storyView(s, lang));
  return (
    <main className="mx-auto max-w-6xl px-6 py-8">
      <header className="mb-8">
        <h1 className="text-2xl font-semibold">Lifeline</h1>
        <p className="mt-1 text-slate-600 dark:text-slate-300">
          {t("stories.intro", { n: views.length })}
        </p>
      </header>
      <nav aria-label={t("stories.nav")} className="mb-8 flex flex-wrap gap-2 text-sm">
        {views.map((v) => (
          <a
            key={v.name}
            href={`#${v.name}`}
            className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            {v.title}
          </a>
        ))}
      </nav>
      {views.map((v) => (
        <section
          key={v.name}
          id={v.name}
          aria-labelledby={`${v.name}-title`}
          className="mb-12"
          data-story={v.name}
        >
          <h2 id={`${v.name}-title`} className="text-lg font-medium">
            {v.title}
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-300">
            {v.description}
            {v.seed && (
              <span className="ml-2 rounded bg-slate-100 px-1 font-mono text-xs dark:bg-slate-800">
                {v.seed}
              </span>
            )}
          </p>
          <table className="my-2 font-mono text-xs" aria-label={`kubectl get pod ${v.pod}`}>
            <thead>
              <tr className="text-left text-slate-500">
                <th className="pr-6 font-normal">NAME</th>
                <th className="pr-6 font-normal">READY</th>
                <th className="pr-6 font-normal">STATUS</th>
                <th className="pr-6 font-normal">RESTARTS</th>
                <th className="font-normal">AGE</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <td className="pr-6">{v.pod}</td>
                <td className="pr-6">{v.kubectl.ready}</td>
                <td className="pr-6" data-testid="kubectl-status">
                  {v.kubectl.status}
                </td>
                <td className="pr-6">{v.kubectl.restarts}</td>
                <td>{v.kubectl.age}</td>
              </tr>
            </tbody>
          </table>
          <PodTimelineChart
            layout={v.layout}
            label={t("stories.chart", { pod: `${v.namespace}/${v.pod}` })}
            summary={v.summary}
          />
          <p className="sr-only">{v.summary}</p>
          {v.warnings.length > 0 && (
            <ul className="mt-1 text-xs text-amber-700 dark:text-amber-400">
              {v.warnings.map((w, i) => (
                <li key={`${i}:${w}`}>{w}</li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </main>
  );
}
