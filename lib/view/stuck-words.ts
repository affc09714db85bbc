// The stuck panel's words in the reader's language. The model's `text` is English (the API's);
// here the health rule's reasons and Lifeline's own sentences are translated, while what the
// cluster said (a container's message, the node's Ready reason and message, a ReplicaFailure
// condition's message) and Kubernetes identifiers (ImagePullBackOff, Unknown) stay as they are.
import type { Translate } from "../i18n";
import type { StuckExplanation, StuckPod } from "../workloads/types";

/** What a pod that holds the rollout up says, after its name: each reason with its own evidence. */
export function stuckPodWords(p: StuckPod, t: Translate): string {
  const r = p?.health?.reason;
  // A failure STATUS is kubectl's word (ImagePullBackOff, CrashLoopBackOff): an identifier.
  const said = r
    ? r.key === "problem.failing"
      ? String(r.vars?.status ?? "")
      : t(r.key, r.vars)
    : t("wl.stuck.notYetAvailable");
  const facts = [p?.detail ? `${said} — ${p.detail}` : said];
  if (p?.node?.reason) {
    const nodeSaid = t(p.node.reason.key, p.node.reason.vars);
    facts.push(p.node.evidence ? `${nodeSaid} — ${p.node.evidence}` : nodeSaid);
  }
  return facts.join(t("wl.stuck.factSep"));
}

/** Why no pod of the new revision exists: the ReplicaFailure message as is, else Lifeline's sentence. */
export function noPodsWords(
  s: Pick<StuckExplanation, "noPods" | "toName" | "replicaFailure">,
  t: Translate,
): string | null {
  if (!s?.noPods) return null;
  if (s.replicaFailure) return s.noPods;
  return t("wl.stuck.noPods", { name: s.toName ?? t("wl.stuck.newRevision") });
}
