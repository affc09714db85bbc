// KEP-5307 container restart rules (pod spec `restartPolicyRules`) and the kubelet's decision
// when a container exits: Kubernetes behaviour, shared by the model and the demo kubelet.

/** KEP-5307 restart rule: action Restart when the exit code is In / NotIn the values. */
export interface RestartRule {
  action: string;
  operator: string;
  values: number[];
}

/** A container's restartPolicyRules (KEP-5307) as plain rules; malformed entries are dropped. */
export function restartRules(rules: unknown): RestartRule[] {
  if (!Array.isArray(rules)) return [];
  const out: RestartRule[] = [];
  for (const r of rules) {
    if (!r || typeof r !== "object") continue;
    const { action, exitCodes } = r as {
      action?: unknown;
      exitCodes?: { operator?: unknown; values?: unknown } | null;
    };
    if (
      typeof action !== "string" ||
      !exitCodes ||
      typeof exitCodes !== "object" ||
      typeof exitCodes.operator !== "string"
    )
      continue;
    const values = Array.isArray(exitCodes.values)
      ? exitCodes.values.filter((v): v is number => typeof v === "number" && Number.isFinite(v))
      : [];
    out.push({ action, operator: exitCodes.operator, values });
  }
  return out;
}

/**
 * What the kubelet does when a container exits with `exitCode` (KEP-5307): the first rule whose
 * exit codes match decides; with none, the container's restartPolicy, else the pod's.
 * "restart" or "stop"; null when the policies are unknown.
 */
export function restartDecision(
  exitCode: number,
  rules: RestartRule[],
  containerPolicy: string | null,
  podPolicy: string | null,
): "restart" | "stop" | null {
  for (const rule of rules) {
    const hit = rule.values.includes(exitCode);
    if ((rule.operator === "In" && hit) || (rule.operator === "NotIn" && !hit))
      return rule.action === "Restart" ? "restart" : null;
  }
  const policy = containerPolicy ?? podPolicy;
  if (policy === "Always") return "restart";
  if (policy === "OnFailure") return exitCode !== 0 ? "restart" : "stop";
  if (policy === "Never") return "stop";
  return null;
}
