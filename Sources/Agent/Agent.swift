import Cluster
import Curl
import EmbeddedCluster
import Foundation
import GitOpsAPI
import HTTPServer
import KustomizeController
import Logging
import NotificationController
import ReleaseController
import Runtime
import SourceController

public enum AgentError: Error, CustomStringConvertible {
    case leadershipLost(String)

    public var description: String {
        switch self {
        case .leadershipLost(let why): return "leader election lost: \(why); exiting so a standby (or a restart) takes over"
        }
    }
}

/// The agent: the Source, Kustomize and Notification components as actors in one process,
/// fed by one watcher, over one cluster, and an HTTP server for receivers' hooks and health. `run()` returns when its task is cancelled (SIGTERM),
/// after the reconciles in flight have finished.
public final class Agent: Sendable {
    public let options: AgentOptions
    /// The cluster the agent reconciles: the embedded one, or a real API server.
    public let cluster: any ClusterClient
    /// The embedded cluster when the agent runs on one (the workload simulator needs it).
    public let embedded: EmbeddedCluster?
    public let events: EventLog
    let components: [any Component]
    let notification: NotificationController
    /// Serves `/hook/…` (Receivers), `/healthz` and `/readyz`; nil without `httpAddress`.
    let server: HTTPServer?
    /// This agent's Prometheus registry (`/metrics`), bound for its components in `run()`.
    let metrics = AgentMetricsStore()
    let logger = Logger(label: "agent")

    /// The kinds the components reconcile or read.
    static let watchedKinds: [Watcher.Kind] = [
        .init(GitRepository.apiVersion, GitRepository.kind),
        .init(Kustomization.apiVersion, Kustomization.kind),
        .init(HelmRelease.apiVersion, HelmRelease.kind),
        .init(HelmRepository.apiVersion, HelmRepository.kind),
        .init(Provider.apiVersion, Provider.kind),
        .init(Alert.apiVersion, Alert.kind),
        .init(Receiver.apiVersion, Receiver.kind),
    ]

    public init(options: AgentOptions) throws {
        self.options = options
        try FileManager.default.createDirectory(atPath: options.stateDirectory, withIntermediateDirectories: true)
        let paths = StatePaths(options.stateDirectory)
        switch options.cluster {
        case .embedded:
            let embedded = try EmbeddedCluster(path: paths.cluster)
            self.embedded = embedded
            cluster = embedded
        case .remote(let client, _):
            embedded = nil
            cluster = client
        }
        let cluster = self.cluster
        events = try EventLog(path: paths.events)
        var ks = KustomizeController.Settings()
        ks.healthPollInterval = options.kustomize.healthPollInterval
        ks.maxRetryDelay = options.kustomize.maxRetryDelay
        ks.dependencyRequeue = options.kustomize.dependencyRequeue
        ks.requestConcurrency = self.embedded == nil ? max(1, options.kustomize.requestConcurrency) : 1
        ks.defaultServiceAccount = options.defaultServiceAccount
        var rs = ReleaseController.Settings()
        rs.healthPollInterval = options.kustomize.healthPollInterval
        rs.maxRetryDelay = options.kustomize.maxRetryDelay
        rs.dependencyRequeue = options.kustomize.dependencyRequeue
        rs.chartCacheDirectory = paths.root + "/charts"
        rs.defaultServiceAccount = options.defaultServiceAccount
        var nc = NotificationController.Settings()
        nc.retryBase = options.notification.retryBase
        nc.maxRetryDelay = options.notification.maxRetryDelay
        nc.poll = options.notification.poll
        nc.maxAttempts = options.notification.maxAttempts
        let notification = try NotificationController(cluster: cluster, events: events, outboxPath: paths.outbox, http: CurlClient(), settings: nc)
        self.notification = notification
        components = [
            SourceController(cluster: cluster, stateDirectory: options.stateDirectory, events: events),
            KustomizeController(cluster: TimedApplyCluster(base: cluster, metrics: metrics.facade), events: events, settings: ks),
            ReleaseController(cluster: cluster, events: events, http: CurlClient(), settings: rs),
            notification,
        ]
        let api = AgentAPI(cluster: cluster, events: events)
        let metricsRoute = metrics.route
        server = try options.httpAddress.map { address in
            HTTPServer(address: try ServerAddress(parsing: address), routes: [
                ServerRoute("/hook/") { request in
                    let answer = await notification.handleHook(WebhookRequest(path: request.path, headers: request.headers, body: request.body))
                    return .text(answer.status, answer.message)
                },
                api.route,
                metricsRoute,
            ])
        }
    }

