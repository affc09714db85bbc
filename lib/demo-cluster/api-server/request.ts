// Reading a request and writing an answer: REST paths to routes, request bodies (JSON or Kubernetes
// protobuf, size cap), DeleteOptions, objects to and from their wire version, selectors from the
// query, JSON answers.
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, badRequest } from "./api-error";
import { decodeProtobufBody, PROTOBUF_MEDIA_TYPE, type Expected } from "./proto-body";
import { apiVersionOf, findResource, type ResourceType } from "./resources";
import { parseFieldSelector, parseLabelSelector, type Selector } from "./selectors";
import type { KubeObject } from "./store";

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: string;
  dryRun: boolean;
}

export interface Route {
  resource: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
}

const MAX_BODY = 3 * 1024 * 1024;

export function selectorsOf(q: URLSearchParams, resource: ResourceType): Selector {
  const labels = parseLabelSelector(q.get("labelSelector"));
  const fields = parseFieldSelector(q.get("fieldSelector"), resource.selectorKey);
  return (o) => labels(o) && fields(o);
}

export function parseRoute(path: string): Route | undefined {
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === "api" && parts.length >= 3)
    [group, version, rest] = ["", parts[1], parts.slice(2)];
  else if (parts[0] === "apis" && parts.length >= 4)
    [group, version, rest] = [parts[1], parts[2], parts.slice(3)];
  else return undefined;
  let namespace: string | undefined;
  if (rest[0] === "namespaces" && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const resource = findResource(group, version, rest[0]);
  if (!resource || rest.length > 3) return undefined;
  if (namespace !== undefined && !resource.namespaced) return undefined;
  return { resource, namespace, name: rest[1], subresource: rest[2] };
}

export function wire(resource: ResourceType, o: KubeObject): KubeObject {
  const converted = resource.toWire ? resource.toWire(o) : o;
  return { ...converted, apiVersion: apiVersionOf(resource), kind: resource.kind };
}

export function fromWire(resource: ResourceType, body: Record<string, unknown>): KubeObject {
  const expected = apiVersionOf(resource);
  if (body.apiVersion !== undefined && body.apiVersion !== expected) {
    throw badRequest(
      `the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${expected})`,
    );
  }
  if (body.kind !== undefined && body.kind !== resource.kind) {
    throw badRequest(
      `the kind in the data (${String(body.kind)}) does not match the expected kind (${resource.kind})`,
    );
  }
  if (typeof body.metadata !== "object" || body.metadata === null) body.metadata = {};
  const object = dropNulls(body) as unknown as KubeObject;
  return resource.fromWire ? resource.fromWire(object) : object;
}

/**
 * A field sent as JSON null is unset once kube-apiserver has decoded it into its Go types (a
 * template's `metadata.creationTimestamp: null`, which kubectl sends, is the zero time, equal to
 * none), so it is not kept: otherwise two templates kube calls equal would differ here.
 */
function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = dropNulls(v);
  return out;
}

export function parseDeleteOptions(q: URLSearchParams, body: string): DeleteOptions {
  let fromBody: { gracePeriodSeconds?: unknown; propagationPolicy?: unknown; dryRun?: unknown } =
    {};
  if (body.trim()) {
    try {
      fromBody = JSON.parse(body);
    } catch {
      throw badRequest("the DeleteOptions in the request body are not valid JSON");
    }
  }
  const graceText =
    q.get("gracePeriodSeconds") ??
    (fromBody.gracePeriodSeconds != null ? String(fromBody.gracePeriodSeconds) : undefined);
  if (graceText !== undefined && !/^-?\d+$/.test(graceText))
    throw badRequest(
      `invalid gracePeriodSeconds "${graceText}": expected a whole number of seconds`,
    );
  const propagation =
    q.get("propagationPolicy") ??
    (typeof fromBody.propagationPolicy === "string" ? fromBody.propagationPolicy : undefined);
  if (propagation !== undefined && !["Orphan", "Background", "Foreground"].includes(propagation)) {
    throw badRequest(
      `invalid propagationPolicy "${propagation}": expected Orphan, Background or Foreground`,
    );
  }
  const dryRun =
    q.get("dryRun") === "All" ||
    (Array.isArray(fromBody.dryRun) && fromBody.dryRun.includes("All"));
  return {
    gracePeriodSeconds: graceText === undefined ? undefined : Math.max(0, Number(graceText)),
    propagationPolicy: propagation,
    dryRun,
  };
}

/**
 * 406 when the client's Accept names no JSON type: the demo cluster answers only JSON (kubectl's
 * typed clients ask for "application/vnd.kubernetes.protobuf,application/json" and take JSON), as
 * kube-apiserver's negotiation answers a media type it cannot produce (negotiation/errors.go).
 */
export function checkAccept(accept: string | undefined): void {
  if (!accept?.trim()) return;
  const ranges = accept.split(",").map((r) => r.split(";")[0].trim().toLowerCase());
  if (
    ranges.some((r) => r === "*/*" || r === "application/*" || /^application\/(.+\+)?json$/.test(r))
  )
    return;
  throw new ApiError(
    406,
    "NotAcceptable",
    "only the following media types are accepted: application/json",
  );
}

/** A create's or update's body: JSON, or Kubernetes protobuf (proto-body.ts) decoded to the same object. */
export async function parseBody(
  bytes: Buffer,
  contentType: string | undefined,
  into: ResourceType | Expected,
): Promise<Record<string, unknown>> {
  const mediaType = contentType?.split(";")[0].trim().toLowerCase();
  if (mediaType === PROTOBUF_MEDIA_TYPE) {
    const expected = "plural" in into ? { apiVersion: apiVersionOf(into), kind: into.kind } : into;
    return decodeProtobufBody(bytes, expected);
  }
  return parseJson(bytes.toString("utf8"), contentType);
}

export function parseJson(text: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType && !/json/.test(contentType)) {
    throw new ApiError(
      415,
      "UnsupportedMediaType",
      `the body of the request was in an unknown format - accepted media types include: application/json, ${PROTOBUF_MEDIA_TYPE} (got ${contentType})`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw badRequest(`the request body is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw badRequest("the request body must be a JSON object");
  return value as Record<string, unknown>;
}

export async function readBody(req: IncomingMessage): Promise<string> {
  return (await readBodyBytes(req)).toString("utf8");
}

/** The body as bytes: a protobuf body is not text. */
export function readBodyBytes(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(
          new ApiError(
            413,
            "RequestEntityTooLarge",
            `the request body is larger than ${MAX_BODY} bytes`,
          ),
        );
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export function send(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}

export function methodNotAllowed(
  message = "the server does not allow this method on the requested resource",
): ApiError {
  return new ApiError(405, "MethodNotAllowed", message);
}

/** A list's `continue` token (Lifeline's own encoding): a 400 when it is not one we gave out. */
export function decodeContinue(token: string): { after: string; snap?: string } {
  try {
    const parsed = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
    if (parsed?.v === "lifeline/1" && typeof parsed.after === "string")
      return {
        after: parsed.after,
        snap: typeof parsed.snap === "string" ? parsed.snap : undefined,
      };
  } catch {
    // fall through to the error below
  }
  throw badRequest(
    "continue key is not valid: it must be the continue value of an earlier list response",
  );
}
