import Cluster
import GitOpsAPI
import HTTPServer
import Runtime

/// Which cluster the agent reconciles.
public enum ClusterTarget: Sendable, CustomStringConvertible {
    /// The embedded cluster (SQLite in the state directory), with the workload simulator.
    case embedded
    /// A real Kubernetes API server (or any other backend), described for logs and `status`
    /// (`https://10.0.0.1:6443 (context prod)`). Only ever used when named by the user.
    case remote(any ClusterClient, description: String)

    public var description: String {
        switch self {
        case .embedded: return "embedded (SQLite)"
        case .remote(_, let description): return description
        }
    }
}

/// How `gitops run` runs.
public struct AgentOptions: Sendable {
    /// Where the embedded cluster, mirrors, artifacts, event log and outbox live.
    public var stateDirectory: String
    /// Creates (or updates) the root GitRepository and Kustomization; nil reuses those already
    /// in the cluster.
    public var bootstrap: Bootstrap?
    /// Runs the workload simulator on the embedded cluster (Deployments become available, …).
    public var simulate: Bool
    /// Seconds a simulated workload marked to fail takes to exceed its progress deadline.
    public var simulatorProgressDeadline: Duration
    /// How often the agent looks for changes to its objects (also those made by the CLI).
    public var watchPeriod: Duration
    /// Stop once every source and Kustomization is Ready (the demo), or fail after `exitTimeout`.
    public var exitWhenReady: Bool
    public var exitTimeout: Duration
    /// Where the HTTP server listens (`host:port`; `:9292` is every interface, port 0 an
    /// ephemeral port): receivers' hooks, `/healthz`, `/readyz`. nil runs no server.
    public var httpAddress: String?
    public var kustomize: KustomizeSettings
    public var notification: NotificationSettings
    public var cluster: ClusterTarget
    /// Elect a leader through a Lease before reconciling (two replicas in a cluster); nil
    /// reconciles at once.
    public var leaderElection: LeaderElection.Settings?
    /// Only objects of our kinds whose labels match are reconciled (Flux's sharding:
    /// `sharding.fluxcd.io/key=shard1`); nil reconciles all.
    public var watchLabelSelector: String?
    /// Flux's `--default-service-account`: Kustomizations and HelmReleases without
    /// `serviceAccountName` act as this account of their own namespace (multi-tenancy lockdown).
    public var defaultServiceAccount: String?

    public struct Bootstrap: Sendable {
        public var url: String
        public var branch: String
        public var path: String
        public var interval: GoDuration
        public var name: String
        public var namespace: String
        /// Name of a Secret in `namespace` with Git credentials.
        public var secretName: String?

        public init(url: String, branch: String = "main", path: String = "./", interval: GoDuration = GoDuration(seconds: 60),
                    name: String = "flux-system", namespace: String = "flux-system", secretName: String? = nil)
        {
            self.url = url
            self.branch = branch
            self.path = path
            self.interval = interval
            self.name = name
            self.namespace = namespace
            self.secretName = secretName
        }
    }

    public struct KustomizeSettings: Sendable {
        public var healthPollInterval: Duration = .milliseconds(250)
        public var maxRetryDelay: Duration = .seconds(300)
        public var dependencyRequeue: Duration = .seconds(2)
        /// Requests in flight at once per reconcile against a real API server.
        public var requestConcurrency = 8
        public init() {}
    }

    public struct NotificationSettings: Sendable {
        public var retryBase: Duration = .seconds(2)
        public var maxRetryDelay: Duration = .seconds(300)
        public var poll: Duration = .milliseconds(500)
        /// Attempts before a notification is recorded as undeliverable.
        public var maxAttempts: Int = 10
        public init() {}
    }

    public init(stateDirectory: String, bootstrap: Bootstrap? = nil, simulate: Bool = true) {
        self.stateDirectory = stateDirectory
        self.bootstrap = bootstrap
        self.simulate = simulate
        self.simulatorProgressDeadline = .seconds(5)
        self.watchPeriod = .seconds(1)
        self.exitWhenReady = false
        self.exitTimeout = .seconds(300)
        self.httpAddress = nil
        self.kustomize = KustomizeSettings()
        self.notification = NotificationSettings()
        self.cluster = .embedded
        self.leaderElection = nil
        self.watchLabelSelector = nil
    }
}

/// The files under a state directory.
public struct StatePaths: Sendable {
    public let root: String
    public init(_ root: String) { self.root = root }
    public var cluster: String { root + "/cluster.db" }
    public var events: String { root + "/events.db" }
    public var outbox: String { root + "/notifications.db" }
}

extension AgentOptions {
    /// Checks an `httpAddress` without binding it (`--http-address` validation).
    public static func checkHTTPAddress(_ text: String) throws { _ = try ServerAddress(parsing: text) }
}
