// The kubelet's side of `GET /containerLogs/{ns}/{pod}/{container}` (pkg/kubelet/server/server.go
// getContainerLogs → kubelet_pods.go GetKubeletContainerLogs): which instance's log a request reads,
// chosen from the pod status the kubelet reports (validateContainerLogStatus), and the plain-text
// errors it answers, which the API server passes on.
import type { ContainerStatus, Pod, PodStatus } from "../../k8s/types";
import type { ObjectStore } from "../api-server/store";
import type { Clock } from "../clock";
import { ContainerLog } from "../runtime/container-log";

/** A kubelet answer: the instance's log, or an HTTP error with the kubelet's text. */
export type KubeletLogAnswer = { log: ContainerLog } | { code: 400 | 404 | 500; text: string };

/**
 * validateContainerLogStatus: `previous` reads the last terminated instance; otherwise the running
 * one, else the one that just ended, else the one before; a container that never ran waits to start.
 * Returns the containerID to read, or the kubelet's error sentence.
 */
export function validateContainerLogStatus(
  podName: string,
  status: PodStatus | null | undefined,
  container: string,
  previous: boolean,
): { containerID: string } | { error: string } {
  const all: ContainerStatus[] = [
    ...(status?.containerStatuses ?? []),
    ...(status?.initContainerStatuses ?? []),
    ...(status?.ephemeralContainerStatuses ?? []),
  ];
  const c = all.find((s) => s.name === container);
  const who = `container "${container}" in pod "${podName}"`;
  if (!c) return { error: `${who} is not available` };
  const last = c.lastState?.terminated;
  const { waiting, running, terminated } = c.state ?? {};
  if (previous) {
    if (!last?.containerID)
      return {
        error: `previous terminated container "${container}" in pod "${podName}" not found`,
      };
    return { containerID: last.containerID };
  }
  if (running) return { containerID: c.containerID ?? "" };
  if (terminated) {
    if (terminated.containerID) return { containerID: terminated.containerID };
    if (last?.containerID) return { containerID: last.containerID };
    return { error: `${who} is terminated` };
  }
  if (last) {
    if (!last.containerID) return { error: `${who} is terminated` };
    return { containerID: last.containerID };
  }
  if (waiting) {
    if (waiting.reason === "ErrImagePull")
      return { error: `${who} is waiting to start: image can't be pulled` };
    if (waiting.reason === "ImagePullBackOff")
      return { error: `${who} is waiting to start: trying and failing to pull image` };
    return { error: `${who} is waiting to start: ${waiting.reason ?? ""}` };
  }
  return { error: `${who} is waiting to start - no logs yet` };
}

/**
 * A node whose pods no kubelet runs here (light scale pods, scale-set.ts): the instances the pod
 * status names exist but print nothing; the errors are the kubelet's.
 */
export function silentContainerLogs(
  store: ObjectStore,
  clock: Clock,
  namespace: string,
  pod: string,
  container: string,
  previous: boolean,
): KubeletLogAnswer {
  const status = (store.get("pods", namespace, pod) as Pod | undefined)?.status;
  const chosen = validateContainerLogStatus(pod, status, container, previous);
  if ("error" in chosen) return { code: 400, text: chosen.error };
  const log = new ContainerLog(clock, chosen.containerID);
  log.close();
  return { log };
}
