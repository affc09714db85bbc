import { describe, expect, it } from "vitest";
import { quoteInput } from "./quote";

describe("quoteInput", () => {
  it("quotes short input whole", () => {
    expect(quoteInput("app=web")).toBe('"app=web"');
  });

  it("quotes at most 100 characters of long input, with an ellipsis and the length", () => {
    const text = "a".repeat(12_288);
    const q = quoteInput(text);
    expect(q).toBe(`"${"a".repeat(100)}…" (12,288 characters)`);
  });

  it("never cuts a surrogate pair in half", () => {
    const text = "a".repeat(99) + "😀".repeat(10);
    const q = quoteInput(text);
    expect(q).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(q.startsWith(`"${"a".repeat(99)}`)).toBe(true);
  });

  it("takes a smaller limit", () => {
    expect(quoteInput("abcdefghij", 4)).toBe('"abcd…" (10 characters)');
  });
});
