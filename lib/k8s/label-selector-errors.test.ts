import { describe, expect, it } from "vitest";
import { parseLabelSelector, SelectorError } from "./label-selector";
import { BadInput, selectorParam } from "../live/params";

// A 12 KB selector: the answer names the input, it does not echo it back.
const huge = "app=web," + "x".repeat(6000) + " in (" + "y".repeat(6000);

describe("selector errors quote at most ~100 characters of the input", () => {
  it("the parser's sentence", () => {
    let err: unknown;
    try { parseLabelSelector(huge); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(SelectorError);
    const message = (err as Error).message;
    expect(message.length).toBeLessThan(400);
    expect(message).toContain("…");
    expect(message).toContain("(12,005 characters)");
  });

  it("the API's 400 sentence", () => {
    let err: unknown;
    try { selectorParam(huge); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(BadInput);
    const message = (err as Error).message;
    expect(message.length).toBeLessThan(500);
    expect(message).toContain(`(${huge.length.toLocaleString("en-US")} characters)`);
    expect(message).toMatch(/^selector "app=web,x{92}…" \(/);
  });
});
