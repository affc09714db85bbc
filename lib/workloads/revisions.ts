// A workload's revisions from the objects that carry them: a Deployment's ReplicaSets (their
// `deployment.kubernetes.io/revision`), a StatefulSet's or DaemonSet's ControllerRevisions (their
// `.revision`). `kubectl rollout undo` reuses the old ReplicaSet or ControllerRevision and gives it
// the next number (deployment/sync.go getNewReplicaSet, history.go for the others), so one object
// may carry several revisions over time: each is listed, the later ones with `rollbackOf`.
// Pure; never throws.
import { parseTime } from "../k8s/time";
import type { OwnedHistory, QuantityChange, Revision, TemplateChanges } from "./types";
import type { ContainerSummary, TemplateSummary, WorkloadState } from "./workload-state";

/** One owned object with its numbers over time. */
export interface RevisionOwner {
  kind: string | null;
  name: string;
  uid: string | null;
  hash: string | null;
  createdAt: number | null;
  deletedAt: number | null;
  /** The latest state seen. */
  state: WorkloadState | null;
  /**
   * Each revision number it carried, from when (observedAt; the first from creation, unless its
   * revision-history says it had numbers before the versions given: then from its first sighting).
   * `seen`: the first version given that shows it. `previous`: the number before, where no
   * version given shows it (revision-history's last).
   */
  numbers: {
    number: number;
    from: number;
    seen: number;
    changeCause: string | null;
    previous?: number;
  }[];
  template: TemplateSummary | null;
}

const sorted = <T extends { observedAt: number }>(xs: T[]) =>
  xs
    .filter((v) => v && typeof v === "object" && Number.isFinite(v.observedAt))
    .sort((a, b) => a.observedAt - b.observedAt);

/** The owned histories as owners: name, hash, creation and the numbers each carried. */
export function revisionOwners(owned: OwnedHistory[] | null | undefined): RevisionOwner[] {
  const out: RevisionOwner[] = [];
  for (const h of Array.isArray(owned) ? owned : []) {
    if (!h || typeof h !== "object") continue;
    const versions = sorted(Array.isArray(h.versions) ? h.versions : []);
    const states = versions.map((v) => v.state).filter((s): s is WorkloadState => !!s);
    const last = states[states.length - 1] ?? null;
    const name = (typeof h.name === "string" && h.name) || last?.name;
    if (!name) continue;
    const createdAt = parseTime(last?.creationTimestamp) ?? versions[0]?.observedAt ?? null;
    const gone = versions.find((v) => v.deleted);
    const owner: RevisionOwner = {
      kind: h.kind ?? last?.kind ?? null,
      name,
      uid: h.uid ?? last?.uid ?? null,
      // A ControllerRevision's own label; a StatefulSet's pods name the whole revision instead.
      hash: last?.templateHash ?? null,
      createdAt,
      deletedAt: gone ? gone.observedAt : null,
      state: last,
      numbers: [],
      template: [...states].reverse().find((s) => s.template)?.template ?? null,
    };
    for (const v of versions) {
      const n = v.state?.revision;
      if (typeof n !== "number" || !Number.isFinite(n)) continue;
      const prev = owner.numbers[owner.numbers.length - 1];
      if (prev && prev.number === n) continue;
      // Re-used before the first version given (a window starting after kubectl rollout undo):
      // this number began after creation, by this sighting at the latest. With one number before
      // it, that one is known from creation on (the ReplicaSet's template is the same).
      const before = prev ? [] : (v.state?.revisionHistory ?? []).filter((x) => x < n);
      const created = Math.min(createdAt ?? v.observedAt, v.observedAt);
      if (before.length === 1)
        owner.numbers.push({
          number: before[0],
          from: created,
          seen: v.observedAt,
          changeCause: null,
        });
      owner.numbers.push({
        number: n,
        from: prev || before.length ? v.observedAt : created,
        seen: v.observedAt,
        changeCause: v.state?.changeCause ?? null,
        ...(before.length > 1 ? { previous: before[before.length - 1] } : {}),
      });
    }
    out.push(owner);
  }
  return out;
}

/** The owner's number at `t` (the last it took by then), else its first. */
export function numberAt(o: RevisionOwner, t: number): number | null {
  let n: number | null = o.numbers[0]?.number ?? null;
  for (const x of o.numbers) if (x.from <= t) n = x.number;
  return n;
}

