// The explanation of CrashLoopBackOff must not promise 10 s → 300 s: since 1.33 a node can start at
// 1 s (ReduceDefaultCrashLoopBackOffDecay) and cap anywhere from 1 s to 300 s
// (crashLoopBackOff.maxContainerRestartPeriod, KubeletCrashLoopBackOffMax beta in 1.35).
import { describe, expect, it } from "vitest";
import { explain } from "./explain";

const ctx = { namespace: "dev", pod: "flaky-cli", container: "cli", node: "node-1" };

describe("CrashLoopBackOff explanation", () => {
  it.each(["en", "zh"] as const)("does not state the old fixed curve as a fact (%s)", (lang) => {
    const meaning = explain("CrashLoopBackOff", ctx, lang).meaning;
    expect(meaning).not.toMatch(/10s, 20s, 40s|10 秒、20 秒、40 秒/);
    expect(meaning).not.toMatch(/up to 5 minutes|最长 5 分钟/);
    expect(meaning).toContain("maxContainerRestartPeriod");
    // The waiting message's shape, with no delay of its own: a pod whose kubelet announced 1m20s
    // read "back-off 1s" here and took it for its own.
    expect(meaning).toMatch(/back-off <[^>]+> restarting failed container/);
    expect(meaning).not.toMatch(/back-off \d/);
  });
});
