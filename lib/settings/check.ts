// At boot (instrumentation.ts): settings that can never work end the start with one sentence, instead
// of a process that stays up, never ready, saying why on every probe. Each setting is read by the
// parser its own module uses, so this check and the pipeline cannot disagree.
import { demoOptionsFrom } from "../live/demo-options";
import { unreachableAfterFrom } from "../live/reachability";
import { log } from "../log/logger";
import { logSettingsFrom } from "../logs/settings";
import { metricsPortFrom } from "../metrics/server";
import { namespaceParam } from "../routes/params";
import { retentionFrom } from "../store/retention";
import { snapshotRetentionFrom } from "../store/snapshots";
import { pendingBoundFrom } from "../store/write-queue";

type Env = Record<string, string | undefined>;

function namespaceList(env: Env, name: string): void {
  for (const ns of (env[name] ?? "").split(",").map((n) => n.trim()))
    if (ns) namespaceParam(ns, `${name}:`);
}

const CHECKS: ((env: Env) => unknown)[] = [
  retentionFrom,
  snapshotRetentionFrom,
  unreachableAfterFrom,
  pendingBoundFrom,
  demoOptionsFrom,
  metricsPortFrom,
  logSettingsFrom,
  (env) => namespaceList(env, "LIFELINE_NAMESPACES"),
  (env) => namespaceList(env, "LIFELINE_DEMO_NAMESPACES_ONLY"),
];

/** The sentence of the first setting that can never work, or null when all of them can. */
export function settingsProblem(env: Env): string | null {
  for (const check of CHECKS) {
    try {
      check(env);
    } catch (err) {
      return (err as Error).message;
    }
  }
  return null;
}

export function checkSettingsOrExit(env: Env = process.env): void {
  const problem = settingsProblem(env);
  if (problem === null) return;
  log.error(`not starting. ${problem}`);
  process.exit(1);
}
