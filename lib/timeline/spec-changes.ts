// What changes in a pod's spec after creation, and how far the kubelet has followed:
// metadata.generation against status.observedGeneration (1.33+), and in-place resize (beta 1.33,
// GA 1.35): spec resources (desired) → status allocatedResources (admitted by the kubelet) →
// status resources (applied by the runtime), with the PodResizePending (Deferred / Infeasible)
// and PodResizeInProgress conditions in between. Never throws; O(size of one object) per version.
import type { Container, ContainerStatus, Pod } from "../k8s/types";
import { list } from "./list";
import { byCodeUnits, sortInPlace } from "./sort";
import { parseTime } from "../k8s/time";
import { num, quantities, resourceSet, sameQuantities, sameResourceSet } from "./container-spec";
import { clampTime, Track } from "./track";
import type {
  GenerationInterval,
  Marker,
  ResourceChange,
  ResourceSet,
  ResourcesInterval,
} from "./types";

const RESIZE_CONDITIONS = ["PodResizePending", "PodResizeInProgress"] as const;

/** A comparable text of a quantity map, keys sorted ("" when empty). */
function mapKey(m: Record<string, string> | null): string {
  if (!m) return "";
  const keys = Object.keys(m);
  if (keys.length === 0) return "";
  sortInPlace(keys, byCodeUnits);
  let out = "";
  for (const k of keys) out += `${k}=${m[k]};`;
  return out;
}

const setKey = (s: ResourceSet | null) => (s ? `${mapKey(s.requests)}|${mapKey(s.limits)}` : "");

/** Every quantity that differs between two sets, requests first. */
export function resourceChanges(
  container: string,
  from: ResourceSet | null,
  to: ResourceSet | null,
): ResourceChange[] {
  const out: ResourceChange[] = [];
  for (const field of ["requests", "limits"] as const) {
    const a = from?.[field] ?? {};
    const b = to?.[field] ?? {};
    for (const resource of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      const x = a[resource] ?? null;
      const y = b[resource] ?? null;
      if (x !== y) out.push({ container, resource, field, from: x, to: y });
    }
  }
  return out;
}

/** "app: cpu requests 250m → 500m, memory limits 128Mi → 256Mi". */
export function changesText(changes: ResourceChange[]): string {
  const by = new Map<string, string[]>();
  for (const c of changes) {
    const parts = by.get(c.container) ?? [];
    parts.push(`${c.resource} ${c.field} ${c.from ?? "none"} → ${c.to ?? "none"}`);
    by.set(c.container, parts);
  }
  return [...by].map(([name, parts]) => `${name}: ${parts.join(", ")}`).join("; ");
}

/** A resize marker; it names the container when the changes are all one container's. */
function changeMarker(
  kind: "resize-requested" | "resized",
  at: number,
  message: string,
  changes: ResourceChange[],
): Marker {
  const marker: Marker = { kind, at, message, changes };
  if (changes.every((c) => c.container === changes[0].container))
    marker.container = changes[0].container;
  return marker;
}

interface ContainerResources {
  name: string;
  desired: ResourceSet | null;
  allocated: Record<string, string> | null;
  actual: ResourceSet | null;
  desiredKey: string;
  allocatedKey: string;
  actualKey: string;
  track: Track<ResourcesInterval>;
  /** Whether a status has reported this container (so its allocated/actual are known). */
  reported: boolean;
}

export class SpecChanges {
  private readonly containers = new Map<string, ContainerResources>();
  private readonly generations = new Track<GenerationInterval>();
  private generation: number | null = null;
  private observedGeneration: number | null = null;
  private readonly markers: Marker[] = [];
  /** The last reason of each resize condition while True ("" for none), or null while absent / not True. */
  private readonly resizeState: (string | null)[] = [null, null];

  /** Feeds one version; `start` is the pod's creation (or first sight) for a first version. */
  observe(
    pod: Pod,
    t: number,
    first: boolean,
    previousAt: number | null,
    start: number | null,
  ): void {
    const since = first ? clampTime(start, null, t) : t;
    this.observeGeneration(pod, t, first, since);
    const requested: ResourceChange[] = [];
    const applied: ResourceChange[] = [];
    const spec = pod.spec ?? {};
    const status = pod.status ?? {};
    this.observeSpecs(spec.initContainers, first, since, requested);
    this.observeSpecs(spec.containers, first, since, requested);
    this.observeStatuses(status.initContainerStatuses, first, since, applied);
    this.observeStatuses(status.containerStatuses, first, since, applied);
    if (requested.length > 0)
      this.markers.push(
        changeMarker(
          "resize-requested",
          t,
          `Resize requested: ${changesText(requested)}.`,
          requested,
        ),
      );
    this.observeResizeConditions(pod, t, first, previousAt);
    if (applied.length > 0)
      this.markers.push(changeMarker("resized", t, `Resized: ${changesText(applied)}.`, applied));
  }

