// What a route handler or page knows of the caller: the access the proxy (proxy.ts) decided on,
// passed in a request header the proxy always overwrites. No header: refused (fail closed).
import { canSee, decodeAccess, type Access } from "./access";

export const ACCESS_HEADER = "x-lifeline-access";

export class Denied extends Error {
  constructor(
    readonly status: 401 | 403,
    message: string,
  ) {
    super(message);
  }
}

/** The caller's access, or null when nobody signed in (open routes: snapshots, health). */
export function maybeAccess(headers: Headers): Access | null {
  return decodeAccess(headers.get(ACCESS_HEADER));
}

export function accessOf(headers: Headers): Access {
  const access = maybeAccess(headers);
  if (!access) throw new Denied(401, "Sign in to Lifeline first.");
  return access;
}

export function scopeText(access: Access): string {
  return access.namespaces ? access.namespaces.join(", ") : "all namespaces";
}

/** Throws 403 when `namespace` is outside the access (the answer is the same whether it exists or not). */
export function requireNamespace(access: Access, namespace: string): void {
  if (!canSee(access, namespace))
    throw new Denied(403, `This access covers namespace(s) ${scopeText(access)} only.`);
}

/**
 * A list's namespaces: those asked for (each checked against the access), else all the access
 * covers (null: all); `scoped` when the access itself is limited (a viewer).
 */
export function listScope(
  access: Access,
  asked: string[] | undefined,
): { namespaces: string[] | null; scoped: boolean } {
  const scoped = access.namespaces !== null;
  if (asked) {
    for (const ns of asked) requireNamespace(access, ns);
    return { namespaces: asked, scoped };
  }
  return { namespaces: access.namespaces, scoped };
}
