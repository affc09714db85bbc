// The Deployment's claim on ReplicaSets, as kube's getReplicaSetsForDeployment makes it through
// ControllerRefManager.ClaimReplicaSets (pkg/controller/controller_ref_manager.go ClaimObject):
// an orphan its selector matches is adopted (a controller reference added), one it controls whose
// labels no longer match is released (its reference removed). Neither happens to an object being
// deleted, nor while the Deployment itself is being deleted (canAdopt's RecheckDeletionTimestamp).
import { selectorFromObject } from "../api-server/selectors";
import type { KubeObject, ObjectStore } from "../api-server/store";
import type { LabelSelectorObject } from "../../k8s/label-selector";
import type { OwnerIndex } from "./owner-index";

export function claimReplicaSets(store: ObjectStore, index: OwnerIndex, d: KubeObject): void {
  const uid = d.metadata.uid;
  const sel = (d.spec as { selector?: LabelSelectorObject } | undefined)?.selector;
  // An empty selector selects everything; kube's syncDeployment refuses it before claiming.
  const empty =
    !sel || (!Object.keys(sel.matchLabels ?? {}).length && !sel.matchExpressions?.length);
  if (!uid || empty || d.metadata.deletionTimestamp) return;
  const match = selectorFromObject(sel);
  const ref = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    name: d.metadata.name,
    uid,
    controller: true,
    blockOwnerDeletion: true,
  };
  const write = (
    rs: KubeObject,
    change: (refs: NonNullable<KubeObject["metadata"]["ownerReferences"]>) => typeof refs,
  ) => {
    const next = store.mutate("replicasets", rs.metadata.namespace, rs.metadata.name, (copy) => {
      if (copy.metadata.uid !== rs.metadata.uid || copy.metadata.deletionTimestamp) return false;
      const refs = change(copy.metadata.ownerReferences ?? []);
      if (refs.length) copy.metadata.ownerReferences = refs;
      else delete copy.metadata.ownerReferences;
    });
    if (next) index.file(next);
  };
  for (const rs of index.orphansIn(d.metadata.namespace))
    if (!rs.metadata.deletionTimestamp && match(rs)) write(rs, (refs) => [...refs, ref]);
  for (const rs of index.controlledBy(d))
    if (!rs.metadata.deletionTimestamp && !match(rs))
      write(rs, (refs) => refs.filter((r) => !(r.controller && r.uid === uid)));
}
