// "Why is it like this?" starts from the pod's own evidence: for every fixture story and the demo
// cluster's scenario pods, the exact first sentences in English and Chinese, then only the general
// causes that fit this pod, then commands with its names filled in.
import { describe, expect, it } from "vitest";
import { Kit, podManifest } from "../demo-cluster/cluster.test-kit";
import { stories, story, storyInput } from "../fixtures";
import type { CoreEvent, Node, Pod } from "../k8s/types";
import { buildTimeline, type Observation } from "../timeline";
import type { PodTimeline } from "../timeline/types";
import { explainPod } from "./explain";
import { quote } from "./evidence";

interface Case {
  name: string;
  /** The timeline and the moment it is looked at. */
  load: () => { tl: PodTimeline; now: number };
  en: string[];
  zh: string[];
  /** Exact causes (English), where the choice among them is the point. */
  causes?: string[];
}

const fromStory = (name: string) => () => {
  const input = storyInput(story(name)!);
  return { tl: buildTimeline(input), now: input.now };
};

const S = (sec: number) =>
  new Date(Date.parse("2026-11-20T09:00:00Z") + sec * 1000)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, " UTC");

// The kubelet's hook message, quoted (folded and cut at 300 characters).
const HOOK =
  'Exec lifecycle hook ([/bin/sh -c echo postStart... > /usr/share/nginx/html/missing/index.html]) for Container "main-container" in Pod "pod-hook-exec_dev(0e1ca60e-86c3-486c-a3ea-95848deba6aa)" failed - error: command \'/bin/sh -c echo postStart... > /usr/share/nginx/html/missing/index.html\' exited with 1: /bin/sh: 1: cannot create /usr/share/nginx/html/missing/index.html: Directory nonexistent\n, message: "/bin/sh: 1: cannot create /usr/share/nginx/html/missing/index.html: Directory nonexistent\\n"';

