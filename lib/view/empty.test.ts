import { describe, expect, it } from "vitest";
import { translator } from "../i18n";
import { emptyMessage } from "./empty";

const en = translator("en");
const zh = translator("zh");
const say = (t: typeof en, s: Parameters<typeof emptyMessage>[0]) => {
  const m = emptyMessage(s);
  return t(m.key, m.vars);
};

describe("the overview's empty sentence", () => {
  it("says the filters match nothing, names the namespaces asked for, and blames the cluster only when nothing filtered", () => {
    const none = { total: 0, live: true, namespaces: [], selector: "" };
    expect(say(en, { ...none, total: 12 })).toBe("No pod matches these filters.");
    expect(say(en, { ...none, selector: "app=nothing" })).toBe("No pod matches these filters.");
    expect(say(en, { ...none, namespaces: ["no-such-namespace"] })).toBe(
      "No pod in namespace no-such-namespace: it has none, or there is no such namespace.",
    );
    expect(say(en, { ...none, namespaces: ["a", "b"], selector: "app=x" })).toBe(
      "No pod in namespace a, b matches these filters (or there is no such namespace).",
    );
    expect(say(zh, { ...none, namespaces: ["no-such-namespace"] })).toContain("no-such-namespace");
    expect(say(en, none)).toBe("The cluster has no pods (in the namespaces Lifeline may read).");
    expect(say(en, { ...none, live: false })).toBe(
      "Lifeline's history has no pod alive in this window.",
    );
  });
});
