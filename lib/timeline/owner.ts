import type { OwnerReference } from "../k8s/types";
import { list } from "./list";
import type { Owner } from "./types";

/**
 * The controller among a pod's owners (else the first one that names itself); `held` is returned
 * when it names the same owner, so the per-update path allocates nothing.
 */
export function ownerOf(refs: unknown, held: Owner | null): Owner | null {
  let found: OwnerReference | null = null;
  for (const o of list(refs as OwnerReference[] | null)) {
    if (!o || typeof o.kind !== "string" || typeof o.name !== "string") continue;
    if (o.controller === true) {
      found = o;
      break;
    }
    if (found === null) found = o;
  }
  if (found === null) return null;
  if (held !== null && held.kind === found.kind && held.name === found.name) return held;
  return { kind: found.kind!, name: found.name! };
}
