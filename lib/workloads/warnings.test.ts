// Every warning the workload model can give has words in both languages.
import { describe, expect, it } from "vitest";
import { en, zh } from "../i18n/messages";
import { WORKLOAD_WARNING_CODES } from ".";

describe("workload warnings", () => {
  it.each(WORKLOAD_WARNING_CODES.map((c) => [c]))(
    "%s has an English and a Chinese sentence",
    (code) => {
      const key = `warn.workload.${code}` as keyof typeof en;
      expect(en[key]).toBeTruthy();
      expect(zh[key]).toBeTruthy();
    },
  );
});
