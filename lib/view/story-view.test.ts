import { describe, expect, it } from "vitest";
import { stories } from "../fixtures";
import { storyText, storyView } from "./story-view";

describe("the stories in both languages", () => {
  it("has every story's title and description in English (as the fixture says) and in Chinese", () => {
    for (const s of stories) {
      expect(storyText(s, "en")).toEqual({ title: s.title, description: s.description });
      const zh = storyText(s, "zh");
      expect(zh.description, s.name).not.toBe(s.description);
      expect(zh.description, s.name).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("draws a story's tracks in the page's language", () => {
    const v = storyView(
      stories.find((s) => s.name === "oom-killed")!,
      "zh",
    );
    expect(v.layout.rows[0].label).toBe("阶段");
  });
});
