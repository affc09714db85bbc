// The PATCH body types kube-apiserver accepts (staging/src/k8s.io/apiserver/pkg/endpoints/handlers
// patch.go): JSON patch (RFC 6902, evanphx/json-patch there, fast-json-patch here), JSON merge
// patch (RFC 7386) and strategic merge patch (strategic-merge.ts). Server-side apply is refused
// with a sentence saying what to use instead; anything else is 415 with kube's list of types.
import { applyPatch as applyJsonPatch, JsonPatchError, type Operation } from "fast-json-patch";
import { ApiError, badRequest } from "./api-error";
import type { PatchSchema } from "./patch-meta";
import { PatchFormatError, strategicMerge } from "./strategic-merge";

type Obj = Record<string, unknown>;

export const JSON_PATCH = "application/json-patch+json";
export const MERGE_PATCH = "application/merge-patch+json";
export const STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";
export const APPLY_PATCH = "application/apply-patch+yaml";
const ACCEPTED = [JSON_PATCH, MERGE_PATCH, APPLY_PATCH, STRATEGIC_MERGE_PATCH];

/** The patch type named by a Content-Type header (parameters such as charset dropped), or the 415. */
export function patchTypeOf(contentType: string | undefined): string {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (type === APPLY_PATCH)
    throw new ApiError(
      415,
      "UnsupportedMediaType",
      "server-side apply (application/apply-patch+yaml) is not supported by the demo cluster: use client-side apply (kubectl apply without --server-side), or a merge, JSON or strategic merge patch",
    );
  if (!ACCEPTED.includes(type))
    throw new ApiError(
      415,
      "UnsupportedMediaType",
      `the body of the request was in an unknown format - accepted media types include: ${ACCEPTED.join(", ")}`,
    );
  return type;
}

/**
 * `original` with the patch applied (neither is changed). Errors as kube-apiserver answers them:
 * a body that does not decode is 400; a JSON patch whose operation fails (a `test` that does not
 * hold, a path that is not there) is 422 "the server rejected our request due to an error in our
 * request" (kube says no more; the demo adds evanphx/json-patch's sentence after a colon, so
 * kubectl prints why); a strategic merge patch apimachinery refuses is 400 with its text (kube
 * answers a missing merge key with a 500).
 */
export function applyPatch(
  type: string,
  original: Obj,
  body: string,
  schema: PatchSchema | undefined,
): Obj {
  let patch: unknown;
  try {
    patch = JSON.parse(body);
  } catch (err) {
    throw badRequest(`the patch is not valid JSON: ${(err as Error).message}`);
  }
  if (type === JSON_PATCH) return jsonPatch(original, patch);
  if (typeof patch !== "object" || patch === null || Array.isArray(patch))
    throw badRequest(`a ${type} body must be a JSON object`);
  if (type === MERGE_PATCH) return mergePatch(structuredClone(original), patch as Obj) as Obj;
  try {
    return strategicMerge(original as never, patch as never, schema);
  } catch (err) {
    if (err instanceof PatchFormatError) throw badRequest(err.message);
    throw err;
  }
}

/** RFC 7386: objects merge, null removes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) return patch;
  const out: Obj =
    typeof target === "object" && target !== null && !Array.isArray(target) ? (target as Obj) : {};
  for (const [k, v] of Object.entries(patch as Obj)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

function jsonPatch(original: Obj, patch: unknown): Obj {
  if (!Array.isArray(patch))
    throw badRequest(
      `json: cannot unmarshal ${typeof patch === "object" && patch !== null ? "object" : typeof patch} into Go value of type jsonpatch.Patch`,
    );
  for (const op of patch)
    if (typeof op !== "object" || op === null || Array.isArray(op))
      throw badRequest("json: cannot unmarshal a JSON patch operation that is not an object");
  try {
    const result = applyJsonPatch(structuredClone(original), patch as Operation[], true, true);
    const doc = result.newDocument as unknown;
    if (typeof doc !== "object" || doc === null || Array.isArray(doc))
      throw badRequest("the patched object is not a JSON object");
    return doc as Obj;
  } catch (err) {
    if (!(err instanceof JsonPatchError)) throw err;
    const op = (err.operation ?? {}) as { op?: string; path?: string };
    throw new ApiError(
      422,
      "Invalid",
      `the server rejected our request due to an error in our request: ${describeFailure(err.name, op.op, op.path, err.message)}`,
    );
  }
}

/** The sentence evanphx/json-patch (what kube-apiserver uses) gives for each failure. */
function describeFailure(
  name: string,
  op: string | undefined,
  path: string | undefined,
  fallback: string,
): string {
  switch (name) {
    case "TEST_OPERATION_FAILED":
      return `testing value ${path} failed: test failed`;
    case "OPERATION_PATH_UNRESOLVABLE":
    case "OPERATION_PATH_CANNOT_ADD":
      return op === "replace"
        ? `replace operation does not apply: doc is missing key: ${path}: missing value`
        : `${op} operation does not apply: doc is missing path: "${path}": missing value`;
    case "OPERATION_FROM_UNRESOLVABLE":
      return `${op} operation does not apply: doc is missing from path: ${path}: missing value`;
    case "OPERATION_OP_INVALID":
      return `Unexpected kind: ${op}`;
    case "OPERATION_VALUE_OUT_OF_BOUNDS":
      return `${op} operation does not apply: index out of bounds at ${path}`;
    default:
      return fallback.split("\n")[0];
  }
}
