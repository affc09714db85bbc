// "Why is it like this?": for a kubectl STATUS, a phase, or a container's waiting / terminated reason,
// what it means, its likely causes and the next commands to run. Facts from docs' pod-lifecycle.md.
import type { Lang } from "../i18n";
import type { PodTimeline } from "../timeline/types";
import { podEvidence, type Need } from "./evidence";
import { podHeader } from "./pod-summary";

export interface ExplainContext {
  namespace: string;
  pod: string;
  container?: string | null;
  node?: string | null;
  /** Is the subject an init container's (Init:<reason>)? */
  init?: boolean;
}

export interface Explanation {
  /** The table entry used (for tests and data attributes). */
  key: string;
  subject: string;
  /** What this pod's own history shows, most telling first (empty for a bare reason). */
  facts: string[];
  meaning: string;
  causes: string[];
  commands: string[];
  /** Nothing is wrong: a healthy state. */
  healthy: boolean;
}

type Text = { meaning: string; causes: string[] };
type Cmd =
  | "describe"
  | "logsPrev"
  | "logs"
  | "events"
  | "node"
  | "nodes"
  | "image"
  | "config"
  | "top"
  | "owner"
  | "probe";
interface Entry {
  en: Text;
  zh: Text;
  commands: Cmd[];
  healthy?: boolean;
  /** Per cause (same order in both languages): what must be true of the pod for it to fit; null: always. */
  needs?: (Need | null)[];
}

