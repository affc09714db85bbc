// Renders deploy/base and the overlays with kubectl's own kustomize (the one users run), and reads
// the result as objects. Needs a kubectl binary: $KUBECTL, /usr/bin/kubectl or one on PATH
// (.ci/run installs Debian's kubernetes-client when there is none); without one the tests that
// need it are skipped, saying why.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadAll } from "js-yaml";

export const DEPLOY = dirname(fileURLToPath(import.meta.url));

/** The variants users apply: the base and every overlay, as paths under deploy/. */
export const VARIANTS = [
  "base",
  "overlays/namespaced",
  "overlays/oauth2-proxy",
  "overlays/ingress",
  "overlays/servicemonitor",
] as const;
export type Variant = (typeof VARIANTS)[number];

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

export function findKubectl(): string | undefined {
  const candidates = [
    process.env.KUBECTL,
    "/usr/bin/kubectl",
    ...(process.env.PATH ?? "").split(delimiter).map((d) => join(d, "kubectl")),
  ];
  return candidates.find((c): c is string => !!c && existsSync(c));
}

/** `kubectl kustomize deploy/<variant>`, as text. */
export function kustomize(kubectl: string, variant: Variant): string {
  return execFileSync(kubectl, ["kustomize", join(DEPLOY, variant)], {
    encoding: "utf8",
    timeout: 30_000,
  });
}

/** The objects of a multi-document YAML text (empty documents dropped). */
export function objectsOf(text: string): K8sObject[] {
  return loadAll(text).filter((o): o is K8sObject => !!o && typeof o === "object");
}

export const idOf = (o: K8sObject): string =>
  `${o.kind}/${o.metadata.namespace ? `${o.metadata.namespace}/` : ""}${o.metadata.name}`;
