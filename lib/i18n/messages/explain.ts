// "Why is it like this?": for each entry of lib/view/explain.ts (a kubectl STATUS, a phase, a
// container's waiting / terminated reason), what it means and its likely causes, numbered in the
// order of the entry's `causes`. Facts from docs' pod-lifecycle.md.
export const en = {
  "ex.Pending.meaning":
    "The API server accepted the pod, but at least one container has not been created yet.",
  "ex.Pending.cause.1":
    "No node fits it yet (cpu, memory, taints, affinity, a host port): see the PodScheduled condition.",
  "ex.Pending.cause.2":
    "The kubelet is still pulling images, mounting volumes or running init containers.",
  "ex.Pending.cause.3":
    "A volume or a sandbox (CNI) fails to set up: look for FailedMount / FailedCreatePodSandBox events.",
  "ex.Running.meaning":
    "The pod is bound to a node and every container has been created; at least one is running (or restarting). Running does not mean serving: readiness is separate.",
  "ex.Succeeded.meaning":
    "Every container exited with code 0 and none will restart (a Job, or restartPolicy OnFailure / Never).",
  "ex.Completed.meaning":
    "The container exited with code 0. For a pod, every container finished successfully.",
  "ex.Failed.meaning":
    "Every container has terminated and at least one failed (a non-zero exit, or killed by the system); nothing will restart it.",
  "ex.Failed.cause.1":
    "The program exited with an error and restartPolicy is Never (or OnFailure ran out in a Job).",
  "ex.Failed.cause.2": "The kubelet evicted the pod under node pressure (status.reason Evicted).",
  "ex.Failed.cause.3": "A Job's activeDeadlineSeconds ran out (DeadlineExceeded).",
  "ex.Unknown.meaning":
    "The pod's state cannot be obtained, usually because its node stopped reporting to the API server.",
  "ex.Unknown.cause.1": "The node is down, partitioned from the network, or its kubelet stopped.",
  "ex.Unknown.cause.2":
    "After tolerationSeconds (default 300 s) the pod is evicted and its controller recreates it elsewhere.",
  "ex.ContainerCreating.meaning":
    "The kubelet is creating the container: pulling its image, mounting volumes, setting up the sandbox.",
  "ex.ContainerCreating.cause.1": "A large image is still being pulled.",
  "ex.ContainerCreating.cause.2":
    "A volume cannot be mounted (a missing Secret or ConfigMap, a PVC not bound): FailedMount events.",
  "ex.ContainerCreating.cause.3":
    "The network plugin fails to create the sandbox: FailedCreatePodSandBox events.",
  "ex.PodInitializing.meaning":
    "Init containers have finished; the main containers are being started.",
  "ex.PodInitializing.cause.1":
    "Normally brief; if it lasts, look at image pulls and volume mounts of the main containers.",
  "ex.InitProgress.meaning":
    "Init containers run one at a time, in order; Init:i/N says i of N have finished. Each must exit 0 before the next starts.",
  "ex.InitProgress.cause.1":
    "An init container waits for something (a service, a DNS name, a file) that is not there yet.",
  "ex.InitProgress.cause.2": "An init container is slow to pull or to finish its work.",
  "ex.ErrImagePull.meaning": "The kubelet could not pull the container's image.",
  "ex.ErrImagePull.cause.1": "The image name or tag is wrong, or the tag does not exist.",
  "ex.ErrImagePull.cause.2": "The registry needs credentials: imagePullSecrets missing or wrong.",
  "ex.ErrImagePull.cause.3": "The node cannot reach the registry (network, proxy, rate limits).",
  "ex.ImagePullBackOff.meaning":
    "Pulling the image failed and the kubelet is waiting before it tries again, with a growing back-off as for crashes.",
  "ex.ImagePullBackOff.cause.1": "The image name or tag is wrong, or the tag does not exist.",
  "ex.ImagePullBackOff.cause.2":
    "The registry needs credentials: imagePullSecrets missing or wrong.",
  "ex.ImagePullBackOff.cause.3":
    "The node cannot reach the registry (network, proxy, rate limits).",
  "ex.InvalidImageName.meaning":
    "The image reference cannot be parsed, so the kubelet never tries to pull it.",
  "ex.InvalidImageName.cause.1":
    "A typo in the image field: upper-case letters, a stray character, a double colon.",
  "ex.ErrImageNeverPull.meaning": "imagePullPolicy is Never and the image is not on the node.",
  "ex.ErrImageNeverPull.cause.1":
    "The image was expected to be preloaded on every node but is missing on this one.",
  "ex.ImageInspectError.meaning": "The container runtime could not inspect the image on the node.",
  "ex.ImageInspectError.cause.1":
    "A corrupt image in the node's image store, or a runtime problem.",
  "ex.RegistryUnavailable.meaning": "The image registry could not be reached.",
  "ex.RegistryUnavailable.cause.1":
    "The registry is down, or DNS / network / proxy on the node blocks it.",
  "ex.CreateContainerConfigError.meaning":
    "The kubelet cannot build the container's configuration.",
  "ex.CreateContainerConfigError.cause.1":
    "A Secret or ConfigMap (or a key in it) referenced by env or envFrom does not exist.",
  "ex.CreateContainerConfigError.cause.2": "runAsNonRoot is set but the image runs as root.",
  "ex.CreateContainerError.meaning": "The container runtime failed to create the container.",
  "ex.CreateContainerError.cause.1":
    "A conflicting container name on the node, a bad mount, or a runtime error: the message says which.",
  "ex.RunContainerError.meaning": "The container was created but could not be started.",
  "ex.RunContainerError.cause.1": "The command or entrypoint does not exist in the image.",
  "ex.RunContainerError.cause.2": "A mount or a security setting prevents the start.",
  "ex.PostStartHookError.meaning":
    "The postStart hook failed, so the kubelet killed the container; it restarts according to restartPolicy.",
  "ex.PostStartHookError.cause.1": "The hook's command fails or its HTTP call is refused.",
  "ex.PostStartHookError.cause.2": "The hook runs before the application is ready for it.",
  "ex.CrashLoopBackOff.meaning":
    "The container keeps exiting and the kubelet waits before each restart, doubling the delay up to the node's maximum and forgetting it after 10 minutes without a crash. The curve is the node's: 10s → 5m0s by default, from 1s with ReduceDefaultCrashLoopBackOffDecay, capped by the kubelet's crashLoopBackOff.maxContainerRestartPeriod. The brackets show the delay the kubelet announced in its waiting message (\"back-off <delay> restarting failed container=…\") and the one observed.",
  "ex.CrashLoopBackOff.cause.1":
    "The program exits with an error at start-up (configuration, a missing dependency): read the previous run's log.",
  "ex.CrashLoopBackOff.cause.2":
    "The liveness probe kills it (see the probe track and Killing events).",
  "ex.CrashLoopBackOff.cause.3": "It runs out of memory (exit 137, OOMKilled).",
  "ex.Error.meaning": "The container exited with a non-zero code.",
  "ex.Error.cause.1":
    "The application failed: its log (the previous run's, if it restarted) says why.",
  "ex.Error.cause.2": "A command or argument is wrong.",
  "ex.OOMKilled.meaning":
    "The kernel killed the container for going over its memory limit (exit code 137).",
  "ex.OOMKilled.cause.1": "The memory limit is too low for the workload.",
  "ex.OOMKilled.cause.2":
    "A memory leak: the run length before each kill stays similar as memory fills up.",
  "ex.ContainerCannotRun.meaning": "The runtime could not run the container's command.",
  "ex.ContainerCannotRun.cause.1": "The executable is missing from the image or is not executable.",
  "ex.DeadlineExceeded.meaning": "The pod ran longer than activeDeadlineSeconds and was stopped.",
  "ex.DeadlineExceeded.cause.1": "The work takes longer than the deadline allows, or it hangs.",
  "ex.StartError.meaning":
    "The container failed to start (the runtime reported an error while starting it).",
  "ex.StartError.cause.1":
    "A wrong command, a missing binary, or a failing mount: the message says which.",
  "ex.ExitCode.meaning": "The container exited with this code and the runtime gave no reason.",
  "ex.ExitCode.cause.1":
    "The application failed: its log says why. 137 means SIGKILL (often memory), 143 SIGTERM.",
  "ex.Signal.meaning": "The container was ended by this signal.",
  "ex.Signal.cause.1":
    "Something killed the process: the kubelet (probe, deletion), the kernel (memory) or the program itself.",
  "ex.Terminating.meaning":
    "Deletion was requested: the grace period runs (terminationGracePeriodSeconds, default 30 s), preStop hooks run, then SIGTERM; after the grace period, SIGKILL.",
  "ex.Terminating.cause.1":
    "A slow preStop hook or a program that ignores SIGTERM keeps it here until the grace period ends.",
  "ex.Terminating.cause.2":
    "On a lost node the pod stays Terminating until the node returns or is deleted.",
  "ex.Terminating.cause.3": "Finalizers on the object keep it from going away.",
  "ex.NotReady.meaning":
    "The containers have run to completion or are running, but the pod's Ready condition is not True.",
  "ex.NotReady.cause.1":
    "A readiness probe fails (see the probe track): the pod is out of its Services' endpoints, not restarted.",
  "ex.NotReady.cause.2": "A readiness gate is not satisfied.",
  "ex.NotReady.cause.3":
    "Its node stopped reporting: the node controller set the pod's Ready condition to False; nothing in the pod itself changed.",
  "ex.NotReadyRunning.meaning":
    "The pod is running but not ready, so its Services send it no traffic.",
  "ex.NotReadyRunning.cause.1":
    "A readiness probe fails (see the probe track): the pod is out of its Services' endpoints, not restarted.",
  "ex.NotReadyRunning.cause.2": "A container is still starting (startup probe) or restarting.",
  "ex.NotReadyRunning.cause.3":
    "Its node stopped reporting: the node controller set the pod's Ready condition to False; nothing in the pod itself changed.",
  "ex.SchedulingGated.meaning":
    "The pod has scheduling gates (spec.schedulingGates): the scheduler will not consider it until they are removed.",
  "ex.SchedulingGated.cause.1": "A controller or an operator has not lifted the gate yet.",
  "ex.Unschedulable.meaning":
    "The scheduler found no node for the pod; it stays Pending and is retried.",
  "ex.Unschedulable.cause.1": "Not enough free cpu or memory for its requests on any node.",
  "ex.Unschedulable.cause.2":
    "Taints it does not tolerate, a nodeSelector or affinity no node matches, a host port taken.",
  "ex.Evicted.meaning":
    "The kubelet evicted the pod under node pressure (memory, disk, PIDs): it failed and will not restart here; its controller makes a new one.",
  "ex.Evicted.cause.1":
    "The node ran short of memory or disk and this pod used more than it requested.",
  "ex.Evicted.cause.2": "Large logs or emptyDir volumes filled the node's disk.",
  "ex.NodeLost.meaning":
    "The pod's node was lost; the pod is shown as Unknown until the node returns or is deleted.",
  "ex.NodeLost.cause.1": "The node is down or unreachable.",
  "ex.UnexpectedAdmissionError.meaning": "The kubelet refused the pod when admitting it.",
  "ex.UnexpectedAdmissionError.cause.1":
    "A device plugin or resource manager could not allocate what the pod asked for.",
  "ex.ContainerStatusUnknown.meaning":
    "The container's state could not be found, usually after its node went away; it counts as a failure.",
  "ex.ContainerStatusUnknown.cause.1":
    "The node was lost or restarted, or the container was removed by hand.",
  "ex.Deleted.meaning":
    "The pod is gone from the API. Lifeline keeps its history; a controller may have made a replacement with another name or uid.",
  "ex.Other.meaning":
    "Kubernetes reports this reason; the message in the tooltip and the events below say more.",
  "ex.Other.cause.1": "Read the message of the latest event for this pod.",
  "ex.initNote":
    "This is an init container's: the pod cannot start its main containers until it succeeds. ",
} as const;

