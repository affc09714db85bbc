// buildTimeline's builder is used once, so its timeline takes the builder's own intervals rather
// than copies (buildOnce). These pin that it is the very timeline the copying build gives, for
// every fixture story watched live, met mid-life (backfill) and cut after each version, and that
// the copying build still hands out copies a later version cannot change.
import { describe, expect, it } from "vitest";
import { stories, storyInput } from "../fixtures";
import { buildTimeline } from "./build-timeline";
import { TimelineBuilder } from "./timeline-builder";
import type { TimelineInput } from "./types";

function copying(input: TimelineInput) {
  const builder = new TimelineBuilder();
  for (const o of input.observations) builder.observe(o);
  return builder.build({ events: input.events, node: input.node, now: input.now });
}

describe("buildTimeline (the builder's own intervals) equals the copying build", () => {
  for (const story of stories) {
    it(story.name, () => {
      const input = storyInput(story);
      expect(buildTimeline(input)).toEqual(copying(input));
      input.observations.forEach((o, k) => {
        const cut = { ...input, observations: input.observations.slice(0, k + 1) };
        expect(buildTimeline(cut)).toEqual(copying(cut));
        const met = { ...input, observations: [{ ...o, type: "ADDED" as const }] };
        expect(buildTimeline(met)).toEqual(copying(met));
      });
    });
  }
});

describe("the copying build", () => {
  it("gives timelines that later versions and later builds leave as they were", () => {
    for (const story of stories) {
      const input = storyInput(story);
      const builder = new TimelineBuilder();
      const built: [ReturnType<typeof copying>, string][] = [];
      for (const o of input.observations) {
        builder.observe(o);
        const tl = builder.build({ events: input.events, node: input.node, now: input.now });
        built.push([tl, JSON.stringify(tl)]);
      }
      for (const [tl, text] of built) expect(JSON.stringify(tl)).toBe(text);
    }
  });
});
