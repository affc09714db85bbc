// Turns a fixture story into what the first page shows: kubectl columns, laid-out timeline, a text summary.
import type { Story } from "../fixtures";
import { storyInput } from "../fixtures";
import { buildTimeline, kubectlStatus, type KubectlStatus } from "../timeline";
import { translator, type Lang, type MessageKey } from "../i18n";
import { formatDuration } from "../text/format";
import { layoutTimeline } from "./timeline-layout";
import type { TimelineLayout } from "./timeline-types";
import { warningText } from "./warnings";

export interface StoryView {
  name: string;
  title: string;
  description: string;
  seed: string | null;
  namespace: string;
  pod: string;
  kubectl: KubectlStatus;
  layout: TimelineLayout;
  /** A sentence a screen reader can read instead of the picture. */
  summary: string;
  /** The model's warnings, as sentences in the story's language. */
  warnings: string[];
}

/** A story's title and description in `lang` (messages `story.{name}.title|description`), else the fixture's own. */
export function storyText(story: Story, lang: Lang): { title: string; description: string } {
  const t = translator(lang);
  const key = (part: string) => `story.${story.name}.${part}` as MessageKey;
  const title = t(key("title"));
  const description = t(key("description"));
  return {
    title: title === key("title") ? story.title : title,
    description: description === key("description") ? story.description : description,
  };
}

export function storyView(story: Story, lang: Lang = "en"): StoryView {
  const input = storyInput(story);
  const tl = buildTimeline(input);
  const last = input.observations[input.observations.length - 1]?.object;
  const kubectl = kubectlStatus(last, input.now);
  const parts = [
    `${tl.namespace}/${tl.name} is ${kubectl.status || "unknown"}, ${kubectl.ready} ready, ${kubectl.restarts} restarts.`,
  ];
  for (const c of tl.containers) {
    if (c.runs.length === 0 && c.waiting.length === 0) continue;
    const waits = c.backoffs.map((b) =>
      b.announcedDelayMs !== null
        ? formatDuration(b.announcedDelayMs)
        : b.observedDelayMs !== null
          ? formatDuration(b.observedDelayMs)
          : "…",
    );
    parts.push(
      `${c.kind} container ${c.name}: ${c.runs.length} run(s)` +
        (waits.length > 0 ? `, back-offs ${waits.join(", ")}` : "") +
        (c.probes.length > 0
          ? `, ${c.probes.reduce((n, p) => n + p.count, 0)} probe failure(s)`
          : "") +
        ".",
    );
  }
  return {
    name: story.name,
    ...storyText(story, lang),
    seed: story.seed ?? null,
    namespace: tl.namespace,
    pod: tl.name,
    kubectl,
    layout: layoutTimeline(tl, input.now, { t: translator(lang) }),
    summary: parts.join(" "),
    warnings: tl.warnings.map((w) => warningText(w, translator(lang))),
  };
}
