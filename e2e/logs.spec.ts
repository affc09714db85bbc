// The pod page's log reader on the embedded demo cluster: a crash-looping pod's finished run opens
// its captured tail below the chart; a log line that is markup renders as text.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";

interface Run {
  container: string;
  attempt: number;
  outcome: string;
  lastLine: string | null;
  startedAt: number | null;
  finishedAt: number | null;
}

/** A captured run of the pod, once the capture has stored one. */
async function capturedRun(request: APIRequestContext, pod: string): Promise<Run> {
  let found: Run | undefined;
  await expect
    .poll(
      async () => {
        const res = await request.get(`/api/pods/dev/${pod}/logs`);
        if (!res.ok()) return false;
        const { runs } = (await res.json()) as { runs: Run[] };
        found = runs.find((r) => r.outcome === "captured" && r.lastLine);
        return found !== undefined;
      },
      { timeout: 60_000 },
    )
    .toBe(true);
  return found!;
}

const runBox = (page: Page, run: Run) =>
  page
    .locator(
      `[data-row="container-${run.container}"] [data-kind="run"][data-label^="#${run.attempt} "] rect`,
    )
    .first();

test("memory-hog: a finished run opens its captured tail; Esc closes it", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  const run = await capturedRun(request, "memory-hog");
  // A frozen window around the run: live, at 10x, the chart rescales every second and the run
  // slides out from under a pointer held still (the CI rehearsal lost its tooltip that way).
  const around = (ms: number) => new Date(ms).toISOString();
  await page.goto(
    `/pods/dev/memory-hog?tz=utc&from=${around(run.startedAt! - 60_000)}&to=${around(run.finishedAt! + 60_000)}`,
  );
  await runBox(page, run).hover();
  await expect(page.getByTestId("tooltip-last-line")).toContainText(run.lastLine!);
  await runBox(page, run).click();
  const reader = page.getByTestId("log-reader");
  await expect(reader).toHaveAttribute("data-run", String(run.attempt));
  await expect(page.getByTestId("log-title")).toHaveText(`stress · run #${run.attempt}`);
  await expect(page.getByTestId("log-how")).toContainText("exit code 137 (OOMKilled)");
  await expect(page.getByTestId("log-lines")).toContainText("loading the dataset");
  await expect(page.getByTestId("log-lines")).toContainText("fatal error: runtime: out of memory");
  await page.getByTestId("log-search").fill("dataset");
  await expect(page.getByTestId("log-matches")).toHaveText("1 of 1");
  await expect(page.locator('[data-testid="log-lines"] mark')).toHaveText("dataset");
  const download = page.waitForEvent("download");
  await page.getByTestId("log-download").click();
  expect((await download).suggestedFilename()).toBe(`memory-hog_stress_${run.attempt}.log`);
  await page.screenshot({ path: "e2e/screenshots/pod-log-reader.png", fullPage: true });
  await page.getByTestId("log-search").press("Escape");
  await expect(reader).toHaveCount(0);
  await expect(page.locator('[data-row="container-stress"]')).toBeFocused();
});

test("a log line that is markup renders as text: no script runs, no dialog opens", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const { server } = await (await request.get("/api/cluster")).json();
  const evil = "<script>alert(1)</script>";
  // A name of its own per attempt: a retry must not meet the first attempt's pod.
  const name = `log-markup-${Date.now().toString(36)}`;
  const res = await request.post(`${server}/api/v1/namespaces/dev/pods`, {
    data: {
      apiVersion: "v1",
      kind: "Pod",
      metadata: {
        name,
        labels: { app: "log-markup" },
        annotations: { "lifeline.dev/script.app": `echo '${evil}'; echo bye; exit 1` },
      },
      spec: { containers: [{ name: "app", image: "docker.1ms.run/library/busybox:1.36" }] },
    },
  });
  expect(res.status()).toBe(201);
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs++;
    void d.dismiss();
  });
  const run = await capturedRun(request, name);
  await page.goto(`/pods/dev/${name}?tz=utc`);
  await runBox(page, run).click();
  const lines = page.getByTestId("log-lines");
  await expect(lines).toContainText(evil);
  await expect(lines).toContainText("bye");
  expect(await page.locator('[data-testid="log-reader"] script').count()).toBe(0);
  expect(dialogs).toBe(0);
});

test("the run going now: Follow shows its live log in the reader; Esc stops it", async ({
  page,
}) => {
  test.setTimeout(120_000);
  // api-flappy's one run never ends; its script says `health: …` at each flip.
  await page.goto("/pods/dev/api-flappy?tz=utc");
  await page.locator('[data-row="container-api"] [data-kind="run"][data-label="#1"] rect').click();
  await expect(page.getByTestId("log-running")).toBeVisible({ timeout: 30_000 });
  await page.getByTestId("log-follow").click();
  await expect(page.getByTestId("live-tail-lines")).toContainText("health:", { timeout: 30_000 });
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("live-tail")).toHaveCount(0);
  await expect(page.getByTestId("log-reader")).toHaveCount(0);
});
