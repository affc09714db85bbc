import { describe, expect, it } from "vitest";
import { FSI, isolate, isolateVars, PDI, plainDirection } from "./bidi";

const RLO = "\u202E";

describe("isolate: cluster text inside a sentence keeps its direction controls to itself", () => {
  it("wraps the text in FSI…PDI", () => {
    expect(isolate(`evil${RLO}gnp.exe`)).toBe(`${FSI}evil${RLO}gnp.exe${PDI}`);
  });
  it("drops a stray PDI (it would close the isolate early) and closes an isolate left open", () => {
    expect(isolate(`a\u2069${RLO}b\u2066c`)).toBe(`${FSI}a${RLO}b\u2066c${PDI}${PDI}`);
  });
  it("nests: an isolated part inside isolated text keeps its own isolate", () => {
    const inner = isolate(`x${RLO}y`);
    expect(isolate(`because: ${inner}`)).toBe(`${FSI}because: ${inner}${PDI}`);
  });
  it("leaves plain text, and empty text, as it was", () => {
    expect(isolate("Back-off restarting failed container")).toBe(
      "Back-off restarting failed container",
    );
    expect(isolate("")).toBe("");
  });
  it("null stays null", () => {
    expect(isolate(null)).toBeNull();
  });
});

describe("plainDirection: for canvas text (which a fit may cut), every explicit direction control removed", () => {
  it("strips embeddings, overrides and isolates", () => {
    expect(plainDirection(`api${RLO}txet\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069`)).toBe(
      "apitxet",
    );
  });
  it("keeps letters of right-to-left scripts", () => {
    expect(plainDirection("שלום")).toBe("שלום");
  });
});

describe("isolateVars", () => {
  it("isolates string placeholders, leaves numbers", () => {
    expect(isolateVars({ reason: `E${RLO}x`, n: 3, plain: "ok" })).toEqual({
      reason: `${FSI}E${RLO}x${PDI}`,
      n: 3,
      plain: "ok",
    });
  });
});
