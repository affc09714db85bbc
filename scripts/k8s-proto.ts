// Regenerates the demo cluster's Kubernetes protobuf schema (lib/demo-cluster/api-server/proto):
// copies the generated.proto files of the kinds it serves from kubernetes/api and
// kubernetes/apimachinery (verbatim, with their Apache-2.0 headers) and writes k8s-descriptor.json:
// protobufjs's JSON form of only the messages those kinds reach, plus each message's Go struct
// tags from types.go (JSON name, omitempty, pointer), which the .proto files do not carry and
// proto-json.ts needs to give the object encoding/json would.
//
//   tsx scripts/k8s-proto.ts <kubernetes/api git dir> <kubernetes/apimachinery git dir> [ref]
//
// (bare clones do: git clone --bare https://github.com/kubernetes/api). ref: a tag of both, by
// default the one of the Kubernetes minor the demo cluster says it is (resources.ts).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import protobuf from "protobufjs";
import * as prettier from "prettier";
import { RESOURCES, SERVER_VERSION, apiVersionOf } from "../lib/demo-cluster/api-server/resources";
import { EXTRA_KINDS, protoPackageOf } from "../lib/demo-cluster/api-server/proto-kinds";

const [apiDir, machineryDir, refArg] = process.argv.slice(2);
if (!apiDir || !machineryDir) {
  console.error(
    "usage: tsx scripts/k8s-proto.ts <kubernetes/api git dir> <apimachinery git dir> [ref]",
  );
  process.exit(2);
}
const ref = refArg ?? latestTag(apiDir, `v0.${SERVER_VERSION.minor}.`);
const OUT = join(__dirname, "../lib/demo-cluster/api-server/proto");

// Every package a served kind's message lives in, and the ones they import.
const API_PACKAGES = ["core/v1", "apps/v1", "batch/v1", "autoscaling/v1", "events/v1"];
const MACHINERY_PACKAGES = [
  "pkg/api/resource",
  "pkg/apis/meta/v1",
  "pkg/runtime",
  "pkg/runtime/schema",
  "pkg/util/intstr",
];

function git(dir: string, ...args: string[]): string {
  return execFileSync("git", ["-C", dir, ...args], { encoding: "utf8", maxBuffer: 64 << 20 });
}

function latestTag(dir: string, prefix: string): string {
  const tags = git(dir, "tag", "--list", `${prefix}*`)
    .split("\n")
    .filter((t) => /^v\d+\.\d+\.\d+$/.test(t));
  tags.sort((a, b) => Number(a.split(".")[2]) - Number(b.split(".")[2]));
  if (!tags.length) throw new Error(`no tag ${prefix}* in ${dir}`);
  return tags[tags.length - 1];
}

const files: string[] = [];
const goSources: { pkg: string; text: string }[] = [];
for (const [dir, module, pkgs] of [
  [apiDir, "k8s.io/api", API_PACKAGES],
  [machineryDir, "k8s.io/apimachinery", MACHINERY_PACKAGES],
] as const) {
  for (const pkg of pkgs) {
    const path = `${module}/${pkg}/generated.proto`;
    mkdirSync(join(OUT, dirname(path)), { recursive: true });
    writeFileSync(join(OUT, path), git(dir, "show", `${ref}:${pkg}/generated.proto`));
    files.push(path);
    const protoPkg = `${module}/${pkg}`.replace(/\//g, ".");
    if (pkg.endsWith("/v1"))
      goSources.push({ pkg: protoPkg, text: git(dir, "show", `${ref}:${pkg}/types.go`) });
  }
}

const root = new protobuf.Root();
root.resolvePath = (_origin, target) => (target.startsWith("/") ? target : join(OUT, target));
root.loadSync(
  files.map((f) => join(OUT, f)),
  { keepCase: true },
);
root.resolveAll();

// The Go struct tags: for each message, its protobuf fields in Go order with their json tag,
// "*" before a pointer field's (nil is absent on the wire, as a proto2 optional).
const go: Record<string, Record<string, string>> = {};
for (const { pkg, text } of goSources) {
  for (const m of text.matchAll(/^type (\w+) struct \{\n([\s\S]*?)^\}/gm)) {
    const fields: Record<string, string> = {};
    for (const line of m[2].split("\n")) {
      const f = /^\s*(?:\w+\s+)?(\S+)\s+`([^`]*)`/.exec(line);
      if (!f || line.trim().startsWith("//")) continue;
      const json = /json:"([^"]*)"/.exec(f[2])?.[1];
      // The field number, not name=: an embedded struct's tag may have none (EphemeralContainerCommon).
      const id = /protobuf:"\w+,(\d+),/.exec(f[2])?.[1];
      if (json === undefined || id === undefined) continue;
      fields[id] = (f[1].startsWith("*") ? "*" : "") + json;
    }
    go[`${pkg}.${m[1]}`] = fields;
  }
}

// The kinds served (and the /scale subresource's Scale, DeleteOptions) to their messages.
const kinds: Record<string, string> = {};
for (const r of RESOURCES)
  kinds[`${apiVersionOf(r)}/${r.kind}`] = `${protoPackageOf(r.group, r.version)}.${r.kind}`;
for (const [apiVersion, kind, type] of EXTRA_KINDS) kinds[`${apiVersion}/${kind}`] = type;

const reached = new Set<string>();
const visit = (t: protobuf.Type) => {
  if (reached.has(t.fullName)) return;
  reached.add(t.fullName);
  for (const field of t.fieldsArray)
    if (field.resolvedType instanceof protobuf.Type) visit(field.resolvedType);
};
// runtime.Unknown is the envelope every body comes in.
for (const type of [...Object.values(kinds), "k8s.io.apimachinery.pkg.runtime.Unknown"])
  visit(root.lookupType(type));

// protobufjs's JSON with only the reached messages (fullName ".k8s.io.api.core.v1.Pod").
type Nested = { nested?: Record<string, Nested>; fields?: unknown; options?: unknown };
const prune = (node: Nested, prefix: string): Nested | undefined => {
  if (node.fields) return reached.has(prefix) ? node : undefined;
  const nested: Record<string, Nested> = {};
  for (const [name, child] of Object.entries(node.nested ?? {})) {
    const kept = prune(child, `${prefix}.${name}`);
    if (kept) nested[name] = kept;
  }
  return Object.keys(nested).length ? { nested } : undefined;
};
const nested = prune(root.toJSON() as Nested, "")!.nested;
const byName = (type: string, byId: Record<string, string>) => {
  const fields = root.lookupType(type).fieldsById;
  return Object.fromEntries(
    Object.entries(byId).map(([id, tag]) => [fields[Number(id)].name, tag]),
  );
};
const missing = [...reached].filter((t) => !go[t.slice(1)]).sort();

const descriptor = {
  source: `kubernetes/api and kubernetes/apimachinery ${ref} (scripts/k8s-proto.ts)`,
  kinds: Object.fromEntries(Object.entries(kinds).map(([k, t]) => [k, t.replace(/^\./, "")])),
  go: Object.fromEntries(
    [...reached]
      .map((t) => t.slice(1))
      .filter((t) => go[t])
      .sort()
      .map((t) => [t, byName(t, go[t])]),
  ),
  nested,
};
void prettier.format(JSON.stringify(descriptor), { parser: "json" }).then((text) => {
  writeFileSync(join(OUT, "k8s-descriptor.json"), text);
  console.log(
    `${ref}: ${files.length} .proto files, ${reached.size} messages reached, ${text.length} bytes;` +
      ` without Go tags (proto-json.ts converts them, or they are the envelope): ${missing.join(", ")}`,
  );
});
