import Agent
import ArgumentParser
import Foundation
import GitOpsAPI
import KubeClient
import KubeConfig
import Logging
import Runtime

/// `gitops run`: the agent.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the agent: poll Git, build, apply, prune, wait for health, roll back, notify.",
        discussion: """
            Without --kubeconfig, --context or --in-cluster the agent uses its embedded cluster \
            (SQLite in the state directory) with a workload simulator, so the whole loop runs on one \
            machine. With one of them it reconciles that real cluster (and never simulates).
            """
    )

    @OptionGroup var state: StateOptions

    @Option(help: "Repository URL of the root GitRepository (file://, https://, ssh://). Omit to reuse the objects already in the cluster.")
    var url: String?
    @Option(help: "Branch of the root GitRepository.")
    var branch = "main"
    @Option(help: "Path in the repository of the root Kustomization.")
    var path = "./"
    @Option(help: "Interval of the root GitRepository and Kustomization (Go duration).")
    var interval = "1m"
    @Option(name: .customLong("secret-ref"), help: "Secret in flux-system with Git credentials for the root GitRepository.")
    var secretRef: String?
    @Flag(name: .customLong("leader-elect"), inversion: .prefixedNo,
          help: "Elect a leader through a Lease before reconciling (default: on with --in-cluster, off otherwise).")
    var leaderElect: Bool?
    @Option(name: .customLong("leader-election-namespace"), help: "Namespace of the leader-election Lease (default: $POD_NAMESPACE, else gitops-system).")
    var leaderElectionNamespace: String?
    @Option(name: .customLong("watch-label-selector"), help: "Reconcile only our objects whose labels match (sharding, e.g. sharding.fluxcd.io/key=shard1).")
    var watchLabelSelector: String?
    @Option(name: .customLong("default-service-account"),
            help: "Kustomizations and HelmReleases without serviceAccountName act as this service account of their namespace (multi-tenancy lockdown).")
    var defaultServiceAccount: String?
    @Option(help: "Log format: text, json or logfmt.")
    var logFormat: AgentLogHandler.Format = .text
    @Option(help: "Log level: trace, debug, info, notice, warning, error.")
    var logLevel: String = "info"
    @Flag(name: .customLong("no-simulator"), help: "Do not simulate workloads in the embedded cluster.")
    var noSimulator = false
    @Option(name: .customLong("simulator-deadline"), help: "How long a simulated failing workload takes to exceed its progress deadline.")
    var simulatorDeadline = "5s"
    @Option(name: .customLong("notification-max-retry-delay"), help: "Longest wait between two attempts to deliver a notification.")
    var notificationMaxRetryDelay = "5m"
    @Option(name: .customLong("notification-max-attempts"), help: "Attempts before a notification is recorded as undeliverable.")
    var notificationMaxAttempts = 10
    @Option(name: .customLong("watch-period"), help: "How often the agent looks for changes to its objects.")
    var watchPeriod = "1s"
    @Option(name: .customLong("http-address"), help: "Where the HTTP server listens: receivers' hooks (/hook/…), /healthz, /readyz. host:port; :9292 listens on every interface.")
    var httpAddress = "127.0.0.1:9292"
    @Flag(name: .customLong("exit-when-ready"), help: "Exit 0 once every source and Kustomization is Ready (non-zero on timeout).")
    var exitWhenReady = false
    @Option(name: .customLong("timeout"), help: "With --exit-when-ready, how long to wait.")
    var timeout = "5m"

    func validate() throws {
        if state.inCluster && (state.kubeconfig != nil || state.context != nil) {
            throw ValidationError("--in-cluster uses the pod's service account; drop --kubeconfig/--context, or drop --in-cluster")
        }
        guard GoDuration(interval) != nil else { throw ValidationError("--interval \(interval): not a Go duration (e.g. 1m, 30s)") }
        for (flag, value) in [("--timeout", timeout), ("--simulator-deadline", simulatorDeadline),
                              ("--notification-max-retry-delay", notificationMaxRetryDelay), ("--watch-period", watchPeriod)]
        where GoDuration(value) == nil {
            throw ValidationError("\(flag) \(value): not a Go duration (e.g. 1m, 30s, 500ms)")
        }
        do { try AgentOptions.checkHTTPAddress(httpAddress) } catch { throw ValidationError("--http-address: \(error)") }
    }

    func run() async throws {
        AgentLogHandler.bootstrap(format: logFormat, level: Logger.Level(rawValue: logLevel) ?? .info)
        var options = AgentOptions(stateDirectory: state.resolved, simulate: !noSimulator)
        if let url {
            options.bootstrap = AgentOptions.Bootstrap(url: Self.normalize(url), branch: branch, path: path,
                                                       interval: GoDuration(interval)!, secretName: secretRef)
        }
        options.simulatorProgressDeadline = GoDuration(simulatorDeadline)!.duration
        options.watchPeriod = GoDuration(watchPeriod)!.duration
        options.httpAddress = httpAddress
        options.notification.maxRetryDelay = GoDuration(notificationMaxRetryDelay)!.duration
        options.notification.maxAttempts = max(1, notificationMaxAttempts)
        options.notification.retryBase = min(options.notification.retryBase, options.notification.maxRetryDelay)
        options.watchLabelSelector = watchLabelSelector
        options.defaultServiceAccount = defaultServiceAccount
        if let connection = try Self.connect(state) {
            let description = ClusterSelection.describe(connection, context: state.context)
            options.cluster = .remote(KubeClient(connection: connection), description: description)
            options.simulate = false
        }
        if leaderElect ?? state.inCluster {
            let env = ProcessInfo.processInfo.environment
            let namespace = leaderElectionNamespace ?? env["POD_NAMESPACE"].flatMap { $0.isEmpty ? nil : $0 } ?? "gitops-system"
            // client-go's identity: the host (the pod's name in a cluster) plus a unique suffix.
            let identity = (env["POD_NAME"] ?? ProcessInfo.processInfo.hostName) + "_" + UUID().uuidString.lowercased()
            options.leaderElection = LeaderElection.Settings(namespace: namespace, name: "gitops-leader", identity: identity)
        }
        let agent = try Agent(options: options)
        let runTask = Task { do { try await agent.run() } catch { Self.fail("agent stopped: \(error)") } }
        SignalHandling.cancelOnTermination(runTask)
        if exitWhenReady {
            let deadline = ContinuousClock.now + GoDuration(timeout)!.duration
            while !runTask.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                if let (ready, waiting) = try? await agent.readiness() {
                    if ready { runTask.cancel(); break }
                    if ContinuousClock.now > deadline {
                        runTask.cancel()
                        _ = await runTask.value
                        throw RunFailure(message: "not ready after \(timeout):\n  " + waiting.joined(separator: "\n  "))
                    }
                }
            }
        }
        _ = await runTask.value
    }

    static func connect(_ state: StateOptions) throws -> ClusterConnection? {
        do { return try state.cluster.connection() } catch let error as CLIError { throw error } catch { throw CLIError("\(error)") }
    }

    /// A local path becomes a file:// URL.
    static func normalize(_ url: String) -> String {
        if url.contains("://") || (url.contains("@") && url.contains(":")) { return url }
        return "file://" + URL(fileURLWithPath: url).standardizedFileURL.path
    }

    static func fail(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }
}

struct RunFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

extension AgentLogHandler.Format: ExpressibleByArgument {}