const E: Record<string, Entry> = {
  Pending: {
    en: {
      meaning:
        "The API server accepted the pod, but at least one container has not been created yet.",
      causes: [
        "No node fits it yet (cpu, memory, taints, affinity, a host port): see the PodScheduled condition.",
        "The kubelet is still pulling images, mounting volumes or running init containers.",
        "A volume or a sandbox (CNI) fails to set up: look for FailedMount / FailedCreatePodSandBox events.",
      ],
    },
    zh: {
      meaning: "API 服务器已接受该 Pod，但至少有一个容器尚未创建。",
      causes: [
        "还没有合适的节点（CPU、内存、污点、亲和性、主机端口）：查看 PodScheduled 条件。",
        "kubelet 仍在拉取镜像、挂载卷或运行 init 容器。",
        "卷或沙箱（CNI）无法建立：查找 FailedMount / FailedCreatePodSandBox 事件。",
      ],
    },
    needs: ["unscheduled", "scheduled", "scheduled"],
    commands: ["describe", "events", "nodes"],
  },
  Running: {
    en: {
      meaning:
        "The pod is bound to a node and every container has been created; at least one is running (or restarting). Running does not mean serving: readiness is separate.",
      causes: [],
    },
    zh: {
      meaning:
        "Pod 已绑定到节点，所有容器均已创建，至少一个正在运行（或正在重启）。Running 不等于可以提供服务：就绪是另一回事。",
      causes: [],
    },
    commands: ["describe", "logs"],
    healthy: true,
  },
  Succeeded: {
    en: {
      meaning:
        "Every container exited with code 0 and none will restart (a Job, or restartPolicy OnFailure / Never).",
      causes: [],
    },
    zh: {
      meaning:
        "所有容器都以退出码 0 结束且不会再重启（Job，或 restartPolicy 为 OnFailure / Never）。",
      causes: [],
    },
    commands: ["logs", "owner"],
    healthy: true,
  },
  Completed: {
    en: {
      meaning:
        "The container exited with code 0. For a pod, every container finished successfully.",
      causes: [],
    },
    zh: { meaning: "容器以退出码 0 结束。对 Pod 而言，所有容器都已成功完成。", causes: [] },
    commands: ["logs", "owner"],
    healthy: true,
  },
  Failed: {
    en: {
      meaning:
        "Every container has terminated and at least one failed (a non-zero exit, or killed by the system); nothing will restart it.",
      causes: [
        "The program exited with an error and restartPolicy is Never (or OnFailure ran out in a Job).",
        "The kubelet evicted the pod under node pressure (status.reason Evicted).",
        "A Job's activeDeadlineSeconds ran out (DeadlineExceeded).",
      ],
    },
    zh: {
      meaning: "所有容器都已终止，且至少一个失败（非零退出码，或被系统杀死），不会再重启。",
      causes: [
        "程序以错误退出，且 restartPolicy 为 Never（或 Job 的 OnFailure 重试用尽）。",
        "节点资源紧张，kubelet 驱逐了该 Pod（status.reason 为 Evicted）。",
        "Job 的 activeDeadlineSeconds 已到（DeadlineExceeded）。",
      ],
    },
    needs: ["exitError", "evicted", null],
    commands: ["describe", "logsPrev", "events"],
  },
  Unknown: {
    en: {
      meaning:
        "The pod's state cannot be obtained, usually because its node stopped reporting to the API server.",
      causes: [
        "The node is down, partitioned from the network, or its kubelet stopped.",
        "After tolerationSeconds (default 300 s) the pod is evicted and its controller recreates it elsewhere.",
      ],
    },
    zh: {
      meaning: "无法获取 Pod 的状态，通常是因为所在节点不再向 API 服务器汇报。",
      causes: [
        "节点宕机、网络分区，或 kubelet 已停止。",
        "在 tolerationSeconds（默认 300 秒）之后，Pod 会被驱逐，由控制器在别处重建。",
      ],
    },
    commands: ["node", "describe", "events"],
  },
  ContainerCreating: {
    en: {
      meaning:
        "The kubelet is creating the container: pulling its image, mounting volumes, setting up the sandbox.",
      causes: [
        "A large image is still being pulled.",
        "A volume cannot be mounted (a missing Secret or ConfigMap, a PVC not bound): FailedMount events.",
        "The network plugin fails to create the sandbox: FailedCreatePodSandBox events.",
      ],
    },
    zh: {
      meaning: "kubelet 正在创建容器：拉取镜像、挂载卷、建立沙箱。",
      causes: [
        "镜像较大，仍在拉取。",
        "卷无法挂载（缺少 Secret 或 ConfigMap，PVC 未绑定）：查看 FailedMount 事件。",
        "网络插件无法创建沙箱：查看 FailedCreatePodSandBox 事件。",
      ],
    },
    commands: ["describe", "events"],
  },
  PodInitializing: {
    en: {
      meaning: "Init containers have finished; the main containers are being started.",
      causes: [
        "Normally brief; if it lasts, look at image pulls and volume mounts of the main containers.",
      ],
    },
    zh: {
      meaning: "init 容器已全部完成，正在启动主容器。",
      causes: ["通常很短暂；若持续较久，请检查主容器的镜像拉取和卷挂载。"],
    },
    commands: ["describe", "events"],
  },
  InitProgress: {
    en: {
      meaning:
        "Init containers run one at a time, in order; Init:i/N says i of N have finished. Each must exit 0 before the next starts.",
      causes: [
        "An init container waits for something (a service, a DNS name, a file) that is not there yet.",
        "An init container is slow to pull or to finish its work.",
      ],
    },
    zh: {
      meaning:
        "init 容器按顺序逐个运行；Init:i/N 表示 N 个中已完成 i 个。每个都必须以 0 退出，下一个才会启动。",
      causes: [
        "某个 init 容器在等待尚未就绪的东西（服务、DNS 名称、文件）。",
        "某个 init 容器拉取镜像或执行任务较慢。",
      ],
    },
    commands: ["describe", "logs", "events"],
  },
  ErrImagePull: {
    en: {
      meaning: "The kubelet could not pull the container's image.",
      causes: [
        "The image name or tag is wrong, or the tag does not exist.",
        "The registry needs credentials: imagePullSecrets missing or wrong.",
        "The node cannot reach the registry (network, proxy, rate limits).",
      ],
    },
    zh: {
      meaning: "kubelet 无法拉取容器镜像。",
      causes: [
        "镜像名或标签写错，或该标签不存在。",
        "镜像仓库需要凭据：imagePullSecrets 缺失或错误。",
        "节点无法访问镜像仓库（网络、代理、限流）。",
      ],
    },
    commands: ["describe", "image", "events"],
  },
  ImagePullBackOff: {
    en: {
      meaning:
        "Pulling the image failed and the kubelet is waiting before it tries again, with a growing back-off as for crashes.",
      causes: [
        "The image name or tag is wrong, or the tag does not exist.",
        "The registry needs credentials: imagePullSecrets missing or wrong.",
        "The node cannot reach the registry (network, proxy, rate limits).",
      ],
    },
    zh: {
      meaning: "镜像拉取失败，kubelet 在重试前等待，等待时间像崩溃重启一样逐步增加。",
      causes: [
        "镜像名或标签写错，或该标签不存在。",
        "镜像仓库需要凭据：imagePullSecrets 缺失或错误。",
        "节点无法访问镜像仓库（网络、代理、限流）。",
      ],
    },
    commands: ["describe", "image", "events"],
  },
  InvalidImageName: {
    en: {
      meaning: "The image reference cannot be parsed, so the kubelet never tries to pull it.",
      causes: ["A typo in the image field: upper-case letters, a stray character, a double colon."],
    },
    zh: {
      meaning: "镜像引用无法解析，kubelet 根本不会尝试拉取。",
      causes: ["image 字段有拼写错误：大写字母、多余字符、两个冒号等。"],
    },
    commands: ["image", "describe"],
  },
  ErrImageNeverPull: {
    en: {
      meaning: "imagePullPolicy is Never and the image is not on the node.",
      causes: ["The image was expected to be preloaded on every node but is missing on this one."],
    },
    zh: {
      meaning: "imagePullPolicy 为 Never，而节点上没有该镜像。",
      causes: ["本应预先加载到所有节点的镜像，在这个节点上缺失。"],
    },
    commands: ["image", "describe"],
  },
  ImageInspectError: {
    en: {
      meaning: "The container runtime could not inspect the image on the node.",
      causes: ["A corrupt image in the node's image store, or a runtime problem."],
    },
    zh: {
      meaning: "容器运行时无法检查节点上的镜像。",
      causes: ["节点镜像存储中的镜像已损坏，或容器运行时出现问题。"],
    },
    commands: ["describe", "node"],
  },
  RegistryUnavailable: {
    en: {
      meaning: "The image registry could not be reached.",
      causes: ["The registry is down, or DNS / network / proxy on the node blocks it."],
    },
    zh: {
      meaning: "无法连接镜像仓库。",
      causes: ["镜像仓库宕机，或节点上的 DNS、网络、代理阻止了访问。"],
    },
    commands: ["describe", "events"],
  },
  CreateContainerConfigError: {
    en: {
      meaning: "The kubelet cannot build the container's configuration.",
      causes: [
        "A Secret or ConfigMap (or a key in it) referenced by env or envFrom does not exist.",
        "runAsNonRoot is set but the image runs as root.",
      ],
    },
    zh: {
      meaning: "kubelet 无法生成容器配置。",
      causes: [
        "env 或 envFrom 引用的 Secret、ConfigMap（或其中的键）不存在。",
        "设置了 runAsNonRoot，但镜像以 root 运行。",
      ],
    },
    commands: ["describe", "config", "events"],
  },
  CreateContainerError: {
    en: {
      meaning: "The container runtime failed to create the container.",
      causes: [
        "A conflicting container name on the node, a bad mount, or a runtime error: the message says which.",
      ],
    },
    zh: {
      meaning: "容器运行时未能创建容器。",
      causes: ["节点上容器名冲突、挂载错误或运行时错误：消息中会说明具体原因。"],
    },
    commands: ["describe", "events"],
  },
  RunContainerError: {
    en: {
      meaning: "The container was created but could not be started.",
      causes: [
        "The command or entrypoint does not exist in the image.",
        "A mount or a security setting prevents the start.",
      ],
    },
    zh: {
      meaning: "容器已创建，但无法启动。",
      causes: ["镜像中不存在指定的命令或入口点。", "挂载或安全设置阻止了启动。"],
    },
    commands: ["describe", "events"],
  },
  PostStartHookError: {
    en: {
      meaning:
        "The postStart hook failed, so the kubelet killed the container; it restarts according to restartPolicy.",
      causes: [
        "The hook's command fails or its HTTP call is refused.",
        "The hook runs before the application is ready for it.",
      ],
    },
    zh: {
      meaning: "postStart 钩子执行失败，kubelet 杀死了容器；之后按 restartPolicy 重启。",
      causes: ["钩子命令失败，或其 HTTP 调用被拒绝。", "钩子在应用准备好之前就执行了。"],
    },
    commands: ["describe", "events", "logsPrev"],
  },
  CrashLoopBackOff: {
    en: {
      meaning:
        "The container keeps exiting and the kubelet waits before each restart, doubling the delay up to the node's maximum and forgetting it after 10 minutes without a crash. The curve is the node's: 10s → 5m0s by default, from 1s with ReduceDefaultCrashLoopBackOffDecay, capped by the kubelet's crashLoopBackOff.maxContainerRestartPeriod. The brackets show the delay the kubelet announced in its waiting message (\"back-off 1s restarting failed container=…\") and the one observed.",
      causes: [
        "The program exits with an error at start-up (configuration, a missing dependency): read the previous run's log.",
        "The liveness probe kills it (see the probe track and Killing events).",
        "It runs out of memory (exit 137, OOMKilled).",
      ],
    },
    zh: {
      meaning:
        '容器反复退出，kubelet 每次重启前都会等待，延迟逐次翻倍直到节点的上限，连续 10 分钟没有崩溃后重置。曲线由节点决定：默认 10s → 5m0s；启用 ReduceDefaultCrashLoopBackOffDecay 时从 1s 开始；上限由 kubelet 的 crashLoopBackOff.maxContainerRestartPeriod 决定。括号标出了 kubelet 在等待消息中宣告的延迟（"back-off 1s restarting failed container=…"）和实测的延迟。',
      causes: [
        "程序启动时出错退出（配置问题、依赖缺失）：查看上一次运行的日志。",
        "存活探针杀死了它（见探针轨道和 Killing 事件）。",
        "内存不足（退出码 137，OOMKilled）。",
      ],
    },
    needs: ["exitError", "liveness", "oom"],
    commands: ["logsPrev", "describe", "events", "probe"],
  },
  Error: {
    en: {
      meaning: "The container exited with a non-zero code.",
      causes: [
        "The application failed: its log (the previous run's, if it restarted) says why.",
        "A command or argument is wrong.",
      ],
    },
    zh: {
      meaning: "容器以非零退出码结束。",
      causes: ["应用出错：查看其日志（若已重启，则查看上一次运行的日志）。", "命令或参数有误。"],
    },
    needs: ["exitError", "exitError"],
    commands: ["logsPrev", "describe"],
  },
  OOMKilled: {
    en: {
      meaning: "The kernel killed the container for going over its memory limit (exit code 137).",
      causes: [
        "The memory limit is too low for the workload.",
        "A memory leak: the run length before each kill stays similar as memory fills up.",
      ],
    },
    zh: {
      meaning: "容器超出内存限制，被内核杀死（退出码 137）。",
      causes: [
        "内存限制对该负载来说太低。",
        "内存泄漏：每次被杀前的运行时长相近，内存逐渐被耗尽。",
      ],
    },
    commands: ["describe", "top", "logsPrev"],
  },
  ContainerCannotRun: {
    en: {
      meaning: "The runtime could not run the container's command.",
      causes: ["The executable is missing from the image or is not executable."],
    },
    zh: {
      meaning: "运行时无法执行容器的命令。",
      causes: ["镜像中缺少该可执行文件，或它没有执行权限。"],
    },
    commands: ["describe", "image"],
  },
  DeadlineExceeded: {
    en: {
      meaning: "The pod ran longer than activeDeadlineSeconds and was stopped.",
      causes: ["The work takes longer than the deadline allows, or it hangs."],
    },
    zh: {
      meaning: "Pod 运行时间超过 activeDeadlineSeconds，已被停止。",
      causes: ["任务耗时超出截止时间，或任务卡住了。"],
    },
    commands: ["describe", "logs", "owner"],
  },
  StartError: {
    en: {
      meaning: "The container failed to start (the runtime reported an error while starting it).",
      causes: ["A wrong command, a missing binary, or a failing mount: the message says which."],
    },
    zh: {
      meaning: "容器启动失败（运行时在启动时报告了错误）。",
      causes: ["命令错误、缺少可执行文件或挂载失败：消息中会说明。"],
    },
    commands: ["describe", "events"],
  },
  ExitCode: {
    en: {
      meaning: "The container exited with this code and the runtime gave no reason.",
      causes: [
        "The application failed: its log says why. 137 means SIGKILL (often memory), 143 SIGTERM.",
      ],
    },
    zh: {
      meaning: "容器以该退出码结束，运行时未给出原因。",
      causes: ["应用出错：查看日志。137 表示 SIGKILL（常与内存有关），143 表示 SIGTERM。"],
    },
    commands: ["logsPrev", "describe"],
  },
  Signal: {
    en: {
      meaning: "The container was ended by this signal.",
      causes: [
        "Something killed the process: the kubelet (probe, deletion), the kernel (memory) or the program itself.",
      ],
    },
    zh: {
      meaning: "容器被该信号终止。",
      causes: ["进程被杀死：可能是 kubelet（探针、删除）、内核（内存）或程序自身。"],
    },
    commands: ["describe", "logsPrev", "events"],
  },
  Terminating: {
    en: {
      meaning:
        "Deletion was requested: the grace period runs (terminationGracePeriodSeconds, default 30 s), preStop hooks run, then SIGTERM; after the grace period, SIGKILL.",
      causes: [
        "A slow preStop hook or a program that ignores SIGTERM keeps it here until the grace period ends.",
        "On a lost node the pod stays Terminating until the node returns or is deleted.",
        "Finalizers on the object keep it from going away.",
      ],
    },
    zh: {
      meaning:
        "已请求删除：宽限期开始（terminationGracePeriodSeconds，默认 30 秒），执行 preStop 钩子，然后发送 SIGTERM；宽限期结束后发送 SIGKILL。",
      causes: [
        "preStop 钩子较慢，或程序忽略 SIGTERM，会使其停留到宽限期结束。",
        "节点失联时，Pod 会一直处于 Terminating，直到节点恢复或被删除。",
        "对象上的 finalizer 阻止了它被移除。",
      ],
    },
    needs: ["nodeOk", "node", null],
    commands: ["describe", "events", "node"],
  },
  NotReady: {
    en: {
      meaning:
        "The containers have run to completion or are running, but the pod's Ready condition is not True.",
      causes: [
        "A readiness probe fails (see the probe track): the pod is out of its Services' endpoints, not restarted.",
        "A readiness gate is not satisfied.",
        "Its node stopped reporting: the node controller set the pod's Ready condition to False; nothing in the pod itself changed.",
      ],
    },
    zh: {
      meaning: "容器已运行完成或正在运行，但 Pod 的 Ready 条件不是 True。",
      causes: [
        "就绪探针失败（见探针轨道）：Pod 被移出 Service 的端点，但不会被重启。",
        "就绪门控（readiness gate）未满足。",
        "所在节点不再汇报：节点控制器把 Pod 的 Ready 条件设为 False；Pod 本身并没有变化。",
      ],
    },
    needs: ["readiness", "nodeOk", "node"],
    commands: ["describe", "probe", "events"],
  },
  NotReadyRunning: {
    en: {
      meaning: "The pod is running but not ready, so its Services send it no traffic.",
      causes: [
        "A readiness probe fails (see the probe track): the pod is out of its Services' endpoints, not restarted.",
        "A container is still starting (startup probe) or restarting.",
        "Its node stopped reporting: the node controller set the pod's Ready condition to False; nothing in the pod itself changed.",
      ],
    },
    zh: {
      meaning: "Pod 正在运行但未就绪，因此 Service 不会把流量发给它。",
      causes: [
        "就绪探针失败（见探针轨道）：Pod 被移出 Service 的端点，但不会被重启。",
        "某个容器仍在启动（启动探针）或正在重启。",
        "所在节点不再汇报：节点控制器把 Pod 的 Ready 条件设为 False；Pod 本身并没有变化。",
      ],
    },
    needs: ["readiness", "nodeOk", "node"],
    commands: ["describe", "probe", "events"],
  },
  SchedulingGated: {
    en: {
      meaning:
        "The pod has scheduling gates (spec.schedulingGates): the scheduler will not consider it until they are removed.",
      causes: ["A controller or an operator has not lifted the gate yet."],
    },
    zh: {
      meaning: "Pod 带有调度门控（spec.schedulingGates）：在门控移除之前调度器不会处理它。",
      causes: ["某个控制器或运维人员尚未移除门控。"],
    },
    commands: ["describe", "owner"],
  },
  Unschedulable: {
    en: {
      meaning: "The scheduler found no node for the pod; it stays Pending and is retried.",
      causes: [
        "Not enough free cpu or memory for its requests on any node.",
        "Taints it does not tolerate, a nodeSelector or affinity no node matches, a host port taken.",
      ],
    },
    zh: {
      meaning: "调度器找不到适合该 Pod 的节点；它保持 Pending 并不断重试。",
      causes: [
        "没有节点有足够的空闲 CPU 或内存满足其 requests。",
        "存在它不容忍的污点、没有节点匹配 nodeSelector 或亲和性、主机端口被占用。",
      ],
    },
    commands: ["describe", "nodes", "events"],
  },
  Evicted: {
    en: {
      meaning:
        "The kubelet evicted the pod under node pressure (memory, disk, PIDs): it failed and will not restart here; its controller makes a new one.",
      causes: [
        "The node ran short of memory or disk and this pod used more than it requested.",
        "Large logs or emptyDir volumes filled the node's disk.",
      ],
    },
    zh: {
      meaning:
        "节点资源紧张（内存、磁盘、PID），kubelet 驱逐了该 Pod：它已失败且不会在此重启，控制器会创建新的 Pod。",
      causes: [
        "节点内存或磁盘不足，而此 Pod 的用量超过了其 requests。",
        "大量日志或 emptyDir 卷占满了节点磁盘。",
      ],
    },
    commands: ["describe", "node", "owner"],
  },
  NodeLost: {
    en: {
      meaning:
        "The pod's node was lost; the pod is shown as Unknown until the node returns or is deleted.",
      causes: ["The node is down or unreachable."],
    },
    zh: {
      meaning: "Pod 所在节点已失联；在节点恢复或被删除前，Pod 显示为 Unknown。",
      causes: ["节点宕机或不可达。"],
    },
    commands: ["node", "describe"],
  },
  UnexpectedAdmissionError: {
    en: {
      meaning: "The kubelet refused the pod when admitting it.",
      causes: ["A device plugin or resource manager could not allocate what the pod asked for."],
    },
    zh: {
      meaning: "kubelet 在准入时拒绝了该 Pod。",
      causes: ["设备插件或资源管理器无法分配 Pod 请求的资源。"],
    },
    commands: ["describe", "node"],
  },
  ContainerStatusUnknown: {
    en: {
      meaning:
        "The container's state could not be found, usually after its node went away; it counts as a failure.",
      causes: ["The node was lost or restarted, or the container was removed by hand."],
    },
    zh: {
      meaning: "找不到容器的状态，通常发生在节点消失之后；按失败处理。",
      causes: ["节点失联或重启，或容器被手动删除。"],
    },
    commands: ["describe", "node"],
  },
  Deleted: {
    en: {
      meaning:
        "The pod is gone from the API. Lifeline keeps its history; a controller may have made a replacement with another name or uid.",
      causes: [],
    },
    zh: {
      meaning:
        "该 Pod 已从 API 中删除。Lifeline 保留了它的历史；控制器可能已用其他名称或 uid 创建了替代的 Pod。",
      causes: [],
    },
    commands: ["owner", "events"],
    healthy: true,
  },
  Other: {
    en: {
      meaning:
        "Kubernetes reports this reason; the message in the tooltip and the events below say more.",
      causes: ["Read the message of the latest event for this pod."],
    },
    zh: {
      meaning: "Kubernetes 报告了这个原因；提示框中的消息和下方的事件会给出更多信息。",
      causes: ["查看该 Pod 最新事件的消息。"],
    },
    commands: ["describe", "events"],
  },
};

