// Errors that become a Kubernetes Status object on the wire.

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  causes?: { reason?: string; message: string; field?: string }[];
  retryAfterSeconds?: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
  ) {
    super(message);
  }

  /** The metav1.Status body the API server would send. */
  status(): Record<string, unknown> {
    return {
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: this.message,
      // An error that was no Status (a failed dial) has no reason (omitempty).
      ...(this.reason ? { reason: this.reason } : {}),
      ...(this.details ? { details: this.details } : {}),
      code: this.code,
    };
  }
}

export const notFound = (resource: string, name: string) =>
  new ApiError(404, "NotFound", `${resource} "${name}" not found`, { name, kind: resource });

export const badRequest = (message: string) => new ApiError(400, "BadRequest", message);

export function invalid(
  kind: string,
  name: string,
  causes: { field: string; message: string }[],
  group?: string,
): ApiError {
  const text = causes.map((c) => `${c.field}: ${c.message}`).join(", ");
  const qualified = group ? `${kind}.${group}` : kind;
  return new ApiError(422, "Invalid", `${qualified} "${name}" is invalid: ${text}`, {
    name,
    ...(group ? { group } : {}),
    kind,
    causes: causes.map((c) => ({
      reason: "FieldValueInvalid",
      message: c.message,
      field: c.field,
    })),
  });
}

/**
 * A read at a resourceVersion the server has not reached, as kube-apiserver answers it
 * (apiserver/pkg/storage errors.go `NewTooLargeResourceVersionError`: `errors.NewTimeoutError`, so
 * 504 reason Timeout and "Timeout: " before the message, with the cause `ResourceVersionTooLarge`).
 * `retrySeconds` is 1 from the watch cache, 0 (left out, as omitempty does) from etcd.
 */
export function tooLargeResourceVersion(
  requested: number,
  current: number,
  retrySeconds: number,
): ApiError {
  return new ApiError(
    504,
    "Timeout",
    `Timeout: Too large resource version: ${requested}, current: ${current}`,
    {
      causes: [{ reason: "ResourceVersionTooLarge", message: "Too large resource version" }],
      ...(retrySeconds ? { retryAfterSeconds: retrySeconds } : {}),
    },
  );
}
