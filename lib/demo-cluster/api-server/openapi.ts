// Just enough OpenAPI for kubectl. v3 (kubectl ≥ 1.27): `kubectl create` asks whether the server validates fields
// itself (a `fieldValidation` query parameter on each kind's PATCH operation); when it does,
// kubectl skips client-side schema validation, which would need the full published schemas.
// v2 (older kubectl, e.g. Debian's 1.20): a document with no definitions, so client-side
// validation finds no schema for any kind and skips it, as it does for a CRD without one.
import { apiVersionOf, RESOURCES, SERVER_VERSION } from "./resources";

function key(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

/** `/openapi/v3` (the index) and `/openapi/v3/<api|apis/...>` (one group-version); undefined otherwise. */
export function openapi(path: string): Record<string, unknown> | undefined {
  if (path === "/openapi/v3") {
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const r of RESOURCES)
      paths[key(r.group, r.version)] = {
        serverRelativeURL: `/openapi/v3/${key(r.group, r.version)}?hash=lifeline-demo`,
      };
    return { paths };
  }
  const m = /^\/openapi\/v3\/(api\/[^/]+|apis\/[^/]+\/[^/]+)$/.exec(path);
  if (!m) return undefined;
  const resources = RESOURCES.filter((r) => key(r.group, r.version) === m[1]);
  if (resources.length === 0) return undefined;
  const paths: Record<string, unknown> = {};
  for (const r of resources) {
    const base = `/${key(r.group, r.version)}${r.namespaced ? "/namespaces/{namespace}" : ""}/${r.plural}`;
    const gvk = { group: r.group, version: r.version, kind: r.kind };
    const op = (verb: string) => ({
      operationId: `${verb}${r.kind}`,
      "x-kubernetes-action": verb,
      "x-kubernetes-group-version-kind": gvk,
      parameters: [
        {
          name: "fieldValidation",
          in: "query",
          description: "accepted and ignored by the demo cluster",
          schema: { type: "string", uniqueItems: true },
        },
      ],
      responses: { "200": { description: "OK" } },
    });
    paths[base] = { post: op("post") };
    paths[`${base}/{name}`] = { patch: op("patch") };
  }
  return {
    openapi: "3.0.0",
    info: { title: "Kubernetes (Lifeline demo cluster)", version: SERVER_VERSION.gitVersion },
    paths,
    components: { schemas: {} },
    "x-lifeline-served": resources.map(apiVersionOf),
  };
}

const V2_PROTOBUF = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

/** `/openapi/v2` as protobuf (what kubectl asks for) or JSON: {swagger: "2.0", info, paths: {}, definitions: {}}. */
export function openapiV2(accept: string | undefined): { contentType: string; body: Buffer } {
  if ((accept ?? "").includes(V2_PROTOBUF)) {
    const str = (field: number, text: string) => {
      const bytes = Buffer.from(text, "utf8");
      return Buffer.concat([Buffer.from([(field << 3) | 2, bytes.length]), bytes]);
    };
    const msg = (field: number, inner: Buffer) =>
      Buffer.concat([Buffer.from([(field << 3) | 2, inner.length]), inner]);
    // openapi_v2.Document (gnostic): swagger = 1, info = 2 (title = 1), paths = 8, definitions = 9.
    const info = str(1, "Kubernetes");
    const body = Buffer.concat([
      str(1, "2.0"),
      msg(2, info),
      msg(8, Buffer.alloc(0)),
      msg(9, Buffer.alloc(0)),
    ]);
    // The request names it with "@"; the response uses a form Go's mime parser accepts.
    return { contentType: "application/com.github.proto-openapi.spec.v2.v1.0+protobuf", body };
  }
  const doc = {
    swagger: "2.0",
    info: { title: "Kubernetes", version: SERVER_VERSION.gitVersion },
    paths: {},
    definitions: {},
  };
  return { contentType: "application/json", body: Buffer.from(JSON.stringify(doc)) };
}
