// What the garbage collector (pkg/controller/garbagecollector) does once an owner is gone, done
// at once instead of from its graph: with Background (or Foreground) propagation every dependent
// (an object whose ownerReferences name the owner's uid) is deleted too, and theirs in turn (a
// Deployment's ReplicaSets, then their pods, which terminate gracefully); with Orphan the
// dependents stay and lose that ownerReference.
import { RESOURCES } from "./resources";
import type { KubeObject, ObjectStore } from "./store";

const NAMESPACED = [...new Set(RESOURCES.filter((r) => r.namespaced).map((r) => r.storage))];

export function collectDependents(
  store: ObjectStore,
  owner: KubeObject,
  policy: string | undefined,
  deletePod: (pod: KubeObject) => void,
): void {
  const uid = owner.metadata.uid;
  if (!uid) return;
  for (const storage of NAMESPACED) {
    for (const o of store.list(storage, owner.metadata.namespace)) {
      if (!o.metadata.ownerReferences?.some((r) => r.uid === uid)) continue;
      if (policy === "Orphan") {
        store.mutate(storage, o.metadata.namespace, o.metadata.name, (copy) => {
          copy.metadata.ownerReferences = copy.metadata.ownerReferences!.filter(
            (r) => r.uid !== uid,
          );
          if (!copy.metadata.ownerReferences.length) delete copy.metadata.ownerReferences;
        });
      } else if (storage === "pods") deletePod(o);
      else {
        const gone = store.remove(storage, o.metadata.namespace, o.metadata.name);
        if (gone) collectDependents(store, gone, policy, deletePod);
      }
    }
  }
}
