// The namespaced variant as users adapt it: LIFELINE_NAMESPACES must name exactly the namespaces
// that have a Role and RoleBinding (nothing else keeps the two in step), and the overlay of one's
// own that docs/deploy.md shows (outside deploy/, adding a namespace and removing the example
// `default`) renders with kubectl kustomize and keeps that rule.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEPLOY, findKubectl, kustomize, objectsOf, type K8sObject } from "./render.test-kit";

const kubectl = findKubectl();

interface Env {
  name: string;
  value?: string;
}
function scope(objects: K8sObject[]) {
  const sts = objects.find((o) => o.kind === "StatefulSet")!;
  const env = (
    sts.spec as { template: { spec: { containers: { name: string; env?: Env[] }[] } } }
  ).template.spec.containers.find((c) => c.name === "lifeline")!.env;
  const inNs = (kind: string) =>
    objects
      .filter((o) => o.kind === kind)
      .map((o) => o.metadata.namespace!)
      .sort();
  return {
    listed: (env?.find((e) => e.name === "LIFELINE_NAMESPACES")?.value ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
      .sort(),
    roles: inNs("Role"),
    bindings: inNs("RoleBinding"),
  };
}

/** The docs' YAML block whose first line is `# <file>`. */
function docBlock(file: string): string {
  const docs = readFileSync(join(DEPLOY, "..", "docs", "deploy.md"), "utf8");
  const block = docs
    .split("```yaml\n")
    .slice(1)
    .map((b) => b.split("```")[0])
    .find((b) => b.startsWith(`# ${file}`));
  if (!block) throw new Error(`docs/deploy.md has no yaml block starting "# ${file}"`);
  return block;
}

describe.skipIf(!kubectl)("the namespaced variant's scope", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("deploy/overlays/namespaced: LIFELINE_NAMESPACES is exactly the namespaces of its Roles and RoleBindings", () => {
    const { listed, roles, bindings } = scope(
      objectsOf(kustomize(kubectl!, "overlays/namespaced")),
    );
    expect(listed.length).toBeGreaterThan(0);
    expect(new Set(listed).size).toBe(listed.length);
    expect(roles).toEqual(listed);
    expect(bindings).toEqual(listed);
  });

  it("docs/deploy.md's own overlay, outside deploy/, renders: team-a added, default removed, the list in step", () => {
    const root = mkdtempSync(join(tmpdir(), "lifeline-overlay-"));
    dirs.push(root);
    // "beside a checkout of deploy/": the checkout is a link here.
    symlinkSync(DEPLOY, join(root, "deploy"));
    mkdirSync(join(root, "my-namespaced"));
    for (const f of ["kustomization.yaml", "team-a.yaml"])
      writeFileSync(join(root, "my-namespaced", f), docBlock(`my-namespaced/${f}`));
    const text = execFileSync(kubectl!, ["kustomize", join(root, "my-namespaced")], {
      encoding: "utf8",
      timeout: 30_000,
    });
    const { listed, roles, bindings } = scope(objectsOf(text));
    expect(listed).toEqual(["lifeline", "team-a"]);
    expect(roles).toEqual(listed);
    expect(bindings).toEqual(listed);
  });
});
