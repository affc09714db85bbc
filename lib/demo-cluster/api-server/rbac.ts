// A namespaced install's RBAC, as kube-apiserver's authorizer answers it: the user has a Role and a
// RoleBinding in each listed namespace (every namespaced resource there) and nothing cluster-wide,
// so a list or watch across all namespaces, any node or namespace object, and any other namespace
// get 403 Forbidden with the API server's own Status (apiserver responsewriters.Forbidden →
// apierrors.NewForbidden). Discovery, OpenAPI and health stay open, as system:discovery and
// system:public-info-viewer leave them to every authenticated user. `logs: false` takes `pods/log`
// out of the roles (cluster-wide ones too, without `namespaces`).
import { ApiError } from "./api-error";
import type { Route } from "./request";

export interface RbacOptions {
  /** The namespaces the user is bound in; absent, a ClusterRoleBinding grants every resource everywhere. */
  namespaces?: string[];
  /** false: the roles grant `pods` but not `pods/log` (an install that reads no logs). */
  logs?: boolean;
  /**
   * Resources the roles leave out, as RBAC names them ("statefulsets.apps", "pods"): every verb on
   * them answers 403, in every namespace (an install whose RBAC predates a kind Lifeline reads).
   */
  without?: string[];
  /** The user named in denials (default Lifeline's service account in the `lifeline` namespace). */
  user?: string;
}

export const DEFAULT_RBAC_USER = "system:serviceaccount:lifeline:lifeline";

/** The verb kube-apiserver's RequestInfo gives a request (requestinfo.go): watch=true is "watch", a GET without a name "list". */
export function verbOf(method: string | undefined, route: Route, q: URLSearchParams): string {
  const watch = q.get("watch") === "1" || q.get("watch") === "true";
  switch (method) {
    case "GET":
    case "HEAD":
      return watch ? "watch" : route.name ? "get" : "list";
    case "POST":
      return "create";
    case "PUT":
      return "update";
    case "PATCH":
      return "patch";
    case "DELETE":
      return route.name ? "delete" : "deletecollection";
    default:
      return (method ?? "get").toLowerCase();
  }
}

/**
 * The denial for a resource request the bound Roles do not allow, or null when they allow it.
 * The request's namespace is the URL's, or for a namespace object its own name (RequestInfo
 * does so for /api/v1/namespaces/NAME); Roles grant namespaced resources only, so namespace
 * and node objects are always denied.
 */
export function authorize(
  rbac: RbacOptions,
  method: string | undefined,
  route: Route,
  q: URLSearchParams,
): ApiError | null {
  const { resource } = route;
  const namespace = route.namespace ?? (resource.plural === "namespaces" ? route.name : undefined);
  const user = rbac.user ?? DEFAULT_RBAC_USER;
  if (rbac.logs === false && resource.plural === "pods" && route.subresource === "log")
    return forbidden(user, verbOf(method, route, q), route, namespace);
  const qualified = resource.group ? `${resource.plural}.${resource.group}` : resource.plural;
  if (rbac.without?.includes(qualified) && !route.subresource)
    return forbidden(user, verbOf(method, route, q), route, namespace);
  if (!rbac.namespaces) return null;
  if (resource.namespaced && namespace !== undefined && rbac.namespaces.includes(namespace))
    return null;
  return forbidden(user, verbOf(method, route, q), route, namespace);
}

/**
 * apierrors.NewForbidden(groupResource, name, forbiddenMessage(attributes)): "pods is forbidden:
 * User "…" cannot list resource "pods" in API group "" at the cluster scope", reason Forbidden,
 * details {name, group, kind: the resource}.
 */
export function forbidden(
  user: string,
  verb: string,
  route: Route,
  namespace: string | undefined,
): ApiError {
  const { resource, name, subresource } = route;
  const group = resource.group;
  const qualified = group ? `${resource.plural}.${group}` : resource.plural;
  const what = subresource ? `${resource.plural}/${subresource}` : resource.plural;
  const scope = namespace
    ? `in the namespace ${JSON.stringify(namespace)}`
    : "at the cluster scope";
  const reason = `User ${JSON.stringify(user)} cannot ${verb} resource ${JSON.stringify(what)} in API group ${JSON.stringify(group)} ${scope}`;
  const subject = name ? `${qualified} ${JSON.stringify(name)}` : qualified;
  return new ApiError(403, "Forbidden", `${subject} is forbidden: ${reason}`, {
    ...(name ? { name } : {}),
    ...(group ? { group } : {}),
    kind: resource.plural,
  });
}

/** The API server's authorization step: the RBAC in force (null: everything allowed) and what it refused. */
export class RbacGate {
  /** The last 1,000 requests refused, oldest first (tests check a client does not hammer it). */
  readonly denied: { at: number; verb: string; path: string }[] = [];

  constructor(private rbac: RbacOptions | null) {}

  /** Changes the RBAC from the next request on, as binding a role would; open watches are left as they are. */
  set(rbac: RbacOptions | null): void {
    this.rbac = rbac;
  }

  /** Throws the 403 for a request the RBAC refuses. */
  check(
    method: string | undefined,
    route: Route,
    q: URLSearchParams,
    now: number,
    path: string,
  ): void {
    const denial = this.rbac && authorize(this.rbac, method, route, q);
    if (!denial) return;
    this.denied.push({ at: now, verb: verbOf(method, route, q), path });
    if (this.denied.length > 1000) this.denied.shift();
    throw denial;
  }
}
