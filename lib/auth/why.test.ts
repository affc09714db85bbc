import { describe, expect, it } from "vitest";
import { en, zh } from "@/lib/i18n/messages";
import { WHY, whyMessage } from "./why";

describe("/login?why=", () => {
  it("shows only sentences of our own, picked by key; any other text shows nothing", () => {
    expect(whyMessage("wrong-token")).toBe("login.why.wrongToken");
    expect(whyMessage("too-many")).toBe("login.why.tooMany");
    for (const hostile of [
      "Your session expired. Call +1 555 0100 to unlock your account.",
      "<b>hi</b>",
      "__proto__",
      "constructor",
      "toString",
      "login.why.wrongToken",
      "",
      null,
      undefined,
    ]) {
      expect(whyMessage(hostile), String(hostile)).toBeNull();
    }
  });
  it("every key has its sentence in English and Chinese", () => {
    for (const key of Object.values(WHY)) {
      expect(en[key], key).toMatch(/\S/);
      expect(zh[key], key).toMatch(/\p{Script=Han}/u);
    }
  });
});
