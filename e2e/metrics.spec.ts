// Prometheus metrics from `npm start`'s own server: on their port, without the UI's access control
// (which the UI port keeps demanding); a taken metrics port costs a warning, not the server; an
// unreadable LIFELINE_METRICS_PORT stops the start with a sentence. Servers of its own (ports +6..+9).
import { expect, test } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exited, killStarted, lifeline, output, ready, stop } from "./processes";

const port = Number(process.env.E2E_PORT ?? 3100) + 6;
const metricsPort = port + 1;
const base = `http://127.0.0.1:${port}`;
const metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
const TOKEN = "e2e-metrics-token-0123456789";
const dataDir = () => join(mkdtempSync(join(tmpdir(), "lifeline-metrics-e2e-")), "data");

test.describe.configure({ mode: "serial" });
test.afterAll(killStarted);

test("serves /metrics on its own port without a token while the UI demands one; a second server whose metrics port is taken runs on", async () => {
  test.setTimeout(300_000);
  const server = lifeline(port, {
    LIFELINE_DEMO: "1",
    LIFELINE_DATA_DIR: dataDir(),
    LIFELINE_AUTH: "token",
    LIFELINE_AUTH_TOKEN: TOKEN,
    LIFELINE_METRICS_PORT: String(metricsPort),
  });
  await ready(base, 240_000);

  // The UI's port: no token, no answer.
  expect((await fetch(`${base}/api/cluster`)).status).toBe(401);
  expect(
    (await fetch(`${base}/api/cluster`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status,
  ).toBe(200);
  // The metrics port: no token needed.
  await expect
    .poll(async () => {
      const res = await fetch(metricsUrl);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
      return res.text();
    })
    .toMatch(/^lifeline_watch_reflectors\{resource="pods",phase="connected"\} 1$/m);
  const text = await (await fetch(metricsUrl)).text();
  expect(text).toMatch(/^lifeline_pipeline_running 1$/m);
  expect(text).toMatch(/^lifeline_ready 1$/m);
  expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  expect(text).not.toContain("pod-liveness-exec");
  expect((await fetch(`http://127.0.0.1:${metricsPort}/`)).status).toBe(404);

  // A second server told to use the same metrics port: one warning, and it serves anyway.
  const second = lifeline(port + 2, {
    LIFELINE_DEMO: "1",
    LIFELINE_DATA_DIR: dataDir(),
    LIFELINE_METRICS_PORT: String(metricsPort),
  });
  await output(
    second,
    new RegExp(
      `serving no metrics: cannot listen on 127\\.0\\.0\\.1:${metricsPort}: the port is in use`,
    ),
    240_000,
  );
  await ready(`http://127.0.0.1:${port + 2}`, 240_000);
  expect(second.exitCode).toBeNull();
  await stop(second);
  await stop(server);
});

test("an unreadable LIFELINE_METRICS_PORT stops the start with a sentence naming it", async () => {
  test.setTimeout(240_000);
  const refused = lifeline(port + 3, {
    LIFELINE_DEMO: "1",
    LIFELINE_DATA_DIR: dataDir(),
    LIFELINE_METRICS_PORT: "nine",
  });
  const [line] = await output(refused, /LIFELINE_METRICS_PORT must be[^\n]*/, 240_000);
  expect(line).toContain(
    'LIFELINE_METRICS_PORT must be a port number from 1 to 65535, or "off" to serve no metrics, not "nine".',
  );
  await exited(refused);
  expect(refused.exitCode).toBe(1);
});