/** Table keys every explanation may come from (tests check each has both languages and commands). */
export const EXPLAINED = Object.keys(E);

/** Which entry explains `subject` (a kubectl STATUS, a phase or a container reason); `notReady`: a Running pod whose Ready condition is not True. */
export function entryFor(subject: string, notReady = false): { key: string; init: boolean } {
  let s = subject.trim();
  let init = false;
  if (/^Init:\d+\/\d+$/.test(s)) return { key: "InitProgress", init: true };
  if (s.startsWith("Init:")) {
    init = true;
    s = s.slice(5);
  }
  if (/^ExitCode:-?\d+$/.test(s)) return { key: "ExitCode", init };
  if (/^Signal:\d+$/.test(s)) return { key: "Signal", init };
  if (s === "NotReady") return { key: "NotReady", init };
  if (s === "Running" && notReady) return { key: "NotReadyRunning", init };
  if (s in E && s !== "Other" && s !== "InitProgress") return { key: s, init };
  return { key: "Other", init };
}

const q = (s: string) => (/^[A-Za-z0-9._\-/=:]+$/.test(s) ? s : `'${s.replace(/'/g, "'\\''")}'`);

function command(c: Cmd, ctx: ExplainContext): string | null {
  const ns = `-n ${q(ctx.namespace)}`;
  const pod = q(ctx.pod);
  const container = ctx.container ? ` -c ${q(ctx.container)}` : "";
  switch (c) {
    case "describe":
      return `kubectl describe pod ${pod} ${ns}`;
    case "logsPrev":
      return `kubectl logs ${pod} ${ns}${container} --previous`;
    case "logs":
      return `kubectl logs ${pod} ${ns}${container}`;
    case "events":
      return `kubectl get events ${ns} --field-selector involvedObject.name=${pod} --sort-by=.lastTimestamp`;
    case "node":
      return ctx.node
        ? `kubectl describe node ${q(ctx.node)}`
        : `kubectl get pod ${pod} ${ns} -o wide`;
    case "nodes":
      return "kubectl describe nodes | grep -A 8 'Allocated resources'";
    case "image":
      return `kubectl get pod ${pod} ${ns} -o jsonpath='{range .spec.initContainers[*]}{.name}{"\\t"}{.image}{"\\n"}{end}{range .spec.containers[*]}{.name}{"\\t"}{.image}{"\\n"}{end}'`;
    case "config":
      return `kubectl get configmaps,secrets ${ns}`;
    case "top":
      return `kubectl top pod ${pod} ${ns} --containers`;
    case "owner":
      return `kubectl get pod ${pod} ${ns} -o jsonpath='{.metadata.ownerReferences[*].kind}/{.metadata.ownerReferences[*].name}'`;
    case "probe":
      return `kubectl get pod ${pod} ${ns} -o jsonpath='{range .spec.containers[*]}{.name}: liveness={.livenessProbe} readiness={.readinessProbe}{"\\n"}{end}'`;
  }
}

