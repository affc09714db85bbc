// The export's file names and JSON heads: the pod page's unchanged, a workload's and a node's
// named the same way with their kind first.
import { describe, expect, it } from "vitest";
import { exportFileName, exportName, podJson, viewJson } from "./export";

const AT = Date.parse("2026-11-21T10:00:00.250Z");

describe("export names and JSON", () => {
  it("names files by what and the window's end, the pod's as before", () => {
    expect(exportName("dev", "web-0", AT)).toBe("dev_web-0_2026-11-21T10-00-00Z");
    expect(exportFileName(["deployment", "shop", "web"], AT)).toBe(
      "deployment_shop_web_2026-11-21T10-00-00Z",
    );
    expect(exportFileName(["node", "node-4"], AT)).toBe("node_node-4_2026-11-21T10-00-00Z");
  });

  it("heads the page's answer with what it is and its window; a pod's JSON keeps its shape", () => {
    const window: [number, number] = [AT - 3_600_000, AT];
    expect(
      JSON.parse(podJson({ namespace: "dev", name: "web-0", at: AT, window }, { x: 1 })),
    ).toEqual({
      lifeline: 1,
      namespace: "dev",
      name: "web-0",
      at: AT,
      window: { from: AT - 3_600_000, to: AT },
      x: 1,
    });
    const node = JSON.parse(
      viewJson({ kind: "node", name: "node-4", at: AT, window }, { pods: [] }),
    );
    expect(Object.keys(node)).toEqual(["lifeline", "kind", "name", "at", "window", "pods"]);
  });
});