const STORIES: Case[] = [
  {
    name: "unschedulable",
    load: fromStory("unschedulable"),
    en: [
      `The scheduler has not placed the pod since ${S(0)}: “0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.”.`,
      "It requests cpu 64.",
    ],
    zh: [
      `自 ${S(0)} 起调度器一直无法放置该 Pod：“0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.”。`,
      "它请求 cpu 64。",
    ],
    causes: [
      "No node fits it yet (cpu, memory, taints, affinity, a host port): see the PodScheduled condition.",
    ],
  },
  {
    name: "image-pull-backoff",
    load: fromStory("image-pull-backoff"),
    en: [
      'Container web cannot pull image ngnix:1.27: “rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/ngnix:1.27": failed to resolve reference "docker.io/library/ngnix:1.27": pull access denied, repository does not exist or may require authorization”.',
    ],
    zh: [
      '容器 web 无法拉取镜像 ngnix:1.27：“rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/ngnix:1.27": failed to resolve reference "docker.io/library/ngnix:1.27": pull access denied, repository does not exist or may require authorization”。',
    ],
  },
  {
    name: "invalid-image-name",
    load: fromStory("invalid-image-name"),
    en: [
      'Container app\'s image “Nginx:Latest” cannot be parsed: “Failed to apply default image tag "Nginx:Latest": couldn\'t parse image name "Nginx:Latest": invalid reference format: repository name (library/Nginx) must be lowercase”.',
    ],
    zh: [
      '容器 app 的镜像“Nginx:Latest”无法解析：“Failed to apply default image tag "Nginx:Latest": couldn\'t parse image name "Nginx:Latest": invalid reference format: repository name (library/Nginx) must be lowercase”。',
    ],
  },
  {
    name: "create-container-config-error",
    load: fromStory("create-container-config-error"),
    en: ['Container api\'s configuration cannot be built: “configmap "app-config" not found”.'],
    zh: ['容器 api 的配置无法生成：“configmap "app-config" not found”。'],
  },
  {
    name: "init-waiting",
    load: fromStory("init-waiting"),
    en: [
      `Init container test-mysql (1 of 2) has been running since ${S(5)} and has not finished; the containers after it wait for it.`,
    ],
    zh: [
      `init 容器 test-mysql（第 1 个，共 2 个）自 ${S(5)} 起一直在运行且尚未结束；之后的容器都在等待它。`,
    ],
  },
  {
    name: "init-crashloop",
    load: fromStory("init-crashloop"),
    en: [
      "Init container migrate exited with code 1 (Error) on each of its last 4 runs.",
      "The kubelet is waiting 40s before it restarts it (CrashLoopBackOff).",
    ],
    zh: [
      "init 容器 migrate 最近 4 次运行都以退出码 1（Error）结束。",
      "kubelet 在重启它之前等待 40s（CrashLoopBackOff）。",
    ],
    causes: [
      "The program exits with an error at start-up (configuration, a missing dependency): read the previous run's log.",
      "The application failed: its log (the previous run's, if it restarted) says why.",
      "A command or argument is wrong.",
    ],
  },
  {
    name: "sidecar",
    load: fromStory("sidecar"),
    en: [`All 2 containers are running and ready, since ${S(9)}.`],
    zh: [`全部 2 个容器都在运行且已就绪，自 ${S(9)} 起。`],
  },
  {
    name: "liveness-exec",
    load: fromStory("liveness-exec"),
    en: [
      "Container nginx exited with code 0 (Completed) on each of its last 8 runs.",
      "The kubelet killed it 8 times because its liveness probe (exec) failed; the last failure said: “Liveness probe failed: /bin/cat: /tmp/hello.txt: No such file or directory”.",
      "The kubelet is waiting 5m0s before it restarts it (CrashLoopBackOff).",
    ],
    zh: [
      "容器 nginx 最近 8 次运行都以退出码 0（Completed）结束。",
      "由于其存活探针（exec）失败，kubelet 杀死了它 8 次；最近一次失败的消息：“Liveness probe failed: /bin/cat: /tmp/hello.txt: No such file or directory”。",
      "kubelet 在重启它之前等待 5m0s（CrashLoopBackOff）。",
    ],
    causes: ["The liveness probe kills it (see the probe track and Killing events)."],
  },
  {
    name: "liveness-every-second",
    load: fromStory("liveness-every-second"),
    en: [
      "Container app exited with code 137 (Error) on each of its last 4 runs.",
      "The kubelet killed it 4 times because its liveness probe (exec) failed; the last failure said: “Liveness probe failed: cat: can't open '/tmp/alive': No such file or directory”.",
      "The kubelet is waiting 40s before it restarts it (CrashLoopBackOff).",
    ],
    zh: [
      "容器 app 最近 4 次运行都以退出码 137（Error）结束。",
      "由于其存活探针（exec）失败，kubelet 杀死了它 4 次；最近一次失败的消息：“Liveness probe failed: cat: can't open '/tmp/alive': No such file or directory”。",
      "kubelet 在重启它之前等待 40s（CrashLoopBackOff）。",
    ],
    // Killed (137) by its liveness probe: neither a start-up error nor memory.
    causes: ["The liveness probe kills it (see the probe track and Killing events)."],
  },
  {
    name: "backoff-fast",
    load: fromStory("backoff-fast"),
    en: [
      "Container cli exited with code 2 (Error) on each of its last 9 runs.",
      "The kubelet is waiting 1m0s before it restarts it (CrashLoopBackOff).",
    ],
    zh: [
      "容器 cli 最近 9 次运行都以退出码 2（Error）结束。",
      "kubelet 在重启它之前等待 1m0s（CrashLoopBackOff）。",
    ],
    causes: [
      "The program exits with an error at start-up (configuration, a missing dependency): read the previous run's log.",
      "The application failed: its log (the previous run's, if it restarted) says why.",
      "A command or argument is wrong.",
    ],
  },
  {
    name: "resize-in-place",
    load: fromStory("resize-in-place"),
    en: [`All 1 containers are running and ready, since ${S(5)}.`],
    zh: [`全部 1 个容器都在运行且已就绪，自 ${S(5)} 起。`],
  },
  {
    name: "restart-rules",
    load: fromStory("restart-rules"),
    en: [`Container worker exited with code 1 (Error) on its last run (#3, at ${S(40)}).`],
    zh: [`容器 worker 最近一次运行（#3，${S(40)}）以退出码 1（Error）结束。`],
    causes: [
      "The application failed: its log (the previous run's, if it restarted) says why.",
      "A command or argument is wrong.",
    ],
  },
  {
    name: "liveness-httpget",
    load: fromStory("liveness-httpget"),
    en: [
      "Container nginx exited with code 0 (Completed) on each of its last 2 runs.",
      "The kubelet killed it 2 times because its liveness probe (GET /hello on port 80) failed; the last failure said: “Liveness probe failed: HTTP probe failed with statuscode: 404”.",
      `It is running again since ${S(61)} (run #3).`,
    ],
    zh: [
      "容器 nginx 最近 2 次运行都以退出码 0（Completed）结束。",
      "由于其存活探针（GET /hello on port 80）失败，kubelet 杀死了它 2 次；最近一次失败的消息：“Liveness probe failed: HTTP probe failed with statuscode: 404”。",
      `它自 ${S(61)} 起再次运行（#3）。`,
    ],
  },
  {
    name: "readiness-flapping",
    load: fromStory("readiness-flapping"),
    en: [
      `Container api's readiness probe (GET /healthz on port 80) failed 5 times, last at ${S(95)}: “Readiness probe failed: HTTP probe failed with statuscode: 503”.`,
    ],
    zh: [
      `容器 api 的就绪探针（GET /healthz on port 80）失败了 5 次，最近一次在 ${S(95)}：“Readiness probe failed: HTTP probe failed with statuscode: 503”。`,
    ],
  },
  {
    name: "poststart-hook-failure",
    load: fromStory("poststart-hook-failure"),
    en: [
      "Container main-container exited with code 0 (Completed) on each of its last 3 runs.",
      `Its postStart hook failed: “${quote(HOOK)}”.`,
      "The kubelet is waiting 20s before it restarts it (CrashLoopBackOff).",
    ],
    zh: [
      "容器 main-container 最近 3 次运行都以退出码 0（Completed）结束。",
      `它的 postStart 钩子失败：“${quote(HOOK)}”。`,
      "kubelet 在重启它之前等待 20s（CrashLoopBackOff）。",
    ],
    // Exits 0 after the hook kills it, no probes, no OOM: none of CrashLoopBackOff's three fits.
    causes: [],
  },
  {
    name: "oom-killed",
    load: fromStory("oom-killed"),
    en: [
      "Container stress was OOMKilled (exit code 137) on each of its last 2 runs; its memory limit is 100Mi.",
      `It is running again since ${S(25)} (run #3).`,
    ],
    zh: [
      "容器 stress 最近 2 次运行都被 OOMKilled（退出码 137）；其内存限制为 100Mi。",
      `它自 ${S(25)} 起再次运行（#3）。`,
    ],
    causes: [
      "The memory limit is too low for the workload.",
      "A memory leak: the run length before each kill stays similar as memory fills up.",
    ],
  },
  {
    name: "backoff-reset",
    load: fromStory("backoff-reset"),
    en: [
      "Container worker exited with code 1 (Error) on each of its last 4 runs.",
      `It is running again since ${S(759)} (run #5).`,
    ],
    zh: [
      "容器 worker 最近 4 次运行都以退出码 1（Error）结束。",
      `它自 ${S(759)} 起再次运行（#5）。`,
    ],
    causes: [
      "The application failed: its log (the previous run's, if it restarted) says why.",
      "A command or argument is wrong.",
    ],
  },
  {
    name: "job-completed",
    load: fromStory("job-completed"),
    en: [`Container pi exited with code 0 (Completed) on its last run (#1, at ${S(35)}).`],
    zh: [`容器 pi 最近一次运行（#1，${S(35)}）以退出码 0（Completed）结束。`],
  },
  {
    name: "restart-never-failed",
    load: fromStory("restart-never-failed"),
    en: [`Container task exited with code 3 (Error) on its last run (#1, at ${S(7)}).`],
    zh: [`容器 task 最近一次运行（#1，${S(7)}）以退出码 3（Error）结束。`],
    causes: [
      "The application failed: its log (the previous run's, if it restarted) says why.",
      "A command or argument is wrong.",
    ],
  },
  {
    name: "evicted",
    load: fromStory("evicted"),
    en: [
      `The pod was marked for disruption at ${S(600)} (TerminationByKubelet): “The node was low on resource: memory. Threshold quantity: 100Mi, available: 91Mi. Container cache was using 1232Mi, request is 0, has larger consumption of request.”.`,
      `Container cache exited with code 137 (Error) on its last run (#1, at ${S(602)}).`,
    ],
    zh: [
      `该 Pod 于 ${S(600)} 被标记为中断目标（TerminationByKubelet）：“The node was low on resource: memory. Threshold quantity: 100Mi, available: 91Mi. Container cache was using 1232Mi, request is 0, has larger consumption of request.”。`,
      `容器 cache 最近一次运行（#1，${S(602)}）以退出码 137（Error）结束。`,
    ],
    causes: [
      "The node ran short of memory or disk and this pod used more than it requested.",
      "Large logs or emptyDir volumes filled the node's disk.",
    ],
  },
  {
    name: "terminating-prestop",
    load: fromStory("terminating-prestop"),
    en: [
      `Container web exited with code 0 (Completed) on its last run (#1, at ${S(106)}).`,
      `The pod was deleted at ${S(107)}.`,
    ],
    zh: [
      `容器 web 最近一次运行（#1，${S(106)}）以退出码 0（Completed）结束。`,
      `该 Pod 已于 ${S(107)} 删除。`,
    ],
  },
  {
    name: "node-lost",
    load: fromStory("node-lost"),
    en: [
      `Node node-2's Ready condition has been Unknown since ${S(340)}: “Kubelet stopped posting node status.”.`,
      `The pod was marked for disruption at ${S(640)} (DeletionByTaintManager): “Taint manager: deleting due to NoExecute taint”.`,
      `Deletion was requested at ${S(640)} with a grace period of 30s; it ran out at ${S(670)} and the pod is still there.`,
      `The pod's Ready condition has been False since ${S(340)} (ContainersNotReady: containers with unready status: [db]).`,
    ],
    zh: [
      `节点 node-2 的 Ready 条件自 ${S(340)} 起为 Unknown：“Kubelet stopped posting node status.”。`,
      `该 Pod 于 ${S(640)} 被标记为中断目标（DeletionByTaintManager）：“Taint manager: deleting due to NoExecute taint”。`,
      `已于 ${S(640)} 请求删除，宽限期 30 秒；宽限期已于 ${S(670)} 到期，但 Pod 仍然存在。`,
      `该 Pod 的 Ready 条件自 ${S(340)} 起为 False（ContainersNotReady: containers with unready status: [db]）。`,
    ],
    causes: [
      "On a lost node the pod stays Terminating until the node returns or is deleted.",
      "Finalizers on the object keep it from going away.",
    ],
  },
];

