import GitOpsAPI

/// A Helm 3 release as Helm stores it (`helm.sh/helm/v3/pkg/release.Release`): one revision of a
/// release, the chart it was made from, the user-supplied values and the rendered manifest.
///
/// Named `StoredRelease` so it does not collide with Flux's `HelmRelease` kind or the `Helm`
/// module's chart types. Its JSON is Helm's byte for byte (see `StoredRelease+JSON.swift`).
public struct StoredRelease: Sendable, Hashable {
    /// The release name (`json:"name,omitempty"`).
    public var name: String
    /// When and how this revision was deployed (`json:"info,omitempty"`; Helm always sets it).
    public var info: Info
    /// The chart the revision was rendered from (`json:"chart,omitempty"`).
    public var chart: StoredChart?
    /// The values the user supplied, not merged with the chart's (`json:"config,omitempty"`).
    public var config: JSONObject
    /// The rendered manifests, `---`-separated, hooks excluded.
    public var manifest: String
    public var hooks: [Hook]
    /// The revision, 1 for the first install.
    public var version: Int
    public var namespace: String
    /// The Secret's labels (`json:"-"`): as Helm's storage driver sets `Release.Labels` — only the
    /// custom ones after `get`, all of them (system labels included) after a list/query.
    public var labels: [String: String]

    public init(name: String, info: Info = Info(), chart: StoredChart? = nil, config: JSONObject? = nil,
                manifest: String = "", hooks: [Hook] = [], version: Int, namespace: String,
                labels: [String: String] = [:]) {
        self.name = name
        self.info = info
        self.chart = chart
        self.config = config ?? [:]
        self.manifest = manifest
        self.hooks = hooks
        self.version = version
        self.namespace = namespace
        self.labels = labels
    }

    /// Helm's `Release.SetStatus`.
    public mutating func setStatus(_ status: Status, _ description: String) {
        info.status = status
        info.description = description
    }
}

extension StoredRelease {
    /// A release's state (`release.Status`): a string, so a record with a state this code does
    /// not know still reads and writes back unchanged.
    public struct Status: RawRepresentable, Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }
        public var description: String { rawValue }

        public static let unknown: Status = "unknown"
        public static let deployed: Status = "deployed"
        public static let uninstalled: Status = "uninstalled"
        public static let superseded: Status = "superseded"
        public static let failed: Status = "failed"
        public static let uninstalling: Status = "uninstalling"
        public static let pendingInstall: Status = "pending-install"
        public static let pendingUpgrade: Status = "pending-upgrade"
        public static let pendingRollback: Status = "pending-rollback"

        /// Helm's `Status.IsPending`: an install, upgrade or rollback is under way (or died).
        public var isPending: Bool { self == .pendingInstall || self == .pendingUpgrade || self == .pendingRollback }
    }

    /// `release.Info`. Helm's own time type prints a zero time as `""`; nil stands for it here.
    public struct Info: Sendable, Hashable {
        public var firstDeployed: GoTime?
        public var lastDeployed: GoTime?
        /// When uninstalling began (`json:"deleted"`, never omitted).
        public var deleted: GoTime?
        public var description: String
        public var status: Status
        /// The rendered NOTES.txt.
        public var notes: String
        /// `map[string][]runtime.Object`, only filled for `helm status --show-resources`; kept as JSON.
        public var resources: JSONObject

        public init(firstDeployed: GoTime? = nil, lastDeployed: GoTime? = nil, deleted: GoTime? = nil,
                    description: String = "", status: Status = .unknown, notes: String = "",
                    resources: JSONObject? = nil) {
            self.firstDeployed = firstDeployed
            self.lastDeployed = lastDeployed
            self.deleted = deleted
            self.description = description
            self.status = status
            self.notes = notes
            self.resources = resources ?? [:]
        }
    }

    /// A hook (`release.Hook`): a manifest Helm runs at an event instead of applying it with the rest.
    public struct Hook: Sendable, Hashable {
        public var name: String
        public var kind: String
        /// The template that rendered it (`hello/templates/test.yaml`).
        public var path: String
        public var manifest: String
        /// `pre-install`, `post-install`, `pre-delete`, `post-delete`, `pre-upgrade`,
        /// `post-upgrade`, `pre-rollback`, `post-rollback`, `test`.
        public var events: [String]
        public var lastRun: Execution
        public var weight: Int
        /// `hook-succeeded`, `hook-failed`, `before-hook-creation`.
        public var deletePolicies: [String]
        /// `hook-succeeded`, `hook-failed`.
        public var outputLogPolicies: [String]

        public init(name: String, kind: String, path: String = "", manifest: String = "", events: [String] = [],
                    lastRun: Execution = Execution(), weight: Int = 0, deletePolicies: [String] = [],
                    outputLogPolicies: [String] = []) {
            self.name = name
            self.kind = kind
            self.path = path
            self.manifest = manifest
            self.events = events
            self.lastRun = lastRun
            self.weight = weight
            self.deletePolicies = deletePolicies
            self.outputLogPolicies = outputLogPolicies
        }

        /// `release.HookExecution`: the last run of a hook. Phase is `Unknown`, `Running`,
        /// `Succeeded` or `Failed`, or empty when it never ran.
        public struct Execution: Sendable, Hashable {
            public var startedAt: GoTime?
            public var completedAt: GoTime?
            public var phase: String

            public init(startedAt: GoTime? = nil, completedAt: GoTime? = nil, phase: String = "") {
                self.startedAt = startedAt
                self.completedAt = completedAt
                self.phase = phase
            }
        }
    }
}
