// What this pod's own history shows, in sentences: the first part of "Why is it like this?".
// Read from the timeline model only (runs, waiting, probes, markers, conditions, the node's Ready,
// the spec's limits), so the general causes and commands that follow can be the ones that fit.
import { isolate, isolateVars } from "../text/bidi";
import { translate, type Lang, type MessageKey, type Vars } from "../i18n";
import type { ContainerTimeline, Marker, PodTimeline, ProbeType, Run } from "../timeline/types";
import { formatTime, type Tz } from "../text/format";

/** What a general cause needs to be true of the pod for it to be worth saying. */
export type Need =
  | "liveness"
  | "readiness"
  | "startup"
  | "probes"
  | "oom"
  | "exitError"
  | "node"
  | "nodeOk"
  | "unscheduled"
  | "scheduled"
  | "evicted";

export interface Evidence {
  /** Sentences about this pod, most telling first. */
  facts: string[];
  needs: Set<Need>;
  /** The container the facts are mostly about (fills -c in the commands). */
  container: string | null;
  /** Reasons (OOMKilled, Error, Evicted …) whose own table entries add causes. */
  reasons: string[];
  /** Something went wrong (even if the pod runs now). */
  trouble: boolean;
}

const QUIET_WAITING = new Set(["ContainerCreating", "PodInitializing"]);
const PULL = new Set([
  "ErrImagePull",
  "ImagePullBackOff",
  "ErrImageNeverPull",
  "RegistryUnavailable",
  "ImageInspectError",
]);
const MAX_QUOTE = 300;

/** Cluster text for a quotation: whitespace folded, long texts cut. */
export function quote(text: string | null | undefined): string {
  const s = (text ?? "").replace(/\s+/g, " ").trim();
  // Cluster text: isolated, so a direction control in it does not turn our sentence around.
  return isolate(s.length > MAX_QUOTE ? `${s.slice(0, MAX_QUOTE - 1)}…` : s);
}

/** A run that ended by a failure: OOMKilled, a non-zero exit code, or a signal. */
export const runFailed = (r: Run) =>
  r.reason === "OOMKilled" || (r.exitCode !== null ? r.exitCode !== 0 : r.signal !== null);
const oom = (r: Run) => r.reason === "OOMKilled";
const code = (r: Run): number | string => r.exitCode ?? (r.signal !== null ? 128 + r.signal : "?");

