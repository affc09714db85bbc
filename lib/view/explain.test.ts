import { describe, expect, it } from "vitest";
import { en, zh } from "../i18n/messages";
import { pickLang, translate } from "../i18n";
import { EXPLAINED, entryFor, explain } from "./explain";

const ctx = { namespace: "dev", pod: "web-1", container: "nginx", node: "node-1" };

describe("Why is it like this?", () => {
  it.each([
    // Every waiting / terminated reason, phase and status pod-lifecycle.md names.
    "Pending",
    "Running",
    "Succeeded",
    "Failed",
    "Unknown",
    "ContainerCreating",
    "PodInitializing",
    "ErrImagePull",
    "ImagePullBackOff",
    "InvalidImageName",
    "ErrImageNeverPull",
    "ImageInspectError",
    "RegistryUnavailable",
    "CreateContainerConfigError",
    "CreateContainerError",
    "RunContainerError",
    "PostStartHookError",
    "CrashLoopBackOff",
    "Completed",
    "Error",
    "OOMKilled",
    "ContainerCannotRun",
    "DeadlineExceeded",
    "StartError",
    "Terminating",
    "NotReady",
    "SchedulingGated",
    "Evicted",
    "NodeLost",
    "UnexpectedAdmissionError",
    "Unschedulable",
    "ContainerStatusUnknown",
  ])("has its own entry for %s in both languages", (reason) => {
    expect(entryFor(reason).key).toBe(reason);
    for (const lang of ["en", "zh"] as const) {
      const e = explain(reason, ctx, lang);
      expect(e.meaning.length).toBeGreaterThan(8);
      expect(e.commands[0]).toMatch(/^kubectl /);
    }
  });
  it("reads kubectl's composite statuses", () => {
    expect(entryFor("Init:0/2")).toEqual({ key: "InitProgress", init: true });
    expect(entryFor("Init:CrashLoopBackOff")).toEqual({ key: "CrashLoopBackOff", init: true });
    expect(entryFor("Init:ExitCode:3").key).toBe("ExitCode");
    expect(entryFor("Signal:9").key).toBe("Signal");
    expect(entryFor("SomethingNew").key).toBe("Other");
    expect(explain("Init:Error", ctx, "en").meaning).toMatch(/^This is an init container's/);
  });
  it("gives the next commands for the pod, quoted for the shell", () => {
    const e = explain("CrashLoopBackOff", ctx, "en");
    expect(e.commands).toEqual(
      expect.arrayContaining([
        "kubectl logs web-1 -n dev -c nginx --previous",
        "kubectl describe pod web-1 -n dev",
        "kubectl get events -n dev --field-selector involvedObject.name=web-1 --sort-by=.lastTimestamp",
      ]),
    );
    expect(explain("Running", ctx, "en", { notReady: true })).toMatchObject({
      key: "NotReadyRunning",
      healthy: false,
    });
    expect(explain("Running", { ...ctx, pod: "a'b" }, "en").commands[0]).toBe(
      "kubectl describe pod 'a'\\''b' -n dev",
    );
  });
  it("every table entry has causes in both languages when it is not healthy", () => {
    for (const key of EXPLAINED) {
      const e = explain(key === "InitProgress" ? "Init:0/1" : key, ctx, "zh");
      if (!e.healthy && key !== "NotReadyRunning") expect(e.causes.length, key).toBeGreaterThan(0);
    }
  });
  it("takes its words from lib/i18n: each entry's meaning and causes are messages, none left over", () => {
    for (const key of EXPLAINED) {
      const subject = key === "InitProgress" ? "Init:0/1" : key;
      const causes = Object.keys(en).filter((k) => k.startsWith(`ex.${key}.cause.`));
      expect(`ex.${key}.meaning` in en, key).toBe(true);
      for (const lang of ["en", "zh"] as const) {
        const e = explain(subject, ctx, lang);
        expect(e.meaning, key).not.toMatch(/^ex\./);
        expect(e.causes, key).toEqual(causes.map((k) => translate(lang, k as keyof typeof en)));
      }
    }
  });
});

describe("i18n", () => {
  it("has every English message in Chinese, with the same placeholders", () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(zh[key], key).toBeTruthy();
      const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(holes(zh[key]), key).toEqual(holes(en[key]));
    }
  });
  it("fills placeholders and picks the browser's language", () => {
    expect(translate("en", "ov.count", { shown: 3, total: 10 })).toBe("3 of 10 pods");
    expect(translate("zh", "ov.count", { shown: 3, total: 10 })).toBe("显示 3 / 10 个 Pod");
    expect(pickLang(null, "zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh");
    expect(pickLang(null, "fr-FR,en;q=0.5,zh;q=0.4")).toBe("en");
    expect(pickLang(null, "en;q=0.2,zh-TW;q=0.9")).toBe("zh");
    expect(pickLang("en", "zh-CN")).toBe("en");
    expect(pickLang("klingon", "")).toBe("en");
  });
});

describe("next commands when nodes are not visible (a namespaced install)", () => {
  const hidden = { ...ctx, nodesVisible: false };
  it.each(["Pending", "Unschedulable", "Unknown", "NodeLost", "Evicted", "Terminating"])(
    "%s suggests no command that reads nodes",
    (subject) => {
      const withNodes = explain(subject, ctx, "en").commands;
      expect(withNodes.some((c) => /kubectl describe nodes?\b/.test(c))).toBe(true);
      const commands = explain(subject, hidden, "en").commands;
      expect(commands.filter((c) => /\bnodes?\b/.test(c))).toEqual([]);
      expect(commands).toContain("kubectl describe pod web-1 -n dev");
    },
  );
  it("still says which node the pod is on, with a namespaced command", () => {
    expect(explain("NodeLost", hidden, "en").commands).toContain(
      "kubectl get pod web-1 -n dev -o wide",
    );
  });
});
