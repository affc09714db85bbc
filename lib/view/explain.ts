// "Why is it like this?": for a kubectl STATUS, a phase, or a container's waiting / terminated reason,
// what it means, its likely causes and the next commands to run. Facts from docs' pod-lifecycle.md.
import { translate, type Lang, type MessageKey } from "../i18n";
import type { Tz } from "../text/format";
import type { PodTimeline } from "../timeline/types";
import { podEvidence, type Need } from "./evidence";
import { podHeader } from "./pod-summary";

export interface ExplainContext {
  namespace: string;
  pod: string;
  container?: string | null;
  node?: string | null;
  /** Is the subject an init container's (Init:<reason>)? */
  init?: boolean;
  /**
   * false when the server may not read nodes (a namespaced install): commands that read nodes need
   * cluster-wide rights the user likely lacks too, so none is suggested.
   */
  nodesVisible?: boolean;
}

export interface Explanation {
  /** The table entry used (for tests and data attributes). */
  key: string;
  subject: string;
  /** What this pod's own history shows, most telling first (empty for a bare reason). */
  facts: string[];
  meaning: string;
  causes: string[];
  commands: string[];
  /** Nothing is wrong: a healthy state. */
  healthy: boolean;
  /**
   * It is about a run that failed (CrashLoopBackOff, Error, OOMKilled, an exit code or signal, a
   * failed pod or hook: what `kubectl logs --previous` is suggested for), so the run's captured
   * log is worth quoting (lib/view/run-quote.ts).
   */
  aboutFailure: boolean;
}

type Cmd =
  | "describe"
  | "logsPrev"
  | "logs"
  | "events"
  | "node"
  | "nodes"
  | "image"
  | "config"
  | "top"
  | "owner"
  | "probe";
interface Entry {
  /**
   * One per cause, in the order of its messages (`ex.<key>.cause.<n>` in lib/i18n): what must be
   * true of the pod for the cause to fit; null: always.
   */
  causes: (Need | null)[];
  commands: Cmd[];
  healthy?: boolean;
}

// The words are in lib/i18n (`ex.<key>.meaning`, `ex.<key>.cause.<n>`), in both languages.
const E: Record<string, Entry> = {
  Pending: {
    causes: ["unscheduled", "scheduled", "scheduled"],
    commands: ["describe", "events", "nodes"],
  },
  Running: { causes: [], commands: ["describe", "logs"], healthy: true },
  Succeeded: { causes: [], commands: ["logs", "owner"], healthy: true },
  Completed: { causes: [], commands: ["logs", "owner"], healthy: true },
  Failed: { causes: ["exitError", "evicted", null], commands: ["describe", "logsPrev", "events"] },
  Unknown: { causes: [null, null], commands: ["node", "describe", "events"] },
  ContainerCreating: { causes: [null, null, null], commands: ["describe", "events"] },
  PodInitializing: { causes: [null], commands: ["describe", "events"] },
  InitProgress: { causes: [null, null], commands: ["describe", "logs", "events"] },
  ErrImagePull: { causes: [null, null, null], commands: ["describe", "image", "events"] },
  ImagePullBackOff: { causes: [null, null, null], commands: ["describe", "image", "events"] },
  InvalidImageName: { causes: [null], commands: ["image", "describe"] },
  ErrImageNeverPull: { causes: [null], commands: ["image", "describe"] },
  ImageInspectError: { causes: [null], commands: ["describe", "node"] },
  RegistryUnavailable: { causes: [null], commands: ["describe", "events"] },
  CreateContainerConfigError: { causes: [null, null], commands: ["describe", "config", "events"] },
  CreateContainerError: { causes: [null], commands: ["describe", "events"] },
  RunContainerError: { causes: [null, null], commands: ["describe", "events"] },
  PostStartHookError: { causes: [null, null], commands: ["describe", "events", "logsPrev"] },
  CrashLoopBackOff: {
    causes: ["exitError", "liveness", "oom"],
    commands: ["logsPrev", "describe", "events", "probe"],
  },
  Error: { causes: ["exitError", "exitError"], commands: ["logsPrev", "describe"] },
  OOMKilled: { causes: [null, null], commands: ["describe", "top", "logsPrev"] },
  ContainerCannotRun: { causes: [null], commands: ["describe", "image"] },
  DeadlineExceeded: { causes: [null], commands: ["describe", "logs", "owner"] },
  StartError: { causes: [null], commands: ["describe", "events"] },
  ExitCode: { causes: [null], commands: ["logsPrev", "describe"] },
  Signal: { causes: [null], commands: ["describe", "logsPrev", "events"] },
  Terminating: { causes: ["nodeOk", "node", null], commands: ["describe", "events", "node"] },
  NotReady: { causes: ["readiness", "nodeOk", "node"], commands: ["describe", "probe", "events"] },
  NotReadyRunning: {
    causes: ["readiness", "nodeOk", "node"],
    commands: ["describe", "probe", "events"],
  },
  SchedulingGated: { causes: [null], commands: ["describe", "owner"] },
  Unschedulable: { causes: [null, null], commands: ["describe", "nodes", "events"] },
  Evicted: { causes: [null, null], commands: ["describe", "node", "owner"] },
  NodeLost: { causes: [null], commands: ["node", "describe"] },
  UnexpectedAdmissionError: { causes: [null], commands: ["describe", "node"] },
  ContainerStatusUnknown: { causes: [null], commands: ["describe", "node"] },
  Deleted: { causes: [], commands: ["owner", "events"], healthy: true },
  Other: { causes: [null], commands: ["describe", "events"] },
};