export function podEvidence(tl: PodTimeline, lang: Lang, opts: { now: number; tz: Tz }): Evidence {
  const t = (key: MessageKey, vars?: Vars) => translate(lang, key, vars && isolateVars(vars));
  const at = (ms: number) => formatTime(ms, opts.tz);
  const facts: string[] = [];
  const needs = new Set<Need>();
  const reasons: string[] = [];
  let container: string | null = null;
  let trouble = false;
  const open = (type: string) => tl.conditions.filter((c) => c.type === type).at(-1);
  const gone = tl.deletedAt !== null;
  const phase = tl.phases.at(-1)?.phase ?? null;
  const terminal = phase === "Succeeded" || phase === "Failed" || gone;

  for (const c of tl.containers) {
    if (c.probeConfig.liveness) needs.add("liveness");
    if (c.probeConfig.readiness) needs.add("readiness");
    if (c.probeConfig.startup) needs.add("startup");
  }
  if (needs.has("liveness") || needs.has("readiness") || needs.has("startup")) needs.add("probes");

  // Scheduling: the scheduler's own sentence.
  const scheduled = open("PodScheduled");
  if (scheduled && scheduled.status === "False" && scheduled.end === null && !gone) {
    needs.add("unscheduled");
    trouble = true;
    facts.push(
      t("ev.unschedulable", {
        t: at(scheduled.start),
        message: quote(scheduled.message ?? scheduled.reason),
      }),
    );
    const asks = tl.containers.filter(
      (c) => c.specResources && Object.keys(c.specResources.requests).length > 0,
    );
    const list = asks
      .map(
        (c) =>
          Object.entries(c.specResources!.requests)
            .map(([k, v]) => `${k} ${v}`)
            .join(", ") + (asks.length > 1 ? ` (${c.name})` : ""),
      )
      .join("; ");
    if (list) facts.push(t("ev.requests", { list }));
  } else if (tl.node) needs.add("scheduled");

  // The node: its Ready condition when known, else the NodeNotReady event on the pod.
  if (!gone) {
    const nr = tl.nodeReady;
    if (nr && nr.status !== "True") {
      needs.add("node");
      trouble = true;
      facts.push(
        t("ev.node.state", {
          node: nr.node,
          status: nr.status,
          t: nr.since !== null ? at(nr.since) : "?",
          why: nr.message
            ? t("ev.node.message", { message: quote(nr.message) })
            : nr.reason
              ? t("ev.why", { reason: nr.reason })
              : "",
        }),
      );
    } else if (!nr && tl.node) {
      const lost = tl.markers.filter((m) => m.kind === "node-lost").at(-1);
      const readyAgain = tl.conditions.some(
        (c) => c.type === "Ready" && c.status === "True" && lost && c.start > lost.at,
      );
      if (lost && !readyAgain) {
        needs.add("node");
        trouble = true;
        facts.push(
          t("ev.node.event", { node: tl.node, t: at(lost.at), message: quote(lost.message) }),
        );
      }
    }
  }
  if (!needs.has("node") && tl.node) needs.add("nodeOk");

  // Disruption (eviction by the kubelet, deletion by the taint manager, preemption …).
  const disruption = open("DisruptionTarget");
  if (disruption && disruption.status === "True") {
    trouble = true;
    if (disruption.reason === "TerminationByKubelet") {
      needs.add("evicted");
      reasons.push("Evicted");
    }
    facts.push(
      t("ev.disruption", {
        t: at(disruption.start),
        reason: disruption.reason ?? "?",
        message: quote(disruption.message),
      }),
    );
  }

  // Terminating and not gone yet.
  const tm = tl.terminating;
  if (tm && tm.end === null && !gone && tm.gracePeriodSeconds !== null && tm.deadline !== null) {
    trouble = true;
    facts.push(
      t(opts.now > tm.deadline ? "ev.terminating.over" : "ev.terminating.running", {
        t: at(tm.start),
        s: tm.gracePeriodSeconds,
        deadline: at(tm.deadline),
      }),
    );
  }

  // Containers, init ones first (they block the rest).
  let containerFacts = 0;
  for (const c of tl.containers) {
    const said = containerEvidence(c, tl.markers, terminal, t, at);
    if (!said) continue;
    if (said.trouble) trouble = true;
    for (const n of said.needs) needs.add(n);
    for (const r of said.reasons) if (!reasons.includes(r)) reasons.push(r);
    if (said.trouble && container === null) container = c.name;
    if (containerFacts >= 3) continue;
    facts.push(...said.facts);
    containerFacts++;
  }

  if (gone) facts.push(t("ev.deleted", { t: at(tl.deletedAt!) }));

  // Nothing went wrong with a container: say where the pod stands.
  if (containerFacts === 0 && !gone && !terminal && !needs.has("unscheduled")) {
    const inits = tl.containers.filter((c) => c.kind === "init");
    const i = inits.findIndex((c) => c.runs.at(-1)?.end === null && c.runs.length > 0);
    const ready = open("Ready");
    if (i >= 0) {
      facts.push(
        t("ev.initRunning", {
          who: who(inits[i], t),
          i: i + 1,
          n: inits.length,
          t: at(inits[i].runs.at(-1)!.start),
        }),
      );
      container ??= inits[i].name;
    } else if (ready && ready.status !== "True") {
      trouble = true;
      const why = ready.reason
        ? t("ev.why", {
            reason: ready.message ? `${ready.reason}: ${quote(ready.message)}` : ready.reason,
          })
        : "";
      facts.push(t("ev.notReady", { t: at(ready.start), why }));
    } else if (ready && ready.status === "True") {
      facts.push(
        t("ev.ready", {
          n: tl.containers.filter((c) => c.kind !== "init").length,
          t: at(ready.start),
        }),
      );
    }
  }
  if (facts.length === 0) facts.push(t("ev.none"));
  return {
    facts,
    needs,
    container: container ?? tl.containers.find((c) => c.kind === "main")?.name ?? null,
    reasons,
    trouble,
  };
}

