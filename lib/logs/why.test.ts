import { describe, expect, it } from "vitest";
import { en, zh } from "../i18n/messages";
import { WHY, whySentence } from "./why";

describe("why a log was not captured", () => {
  it("every code has its words in English and Chinese for the pod page", () => {
    for (const code of Object.keys(WHY)) {
      expect(en, code).toHaveProperty(`logs.why.${code}`);
      expect((zh as Record<string, string>)[`logs.why.${code}`], code).toBeTruthy();
    }
  });

  it("the sentence carries what the API server said", () => {
    expect(
      whySentence("rotated", 'previous terminated container "app" in pod "web" not found'),
    ).toBe(`${WHY.rotated}: previous terminated container "app" in pod "web" not found`);
    expect(whySentence(null)).toBeNull();
  });
});
