import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
  testDir: "e2e",
  timeout: 30_000,
  retries: process.env.CI ? 1 : 0,
  workers: 1,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: "chromium",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    // The same entry point as `npm start`: builds when needed, then serves on loopback.
    command: "node scripts/start.mjs",
    // The live pipeline runs on the embedded demo cluster (its clock 10× as fast, so the stories
    // unfold in seconds), with its history in a throwaway folder.
    env: {
      PORT: String(port),
      LIFELINE_HOST: "127.0.0.1",
      LIFELINE_DEMO: "1",
      LIFELINE_DEMO_SPEED: "10",
      LIFELINE_DATA_DIR: `test-results/data-${Date.now()}`,
      // Parallel test servers would fight for 9090; e2e/metrics.spec.ts serves them on its own port.
      LIFELINE_METRICS_PORT: "off",
    },
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: "pipe",
  },
});
