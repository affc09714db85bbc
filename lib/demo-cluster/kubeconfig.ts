// The kubeconfig file kubectl and Lifeline use to reach the demo cluster.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Writes a kubeconfig for the demo cluster at `url` into `dir` (any token is accepted); returns its path. */
export function writeKubeconfig(dir: string, url: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "kubeconfig");
  const text = [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    "- name: lifeline-demo",
    "  cluster:",
    `    server: ${url}`,
    "    insecure-skip-tls-verify: true",
    "users:",
    "- name: demo",
    "  user:",
    "    token: demo-cluster-accepts-any-token",
    "contexts:",
    "- name: lifeline-demo",
    "  context:",
    "    cluster: lifeline-demo",
    "    user: demo",
    "    namespace: dev",
    "current-context: lifeline-demo",
    "",
  ].join("\n");
  writeFileSync(path, text);
  return path;
}
