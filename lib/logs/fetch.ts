// The capture's fetcher against a real API server (or the demo cluster): GET …/pods/{name}/log.
import type { KubeClient } from "../kube/client";
import type { LogFetcher } from "./capture";

export function kubeLogFetcher(client: KubeClient): LogFetcher {
  return (r) =>
    client.text(
      `/api/v1/namespaces/${encodeURIComponent(r.namespace)}/pods/${encodeURIComponent(r.pod)}/log`,
      {
        container: r.container,
        ...(r.previous ? { previous: "true" } : {}),
        tailLines: String(r.tailLines),
        limitBytes: String(r.limitBytes),
      },
      r.limitBytes,
      AbortSignal.timeout(30_000),
    );
}
