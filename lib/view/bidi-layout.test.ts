// An RTL override (U+202E) in cluster text must not reverse our own words after it: every title,
// label and tooltip text the pod chart draws keeps it inside an isolate (FSI … PDI).
import { describe, expect, it } from "vitest";
import { story, storyInput } from "../fixtures";
import { buildTimeline } from "../timeline";
import { layoutTimeline } from "./timeline-layout";
import { podEvidence } from "./evidence";
import { FSI, PDI } from "../text/bidi";

const RLO = "\u202E";

/** Every RLO in the string sits inside an FSI … PDI pair. */
function contained(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === FSI) depth++;
    else if (ch === PDI) depth--;
    else if (ch === RLO && depth <= 0) return false;
  }
  return depth === 0;
}

describe("hostile direction controls in the pod chart's texts", () => {
  it("waiting reasons and messages, run reasons, marker messages: isolated wherever they are drawn", () => {
    const s = story("image-pull-backoff")!;
    const input = storyInput(s);
    const tl = buildTimeline(input);
    for (const c of tl.containers) {
      for (const w of c.waiting) {
        w.reason = `Evil${RLO}ffokcab`;
        w.message = `pulling ${RLO}gnp.exe and more`;
      }
    }
    for (const m of tl.markers) m.message = `marker ${RLO}txet`;
    const layout = layoutTimeline(tl, input.now, 960);
    const texts: string[] = [];
    for (const row of layout.rows) {
      texts.push(row.label);
      for (const b of row.boxes) texts.push(b.title, b.label ?? "", b.text ?? "");
      for (const t of row.ticks) texts.push(t.title, t.label ?? "");
      for (const br of row.brackets) texts.push(br.title, br.label);
    }
    const hostile = texts.filter((t) => t.includes(RLO));
    expect(hostile.length).toBeGreaterThan(3);
    for (const t of hostile) expect(contained(t), JSON.stringify(t)).toBe(true);
  });
});

describe("hostile direction controls in the explanation's sentences", () => {
  it("quoted messages and reasons are isolated, in both languages", () => {
    const s = story("image-pull-backoff")!;
    const input = storyInput(s);
    const tl = buildTimeline(input);
    for (const c of tl.containers)
      for (const w of c.waiting) w.message = `pulling ${RLO}gnp.exe and more`;
    for (const m of tl.markers) m.message = `Failed to pull ${RLO}txet`;
    for (const lang of ["en", "zh"] as const) {
      const facts = podEvidence(tl, lang, { now: input.now, tz: "utc" }).facts.filter((f) =>
        f.includes(RLO),
      );
      expect(facts.length).toBeGreaterThan(0);
      for (const f of facts) expect(contained(f), JSON.stringify(f)).toBe(true);
    }
  });
});