/** The demo cluster's pods, fed through the same model (pods, events and the node, as the store keeps them). */
function demo(setup: (kit: Kit) => void, name: string) {
  return () => {
    const kit = new Kit({ scenarios: ["oom-killed", "unschedulable", "pod-initcontainer"] });
    const seen: Observation[] = [];
    kit.cluster.store.watch("pods", 0, (c) => {
      if (c.object.metadata.name === name)
        seen.push({
          type: c.type,
          object: structuredClone(c.object) as unknown as Pod,
          observedAt: kit.clock.now(),
        });
    });
    setup(kit);
    const nodeName = kit.pod(name)?.spec?.nodeName;
    const node = nodeName
      ? (kit.cluster.store.get("nodes", "", nodeName) as unknown as Node)
      : null;
    return {
      tl: buildTimeline({
        observations: seen,
        events: kit.events(name) as CoreEvent[],
        node,
        now: kit.clock.now(),
      }),
      now: kit.clock.now(),
    };
  };
}

const DEMO: Case[] = [
  {
    name: "demo memory-hog",
    load: demo((kit) => kit.at(120), "memory-hog"),
    en: [
      "Container stress was OOMKilled (exit code 137) on each of its last 5 runs; its memory limit is 64Mi.",
      "The kubelet is waiting 1m20s before it restarts it (CrashLoopBackOff).",
    ],
    zh: [
      "容器 stress 最近 5 次运行都被 OOMKilled（退出码 137）；其内存限制为 64Mi。",
      "kubelet 在重启它之前等待 1m20s（CrashLoopBackOff）。",
    ],
    causes: [
      "It runs out of memory (exit 137, OOMKilled).",
      "The memory limit is too low for the workload.",
      "A memory leak: the run length before each kill stays similar as memory fills up.",
    ],
  },
  {
    name: "demo big-batch",
    load: demo((kit) => kit.at(120), "big-batch"),
    en: [
      `The scheduler has not placed the pod since ${S(0)}: “0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.”.`,
      "It requests cpu 64.",
    ],
    zh: [
      `自 ${S(0)} 起调度器一直无法放置该 Pod：“0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.”。`,
      "它请求 cpu 64。",
    ],
    causes: [
      "No node fits it yet (cpu, memory, taints, affinity, a host port): see the PodScheduled condition.",
    ],
  },
  {
    name: "demo pod-initcontainer on a lost node",
    load: demo((kit) => {
      kit.at(120);
      kit.cluster.loseNode(kit.pod("pod-initcontainer")!.spec!.nodeName!);
      kit.at(220);
    }, "pod-initcontainer"),
    en: [
      `Node node-1's Ready condition has been Unknown since ${S(175)}: “Kubelet stopped posting node status.”.`,
      `The pod's Ready condition has been False since ${S(175)}.`,
    ],
    zh: [
      `节点 node-1 的 Ready 条件自 ${S(175)} 起为 Unknown：“Kubelet stopped posting node status.”。`,
      `该 Pod 的 Ready 条件自 ${S(175)} 起为 False。`,
    ],
    causes: [
      "Its node stopped reporting: the node controller set the pod's Ready condition to False; nothing in the pod itself changed.",
    ],
  },
  {
    name: "demo crasher (exit 1, no probes)",
    load: demo((kit) => {
      kit.apply(
        podManifest("crasher", {
          containers: [
            {
              name: "app",
              image: "docker.1ms.run/library/busybox:1.36",
              command: ["sh", "-c", "echo starting; sleep 2; exit 1"],
            },
          ],
        }),
      );
      kit.at(120);
    }, "crasher"),
    en: [
      "Container app exited with code 1 (Error) on each of its last 5 runs.",
      "The kubelet is waiting 1m20s before it restarts it (CrashLoopBackOff).",
    ],
    zh: [
      "容器 app 最近 5 次运行都以退出码 1（Error）结束。",
      "kubelet 在重启它之前等待 1m20s（CrashLoopBackOff）。",
    ],
    causes: [
      "The program exits with an error at start-up (configuration, a missing dependency): read the previous run's log.",
      "The application failed: its log (the previous run's, if it restarted) says why.",
      "A command or argument is wrong.",
    ],
  },
];

