import Agent
import Cluster
import EmbeddedCluster
import Foundation
import GitOpsAPI
import KubeAPIServer
import KubeClient
import KubeConfig
import Runtime
import TestSupport
import Testing

/// An agent running in this process against a real Git repository on disk and the embedded
/// cluster in a temporary state directory, with short intervals so tests run in seconds.
final class AgentHarness: @unchecked Sendable {
    /// Where the agent's cluster lives: in its own process (SQLite), or behind the Kubernetes
    /// REST API on loopback, reached through the real client (libcurl) as a real cluster would be.
    enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case embedded, kubeAPI
        var testDescription: String { rawValue }
    }

    let repo: GitFixture
    let state: String
    let agent: Agent
    /// With the kubeAPI backend: the API server on loopback and the cluster behind it.
    private(set) var apiServer: KubeAPIServer?
    private var backing: EmbeddedCluster?
    private var task: Task<Void, Never>?
    private var simulatorTask: Task<Void, Never>?

    /// An agent on `backend`; with `.kubeAPI` the workload simulator runs beside the API server,
    /// where a real cluster's controllers would.
    static func start(_ backend: Backend, files: [String: String], path: String = "./deploy", interval: String = "1s",
                      progressDeadline: Duration = .seconds(1), httpAddress: String? = nil) async throws -> AgentHarness
    {
        let h = try await prepare(backend, files: files, path: path, interval: interval, progressDeadline: progressDeadline, httpAddress: httpAddress)
        h.start()
        return h
    }

    /// `start` without starting the agent (to set more options first).
    static func prepare(_ backend: Backend, files: [String: String], path: String = "./deploy", interval: String = "1s",
                        progressDeadline: Duration = .seconds(1), httpAddress: String? = nil,
                        leaderElection: LeaderElection.Settings? = nil, watchLabelSelector: String? = nil,
                        defaultServiceAccount: String? = nil) async throws -> AgentHarness
    {
        switch backend {
        case .embedded:
            return try AgentHarness(files: files, path: path, interval: interval, progressDeadline: progressDeadline, httpAddress: httpAddress,
                                    leaderElection: leaderElection, watchLabelSelector: watchLabelSelector,
                                    defaultServiceAccount: defaultServiceAccount)
        case .kubeAPI:
            let state = try GitFixture.temporaryDirectory(prefix: "agent-state")
            let backing = try EmbeddedCluster(path: state + "/apiserver.db")
            let server = KubeAPIServer(cluster: backing)
            let url = try await server.start()
            let client = KubeClient(connection: ClusterConnection(server: url))
            let h = try AgentHarness(files: files, path: path, interval: interval, progressDeadline: progressDeadline,
                                     stateDirectory: state, httpAddress: httpAddress, cluster: .remote(client, description: url),
                                     leaderElection: leaderElection, watchLabelSelector: watchLabelSelector,
                                    defaultServiceAccount: defaultServiceAccount)
            h.apiServer = server
            h.backing = backing
            let simulator = WorkloadSimulator(cluster: backing, progressDeadline: progressDeadline)
            h.simulatorTask = Task {
                while !Task.isCancelled {
                    _ = try? simulator.step()
                    try? await Task.sleep(for: .milliseconds(100))
                }
            }
            return h
        }
    }

    /// A second agent (its own state directory) on the same cluster as this one's kubeAPI backend.
    func standby(leaderElection: LeaderElection.Settings) throws -> Agent {
        guard let url = apiServer?.url else { throw HarnessError("standby needs the kubeAPI backend") }
        var options = agent.options
        options.stateDirectory = try GitFixture.temporaryDirectory(prefix: "agent-standby")
        options.cluster = .remote(KubeClient(connection: ClusterConnection(server: url)), description: url)
        options.leaderElection = leaderElection
        options.httpAddress = nil
        return try Agent(options: options)
    }

    /// - Parameters:
    ///   - files: the repository's first commit (path → content).
    ///   - path: the root Kustomization's path.
    init(files: [String: String], path: String = "./deploy", interval: String = "1s", progressDeadline: Duration = .seconds(1),
         stateDirectory: String? = nil, repo: GitFixture? = nil, httpAddress: String? = nil, cluster: ClusterTarget = .embedded,
         leaderElection: LeaderElection.Settings? = nil, watchLabelSelector: String? = nil, defaultServiceAccount: String? = nil) throws
    {
        if let repo {
            self.repo = repo
        } else {
            self.repo = try GitFixture()
            for (p, content) in files { try self.repo.write(p, content) }
            try self.repo.commit("initial")
        }
        state = try stateDirectory ?? GitFixture.temporaryDirectory(prefix: "agent-state")
        var options = AgentOptions(stateDirectory: state,
                                   bootstrap: .init(url: self.repo.fileURL, branch: "main", path: path, interval: GoDuration(interval)!))
        options.simulatorProgressDeadline = progressDeadline
        options.watchPeriod = .milliseconds(100)
        options.kustomize.healthPollInterval = .milliseconds(100)
        options.kustomize.maxRetryDelay = .seconds(2)
        options.kustomize.dependencyRequeue = .milliseconds(300)
        options.notification.retryBase = .milliseconds(200)
        options.notification.maxRetryDelay = .milliseconds(500)
        options.notification.poll = .milliseconds(100)
        options.httpAddress = httpAddress
        options.cluster = cluster
        options.leaderElection = leaderElection
        options.watchLabelSelector = watchLabelSelector
        options.defaultServiceAccount = defaultServiceAccount
        agent = try Agent(options: options)
    }

    /// The cluster's store, read directly by assertions (for kubeAPI: the one behind the server).
    var cluster: EmbeddedCluster { agent.embedded ?? backing! }

    func start() {
        let agent = self.agent
        task = Task { try? await agent.run() }
    }

    /// Cancels the agent and waits until it has finished its work in flight.
    func stop(keepingServer: Bool = false) async {
        task?.cancel()
        await task?.value
        task = nil
        guard !keepingServer else { return }
        simulatorTask?.cancel()
        await simulatorTask?.value
        simulatorTask = nil
        await apiServer?.stop()
    }

    /// The port of the agent's HTTP server once it listens (started with `httpAddress`).
    func httpPort(timeout: Duration = .seconds(10)) async throws -> Int {
        let agent = self.agent
        guard await eventually(timeout, { agent.httpPort != nil }), let port = agent.httpPort else {
            throw HarnessError("the agent's HTTP server did not start within \(timeout)")
        }
        return port
    }

    /// Commits files (nil content removes the file).
    @discardableResult
    func commit(_ files: [String: String?], message: String = "change") throws -> String {
        for (p, content) in files {
            if let content { try repo.write(p, content) } else { try repo.remove(p) }
        }
        return try repo.commit(message)
    }

    func kustomization(_ name: String = "flux-system", namespace: String = "flux-system") throws -> KubeObject? {
        try cluster.get(ObjectRef(apiVersion: Kustomization.apiVersion, kind: Kustomization.kind, namespace: namespace, name: name))
    }

    func ready(_ name: String = "flux-system") throws -> Condition? {
        Conditions(json: try kustomization(name)?.status?["conditions"])[ConditionType.ready]
    }

    func get(_ apiVersion: String, _ kind: String, _ namespace: String?, _ name: String) throws -> KubeObject? {
        try cluster.get(ObjectRef(apiVersion: apiVersion, kind: kind, namespace: namespace, name: name))
    }

    /// Polls `condition` until it holds or `timeout` passes; returns whether it held.
    func eventually(_ timeout: Duration = .seconds(20), _ condition: () throws -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if (try? condition()) == true { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return (try? condition()) == true
    }

    /// Applies an object as a person would with kubectl (field manager `kubectl`).
    func kubectlApply(_ yaml: KubeObject) throws {
        _ = try cluster.apply(yaml, options: ApplyOptions(fieldManager: "kubectl", force: true))
    }

    deinit {
        task?.cancel()
        simulatorTask?.cancel()
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Manifests used across the end-to-end tests.
enum Manifests {
    static func configMap(_ name: String, namespace: String = "apps", data: String) -> String {
        """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: \(name)
          namespace: \(namespace)
        data:
          value: "\(data)"

        """
    }

    /// A HelmRelease in flux-system installing `./charts/CHART` of the root GitRepository into
    /// `apps` (interval 1m, timeout 3s). `chartSpec` lines go under `chart.spec` (six spaces in),
    /// `spec` lines under `spec` (two spaces in).
    static func helmRelease(_ name: String, chart: String, releaseName: String? = nil, chartSpec: String = "", spec: String = "") -> String {
        """
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: \(name)
          namespace: flux-system
        spec:
          interval: 1m
          timeout: 3s
          targetNamespace: apps
        \(releaseName.map { "  releaseName: \($0)\n" } ?? "")  chart:
            spec:
              chart: ./charts/\(chart)
        \(chartSpec)      sourceRef:
                kind: GitRepository
                name: flux-system
        \(spec)
        """
    }

    static let namespace = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: apps

        """

    static func deployment(_ name: String, image: String = "ghcr.io/acme/web:1.0.0", fail: String? = nil) -> String {
        let annotations = fail.map { "\n      annotations:\n        simulator.gitops.dev/fail: \($0)" } ?? ""
        return """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: \(name)
              namespace: apps
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app: \(name)
              template:
                metadata:
                  labels:
                    app: \(name)\(annotations)
                spec:
                  containers:
                  - name: \(name)
                    image: \(image)

            """
    }

    /// A Flux Kustomization of `./apps` in the same repository, with health checks on.
    static func appsKustomization(path: String = "./apps", timeout: String = "3s") -> String {
        """
        apiVersion: kustomize.toolkit.fluxcd.io/v1
        kind: Kustomization
        metadata:
          name: apps
          namespace: flux-system
        spec:
          interval: 1s
          retryInterval: 1s
          timeout: \(timeout)
          path: \(path)
          prune: true
          wait: true
          sourceRef:
            kind: GitRepository
            name: flux-system

        """
    }

    static func alert(provider address: String) -> String {
        """
        apiVersion: notification.toolkit.fluxcd.io/v1beta3
        kind: Provider
        metadata:
          name: webhook
          namespace: flux-system
        spec:
          type: generic
          address: \(address)
        ---
        apiVersion: notification.toolkit.fluxcd.io/v1beta3
        kind: Alert
        metadata:
          name: all
          namespace: flux-system
        spec:
          providerRef:
            name: webhook
          eventSeverity: info
          eventSources:
          - kind: Kustomization
            name: '*'
          - kind: GitRepository
            name: '*'

        """
    }
}
