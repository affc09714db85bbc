// Image pulls for one container (pkg/kubelet/images): pull policy, the image already present, pull
// back-off (ImagePullBackOff), ErrImagePull and InvalidImageName, with the kubelet's events.
import { formatGoDuration } from "../../k8s/time";
import type { Clock } from "../clock";
import { lookupImage, type ImageInfo } from "../runtime/images";
import { RELIST_MS, type Run } from "./container-run";

/** What a pull needs from the pod worker; events and waiting reasons are about this container. */
export interface PullHost {
  clock: Clock;
  /** The images on the node. */
  images: Set<string>;
  terminating(): boolean;
  event(reason: string, message: string, type?: "Normal" | "Warning"): void;
  setWaiting(reason: string, message?: string): void;
  /** Sync the pod again at `at`. */
  wake(at: number): void;
  later(ms: number, fn: () => void): void;
  /** The image is there: create the container. */
  create(found: { info: ImageInfo; imageID: string } | undefined): void;
  sync(): void;
  writeStatus(): void;
}

/**
 * Ensures the container's image is on the node, as the kubelet's image manager does: an invalid
 * reference, pull policy Never, a pull in back-off or a failed pull leave the container waiting;
 * otherwise the pull takes its time and the container is created.
 */
export function pullThenStart(r: Run, host: PullHost): void {
  const reference = r.spec.image ?? "";
  const found = lookupImage(reference);
  if (!found.ok && found.reason === "InvalidImageName") {
    if (r.status.state?.waiting?.reason !== "InvalidImageName") {
      host.event("InspectFailed", found.message, "Warning");
      host.event("Failed", "Error: InvalidImageName", "Warning");
      host.setWaiting("InvalidImageName", found.message);
    }
    return;
  }
  const present = found.ok && host.images.has(found.normalized);
  const policy =
    r.spec.imagePullPolicy ??
    (reference.includes(":") && !reference.endsWith(":latest") ? "IfNotPresent" : "Always");
  if (present && policy !== "Always") {
    host.event("Pulled", `Container image "${reference}" already present on machine`);
    return host.create(found.ok ? found : undefined);
  }
  if (policy === "Never") {
    host.setWaiting(
      "ErrImageNeverPull",
      `Container image "${reference}" is not present with pull policy of Never`,
    );
    host.event(
      "ErrImageNeverPull",
      `Container image "${reference}" is not present with pull policy of Never`,
      "Warning",
    );
    host.event("Failed", "Error: ErrImageNeverPull", "Warning");
    return;
  }
  const now = host.clock.now();
  if (r.pullFailedAt !== undefined && r.pull.inBackoffSince(r.pullFailedAt, now)) {
    host.setWaiting("ImagePullBackOff", `Back-off pulling image "${reference}"`);
    host.event("BackOff", `Back-off pulling image "${reference}"`);
    host.event("Failed", "Error: ImagePullBackOff", "Warning");
    return host.wake(r.pull.until(r.pullFailedAt));
  }
  r.busy = true;
  host.event("Pulling", `Pulling image "${reference}"`);
  const pullMs = found.ok ? (present ? 400 : found.info.pullMs) : 1000;
  host.later(pullMs, () => {
    r.busy = false;
    // Deleted meanwhile: the pull finishes, but nothing new starts in a terminating pod.
    if (host.terminating()) return host.sync();
    if (!found.ok) {
      const at = host.clock.now();
      r.pull.next(at, at);
      r.pullFailedAt = at;
      host.event("Failed", `Failed to pull image "${reference}": ${found.message}`, "Warning");
      host.event("Failed", "Error: ErrImagePull", "Warning");
      host.setWaiting("ErrImagePull", `rpc error: code = Unknown desc = ${found.message}`);
      host.writeStatus();
      // The next sync finds the image in back-off.
      return host.wake(at + RELIST_MS);
    }
    host.images.add(found.normalized);
    const took = formatGoDuration(pullMs);
    host.event(
      "Pulled",
      `Successfully pulled image "${reference}" in ${took} (${took} including waiting). Image size: ${found.info.sizeBytes} bytes.`,
    );
    host.create(found);
    host.sync();
  });
}
