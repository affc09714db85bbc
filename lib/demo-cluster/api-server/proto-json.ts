// A decoded Kubernetes protobuf message to the JSON object kube-apiserver would hold after decoding
// it: what encoding/json makes of the Go struct gogo-protobuf filled. The .proto files do not say
// that, the Go struct tags do (k8s-descriptor.json's `go`, from types.go): the JSON name (or
// `,inline` for an embedded struct, flattened), omitempty / omitzero, and pointers (nil is absent on
// the wire; a non-pointer scalar or struct is always there, zero when absent). The types with their
// own MarshalJSON are converted here as apimachinery does: Time (time_proto.go, time.go),
// MicroTime (micro_time*.go), Quantity, IntOrString, RawExtension and FieldsV1.
import type protobuf from "protobufjs";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Message = Record<string, unknown>;
/** Message full name (no leading dot) → protobuf field name → json tag, "*" first for a pointer. */
export type GoTags = Record<string, Record<string, string>>;

const META = "k8s.io.apimachinery.pkg.apis.meta.v1";
const SPECIAL: Record<string, (m: Message, raw: (b: Uint8Array) => Json) => Json> = {
  // time_proto.go Unmarshal: an empty message is the zero time (JSON null); nanos are dropped, as
  // the JSON form has whole seconds (time.go MarshalJSON: RFC 3339 in UTC).
  [`${META}.Time`]: (m) =>
    isEmpty(m) ? null : new Date(num(m.seconds) * 1000).toISOString().replace(/\.\d+Z$/, "Z"),
  // micro_time_proto.go: nanos truncated to microseconds; RFC3339Micro, six digits always.
  [`${META}.MicroTime`]: (m) => (isEmpty(m) ? null : microTime(num(m.seconds), num(m.nanos))),
  // FieldsV1 holds the JSON of managedFields' field set as bytes (MarshalJSON writes them as they are).
  [`${META}.FieldsV1`]: (m, raw) => (m.Raw instanceof Uint8Array ? raw(m.Raw) : null),
  // Quantity's proto form is its canonical string; the zero Quantity marshals as "0".
  "k8s.io.apimachinery.pkg.api.resource.Quantity": (m) =>
    typeof m.string === "string" && m.string !== "" ? m.string : "0",
  // intstr: type 1 is String, anything else Int (intstr.go MarshalJSON).
  "k8s.io.apimachinery.pkg.util.intstr.IntOrString": (m) =>
    num(m.type) === 1 ? String(m.strVal ?? "") : num(m.intVal),
  // RawExtension MarshalJSON writes Raw as it is (null when nil).
  "k8s.io.apimachinery.pkg.runtime.RawExtension": (m, raw) =>
    m.raw instanceof Uint8Array ? raw(m.raw) : null,
};

function isEmpty(m: Message): boolean {
  return Object.keys(m).length === 0;
}

function num(v: unknown): number {
  if (typeof v === "number") return v;
  if (v && typeof v === "object" && "toNumber" in v)
    return (v as { toNumber(): number }).toNumber();
  return Number(v ?? 0);
}

function microTime(seconds: number, nanos: number): string {
  const base = new Date(seconds * 1000).toISOString().replace(/\.\d+Z$/, "");
  return `${base}.${String(Math.floor(nanos / 1000)).padStart(6, "0")}Z`;
}

function zeroOf(field: protobuf.Field): Json {
  switch (field.type) {
    case "string":
      return "";
    case "bool":
      return false;
    case "bytes":
      return null;
    default:
      return 0;
  }
}

function isZero(v: Json): boolean {
  return (
    v === null ||
    v === "" ||
    v === 0 ||
    v === false ||
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0)
  );
}

/** Converts `message` (decoded by protobufjs as `type`) to its Go JSON form. */
export function toGoJson(
  type: protobuf.Type,
  message: Message,
  tags: GoTags,
  raw: (bytes: Uint8Array) => Json,
): Record<string, Json> {
  const convert = (t: protobuf.Type, m: Message): Json => {
    const special = SPECIAL[t.fullName.slice(1)];
    if (special) return special(m, raw);
    const out: Record<string, Json> = {};
    const fieldTags = tags[t.fullName.slice(1)];
    const names = fieldTags ? Object.keys(fieldTags) : t.fieldsArray.map((f) => f.name);
    for (const name of names) {
      const field = t.fields[name];
      const tag = fieldTags?.[name] ?? `*${name},omitempty`;
      const pointer = tag.startsWith("*");
      const [jsonName, ...opts] = tag.replace(/^\*/, "").split(",");
      if (jsonName === "-" || !field) continue;
      const present = Object.prototype.hasOwnProperty.call(m, name) && m[name] != null;
      const value = m[name];
      const sub = field.resolvedType as protobuf.Type | null;
      let json: Json;
      if (field.map) {
        const entries = present ? Object.entries(value as Message) : [];
        json = entries.length
          ? Object.fromEntries(
              entries.map(([k, v]) => [k, sub ? convert(sub, v as Message) : scalar(v)]),
            )
          : null;
      } else if (field.repeated) {
        const items = present ? (value as unknown[]) : [];
        json = items.length
          ? items.map((v) => (sub ? convert(sub, v as Message) : scalar(v)))
          : null;
      } else if (!present && pointer) json = null;
      else if (sub) json = convert(sub, present ? (value as Message) : {});
      else json = present ? scalar(value) : zeroOf(field);
      if (jsonName === "" && opts.includes("inline")) {
        if (json && typeof json === "object" && !Array.isArray(json)) Object.assign(out, json);
        continue;
      }
      if (!present && pointer && opts.includes("omitempty")) continue;
      // encoding/json: omitempty leaves out false, 0, "", nil pointers and empty slices and maps,
      // never a struct; omitzero (Go 1.24) a zero value of any kind (Time by its IsZero).
      const structValue = !!sub && !field.map && !field.repeated && !pointer;
      if (opts.includes("omitempty") && !structValue && (pointer ? json === null : isZero(json)))
        continue;
      if (
        opts.includes("omitzero") &&
        (!present || isZero(json) || (!!sub && isEmpty(value as Message)))
      )
        continue;
      out[jsonName] = json;
    }
    return out;
  };
  const scalar = (v: unknown): Json => {
    if (v instanceof Uint8Array) return Buffer.from(v).toString("base64");
    if (typeof v === "object" && v !== null) return num(v);
    return v as Json;
  };
  return convert(type, message) as Record<string, Json>;
}
