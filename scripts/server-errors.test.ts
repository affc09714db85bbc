// The answers scripts/start.mjs's server gives itself: a path that does not decode, what Node's
// parser refuses (431, 400), a request Next failed on (500). Each has its sentence and the
// security headers; a real server on a free port, a stand-in for Next behind it.
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en, zh } from "@/lib/i18n/messages";
import { securityHeaders } from "@/lib/auth/headers";
import { createLogger } from "@/lib/log/options.mjs";
import { createServer, ERROR_HEADERS, TEXT } from "./server-errors.mjs";

let server: http.Server;
let base = "";
const seen: string[] = [];
/** What the server logged (JSON lines). */
const logged: { msg: string; err?: { message: string } }[] = [];
const log = createLogger(
  { LIFELINE_LOG_FORMAT: "json" },
  { write: (s) => logged.push(JSON.parse(s)) },
);

beforeAll(async () => {
  server = createServer(
    http,
    async (req, res) => {
      seen.push(req.url!);
      if (req.url === "/boom" || req.url === "/api/boom")
        throw new Error("the stand-in for Next failed");
      res.end("next answered");
    },
    undefined,
    log,
  );
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function expectHeaders(h: Headers | http.IncomingHttpHeaders) {
  const get = (k: string) =>
    h instanceof Headers ? h.get(k) : (h[k.toLowerCase()] as string | undefined);
  for (const k of [
    "X-Content-Type-Options",
    "Referrer-Policy",
    "X-Frame-Options",
    "Permissions-Policy",
  ])
    expect(get(k)).toBe(securityHeaders(null)[k]);
  expect(get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
  expect(get("Content-Security-Policy")).toContain("default-src 'none'");
}

/** A raw request (fetch refuses headers this large, and malformed requests). */
function raw(text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect((server.address() as AddressInfo).port, "127.0.0.1", () =>
      socket.end(text),
    );
    let got = "";
    socket.on("data", (c) => (got += c.toString()));
    socket.on("close", () => resolve(got));
    socket.on("error", reject);
  });
}

describe("a path whose percent-encoding does not decode", () => {
  for (const path of ["/api/pods/%E0%A4%A/x/timeline", "/api/snapshots/%E0%A4%A"]) {
    it(`${path}: 400 JSON with the sentence and the headers, Next never sees it`, async () => {
      const res = await fetch(base + path);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: TEXT.en[400] });
      expectHeaders(res.headers);
      expect(seen).not.toContain(path);
    });
  }
  for (const path of ["/pods/dev/%E0%A4%A", "/s/%E0%A4%A", "/pods/dev/x%?at=1"]) {
    it(`${path}: 400 page in both languages`, async () => {
      const res = await fetch(base + path);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      const page = await res.text();
      expect(page).toContain(TEXT.en[400]);
      expect(page).toContain(TEXT.zh[400]);
      expectHeaders(res.headers);
    });
  }
  it("a path that decodes goes to Next", async () => {
    expect(await (await fetch(`${base}/pods/dev/a%20b?x=%20y`)).text()).toBe("next answered");
  });
  it("a lone % typed in a query (not %XX) is a literal % as URLSearchParams reads it: it goes to Next", async () => {
    expect(await (await fetch(`${base}/?search=100%`)).text()).toBe("next answered");
    expect(await (await fetch(`${base}/?search=50%off`)).text()).toBe("next answered");
  });
  it("a query that does not decode is refused too (URLSearchParams would turn it into U+FFFD and a sentence would echo that)", async () => {
    const res = await fetch(`${base}/api/pods?namespace=%E0%A4%A`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: TEXT.en[400] });
    expectHeaders(res.headers);
    expect(seen).not.toContain("/api/pods?namespace=%E0%A4%A");
  });
});

