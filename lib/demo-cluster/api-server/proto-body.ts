// Kubernetes protobuf request bodies (application/vnd.kubernetes.protobuf), which kubectl's typed
// clients send for built-in kinds (`kubectl create namespace|deployment|job|cronjob`). As
// apimachinery's serializer/protobuf/protobuf.go reads them: the prefix "k8s\x00", then a
// runtime.Unknown whose typeMeta names the kind and whose raw is that kind's message. The schema is
// k8s-descriptor.json (scripts/k8s-proto.ts, from the vendored .proto files beside it), loaded on
// the first protobuf body: the demo cluster that never sees one never builds it.
import protobuf from "protobufjs/light";
import { badRequest } from "./api-error";
import { toGoJson, type GoTags } from "./proto-json";
// A static import, which every bundler and loader follows (Next's server bundle, tsx, vitest);
// building protobufjs's types from it is the part that waits for the first body.
import descriptorJson from "./proto/k8s-descriptor.json";

const descriptor = descriptorJson as unknown as {
  kinds: Record<string, string>;
  go: GoTags;
  nested: protobuf.INamespace["nested"];
};

export const PROTOBUF_MEDIA_TYPE = "application/vnd.kubernetes.protobuf";
const PREFIX = [0x6b, 0x38, 0x73, 0x00];

interface Schema {
  root: protobuf.Root;
  unknown: protobuf.Type;
  kinds: Record<string, string>;
  go: GoTags;
}

let schema: Promise<Schema> | undefined;
let buildMs: number | undefined;

/** How long building the schema took (ms), once it is built. */
export function schemaBuildMs(): number | undefined {
  return buildMs;
}

export function loadSchema(): Promise<Schema> {
  schema ??= (async () => {
    const started = performance.now();
    const root = protobuf.Root.fromJSON({ nested: descriptor.nested });
    root.resolveAll();
    const unknown = root.lookupType("k8s.io.apimachinery.pkg.runtime.Unknown");
    buildMs = performance.now() - started;
    return { root, unknown, kinds: descriptor.kinds, go: descriptor.go };
  })();
  schema.catch(() => (schema = undefined));
  return schema;
}

export interface Expected {
  apiVersion: string;
  kind: string;
}

/**
 * The object a protobuf body holds, in the JSON shape the JSON body would have, apiVersion and
 * kind from the envelope (defaulted from the request's, as copyKindDefaults does). Undecodable
 * bodies and kinds it has no message for are 400s worded as create.go's transformDecodeError.
 */
export async function decodeProtobufBody(
  bytes: Uint8Array,
  expected: Expected,
): Promise<Record<string, unknown>> {
  const unrecognized = (why: string) =>
    badRequest(`the object provided is unrecognized (must be of type ${expected.kind}): ${why}`);
  if (bytes.length === 0) throw unrecognized("empty data");
  if (bytes.length < PREFIX.length || PREFIX.some((b, i) => bytes[i] !== b))
    throw unrecognized(
      `provided data does not appear to be a protobuf message, expected prefix [${PREFIX.join(" ")}]`,
    );
  if (bytes.length === PREFIX.length) throw unrecognized("empty body");
  const { root, unknown, kinds, go } = await loadSchema();
  let envelope: { typeMeta?: { apiVersion?: string; kind?: string }; raw?: Uint8Array };
  try {
    envelope = unknown.decode(bytes.subarray(PREFIX.length)) as typeof envelope;
  } catch (err) {
    throw unrecognized((err as Error).message);
  }
  const [group, version] = splitApiVersion(envelope.typeMeta?.apiVersion ?? "");
  const [wantGroup, wantVersion] = splitApiVersion(expected.apiVersion);
  const kind = envelope.typeMeta?.kind || expected.kind;
  const apiVersion = version ? join(group, version) : join(wantGroup, wantVersion);
  const cannot = (why: string) =>
    badRequest(
      `${kind} in version "${apiVersion.split("/").pop()}" cannot be handled as a ${expected.kind}: ${why}`,
    );
  const typeName = kinds[`${apiVersion}/${kind}`];
  if (!typeName)
    throw cannot(
      `no kind "${kind}" is registered for version "${apiVersion}" in the demo cluster's scheme`,
    );
  const type = root.lookupType(typeName);
  let message: Record<string, unknown>;
  try {
    message = type.decode(envelope.raw ?? new Uint8Array()) as unknown as Record<string, unknown>;
  } catch (err) {
    throw cannot((err as Error).message);
  }
  const raw = (b: Uint8Array) => {
    if (b.length === 0) return null;
    try {
      return JSON.parse(Buffer.from(b).toString("utf8"));
    } catch {
      throw cannot("an embedded object (RawExtension or FieldsV1) is not JSON");
    }
  };
  return { kind, apiVersion, ...toGoJson(type, message, go, raw) };
}

function splitApiVersion(apiVersion: string): [string, string] {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? ["", apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
}

function join(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}