const key = (c: ContainerSummary) => `${c.kind === "main" ? "" : `${c.kind}:`}${c.name}`;

function quantityChanges(
  container: string,
  field: "requests" | "limits",
  a: Record<string, string>,
  b: Record<string, string>,
): QuantityChange[] {
  const out: QuantityChange[] = [];
  const names = [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])].sort();
  for (const r of names) {
    const from = a?.[r] ?? null;
    const to = b?.[r] ?? null;
    if (from !== to) out.push({ container, field, resource: r, from, to });
  }
  return out;
}

/** What changed from template `a` to `b`: images, containers, env names, resources, restartedAt, else "other fields". */
export function templateChanges(
  a: TemplateSummary | null | undefined,
  b: TemplateSummary | null | undefined,
): TemplateChanges | null {
  if (!a || !b) return null;
  const before = new Map((Array.isArray(a.containers) ? a.containers : []).map((c) => [key(c), c]));
  const after = new Map((Array.isArray(b.containers) ? b.containers : []).map((c) => [key(c), c]));
  const out: TemplateChanges = {
    images: [],
    containersAdded: [...after.keys()].filter((k) => !before.has(k)),
    containersRemoved: [...before.keys()].filter((k) => !after.has(k)),
    env: [],
    resources: [],
    restartedAt:
      (a.restartedAt ?? null) !== (b.restartedAt ?? null)
        ? { from: a.restartedAt ?? null, to: b.restartedAt ?? null }
        : null,
    otherFields: false,
  };
  for (const [k, c] of after) {
    const p = before.get(k);
    if (!p) continue;
    if ((p.image ?? null) !== (c.image ?? null))
      out.images.push({ container: c.name, from: p.image ?? null, to: c.image ?? null });
    const pe = new Set(Array.isArray(p.envNames) ? p.envNames : []);
    const ce = new Set(Array.isArray(c.envNames) ? c.envNames : []);
    const added = [...ce].filter((n) => !pe.has(n));
    const removed = [...pe].filter((n) => !ce.has(n));
    if (added.length || removed.length) out.env.push({ container: c.name, added, removed });
    out.resources.push(
      ...quantityChanges(c.name, "requests", p.requests, c.requests),
      ...quantityChanges(c.name, "limits", p.limits, c.limits),
    );
  }
  const listed =
    out.images.length +
    out.containersAdded.length +
    out.containersRemoved.length +
    out.env.length +
    out.resources.length +
    (out.restartedAt ? 1 : 0);
  out.otherFields = listed === 0 && a.digest !== b.digest;
  return out;
}

/**
 * Every revision the owners carried, in the order each became current (a number only grows, so
 * that is also by number); changes against the revision it replaced.
 */
export function revisionsOf(owners: RevisionOwner[]): Revision[] {
  const rows: {
    owner: RevisionOwner;
    n: RevisionOwner["numbers"][number];
    i: number;
    start: number;
  }[] = [];
  for (const owner of owners)
    owner.numbers.forEach((n, i) =>
      rows.push({
        owner,
        n,
        i,
        start: i === 0 && n.previous === undefined ? (owner.createdAt ?? n.from) : n.from,
      }),
    );
  // Without revision-history, an owner whose first number is above that of an owner created after
  // it took that number later (rollout undo): not from its creation, from its first sighting.
  for (const r of rows)
    if (
      r.i === 0 &&
      rows.some(
        (x) =>
          x.owner !== r.owner &&
          x.n.number < r.n.number &&
          (x.owner.createdAt ?? -Infinity) > (r.owner.createdAt ?? Infinity),
      )
    )
      r.start = Math.max(r.start, r.n.seen);
  rows.sort((x, y) => x.n.number - y.n.number || x.start - y.start);
  const out: Revision[] = [];
  let prevTemplate: TemplateSummary | null = null;
  for (const { owner, n, i, start } of rows) {
    out.push({
      number: n.number,
      name: owner.name,
      uid: owner.uid,
      hash: owner.hash,
      firstSeen: start,
      changeCause: n.changeCause,
      rollbackOf: i > 0 ? owner.numbers[i - 1].number : (n.previous ?? null),
      changes: out.length ? templateChanges(prevTemplate, owner.template) : null,
    });
    prevTemplate = owner.template;
  }
  return out;
}
