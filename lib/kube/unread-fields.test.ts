// The scan before parsing (watch-line.ts) leaves metadata.annotations, managedFields and
// resourceVersion out of a pod's fingerprint because nothing downstream reads the first two, and
// the store alone keeps the third (unchanged-version.ts carries it). This holds them to it: the
// store's projection, the rows, kubectl's columns and the timelines of every story read the same
// whatever those members hold. A reader added later fails here, and must be added to the
// fingerprint (or the scan's list of members left out shortened).
import { describe, expect, it } from "vitest";
import { stories } from "../fixtures";
import { storyInput } from "../fixtures/story";
import type { Pod } from "../k8s/types";
import { podRow } from "../rows/pod-row";
import { project } from "../store/projection";
import { buildTimeline, kubectlStatus } from "../timeline";
import { apiShape } from "./watch-lines.test-kit";

/** The pod with other annotations, managedFields and resourceVersion, or none of them. */
function variants(pod: Pod, at: number): Pod[] {
  const bare = JSON.parse(JSON.stringify(pod)) as Pod;
  delete bare.metadata!.annotations;
  delete (bare.metadata as { managedFields?: unknown }).managedFields;
  delete bare.metadata!.resourceVersion;
  return [bare, apiShape(pod, at, "7"), apiShape(pod, at + 90_000, "8", 1000)];
}

const withoutVersion = (meta: string) => {
  const m = JSON.parse(meta) as Record<string, unknown>;
  delete m.resourceVersion;
  return m;
};

describe("what the fingerprint leaves out, nothing reads", () => {
  it("the store's projection keeps neither annotations nor managedFields (only the resourceVersion)", () => {
    for (const s of stories)
      for (const o of s.observations) {
        const parts = variants(o.object, Date.parse(o.observedAt)).map(project);
        for (const p of parts.slice(1)) {
          expect(p.spec).toBe(parts[0].spec);
          expect(p.status).toBe(parts[0].status);
          expect(withoutVersion(p.meta)).toEqual(withoutVersion(parts[0].meta));
        }
      }
  });

  it("the rows and kubectl's columns read none of them", () => {
    for (const s of stories)
      for (const o of s.observations) {
        const at = Date.parse(o.observedAt);
        const [first, ...rest] = variants(o.object, at);
        for (const v of rest) {
          expect(podRow(v, at)).toEqual(podRow(first, at));
          expect(kubectlStatus(v, at)).toEqual(kubectlStatus(first, at));
        }
      }
  });

  it("the timeline of every story reads none of them", () => {
    for (const s of stories) {
      const input = storyInput(s);
      const built = [0, 1, 2].map((k) =>
        buildTimeline({
          ...input,
          observations: input.observations.map((o) => ({
            ...o,
            object: variants(o.object, o.observedAt)[k],
          })),
        }),
      );
      expect(built[1]).toEqual(built[0]);
      expect(built[2]).toEqual(built[0]);
    }
  });
});
