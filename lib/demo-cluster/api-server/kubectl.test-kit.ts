// The kubectl binary the kubectl tests drive: $KUBECTL, /usr/bin/kubectl or one on PATH (.ci/run
// installs Debian's kubernetes-client when there is none); without one those tests are skipped,
// saying why.
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

export function findKubectl(what: string): string | undefined {
  const candidates = [
    process.env.KUBECTL,
    "/usr/bin/kubectl",
    ...(process.env.PATH ?? "").split(delimiter).map((d) => join(d, "kubectl")),
  ];
  const found = candidates.find((c): c is string => !!c && existsSync(c));
  if (!found)
    console.warn(
      `${what} skipped: no kubectl found (set KUBECTL, or apt-get install -y kubernetes-client)`,
    );
  return found;
}
