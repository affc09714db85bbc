// The embedded demo cluster's settings when Lifeline starts it itself (LIFELINE_DEMO=1, or no
// cluster configured), read from the environment.
import { ScaledClock, type DemoClusterOptions } from "../demo-cluster";

/**
 * The embedded demo cluster's settings from the environment: LIFELINE_DEMO_SPEED (its clock runs that
 * many times as fast: 1 to 1000), LIFELINE_DEMO_SCALE (extra pause pods) and LIFELINE_DEMO_CHURN
 * (their container kills per second), LIFELINE_DEMO_LIGHT=1 (those pods light: no kubelet per pod,
 * 150,000 fit; lib/demo-cluster/scale-set.ts), LIFELINE_DEMO_NAMESPACES_ONLY (a,b: the cluster plays a namespaced
 * install's RBAC, its service account bound in those namespaces only: nodes and cluster-wide lists answer 403).
 */
export function demoOptionsFrom(env: Record<string, string | undefined>): DemoClusterOptions {
  const number = (name: string, min: number, max: number): number | undefined => {
    const text = env[name];
    if (text === undefined || text === "") return undefined;
    const n = Number(text);
    if (!Number.isFinite(n) || n < min || n > max)
      throw new Error(`${name} must be a number from ${min} to ${max}, not "${text.slice(0, 40)}"`);
    return n;
  };
  const speed = number("LIFELINE_DEMO_SPEED", 1, 1000);
  const pods = number("LIFELINE_DEMO_SCALE", 0, 200_000);
  const churn = number("LIFELINE_DEMO_CHURN", 0, 10_000);
  const light = env.LIFELINE_DEMO_LIGHT ?? "";
  if (light !== "" && light !== "1" && light !== "0")
    throw new Error(`LIFELINE_DEMO_LIGHT must be 1 or 0, not "${light.slice(0, 40)}"`);
  const bound = (env.LIFELINE_DEMO_NAMESPACES_ONLY ?? "")
    .split(",")
    .map((n) => n.trim())
    .filter(Boolean);
  return {
    ...(bound.length ? { rbac: { namespaces: bound } } : {}),
    ...(speed !== undefined && speed !== 1 ? { clock: new ScaledClock(speed) } : {}),
    ...(pods
      ? {
          scale: {
            pods: Math.floor(pods),
            churn: churn ?? 0,
            ...(light === "1" ? { light: true } : {}),
          },
        }
      : {}),
  };
}
