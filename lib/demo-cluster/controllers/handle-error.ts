// A controller's round goes on past one object it cannot handle, as client-go's
// utilruntime.HandleError lets a kube controller log a sync error and go on with the next key: a
// malformed object must not end the demo cluster (and, embedded, the Lifeline server with it).
import { log } from "../../log/logger";
import type { KubeObject } from "../api-server/store";

/** Runs `reconcile` for each owner; an error is logged with the object it came from, and the round goes on. */
export function reconcileEach(
  controller: string,
  owners: readonly KubeObject[],
  reconcile: (owner: KubeObject) => void,
): void {
  for (const owner of owners) {
    try {
      reconcile(owner);
    } catch (err) {
      log.error(
        { err, controller, namespace: owner.metadata?.namespace, name: owner.metadata?.name },
        `demo cluster: the ${controller} controller could not sync ${owner.metadata?.namespace ?? ""}/${owner.metadata?.name ?? "?"}; it goes on with the others`,
      );
    }
  }
}
