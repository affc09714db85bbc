// kubectl rollout undo re-uses an older ReplicaSet and gives it the next number (deployment
// sync.go getNewReplicaSet: the RS's revision annotation moves 4 → 6, revision-history gets "4").
// checkout: rev 4 (a typo'd image, template T) → rev 5 (nginx:1.29) → undo → rev 6 = rev 4's RS.
// The revision 6 starts when the RS became 6, names 4 as what it rolls back, sorts after 5, and
// each revision's "what changed" is against the one it replaced; also when the window the model
// is given starts after the undo (the RS's only version is the one standing then).
import { describe, expect, it } from "vitest";
import { buildWorkloadTimeline } from ".";
import type { OwnedHistory } from "./types";
import { workloadState, type WorkloadVersion } from "./workload-state";

const T0 = Date.parse("2026-11-24T17:00:00Z");
const s = (sec: number) => T0 + sec * 1000;
const iso = (sec: number) => new Date(s(sec)).toISOString().replace(".000Z", "Z");
const IMG = { 3: "nginx:1.27", 4: "ngnix:1.29", 5: "nginx:1.29" } as const;
const HASH = { 3: "7c5d8b9f6", 4: "86df6ffcf9", 5: "56cf86f7b" } as const;
const CREATED = { 3: 0, 4: 600, 5: 1200 } as const;

function rs(
  sec: number,
  t: 3 | 4 | 5,
  rev: number,
  history: string | null,
  replicas: number,
): WorkloadVersion {
  const annotations: Record<string, string> = {
    "deployment.kubernetes.io/desired-replicas": "2",
    "deployment.kubernetes.io/max-replicas": "3",
    "deployment.kubernetes.io/revision": String(rev),
  };
  if (history) annotations["deployment.kubernetes.io/revision-history"] = history;
  const labels = { app: "checkout", "pod-template-hash": HASH[t] };
  return {
    observedAt: s(sec),
    deleted: false,
    state: workloadState({
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name: `checkout-${HASH[t]}`,
        namespace: "rollouts",
        uid: `rs-${t}`,
        generation: 1,
        creationTimestamp: iso(CREATED[t]),
        labels,
        annotations,
        ownerReferences: [
          {
            apiVersion: "apps/v1",
            kind: "Deployment",
            name: "checkout",
            uid: "dep-1",
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        replicas,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: { containers: [{ name: "web", image: IMG[t] }] },
        },
      },
      status: { replicas, readyReplicas: replicas, availableReplicas: replicas },
    }),
  };
}

function deploy(sec: number, t: 3 | 4 | 5, rev: number): WorkloadVersion {
  return {
    observedAt: s(sec),
    deleted: false,
    state: workloadState({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: {
        name: "checkout",
        namespace: "rollouts",
        uid: "dep-1",
        generation: rev,
        creationTimestamp: iso(0),
        annotations: { "deployment.kubernetes.io/revision": String(rev) },
      },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "checkout" } },
        template: {
          metadata: { labels: { app: "checkout" } },
          spec: { containers: [{ name: "web", image: IMG[t] }] },
        },
      },
      status: {
        observedGeneration: rev,
        replicas: 2,
        updatedReplicas: 2,
        readyReplicas: 2,
        availableReplicas: 2,
        conditions: [
          {
            type: "Progressing",
            status: "True",
            reason: "NewReplicaSetAvailable",
            message: `ReplicaSet "checkout-${HASH[t]}" has successfully progressed.`,
            lastUpdateTime: iso(sec),
            lastTransitionTime: iso(sec),
          },
        ],
      },
    }),
  };
}

// Every version the store holds: rev 3 at 0 s, rev 4 at 600 s, rev 5 at 1200 s, undo at 1800 s.
const RS3 = [rs(0, 3, 3, null, 2), rs(610, 3, 3, null, 0)];
const RS4 = [rs(600, 4, 4, null, 2), rs(1210, 4, 4, null, 0), rs(1800, 4, 6, "4", 2)];
const RS5 = [rs(1200, 5, 5, null, 2), rs(1810, 5, 5, null, 0)];
const DEP = [deploy(0, 3, 3), deploy(600, 4, 4), deploy(1200, 5, 5), deploy(1800, 4, 6)];
const owned = (xs: WorkloadVersion[][]): OwnedHistory[] =>
  xs.map((versions) => ({ kind: "ReplicaSet", versions }));