  private observeSpecs(
    containers: readonly Container[] | null | undefined,
    first: boolean,
    since: number,
    requested: ResourceChange[],
  ): void {
    for (const c of list(containers)) {
      if (!c || typeof c !== "object" || typeof c.name !== "string") continue;
      const r = this.container(c.name);
      // Hot path: the same quantities as held, compared in place (nothing built).
      if (sameResourceSet(c.resources, r.desired)) continue;
      const desired = resourceSet(c.resources);
      const key = setKey(desired);
      if (key !== r.desiredKey) {
        if (!first && r.track.current)
          requested.push(...resourceChanges(c.name, r.desired, desired));
        r.desired = desired;
        r.desiredKey = key;
        this.reopen(r, since);
      }
    }
  }

  private observeStatuses(
    statuses: readonly ContainerStatus[] | null | undefined,
    first: boolean,
    since: number,
    applied: ResourceChange[],
  ): void {
    for (const cs of list(statuses)) {
      if (!cs || typeof cs !== "object" || typeof cs.name !== "string") continue;
      const known = this.containers.get(cs.name);
      if (cs.allocatedResources == null && cs.resources == null && !known?.reported) continue;
      if (
        known?.reported &&
        sameQuantities(cs.allocatedResources || null, known.allocated) &&
        sameResourceSet(cs.resources, known.actual)
      )
        continue;
      const r = known ?? this.container(cs.name);
      const allocated = cs.allocatedResources ? quantities(cs.allocatedResources) : null;
      const actual = resourceSet(cs.resources);
      const aKey = mapKey(allocated);
      const rKey = setKey(actual);
      if (aKey === r.allocatedKey && rKey === r.actualKey && r.reported) continue;
      if (!first && r.reported && rKey !== r.actualKey && r.actual !== null)
        applied.push(...resourceChanges(cs.name, r.actual, actual));
      r.reported = true;
      r.allocated = allocated && Object.keys(allocated).length > 0 ? allocated : null;
      r.allocatedKey = aKey;
      r.actual = actual;
      r.actualKey = rKey;
      this.reopen(r, since);
    }
  }

  private container(name: string): ContainerResources {
    let r = this.containers.get(name);
    if (!r) {
      r = {
        name,
        desired: null,
        allocated: null,
        actual: null,
        desiredKey: "",
        allocatedKey: "",
        actualKey: "",
        track: new Track<ResourcesInterval>(),
        reported: false,
      };
      this.containers.set(name, r);
    }
    return r;
  }

  private reopen(r: ContainerResources, at: number): void {
    if (r.desired === null && r.allocated === null && r.actual === null && !r.track.current) return;
    // The track moves a start that would go backwards up to the open interval's.
    r.track.open({
      start: at,
      end: null,
      desired: r.desired,
      allocated: r.allocated,
      actual: r.actual,
    });
  }

  private observeGeneration(pod: Pod, t: number, first: boolean, since: number): void {
    const generation = num(pod.metadata?.generation);
    const observed = num(pod.status?.observedGeneration);
    if (generation === this.generation && observed === this.observedGeneration) return;
    if (!first && generation !== null && this.generation !== null && generation > this.generation) {
      this.markers.push({
        kind: "spec-changed",
        at: t,
        message: `Spec changed: generation ${this.generation} → ${generation}.`,
        generation: { from: this.generation, to: generation },
      });
    }
    this.generation = generation;
    this.observedGeneration = observed;
    if (generation === null && observed === null && !this.generations.current) return;
    this.generations.open({ start: since, end: null, generation, observedGeneration: observed });
  }

  private observeResizeConditions(
    pod: Pod,
    t: number,
    first: boolean,
    previousAt: number | null,
  ): void {
    const conditions = list(pod.status?.conditions);
    for (let i = 0; i < RESIZE_CONDITIONS.length; i++) {
      const type = RESIZE_CONDITIONS[i];
      let found: (typeof conditions)[number] | undefined;
      for (const c of conditions) if (c?.type === type) found = c;
      const reason =
        found && found.status === "True"
          ? typeof found.reason === "string"
            ? found.reason
            : ""
          : null;
      if (reason === this.resizeState[i]) continue;
      this.resizeState[i] = reason;
      if (reason === null || !found) continue;
      // The transition time when it is news since the previous version; otherwise when seen.
      const transition = parseTime(found.lastTransitionTime);
      const at =
        transition !== null && (first || (previousAt !== null && transition > previousAt))
          ? Math.min(transition, t)
          : t;
      const message =
        typeof found.message === "string" && found.message
          ? found.message
          : type === "PodResizePending"
            ? `Resize pending${reason ? ` (${reason})` : ""}.`
            : "Resize in progress.";
      const marker: Marker = {
        kind: type === "PodResizePending" ? "resize-pending" : "resize-in-progress",
        at,
        message,
      };
      if (reason) marker.reason = reason;
      this.markers.push(marker);
    }
  }

  /** Markers so far: copies, or this object's own when `own` (it is not fed again). */
  builtMarkers(own: boolean): Marker[] {
    return own ? this.markers : this.markers.map((m) => ({ ...m }));
  }

  /** The generation intervals themselves (the caller copies them when it must). */
  generationItems(): GenerationInterval[] {
    return this.generations.items;
  }

  /** A container's resources intervals themselves (the caller copies them), or a new empty list. */
  resourceItems(name: string): ResourcesInterval[] {
    return this.containers.get(name)?.track.items ?? [];
  }
}