describe("what Next cannot take", () => {
  it("a method Lifeline does not implement (TRACE, PROPFIND): 501 with the sentence and the headers, Next never sees it", async () => {
    for (const method of ["TRACE", "PROPFIND"]) {
      const res = await raw(`${method} /api/pods HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(res, method).toMatch(/^HTTP\/1\.1 501 /);
      expect(res).toContain("X-Frame-Options: DENY");
      expect(res).toContain(`${method} is not a method Lifeline answers`);
    }
    const page = await raw("TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    expect(page).toMatch(/^HTTP\/1\.1 501 /);
    expect(page).toContain("text/html");
    expect(seen.filter((u) => u === "/api/pods" || u === "/")).toEqual([]);
  });
  it("CONNECT: 501 with the sentence, not an empty reply", async () => {
    const res = await raw("CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n");
    expect(res).toMatch(/^HTTP\/1\.1 501 /);
    expect(res).toContain("X-Frame-Options: DENY");
    expect(res).toContain("CONNECT is not a method Lifeline answers");
  });
  it("a request target that is not a path (absolute-form, *): 400, never a redirect to another host", async () => {
    for (const target of ["http://evil.example/api/readyz", "*"]) {
      const res = await raw(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(res, target).toMatch(/^HTTP\/1\.1 400 /);
      expect(res).toContain("X-Frame-Options: DENY");
      expect(res).toContain(TEXT.en.target);
      expect(res).not.toMatch(/location:/i);
    }
    expect(seen).not.toContain("*");
    expect(seen).not.toContain("http://evil.example/api/readyz");
  });
});

describe("what Node's parser refuses", () => {
  it("headers too large: 431 with the sentence and the headers, not an empty answer", async () => {
    const res = await raw(
      `GET /api/pods HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
    );
    const [head, body] = res.split("\r\n\r\n");
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(body).toContain(TEXT.en[431]);
    expectHeaders(
      Object.fromEntries(
        head
          .split("\r\n")
          .slice(1)
          .map((l) => [
            l.slice(0, l.indexOf(":")).toLowerCase(),
            l.slice(l.indexOf(":") + 1).trim(),
          ]),
      ),
    );
  });

  it("an address too long: 414 that names the address, not the cookies", async () => {
    const res = await raw(
      `GET /api/pods?namespace=${"a,".repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    );
    expect(res).toMatch(/^HTTP\/1\.1 414 /);
    expect(res).toContain("X-Frame-Options: DENY");
    expect(res).toContain(TEXT.en[414]);
  });

  it("a malformed request: 400 with the sentence", async () => {
    const res = await raw("GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n");
    expect(res).toMatch(/^HTTP\/1\.1 400 /);
    expect(res).toContain("X-Frame-Options: DENY");
    expect(res).toContain(TEXT.en.badRequest);
  });
});

describe("a request Next failed on", () => {
  it("500 with the sentence and the headers, JSON for /api/", async () => {
    logged.length = 0;
    const res = await fetch(`${base}/api/boom`);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: TEXT.en[500] });
    expectHeaders(res.headers);
    // The answer has the sentence; the log has the error.
    expect(logged).toMatchObject([
      { msg: "request failed", err: { message: "the stand-in for Next failed" } },
    ]);
  });
  it("a page for pages", async () => {
    const res = await fetch(`${base}/boom`);
    expect(res.status).toBe(500);
    expect(await res.text()).toContain(TEXT.zh[500]);
    expectHeaders(res.headers);
  });
});

describe("the page's sentences are the i18n catalogue's", () => {
  it("en and zh-CN", () => {
    for (const key of [
      "400",
      "414",
      "431",
      "413",
      "408",
      "badRequest",
      "target",
      "500",
      "home",
    ] as const) {
      expect(en[`server.${key}` as keyof typeof en]).toBe(TEXT.en[key]);
      expect(zh[`server.${key}` as keyof typeof zh]).toBe(TEXT.zh[key]);
    }
  });
  it("the error headers are the security headers, with a policy that allows nothing", () => {
    for (const [k, v] of Object.entries(securityHeaders(null)))
      if (k !== "Content-Security-Policy") expect(ERROR_HEADERS[k]).toBe(v);
  });
});
