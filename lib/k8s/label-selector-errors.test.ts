import { describe, expect, it } from "vitest";
import { parseLabelSelector, SelectorError } from "./label-selector";
import { BadInput, selectorParam } from "../routes/params";

// A 12 KB selector: the answer names the input, it does not echo it back.
const huge = "app=web," + "x".repeat(6000) + " in (" + "y".repeat(6000);

describe("selector errors quote at most ~100 characters of the input", () => {
  it("the parser's sentence", () => {
    let err: unknown;
    try {
      parseLabelSelector(huge);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SelectorError);
    const message = (err as Error).message;
    expect(message.length).toBeLessThan(400);
    expect(message).toContain("…");
    expect(message).toContain("(12,005 characters)");
  });

  it("the API's 400 sentence", () => {
    let err: unknown;
    try {
      selectorParam(huge);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BadInput);
    const message = (err as Error).message;
    expect(message.length).toBeLessThan(500);
    expect(message).toContain(`(${huge.length.toLocaleString("en-US")} characters)`);
    expect(message).toMatch(/^selector "app=web,x{92}…" \(/);
  });
});

describe("keys and values as Kubernetes validates them (a selector that can never match is refused, not answered with nothing)", () => {
  const refused = (text: string) => {
    try {
      parseLabelSelector(text);
    } catch (e) {
      expect(e).toBeInstanceOf(SelectorError);
      return (e as Error).message;
    }
    return null;
  };
  it("a value over 63 characters", () => {
    expect(refused(`app=${"a".repeat(64)}`)).toMatch(
      /^unable to parse requirement: value "a{64}": must be no more than 63 characters$/,
    );
    expect(refused(`app in (web, ${"b".repeat(8000)})`)).toMatch(
      /value "b{100}…" \(8,000 characters\): must be no more than 63 characters/,
    );
    expect(refused(`app=${"a".repeat(63)}`)).toBeNull();
  });
  it("a key whose name part is over 63 characters, or whose prefix is not a DNS subdomain", () => {
    expect(refused(`${"k".repeat(64)}=v`)).toMatch(
      /key "k{64}": name part must be no more than 63 characters/,
    );
    expect(refused("app.kubernetes.io/name=web")).toBeNull();
    expect(refused("Bad_Prefix/name=web")).toMatch(
      /key "Bad_Prefix\/name": prefix part must be a lowercase DNS subdomain/,
    );
    expect(refused("a/b/c=web")).toMatch(/key "a\/b\/c": a key has at most one "\/"/);
  });
  it("a name or value must start and end with a letter or digit", () => {
    expect(refused("-app=web")).toMatch(
      /key "-app": name part must start and end with a letter or digit/,
    );
    expect(refused("app=web-")).toMatch(/value "web-": must start and end with a letter or digit/);
    expect(refused("app=")).toBeNull(); // an empty value is a value
  });
});
