import { afterEach, describe, expect, it, vi } from "vitest";
import { captureLog } from "../log/capture.test-kit";
import { checkSettingsOrExit, settingsProblem } from "./check";

afterEach(() => vi.restoreAllMocks());

describe("settings checked at start", () => {
  it("accepts no settings and good ones", () => {
    expect(settingsProblem({})).toBeNull();
    expect(
      settingsProblem({
        LIFELINE_RETENTION: "3d",
        LIFELINE_RETENTION_SIZE: "4Gi",
        LIFELINE_SNAPSHOT_RETENTION: "30d",
        LIFELINE_UNREACHABLE_AFTER: "90s",
        LIFELINE_PENDING_MAX: "5000",
        LIFELINE_PENDING_SIZE: "16Mi",
        LIFELINE_DEMO_SPEED: "10",
        LIFELINE_DEMO_SCALE: "100",
        LIFELINE_DEMO_CHURN: "2",
        LIFELINE_DEMO_NAMESPACES_ONLY: "team-a, team-b",
        LIFELINE_NAMESPACES: "default, kube-system",
        LIFELINE_METRICS_PORT: "off",
        LIFELINE_LOGS: "all",
        LIFELINE_LOG_LINES: "500",
        LIFELINE_LOG_LIMIT: "128KiB",
        LIFELINE_LOG_RATE: "10",
        LIFELINE_LOG_QUEUE: "5000",
        LIFELINE_LOG_WAIT: "2m",
        LIFELINE_LOG_REDACT: "session=\\w+\n/x-api-key: \\S+/i",
      }),
    ).toBeNull();
  });

  it("names the first setting that can never work, in one sentence", () => {
    const cases: [Record<string, string>, string][] = [
      [{ LIFELINE_RETENTION: "forever" }, "LIFELINE_RETENTION must be a positive duration"],
      [{ LIFELINE_LOGS: "errors" }, "LIFELINE_LOGS must be off, failures"],
      [{ LIFELINE_LOG_LINES: "0" }, "LIFELINE_LOG_LINES must be a whole number from 1"],
      [{ LIFELINE_LOG_LIMIT: "lots" }, "LIFELINE_LOG_LIMIT must be a positive size"],
      [{ LIFELINE_LOG_RATE: "2.5" }, "LIFELINE_LOG_RATE must be a whole number"],
      [{ LIFELINE_LOG_WAIT: "later" }, "LIFELINE_LOG_WAIT must be a positive duration"],
      [
        { LIFELINE_LOG_REDACT: "ok\n(unclosed" },
        'LIFELINE_LOG_REDACT pattern 2 ("(unclosed") is not a valid regular expression',
      ],
      [{ LIFELINE_LOG_REDACT: "a|" }, "matches the empty string"],
      [{ LIFELINE_RETENTION_SIZE: "4 gigs" }, "LIFELINE_RETENTION_SIZE must be a positive size"],
      [{ LIFELINE_SNAPSHOT_RETENTION: "0d" }, "LIFELINE_SNAPSHOT_RETENTION must be"],
      [{ LIFELINE_UNREACHABLE_AFTER: "soon" }, "LIFELINE_UNREACHABLE_AFTER must be"],
      [{ LIFELINE_PENDING_MAX: "1e3.5" }, "LIFELINE_PENDING_MAX must be a whole number"],
      [{ LIFELINE_PENDING_SIZE: "big" }, "LIFELINE_PENDING_SIZE must be a positive size"],
      [{ LIFELINE_DEMO_SPEED: "5000" }, "LIFELINE_DEMO_SPEED must be a number from 1 to 1000"],
      [
        { LIFELINE_NAMESPACES: "default,Team_A" },
        'LIFELINE_NAMESPACES: "Team_A" is not a valid namespace name',
      ],
      [
        { LIFELINE_DEMO_NAMESPACES_ONLY: "a..b" },
        'LIFELINE_DEMO_NAMESPACES_ONLY: "a..b" is not a valid namespace name',
      ],
      [{ LIFELINE_METRICS_PORT: "70000" }, "LIFELINE_METRICS_PORT must be a port number"],
    ];
    for (const [env, sentence] of cases) expect(settingsProblem(env)).toContain(sentence);
  });

  it("ends the process with one line when a setting can never work", () => {
    const exit = vi.spyOn(process, "exit").mockImplementation((() => {
      throw new Error("exited");
    }) as never);
    const logged = captureLog();
    expect(() => checkSettingsOrExit({ LIFELINE_RETENTION_SIZE: "4 gigs" })).toThrow("exited");
    checkSettingsOrExit({ LIFELINE_RETENTION_SIZE: "4Gi" });
    logged.restore();
    expect(exit).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledWith(1);
    expect(logged.lines).toEqual([
      expect.stringMatching(
        /ERROR: .*not starting\. LIFELINE_RETENTION_SIZE must be a positive size/,
      ),
    ]);
  });
});
