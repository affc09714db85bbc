import { describe, expect, it } from "vitest";
import { namespaceListParam, snapshotRequest } from "./params";

describe("snapshot requests", () => {
  it("read a pod's or an overview's", () => {
    expect(
      snapshotRequest(
        JSON.stringify({ namespace: "dev", name: "web-0", to: "2026-11-21T10:00:00Z" }),
      ),
    ).toEqual({
      kind: "pod",
      namespace: "dev",
      name: "web-0",
      uid: undefined,
      from: undefined,
      to: Date.parse("2026-11-21T10:00:00Z"),
      logs: false,
    });
    const o = snapshotRequest(
      JSON.stringify({
        kind: "overview",
        namespace: "dev,prod",
        selector: "app=web",
        from: "2026-11-21T09:00:00Z",
        to: "2026-11-21T10:00:00Z",
      }),
    );
    expect(o).toMatchObject({
      kind: "overview",
      namespaces: ["dev", "prod"],
      from: Date.parse("2026-11-21T09:00:00Z"),
    });
    expect(o.kind === "overview" && o.labels!({ app: "web" })).toBe(true);
  });
  it("refuse what they cannot read, in a sentence", () => {
    for (const [body, message] of [
      ["{nope", /not JSON/],
      ["[1]", /a JSON object/],
      [JSON.stringify({ namespace: "dev" }), /namespace and name are required/],
      [JSON.stringify({ namespace: "Dev", name: "x" }), /not a valid namespace name/],
      [JSON.stringify({ kind: "overview", from: "2026-11-21T09:00:00Z" }), /needs its window/],
      [JSON.stringify({ kind: "cluster" }), /kind "cluster" is not one Lifeline knows/],
      [
        JSON.stringify({
          kind: "overview",
          selector: "a in (",
          from: "2026-11-21T09:00:00Z",
          to: "2026-11-21T10:00:00Z",
        }),
        /selector .* cannot be read/,
      ],
      ["x".repeat(5000), /larger than 4 KiB/],
    ] as const) {
      expect(() => snapshotRequest(body), body.slice(0, 40)).toThrow(message);
    }
  });
  it("namespace lists", () => {
    expect(namespaceListParam("a, b,a")).toEqual(["a", "b"]);
    expect(namespaceListParam("")).toBeUndefined();
    expect(() => namespaceListParam("a,B")).toThrow(/not a valid namespace name/);
  });
});