describe("every fixture story has its evidence case", () => {
  it("covers them all", () => {
    expect(STORIES.map((c) => c.name).sort()).toEqual(stories.map((s) => s.name).sort());
  });
});

describe.each([...STORIES, ...DEMO])("why: $name", (c) => {
  const { tl, now } = c.load();
  const en = explainPod(tl, "en", { now, tz: "utc" });
  const zh = explainPod(tl, "zh", { now, tz: "utc" });
  const has = (probe: "liveness" | "readiness") => tl.containers.some((x) => x.probeConfig[probe]);
  const nodeDown = tl.nodeReady !== null && tl.nodeReady.status !== "True";
  const oomSeen = tl.containers.some((x) => x.runs.some((r) => r.reason === "OOMKilled"));

  it("opens with what this pod shows, in English and Chinese", () => {
    expect(en.facts).toEqual(c.en);
    expect(zh.facts).toEqual(c.zh);
  });

  it("gives only the general causes that fit", () => {
    if (c.causes) expect(en.causes).toEqual(c.causes);
    const all = [...en.causes, ...en.facts].join("\n");
    const allZh = [...zh.causes, ...zh.facts].join("\n");
    if (!has("liveness")) {
      expect(all).not.toMatch(/liveness/i);
      expect(allZh).not.toMatch(/存活探针/);
    }
    if (!has("readiness")) {
      expect(all).not.toMatch(/readiness probe/i);
      expect(allZh).not.toMatch(/就绪探针/);
    }
    if (!oomSeen) expect(en.causes.join("\n")).not.toMatch(/OOM|memory limit|out of memory/);
    if (!nodeDown) expect(en.causes.join("\n")).not.toMatch(/node stopped reporting|lost node/);
    expect(zh.causes).toHaveLength(en.causes.length);
  });

  it("gives commands with this pod's names", () => {
    expect(en.commands).toContain(`kubectl describe pod ${tl.name} -n ${tl.namespace}`);
    for (const cmd of en.commands)
      if (cmd.startsWith("kubectl logs"))
        expect(cmd).toMatch(new RegExp(`^kubectl logs ${tl.name} -n ${tl.namespace} -c \\S+`));
    if (nodeDown) expect(en.commands).toContain(`kubectl describe node ${tl.node}`);
    if (oomSeen)
      expect(en.commands).toContain(`kubectl top pod ${tl.name} -n ${tl.namespace} --containers`);
    if (!has("liveness") && !has("readiness"))
      expect(en.commands.join("\n")).not.toMatch(/livenessProbe/);
    expect(zh.commands).toEqual(en.commands);
  });
});
