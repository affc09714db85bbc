import { describe, expect, it } from "vitest";
import { parseSize, retentionFrom } from "./retention";

describe("retention settings", () => {
  it("reads sizes the way an operator writes them, and the settings with their defaults", () => {
    expect(parseSize("500MB")).toBe(500_000_000);
    expect(parseSize("2GiB")).toBe(2 * 1024 ** 3);
    expect(parseSize("64 kib")).toBe(65_536);
    // Kubernetes quantities, as in a PersistentVolumeClaim's 10Gi.
    expect(parseSize("4Gi")).toBe(4 * 1024 ** 3);
    expect(parseSize("512Mi")).toBe(512 * 1024 ** 2);
    expect(parseSize("64Ki")).toBe(65_536);
    expect(parseSize("1Ti")).toBe(1024 ** 4);
    expect(parseSize("500M")).toBe(500_000_000);
    expect(parseSize("2G")).toBe(2e9);
    expect(parseSize("1T")).toBe(1e12);
    expect(parseSize("8K")).toBe(8000);
    expect(parseSize("8k")).toBe(8000);
    expect(parseSize("1TB")).toBe(1e12);
    expect(parseSize("1TiB")).toBe(1024 ** 4);
    expect(retentionFrom({})).toEqual({ maxAgeMs: 604_800_000, maxBytes: 2 * 1024 ** 3 });
    expect(retentionFrom({ LIFELINE_RETENTION: "1d", LIFELINE_RETENTION_SIZE: "1GB" })).toEqual({
      maxAgeMs: 86_400_000,
      maxBytes: 1e9,
    });
  });

  it("rejects what it cannot read with a sentence", () => {
    for (const bad of ["7", "0d", "seven days", "-1h", "1y"])
      expect(() => retentionFrom({ LIFELINE_RETENTION: bad })).toThrow(
        `LIFELINE_RETENTION must be a positive duration such as 12h, 7d or 2w, not "${bad}"`,
      );
    // "500m" is 0.5 bytes to Kubernetes (milli), never 500 MB; "1Gb" and "gi" are not quantities.
    for (const bad of ["1", "0MB", "lots", "1PB", "500m", "0Gi", "Gi", "1 gi"])
      expect(() => parseSize(bad)).toThrow(
        `LIFELINE_RETENTION_SIZE must be a positive size such as 500MB or 2GiB, not "${bad}"`,
      );
  });
});