const images = (tl: ReturnType<typeof buildWorkloadTimeline>) =>
  tl.revisions.map((r) => [
    r.number,
    r.name,
    r.firstSeen === null ? null : (r.firstSeen - T0) / 1000,
    r.rollbackOf,
    r.changes?.images.map((i) => `${i.from} → ${i.to}`) ?? null,
  ]);

describe("rollout undo re-uses revision 4's ReplicaSet as revision 6", () => {
  it("with every version: 6 starts at the undo, rolls back 4, changes against 5", () => {
    const tl = buildWorkloadTimeline({
      versions: DEP,
      owned: owned([RS3, RS4, RS5]),
      pods: [],
      now: s(2400),
    });
    expect(images(tl)).toEqual([
      [3, "checkout-7c5d8b9f6", 0, null, null],
      [4, "checkout-86df6ffcf9", 600, null, ["nginx:1.27 → ngnix:1.29"]],
      [5, "checkout-56cf86f7b", 1200, null, ["ngnix:1.29 → nginx:1.29"]],
      [6, "checkout-86df6ffcf9", 1800, 4, ["nginx:1.29 → ngnix:1.29"]],
    ]);
    expect(tl.rollouts.map((r) => [r.from, r.to, r.outcome, r.rollback])).toEqual([
      [null, 3, "complete", false],
      [3, 4, "complete", false],
      [4, 5, "complete", false],
      [5, 6, "complete", true],
    ]);
  });

  // What the store's versionsIn(uid, from) gives for a window starting at 2000 s: each one's
  // version standing then (rev 3's ReplicaSet is kept, scaled to 0, by revisionHistoryLimit).
  const windowed = (rs4: WorkloadVersion) =>
    buildWorkloadTimeline({
      versions: [DEP[3]],
      owned: owned([RS3.slice(1), [rs4], RS5.slice(1)]),
      pods: [],
      now: s(2400),
      window: { from: s(2000), to: s(2400) },
    });
  // The page's Revisions track orders by firstSeen (lib/view/workload-page.ts): the last is live.
  const live = (tl: ReturnType<typeof buildWorkloadTimeline>) =>
    [...tl.revisions].sort((a, b) => a.firstSeen! - b.firstSeen!).at(-1);

  it("a window after the undo: revision-history names 4, 6 starts after 5", () => {
    const tl = windowed(RS4[2]);
    expect(images(tl)).toEqual([
      [3, "checkout-7c5d8b9f6", 0, null, null],
      [4, "checkout-86df6ffcf9", 600, null, ["nginx:1.27 → ngnix:1.29"]],
      [5, "checkout-56cf86f7b", 1200, null, ["ngnix:1.29 → nginx:1.29"]],
      // By its first sighting as 6 at the latest (the version standing at the window's start).
      [6, "checkout-86df6ffcf9", 1800, 4, ["nginx:1.29 → ngnix:1.29"]],
    ]);
    expect(live(tl)).toMatchObject({ number: 6, name: "checkout-86df6ffcf9" });
  });

  it("a window after the undo, no revision-history: 6 still starts after 5", () => {
    const state = structuredClone(RS4[2]);
    delete state.state!.revisionHistory;
    const tl = windowed(state);
    expect(images(tl)).toEqual([
      [3, "checkout-7c5d8b9f6", 0, null, null],
      [5, "checkout-56cf86f7b", 1200, null, ["nginx:1.27 → nginx:1.29"]],
      [6, "checkout-86df6ffcf9", 1800, null, ["nginx:1.29 → ngnix:1.29"]],
    ]);
    expect(live(tl)).toMatchObject({ number: 6, name: "checkout-86df6ffcf9" });
  });

  it("reads revision-history as the ReplicaSet carries it", () => {
    expect(RS4[2].state!.revisionHistory).toEqual([4]);
    expect(RS4[0].state).not.toHaveProperty("revisionHistory");
  });
});
