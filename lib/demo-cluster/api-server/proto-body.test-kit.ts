// Protobuf bodies for tests, encoded with protobufjs from the vendored schema the way client-go's
// protobuf serializer frames them: "k8s\x00", then a runtime.Unknown holding the kind's message.
import protobuf from "protobufjs/light";
import descriptor from "./proto/k8s-descriptor.json";

let root: protobuf.Root | undefined;

function schema(): protobuf.Root {
  if (!root) {
    root = protobuf.Root.fromJSON({
      nested: (descriptor as unknown as protobuf.INamespace).nested,
    });
    root.resolveAll();
  }
  return root;
}

/** The message `type` (e.g. "k8s.io.api.core.v1.Pod") holding `fields`, encoded. */
export function encodeMessage(type: string, fields: Record<string, unknown>): Uint8Array {
  const t = schema().lookupType(type);
  const problem = t.verify(fields);
  if (problem) throw new Error(`${type}: ${problem}`);
  return t.encode(t.fromObject(fields)).finish();
}

/** A whole body: the envelope around `raw`, with `typeMeta` as given (leave it out to test defaults). */
export function envelope(
  typeMeta: { apiVersion?: string; kind?: string } | undefined,
  raw: Uint8Array,
): Buffer {
  const unknown = encodeMessage("k8s.io.apimachinery.pkg.runtime.Unknown", {
    ...(typeMeta ? { typeMeta } : {}),
    raw,
  });
  return Buffer.concat([Buffer.from([0x6b, 0x38, 0x73, 0x00]), unknown]);
}

/** `fields` as a body of `kind` in `apiVersion` whose message lives in `pkg` (e.g. "k8s.io.api.core.v1"). */
export function protobufBody(
  apiVersion: string,
  kind: string,
  pkg: string,
  fields: Record<string, unknown>,
): Buffer {
  return envelope({ apiVersion, kind }, encodeMessage(`${pkg}.${kind}`, fields));
}
