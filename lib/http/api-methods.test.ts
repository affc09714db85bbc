// A method an API route does not answer gets a 405 with a sentence and `Allow` (Next's own 405
// has an empty body). The table the proxy reads is held to the route files' exports.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_ROUTES, methodRefusal } from "./api-methods";

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const full = path.join(dir, f);
    return statSync(full).isDirectory() ? routeFiles(full) : f === "route.ts" ? [full] : [];
  });
}

describe("the table of API routes and their methods", () => {
  it("is every app/api route file, with the methods it exports", () => {
    const root = path.resolve(__dirname, "../../app");
    const fromFiles = Object.fromEntries(
      routeFiles(path.join(root, "api")).map((f) => {
        const route =
          "/" +
          path
            .relative(root, path.dirname(f))
            .split(path.sep)
            .map((s) => s.replace(/^\[(.+)\]$/, "{$1}"))
            .join("/");
        const methods = [
          ...readFileSync(f, "utf8").matchAll(
            /export (?:async )?(?:function|const) (GET|POST|PUT|PATCH|DELETE|HEAD)\b/g,
          ),
        ].map((m) => m[1]);
        return [route, methods.sort()];
      }),
    );
    const fromTable = Object.fromEntries(API_ROUTES.map((r) => [r.route, [...r.methods].sort()]));
    expect(fromTable).toEqual(fromFiles);
  });
});

describe("methodRefusal", () => {
  it("refuses PUT on /api/pods with a sentence and Allow", () => {
    expect(methodRefusal("/api/pods", "PUT")).toEqual({
      allow: "GET, HEAD, OPTIONS",
      message: "PUT is not answered at /api/pods: it answers GET (and HEAD).",
    });
  });
  it("names the route, not the path it was given", () => {
    const r = methodRefusal(`/api/pods/dev/${"x".repeat(5000)}/timeline`, "POST")!;
    expect(r.message).toBe(
      "POST is not answered at /api/pods/{namespace}/{name}/timeline: it answers GET (and HEAD).",
    );
  });
  it("lets through what a route answers, HEAD where GET is, and OPTIONS", () => {
    expect(methodRefusal("/api/pods", "GET")).toBeNull();
    expect(methodRefusal("/api/pods", "HEAD")).toBeNull();
    expect(methodRefusal("/api/pods", "OPTIONS")).toBeNull();
    expect(methodRefusal("/api/snapshots/abc", "DELETE")).toBeNull();
    expect(methodRefusal("/api/login", "POST")).toBeNull();
  });
  it("a POST-only route", () => {
    expect(methodRefusal("/api/login", "GET")).toEqual({
      allow: "POST, OPTIONS",
      message: "GET is not answered at /api/login: it answers POST.",
    });
  });
  it("leaves unknown paths to Next (404)", () => {
    expect(methodRefusal("/api/nope", "PUT")).toBeNull();
  });

  it("pages answer GET and HEAD only: DELETE, PUT, POST on a page are a 405 (Next gave them the page with 200)", () => {
    for (const path of [
      "/",
      "/kiosk",
      "/login",
      "/pods/dev/api-flappy",
      "/s/AAAAAAAAAAAAAAAAAAAAAAAA",
    ]) {
      for (const method of ["DELETE", "PUT", "POST", "PATCH"]) {
        expect(methodRefusal(path, method), `${method} ${path}`).toEqual({
          allow: "GET, HEAD",
          message: `${method} is not answered by Lifeline's pages: they answer GET (and HEAD).`,
        });
      }
      // OPTIONS too: Next answered it on a page with an empty 400.
      expect(methodRefusal(path, "OPTIONS")?.allow).toBe("GET, HEAD");
      for (const method of ["GET", "HEAD"]) expect(methodRefusal(path, method)).toBeNull();
    }
  });
});
