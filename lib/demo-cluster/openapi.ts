// Just enough OpenAPI v3 for kubectl: `kubectl create` asks whether the server validates fields
// itself (a `fieldValidation` query parameter on each kind's PATCH operation); when it does,
// kubectl skips client-side schema validation, which would need the full published schemas.
import { apiVersionOf, RESOURCES, SERVER_VERSION } from "./resources";

function key(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

/** `/openapi/v3` (the index) and `/openapi/v3/<api|apis/...>` (one group-version); undefined otherwise. */
export function openapi(path: string): Record<string, unknown> | undefined {
  if (path === "/openapi/v3") {
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const r of RESOURCES) paths[key(r.group, r.version)] = { serverRelativeURL: `/openapi/v3/${key(r.group, r.version)}?hash=lifeline-demo` };
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
      parameters: [{ name: "fieldValidation", in: "query", description: "accepted and ignored by the demo cluster", schema: { type: "string", uniqueItems: true } }],
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
