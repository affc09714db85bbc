// Bearer-token authentication for the demo cluster's API, off unless asked for (then a cluster that
// rejects a rotated-away service-account token can be played). Shaped after kube-apiserver's
// authentication filter (k8s.io/apiserver pkg/endpoints/filters/authentication.go): every request
// is authenticated once, when it arrives — a watch is not looked at again while it stays open — and
// a failure is `apierrors.NewUnauthorized("Unauthorized")`: 401, reason and message "Unauthorized".
import type { IncomingMessage } from "node:http";
import { ApiError } from "./api-error";

/** Says whether a bearer token is valid now (it may change its mind: tokens expire, files rotate). */
export type TokenCheck = (token: string) => boolean;

/** Paths the API server's anonymous user may read (RBAC's system:public-info-viewer). */
const PUBLIC = new Set(["/healthz", "/livez", "/readyz", "/version"]);

/**
 * The 401 for a request `check` does not accept, or null. No Authorization header is the anonymous
 * user, who may read only the health paths; a bearer token that is not accepted is refused on every
 * path, as kube-apiserver's token authenticators refuse it rather than falling back to anonymous.
 */
export function unauthenticated(
  req: IncomingMessage,
  url: URL,
  check: TokenCheck | undefined,
): ApiError | null {
  if (!check) return null;
  const header = req.headers.authorization;
  if (header === undefined && PUBLIC.has(url.pathname.replace(/\/+$/, ""))) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (m && check(m[1])) return null;
  return new ApiError(401, "Unauthorized", "Unauthorized");
}