/** Table keys every explanation may come from (tests check each has both languages and commands). */
export const EXPLAINED = Object.keys(E);

/** Which entry explains `subject` (a kubectl STATUS, a phase or a container reason); `notReady`: a Running pod whose Ready condition is not True. */
export function entryFor(subject: string, notReady = false): { key: string; init: boolean } {
  let s = subject.trim();
  let init = false;
  if (/^Init:\d+\/\d+$/.test(s)) return { key: "InitProgress", init: true };
  if (s.startsWith("Init:")) {
    init = true;
    s = s.slice(5);
  }
  if (/^ExitCode:-?\d+$/.test(s)) return { key: "ExitCode", init };
  if (/^Signal:\d+$/.test(s)) return { key: "Signal", init };
  if (s === "NotReady") return { key: "NotReady", init };
  if (s === "Running" && notReady) return { key: "NotReadyRunning", init };
  if (s in E && s !== "Other" && s !== "InitProgress") return { key: s, init };
  return { key: "Other", init };
}

const q = (s: string) => (/^[A-Za-z0-9._\-/=:]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);

function command(c: Cmd, ctx: ExplainContext): string | null {
  const ns = `-n ${q(ctx.namespace)}`;
  const pod = q(ctx.pod);
  const container = ctx.container ? ` -c ${q(ctx.container)}` : "";
  switch (c) {
    case "describe":
      return `kubectl describe pod ${pod} ${ns}`;
    case "logsPrev":
      return `kubectl logs ${pod} ${ns}${container} --previous`;
    case "logs":
      return `kubectl logs ${pod} ${ns}${container}`;
    case "events":
      return `kubectl get events ${ns} --field-selector involvedObject.name=${pod} --sort-by=.lastTimestamp`;
    case "node":
      return ctx.node && ctx.nodesVisible !== false
        ? `kubectl describe node ${q(ctx.node)}`
        : `kubectl get pod ${pod} ${ns} -o wide`;
    case "nodes":
      return ctx.nodesVisible === false
        ? null
        : "kubectl describe nodes | grep -A 8 'Allocated resources'";
    case "image":
      return `kubectl get pod ${pod} ${ns} -o jsonpath='{range .spec.initContainers[*]}{.name}{"\\t"}{.image}{"\\n"}{end}{range .spec.containers[*]}{.name}{"\\t"}{.image}{"\\n"}{end}'`;
    case "config":
      return `kubectl get configmaps,secrets ${ns}`;
    case "top":
      return `kubectl top pod ${pod} ${ns} --containers`;
    case "owner":
      return `kubectl get pod ${pod} ${ns} -o jsonpath='{.metadata.ownerReferences[*].kind}/{.metadata.ownerReferences[*].name}'`;
    case "probe":
      return `kubectl get pod ${pod} ${ns} -o jsonpath='{range .spec.containers[*]}{.name}: liveness={.livenessProbe} readiness={.readinessProbe}{"\\n"}{end}'`;
  }
}

