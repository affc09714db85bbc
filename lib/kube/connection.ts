// Which cluster Lifeline talks to: a kubeconfig (KUBECONFIG or ~/.kube/config, LIFELINE_CONTEXT to
// pick a context), the in-cluster service account, or — with neither, or LIFELINE_DEMO=1 — the
// embedded demo cluster on loopback, reached through the same client code as a real cluster.
import { KubeConfig } from "@kubernetes/client-node";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import { inClusterKubeConfig, SERVICE_ACCOUNT_DIR, type InClusterOptions } from "./in-cluster";
import { withTokenFiles } from "./token-file";

export type Mode = "kubeconfig" | "in-cluster" | "demo";

export interface ConnectionPlan {
  mode: Mode;
  /** Why this mode, in words for the log and the UI. */
  reason: string;
  files?: string[];
  context?: string;
}

const TOKEN = `${SERVICE_ACCOUNT_DIR}/token`;

/** Decides the mode from the environment without touching the network. */
export function planConnection(
  env: Record<string, string | undefined> = process.env,
  exists: (p: string) => boolean = existsSync,
  home = homedir(),
): ConnectionPlan {
  const context = env.LIFELINE_CONTEXT || undefined;
  if (env.LIFELINE_DEMO === "1" || env.LIFELINE_DEMO === "true")
    return { mode: "demo", reason: "LIFELINE_DEMO is set: using the embedded demo cluster" };
  const listed = (env.KUBECONFIG ?? "").split(delimiter).filter(Boolean);
  if (listed.length) {
    const files = listed.filter(exists);
    if (files.length === 0)
      throw new Error(
        `KUBECONFIG names ${listed.join(", ")}, but no such file exists: fix the path, or unset KUBECONFIG to use ~/.kube/config or the demo cluster`,
      );
    return {
      mode: "kubeconfig",
      reason: `kubeconfig from KUBECONFIG (${files.join(", ")})`,
      files,
      context,
    };
  }
  const fallback = join(home, ".kube", "config");
  if (exists(fallback))
    return {
      mode: "kubeconfig",
      reason: `kubeconfig from ${fallback}`,
      files: [fallback],
      context,
    };
  if (env.KUBERNETES_SERVICE_HOST && exists(TOKEN))
    return { mode: "in-cluster", reason: "running in a pod: using its service account" };
  return {
    mode: "demo",
    reason: "no kubeconfig and no in-cluster credentials: using the embedded demo cluster",
  };
}

/**
 * Loads the KubeConfig a plan names (not for demo mode, whose config comes from the demo cluster).
 * Token files (the service account's, a kubeconfig user's `tokenFile`) are read again when they change.
 */
export function loadKubeConfig(plan: ConnectionPlan, inCluster: InClusterOptions = {}): KubeConfig {
  let kc = new KubeConfig();
  if (plan.mode === "in-cluster") kc = inClusterKubeConfig(inCluster);
  else if (plan.mode === "kubeconfig") {
    kc.loadFromFile(plan.files![0]);
    for (const extra of plan.files!.slice(1)) {
      const more = new KubeConfig();
      more.loadFromFile(extra);
      kc.mergeConfig(more);
    }
    if (plan.context) {
      if (!kc.getContexts().some((c) => c.name === plan.context)) {
        throw new Error(
          `LIFELINE_CONTEXT is "${plan.context}", but the kubeconfig has no such context (it has: ${
            kc
              .getContexts()
              .map((c) => c.name)
              .join(", ") || "none"
          })`,
        );
      }
      kc.setCurrentContext(plan.context);
    }
    withTokenFiles(kc, plan.files!);
  } else throw new Error("the demo cluster writes its own kubeconfig: start it first");
  if (!kc.getCurrentCluster())
    throw new Error(
      `the kubeconfig's current context "${kc.getCurrentContext()}" names no cluster`,
    );
  return withPlainHttpFix(kc);
}

/** A KubeConfig for a server URL (the demo cluster's). */
export function kubeConfigFor(server: string): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "lifeline-demo", server, skipTLSVerify: true }],
    users: [{ name: "demo", token: "demo" }],
    contexts: [{ name: "lifeline-demo", cluster: "lifeline-demo", user: "demo" }],
    currentContext: "lifeline-demo",
  });
  return kc;
}

/** client-node needs skipTLSVerify for an http:// server, or it refuses to build an agent. */
function withPlainHttpFix(kc: KubeConfig): KubeConfig {
  const cluster = kc.getCurrentCluster();
  if (cluster && cluster.server.startsWith("http://") && !cluster.skipTLSVerify) {
    (kc.clusters as { name: string; skipTLSVerify: boolean }[]).forEach((c) => {
      if (c.name === cluster.name) c.skipTLSVerify = true;
    });
  }
  return kc;
}
