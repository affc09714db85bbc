// For route tests: a request carrying the access the proxy (proxy.ts) would have decided on.
import { ADMIN, encodeAccess, type Access } from "./access";
import { ACCESS_HEADER } from "./request";

export function withAccess(init: RequestInit = {}, access: Access = ADMIN): RequestInit {
  const headers = new Headers(init.headers);
  headers.set(ACCESS_HEADER, encodeAccess(access));
  return { ...init, headers };
}

export function viewerOf(...namespaces: string[]): Access {
  return { role: "viewer", user: null, namespaces, expiresAt: null };
}