const text = (lang: Lang, key: string) => translate(lang, `ex.${key}` as MessageKey);

/** Causes of an entry that fit what is known of the pod (all of them when nothing is known). */
function fitting(key: string, lang: Lang, needs: Set<Need> | undefined): string[] {
  return E[key].causes
    .map((need, i) => ({ need, text: text(lang, `${key}.cause.${i + 1}`) }))
    .filter(({ need }) => !needs || need === null || needs.has(need))
    .map((c) => c.text);
}

/**
 * Explains `subject` (kubectl STATUS, phase or reason). `notReady` marks a Running pod whose Ready
 * condition is not True, which kubectl still prints as Running. `needs`: what is known of the pod
 * (from its evidence), so only the causes that fit are given.
 */
export function explain(
  subject: string,
  ctx: ExplainContext,
  lang: Lang,
  opts: { notReady?: boolean; needs?: Set<Need> } = {},
): Explanation {
  const { key, init } = entryFor(subject, opts.notReady);
  const entry = E[key];
  const meaning = text(lang, `${key}.meaning`);
  let cmds = entry.commands;
  if (opts.needs && !opts.needs.has("probes")) cmds = cmds.filter((c) => c !== "probe");
  const commands = [
    ...new Set(cmds.map((c) => command(c, ctx)).filter((c): c is string => c !== null)),
  ];
  if (!commands.some((c) => c.startsWith("kubectl describe pod")))
    commands.unshift(command("describe", ctx)!);
  return {
    key,
    subject,
    facts: [],
    meaning:
      (init || ctx.init) && key !== "InitProgress" ? text(lang, "initNote") + meaning : meaning,
    causes: fitting(key, lang, opts.needs),
    commands,
    healthy: Boolean(entry.healthy) && !opts.notReady,
    aboutFailure: entry.commands.includes("logsPrev"),
  };
}

/**
 * "Why is it like this?" for a pod now: what its own history shows first (last termination and
 * exit code with the memory limit, the scheduler's message, the failing probe, the node, the image
 * and its pull error), then what its STATUS means, the general causes that fit, and the commands
 * with this pod's names filled in.
 */
export function explainPod(
  tl: PodTimeline,
  lang: Lang,
  opts: { now: number; tz: Tz; nodesVisible?: boolean },
): Explanation & { needs: Set<Need>; container: string | null } {
  const { status, podReady } = podHeader(tl);
  const evidence = podEvidence(tl, lang, opts);
  const ctx: ExplainContext = {
    namespace: tl.namespace,
    pod: tl.name,
    node: tl.node,
    container: evidence.container,
    init: false,
    nodesVisible: opts.nodesVisible,
  };
  const notReady = status === "Running" && !podReady && tl.deletedAt === null;
  const base = explain(status, ctx, lang, { notReady, needs: evidence.needs });
  const causes = [...base.causes];
  const extra: Cmd[] = [];
  let aboutFailure = base.aboutFailure;
  for (const reason of evidence.reasons) {
    const { key } = entryFor(reason);
    if (key === "Other") continue;
    if (E[key].commands.includes("logsPrev")) aboutFailure = true;
    for (const c of fitting(key, lang, evidence.needs)) if (!causes.includes(c)) causes.push(c);
    extra.push(...E[key].commands);
  }
  if (evidence.needs.has("node")) extra.unshift("node");
  if (evidence.needs.has("oom")) extra.push("top");
  const commands = [...base.commands];
  for (const c of extra) {
    const line = command(c, ctx);
    if (line && !commands.includes(line) && !(c === "probe" && !evidence.needs.has("probes")))
      commands.push(line);
  }
  return {
    ...base,
    facts: evidence.facts,
    causes,
    commands,
    healthy: base.healthy && !evidence.trouble,
    aboutFailure,
    needs: evidence.needs,
    container: evidence.container,
  };
}