const INIT_NOTE = {
  en: "This is an init container's: the pod cannot start its main containers until it succeeds. ",
  zh: "这是 init 容器的状态：它成功之前，Pod 无法启动主容器。",
};

/** Causes of an entry that fit what is known of the pod (all of them when nothing is known). */
function fitting(entry: Entry, lang: Lang, needs: Set<Need> | undefined): string[] {
  const causes = entry[lang].causes;
  if (!needs || !entry.needs) return causes;
  return causes.filter((_, i) => {
    const need = entry.needs![i];
    return need === null || need === undefined || needs.has(need);
  });
}

/**
 * Explains `subject` (kubectl STATUS, phase or reason). `notReady` marks a Running pod whose Ready
 * condition is not True, which kubectl still prints as Running. `needs`: what is known of the pod
 * (from its evidence), so only the causes that fit are given.
 */
export function explain(
  subject: string,
  ctx: ExplainContext,
  lang: Lang,
  opts: { notReady?: boolean; needs?: Set<Need> } = {},
): Explanation {
  const { key, init } = entryFor(subject, opts.notReady);
  const entry = E[key];
  const text = entry[lang];
  let cmds = entry.commands;
  if (opts.needs && !opts.needs.has("probes")) cmds = cmds.filter((c) => c !== "probe");
  const commands = [
    ...new Set(cmds.map((c) => command(c, ctx)).filter((c): c is string => c !== null)),
  ];
  if (!commands.some((c) => c.startsWith("kubectl describe pod")))
    commands.unshift(command("describe", ctx)!);
  return {
    key,
    subject,
    facts: [],
    meaning:
      (init || ctx.init) && key !== "InitProgress" ? INIT_NOTE[lang] + text.meaning : text.meaning,
    causes: fitting(entry, lang, opts.needs),
    commands,
    healthy: Boolean(entry.healthy) && !opts.notReady,
  };
}