    /// Installs CRDs and the root objects, then runs every component until cancelled.
    public func run() async throws {
        // Components find this agent's metrics through the task-local (see `GitOpsMetrics`).
        try await GitOpsMetrics.$current.withValue(metrics.facade) { try await runBound() }
    }

    func runBound() async throws {
        try await BootstrapObjects.installCRDs(cluster, waitEstablished: embedded == nil)
        if let bootstrap = options.bootstrap {
            try await BootstrapObjects.apply(bootstrap, to: cluster)
            logger.info("bootstrapped", metadata: ["url": "\(bootstrap.url)", "branch": "\(bootstrap.branch)", "path": "\(bootstrap.path)"])
        }
        // Listening before the components start, so a port in use stops the agent at once.
        if let server { try await server.start() }
        logger.info("agent started", metadata: ["state": "\(options.stateDirectory)", "cluster": "\(options.cluster)",
                                                "simulator": "\(options.simulate && embedded != nil ? "on" : "off")"])
        if let election = options.leaderElection {
            let elector = LeaderElection(cluster: cluster, settings: election)
            let ending = await elector.lead { await self.reconcileUntilCancelled() }
            await server?.stop()
            if case .lost(let why) = ending {
                logger.error("leadership lost; stopping", metadata: ["reason": "\(why)"])
                throw AgentError.leadershipLost(why)
            }
        } else {
            await reconcileUntilCancelled()
            // After the components: a hook that arrives while they finish is still answered.
            await server?.stop()
        }
        logger.info("agent stopped")
    }

    /// Runs the components, the watcher, the cluster event writer and the simulator until cancelled.
    func reconcileUntilCancelled() async {
        let cluster = self.cluster
        let watcher = Watcher(cluster: cluster, kinds: Self.watchedKinds, period: options.watchPeriod, labelSelector: options.watchLabelSelector)
        let components = self.components
        let metrics = self.metrics
        let options = self.options
        let embedded = self.embedded
        let clusterEvents = ClusterEventWriter(cluster: cluster, events: events)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await clusterEvents.run() }
            for component in components {
                group.addTask { await component.run() }
            }
            group.addTask {
                await watcher.run { change in
                    metrics.observe(change)
                    for component in components { await component.observe(change) }
                }
            }
            if options.simulate, let embedded {
                let simulator = WorkloadSimulator(cluster: embedded, progressDeadline: options.simulatorProgressDeadline)
                group.addTask {
                    while !Task.isCancelled {
                        _ = try? simulator.step()
                        try? await Task.sleep(for: .milliseconds(200))
                    }
                }
            }
            await group.waitForAll()
        }
    }

    /// The port the HTTP server listens on, once it does (the real one for `:0`).
    public var httpPort: Int? { server?.port }

    /// Whether every GitRepository, Kustomization and HelmRelease is Ready for its current generation, and
    /// the message of each that is not.
    public func readiness() async throws -> (ready: Bool, waiting: [String]) {
        // The same rows `gitops status` shows: Ready is "True" only for the current generation.
        let kinds = StatusRows.kinds.filter { [GitRepository.kind, Kustomization.kind, HelmRelease.kind].contains($0.kind) }
        let rows = try await StatusRows.collect(cluster, kinds: kinds)
        let waiting = rows.filter { $0.ready != "True" }.map { "\($0.kind)/\($0.namespace)/\($0.name): \($0.message)" }
        return (!rows.isEmpty && waiting.isEmpty, waiting)
    }
}
