// The pipeline's log capture (lib/live/live.ts holds it): LIFELINE_LOGS and the rest read here,
// fetched through the pipeline's own client, kept in its history store.
import type { KubeClient } from "../kube/client";
import { log } from "../log/logger";
import type { HistoryStore } from "../store/history-store";
import { LogCapture } from "./capture";
import { kubeLogFetcher } from "./fetch";
import { logSettingsFrom } from "./settings";

/** null when LIFELINE_LOGS=off; throws the sentence of a bad setting. */
export function logCaptureFor(
  env: Record<string, string | undefined>,
  client: KubeClient,
  store: HistoryStore,
  now: () => number,
): LogCapture | null {
  const settings = logSettingsFrom(env);
  if (settings.mode === "off") return null;
  return new LogCapture({
    settings,
    fetch: kubeLogFetcher(client),
    tails: store.logs,
    now,
    log: (level, line, fields) => log[level](fields ?? {}, line),
  });
}