/**
 * "Why is it like this?" for a pod now: what its own history shows first (last termination and
 * exit code with the memory limit, the scheduler's message, the failing probe, the node, the image
 * and its pull error), then what its STATUS means, the general causes that fit, and the commands
 * with this pod's names filled in.
 */
export function explainPod(
  tl: PodTimeline,
  lang: Lang,
  opts: { now: number; tz: "utc" | "local" },
): Explanation & { needs: Set<Need>; container: string | null } {
  const { status, podReady } = podHeader(tl);
  const evidence = podEvidence(tl, lang, opts);
  const ctx: ExplainContext = {
    namespace: tl.namespace,
    pod: tl.name,
    node: tl.node,
    container: evidence.container,
    init: false,
  };
  const notReady = status === "Running" && !podReady && tl.deletedAt === null;
  const base = explain(status, ctx, lang, { notReady, needs: evidence.needs });
  const causes = [...base.causes];
  const extra: Cmd[] = [];
  for (const reason of evidence.reasons) {
    const entry = E[entryFor(reason).key];
    if (!entry || entry === E.Other) continue;
    for (const c of fitting(entry, lang, evidence.needs)) if (!causes.includes(c)) causes.push(c);
    extra.push(...entry.commands);
  }
  if (evidence.needs.has("node")) extra.unshift("node");
  if (evidence.needs.has("oom")) extra.push("top");
  const commands = [...base.commands];
  for (const c of extra) {
    const line = command(c, ctx);
    if (line && !commands.includes(line) && !(c === "probe" && !evidence.needs.has("probes")))
      commands.push(line);
  }
  return {
    ...base,
    facts: evidence.facts,
    causes,
    commands,
    healthy: base.healthy && !evidence.trouble,
    needs: evidence.needs,
    container: evidence.container,
  };
}
