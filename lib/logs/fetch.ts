// The capture's fetcher against a real API server (or the demo cluster): GET …/pods/{name}/log,
// with timestamps=true as `kubectl logs --timestamps`: each line starts with the kubelet's
// RFC3339Nano time and a space (lib/text/log-stamp.ts), counted in limitBytes as the kubelet does.
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
        timestamps: "true",
      },
      r.limitBytes,
      AbortSignal.timeout(30_000),
    );
}