const times = (n: number, t: (key: MessageKey, vars?: Vars) => string) =>
  n === 1 ? t("ev.once") : t("ev.times", { n });

function who(c: ContainerTimeline, t: (key: MessageKey, vars?: Vars) => string): string {
  return t(`ev.who.${c.kind}` as MessageKey, { c: c.name });
}

/** The probe a kill marker names ("… failed liveness probe, will be restarted"). */
function killedBy(m: Marker, c: ContainerTimeline): ProbeType {
  const named = /failed (liveness|startup) probe/i.exec(m.message)?.[1]?.toLowerCase();
  return (named as ProbeType | undefined) ?? (c.probeConfig.liveness ? "liveness" : "startup");
}

function containerEvidence(
  c: ContainerTimeline,
  markers: Marker[],
  terminal: boolean,
  t: (key: MessageKey, vars?: Vars) => string,
  at: (ms: number) => string,
): { facts: string[]; needs: Need[]; reasons: string[]; trouble: boolean } | null {
  const facts: string[] = [];
  const needs: Need[] = [];
  const reasons: string[] = [];
  const w = who(c, t);
  const lastWait = c.waiting.at(-1);
  const waiting =
    lastWait && lastWait.end === null && !QUIET_WAITING.has(lastWait.reason) ? lastWait : null;
  const openRun = c.runs.at(-1)?.end === null ? c.runs.at(-1)! : null;
  const finished = c.runs.filter(
    (r) => r.end !== null && (r.exitCode !== null || r.signal !== null || r.reason !== null),
  );
  const last = finished.at(-1) ?? null;
  const kills = markers.filter((m) => m.kind === "probe-kill" && m.container === c.name);
  const hooks = markers.filter(
    (m) => m.kind === "hook-failed" && m.container === c.name && !/^Error: /.test(m.message),
  );
  const trouble =
    waiting !== null ||
    (last !== null && runFailed(last)) ||
    kills.length > 0 ||
    hooks.length > 0 ||
    c.restartCount > 0;
  const probeFailures = c.probes.filter((p) => p.outcome === "failure");
  if (!trouble && !(terminal && last) && probeFailures.length === 0) return null;

  // Why it waits: the image and its pull error, the configuration, any other reason.
  if (waiting && PULL.has(waiting.reason)) {
    const pullError =
      [...c.waiting].reverse().find((x) => x.reason === "ErrImagePull" && x.message)?.message ??
      markers
        .filter(
          (m) =>
            m.kind === "pull-failed" &&
            m.container === c.name &&
            m.message.startsWith("Failed to pull"),
        )
        .at(-1)?.message ??
      waiting.message;
    facts.push(t("ev.pull", { who: w, image: c.image ?? "?", message: quote(pullError) }));
  } else if (waiting && waiting.reason === "InvalidImageName") {
    facts.push(
      t("ev.invalidImage", { who: w, image: c.image ?? "?", message: quote(waiting.message) }),
    );
  } else if (waiting && waiting.reason === "CreateContainerConfigError") {
    facts.push(t("ev.config", { who: w, message: quote(waiting.message) }));
  } else if (waiting && waiting.reason !== "CrashLoopBackOff") {
    facts.push(
      waiting.message
        ? t("ev.waiting", {
            who: w,
            reason: waiting.reason,
            t: at(waiting.start),
            message: quote(waiting.message),
          })
        : t("ev.waiting.bare", { who: w, reason: waiting.reason, t: at(waiting.start) }),
    );
  }

  // How its runs ended: the last one, and how many before it ended the same way.
  if (
    last &&
    (runFailed(last) || c.restartCount > 0 || terminal || waiting?.reason === "CrashLoopBackOff")
  ) {
    let n = 0;
    for (
      let i = finished.length - 1;
      i >= 0 && finished[i].reason === last.reason && code(finished[i]) === code(last);
      i--
    )
      n++;
    if (oom(last)) {
      const limit = c.specResources?.limits.memory;
      const mem = limit ? t("ev.mem.limit", { limit }) : t("ev.mem.none");
      facts.push(
        n > 1
          ? t("ev.oom.many", { who: w, code: code(last), n, mem })
          : t("ev.oom.one", {
              who: w,
              code: code(last),
              attempt: last.attempt,
              t: at(last.end!),
              mem,
            }),
      );
    } else {
      const why = last.reason ? t("ev.why", { reason: last.reason }) : "";
      facts.push(
        n > 1
          ? t("ev.exit.many", { who: w, code: code(last), why, n })
          : t("ev.exit.one", {
              who: w,
              code: code(last),
              why,
              attempt: last.attempt,
              t: at(last.end!),
            }),
      );
    }
    if (oom(last) || finished.some(oom)) needs.push("oom");
    if (finished.some((r) => !oom(r) && r.exitCode !== null && r.exitCode > 0 && r.exitCode < 128))
      needs.push("exitError");
    if (runFailed(last))
      reasons.push(
        oom(last)
          ? "OOMKilled"
          : last.reason === "Error" || last.reason === null
            ? "Error"
            : last.reason,
      );
  } else if (!last && (c.restartCount > 0 || waiting?.reason === "CrashLoopBackOff")) {
    // It has ended before, but no run says how: every way of ending still fits.
    needs.push("oom", "exitError");
  }

  // The probe that killed it, or that fails without killing.
  const killedFor = new Set<ProbeType>();
  if (kills.length > 0) {
    const probe = killedBy(kills.at(-1)!, c);
    killedFor.add(probe);
    const lastFailure = probeFailures.filter((p) => p.probe === probe).at(-1);
    const cfg = c.probeConfig[probe];
    facts.push(
      t("ev.probe.kill", {
        times: times(
          kills.reduce((s, m) => s + (m.count ?? 1), 0),
          t,
        ),
        probe: t(`ev.probe.${probe}` as MessageKey),
        handler: cfg?.target ?? cfg?.handler ?? "?",
        message: quote(lastFailure?.message ?? kills.at(-1)!.message),
      }),
    );
  }
  for (const probe of ["startup", "liveness", "readiness"] as ProbeType[]) {
    if (killedFor.has(probe)) continue;
    const fails = probeFailures.filter((p) => p.probe === probe);
    if (fails.length === 0) continue;
    const cfg = c.probeConfig[probe];
    facts.push(
      t("ev.probe.fail", {
        who: w,
        probe: t(`ev.probe.${probe}` as MessageKey),
        handler: cfg?.target ?? cfg?.handler ?? "?",
        times: times(
          fails.reduce((s, p) => s + p.count, 0),
          t,
        ),
        t: at(fails.at(-1)!.at),
        message: quote(fails.at(-1)!.message),
      }),
    );
  }

  if (hooks.length > 0) facts.push(t("ev.hook", { message: quote(hooks.at(-1)!.message) }));

  // What happens now: a back-off, or a new run.
  if (waiting?.reason === "CrashLoopBackOff") {
    const delay = /back-off (\S+) restarting failed/.exec(waiting.message ?? "")?.[1];
    facts.push(delay ? t("ev.backoff", { delay }) : t("ev.backoff.unknown"));
  } else if (openRun && trouble && finished.length > 0) {
    facts.push(t("ev.runningAgain", { t: at(openRun.start), attempt: openRun.attempt }));
  }
  return { facts, needs, reasons, trouble };
}