export const zh: Record<keyof typeof en, string> = {
  "ex.Pending.meaning": "API 服务器已接受该 Pod，但至少有一个容器尚未创建。",
  "ex.Pending.cause.1":
    "还没有合适的节点（CPU、内存、污点、亲和性、主机端口）：查看 PodScheduled 条件。",
  "ex.Pending.cause.2": "kubelet 仍在拉取镜像、挂载卷或运行 init 容器。",
  "ex.Pending.cause.3": "卷或沙箱（CNI）无法建立：查找 FailedMount / FailedCreatePodSandBox 事件。",
  "ex.Running.meaning":
    "Pod 已绑定到节点，所有容器均已创建，至少一个正在运行（或正在重启）。Running 不等于可以提供服务：就绪是另一回事。",
  "ex.Succeeded.meaning":
    "所有容器都以退出码 0 结束且不会再重启（Job，或 restartPolicy 为 OnFailure / Never）。",
  "ex.Completed.meaning": "容器以退出码 0 结束。对 Pod 而言，所有容器都已成功完成。",
  "ex.Failed.meaning": "所有容器都已终止，且至少一个失败（非零退出码，或被系统杀死），不会再重启。",
  "ex.Failed.cause.1":
    "程序以错误退出，且 restartPolicy 为 Never（或 Job 的 OnFailure 重试用尽）。",
  "ex.Failed.cause.2": "节点资源紧张，kubelet 驱逐了该 Pod（status.reason 为 Evicted）。",
  "ex.Failed.cause.3": "Job 的 activeDeadlineSeconds 已到（DeadlineExceeded）。",
  "ex.Unknown.meaning": "无法获取 Pod 的状态，通常是因为所在节点不再向 API 服务器汇报。",
  "ex.Unknown.cause.1": "节点宕机、网络分区，或 kubelet 已停止。",
  "ex.Unknown.cause.2":
    "在 tolerationSeconds（默认 300 秒）之后，Pod 会被驱逐，由控制器在别处重建。",
  "ex.ContainerCreating.meaning": "kubelet 正在创建容器：拉取镜像、挂载卷、建立沙箱。",
  "ex.ContainerCreating.cause.1": "镜像较大，仍在拉取。",
  "ex.ContainerCreating.cause.2":
    "卷无法挂载（缺少 Secret 或 ConfigMap，PVC 未绑定）：查看 FailedMount 事件。",
  "ex.ContainerCreating.cause.3": "网络插件无法创建沙箱：查看 FailedCreatePodSandBox 事件。",
  "ex.PodInitializing.meaning": "init 容器已全部完成，正在启动主容器。",
  "ex.PodInitializing.cause.1": "通常很短暂；若持续较久，请检查主容器的镜像拉取和卷挂载。",
  "ex.InitProgress.meaning":
    "init 容器按顺序逐个运行；Init:i/N 表示 N 个中已完成 i 个。每个都必须以 0 退出，下一个才会启动。",
  "ex.InitProgress.cause.1": "某个 init 容器在等待尚未就绪的东西（服务、DNS 名称、文件）。",
  "ex.InitProgress.cause.2": "某个 init 容器拉取镜像或执行任务较慢。",
  "ex.ErrImagePull.meaning": "kubelet 无法拉取容器镜像。",
  "ex.ErrImagePull.cause.1": "镜像名或标签写错，或该标签不存在。",
  "ex.ErrImagePull.cause.2": "镜像仓库需要凭据：imagePullSecrets 缺失或错误。",
  "ex.ErrImagePull.cause.3": "节点无法访问镜像仓库（网络、代理、限流）。",
  "ex.ImagePullBackOff.meaning":
    "镜像拉取失败，kubelet 在重试前等待，等待时间像崩溃重启一样逐步增加。",
  "ex.ImagePullBackOff.cause.1": "镜像名或标签写错，或该标签不存在。",
  "ex.ImagePullBackOff.cause.2": "镜像仓库需要凭据：imagePullSecrets 缺失或错误。",
  "ex.ImagePullBackOff.cause.3": "节点无法访问镜像仓库（网络、代理、限流）。",
  "ex.InvalidImageName.meaning": "镜像引用无法解析，kubelet 根本不会尝试拉取。",
  "ex.InvalidImageName.cause.1": "image 字段有拼写错误：大写字母、多余字符、两个冒号等。",
  "ex.ErrImageNeverPull.meaning": "imagePullPolicy 为 Never，而节点上没有该镜像。",
  "ex.ErrImageNeverPull.cause.1": "本应预先加载到所有节点的镜像，在这个节点上缺失。",
  "ex.ImageInspectError.meaning": "容器运行时无法检查节点上的镜像。",
  "ex.ImageInspectError.cause.1": "节点镜像存储中的镜像已损坏，或容器运行时出现问题。",
  "ex.RegistryUnavailable.meaning": "无法连接镜像仓库。",
  "ex.RegistryUnavailable.cause.1": "镜像仓库宕机，或节点上的 DNS、网络、代理阻止了访问。",
  "ex.CreateContainerConfigError.meaning": "kubelet 无法生成容器配置。",
  "ex.CreateContainerConfigError.cause.1":
    "env 或 envFrom 引用的 Secret、ConfigMap（或其中的键）不存在。",
  "ex.CreateContainerConfigError.cause.2": "设置了 runAsNonRoot，但镜像以 root 运行。",
  "ex.CreateContainerError.meaning": "容器运行时未能创建容器。",
  "ex.CreateContainerError.cause.1":
    "节点上容器名冲突、挂载错误或运行时错误：消息中会说明具体原因。",
  "ex.RunContainerError.meaning": "容器已创建，但无法启动。",
  "ex.RunContainerError.cause.1": "镜像中不存在指定的命令或入口点。",
  "ex.RunContainerError.cause.2": "挂载或安全设置阻止了启动。",
  "ex.PostStartHookError.meaning":
    "postStart 钩子执行失败，kubelet 杀死了容器；之后按 restartPolicy 重启。",
  "ex.PostStartHookError.cause.1": "钩子命令失败，或其 HTTP 调用被拒绝。",
  "ex.PostStartHookError.cause.2": "钩子在应用准备好之前就执行了。",
  "ex.CrashLoopBackOff.meaning":
    '容器反复退出，kubelet 每次重启前都会等待，延迟逐次翻倍直到节点的上限，连续 10 分钟没有崩溃后重置。曲线由节点决定：默认 10s → 5m0s；启用 ReduceDefaultCrashLoopBackOffDecay 时从 1s 开始；上限由 kubelet 的 crashLoopBackOff.maxContainerRestartPeriod 决定。括号标出了 kubelet 在等待消息中宣告的延迟（"back-off <延迟> restarting failed container=…"）和实测的延迟。',
  "ex.CrashLoopBackOff.cause.1": "程序启动时出错退出（配置问题、依赖缺失）：查看上一次运行的日志。",
  "ex.CrashLoopBackOff.cause.2": "存活探针杀死了它（见探针轨道和 Killing 事件）。",
  "ex.CrashLoopBackOff.cause.3": "内存不足（退出码 137，OOMKilled）。",
  "ex.Error.meaning": "容器以非零退出码结束。",
  "ex.Error.cause.1": "应用出错：查看其日志（若已重启，则查看上一次运行的日志）。",
  "ex.Error.cause.2": "命令或参数有误。",
  "ex.OOMKilled.meaning": "容器超出内存限制，被内核杀死（退出码 137）。",
  "ex.OOMKilled.cause.1": "内存限制对该负载来说太低。",
  "ex.OOMKilled.cause.2": "内存泄漏：每次被杀前的运行时长相近，内存逐渐被耗尽。",
  "ex.ContainerCannotRun.meaning": "运行时无法执行容器的命令。",
  "ex.ContainerCannotRun.cause.1": "镜像中缺少该可执行文件，或它没有执行权限。",
  "ex.DeadlineExceeded.meaning": "Pod 运行时间超过 activeDeadlineSeconds，已被停止。",
  "ex.DeadlineExceeded.cause.1": "任务耗时超出截止时间，或任务卡住了。",
  "ex.StartError.meaning": "容器启动失败（运行时在启动时报告了错误）。",
  "ex.StartError.cause.1": "命令错误、缺少可执行文件或挂载失败：消息中会说明。",
  "ex.ExitCode.meaning": "容器以该退出码结束，运行时未给出原因。",
  "ex.ExitCode.cause.1": "应用出错：查看日志。137 表示 SIGKILL（常与内存有关），143 表示 SIGTERM。",
  "ex.Signal.meaning": "容器被该信号终止。",
  "ex.Signal.cause.1": "进程被杀死：可能是 kubelet（探针、删除）、内核（内存）或程序自身。",
  "ex.Terminating.meaning":
    "已请求删除：宽限期开始（terminationGracePeriodSeconds，默认 30 秒），执行 preStop 钩子，然后发送 SIGTERM；宽限期结束后发送 SIGKILL。",
  "ex.Terminating.cause.1": "preStop 钩子较慢，或程序忽略 SIGTERM，会使其停留到宽限期结束。",
  "ex.Terminating.cause.2": "节点失联时，Pod 会一直处于 Terminating，直到节点恢复或被删除。",
  "ex.Terminating.cause.3": "对象上的 finalizer 阻止了它被移除。",
  "ex.NotReady.meaning": "容器已运行完成或正在运行，但 Pod 的 Ready 条件不是 True。",
  "ex.NotReady.cause.1": "就绪探针失败（见探针轨道）：Pod 被移出 Service 的端点，但不会被重启。",
  "ex.NotReady.cause.2": "就绪门控（readiness gate）未满足。",
  "ex.NotReady.cause.3":
    "所在节点不再汇报：节点控制器把 Pod 的 Ready 条件设为 False；Pod 本身并没有变化。",
  "ex.NotReadyRunning.meaning": "Pod 正在运行但未就绪，因此 Service 不会把流量发给它。",
  "ex.NotReadyRunning.cause.1":
    "就绪探针失败（见探针轨道）：Pod 被移出 Service 的端点，但不会被重启。",
  "ex.NotReadyRunning.cause.2": "某个容器仍在启动（启动探针）或正在重启。",
  "ex.NotReadyRunning.cause.3":
    "所在节点不再汇报：节点控制器把 Pod 的 Ready 条件设为 False；Pod 本身并没有变化。",
  "ex.SchedulingGated.meaning":
    "Pod 带有调度门控（spec.schedulingGates）：在门控移除之前调度器不会处理它。",
  "ex.SchedulingGated.cause.1": "某个控制器或运维人员尚未移除门控。",
  "ex.Unschedulable.meaning": "调度器找不到适合该 Pod 的节点；它保持 Pending 并不断重试。",
  "ex.Unschedulable.cause.1": "没有节点有足够的空闲 CPU 或内存满足其 requests。",
  "ex.Unschedulable.cause.2":
    "存在它不容忍的污点、没有节点匹配 nodeSelector 或亲和性、主机端口被占用。",
  "ex.Evicted.meaning":
    "节点资源紧张（内存、磁盘、PID），kubelet 驱逐了该 Pod：它已失败且不会在此重启，控制器会创建新的 Pod。",
  "ex.Evicted.cause.1": "节点内存或磁盘不足，而此 Pod 的用量超过了其 requests。",
  "ex.Evicted.cause.2": "大量日志或 emptyDir 卷占满了节点磁盘。",
  "ex.NodeLost.meaning": "Pod 所在节点已失联；在节点恢复或被删除前，Pod 显示为 Unknown。",
  "ex.NodeLost.cause.1": "节点宕机或不可达。",
  "ex.UnexpectedAdmissionError.meaning": "kubelet 在准入时拒绝了该 Pod。",
  "ex.UnexpectedAdmissionError.cause.1": "设备插件或资源管理器无法分配 Pod 请求的资源。",
  "ex.ContainerStatusUnknown.meaning": "找不到容器的状态，通常发生在节点消失之后；按失败处理。",
  "ex.ContainerStatusUnknown.cause.1": "节点失联或重启，或容器被手动删除。",
  "ex.Deleted.meaning":
    "该 Pod 已从 API 中删除。Lifeline 保留了它的历史；控制器可能已用其他名称或 uid 创建了替代的 Pod。",
  "ex.Other.meaning": "Kubernetes 报告了这个原因；提示框中的消息和下方的事件会给出更多信息。",
  "ex.Other.cause.1": "查看该 Pod 最新事件的消息。",
  "ex.initNote": "这是 init 容器的状态：它成功之前，Pod 无法启动主容器。",
};
