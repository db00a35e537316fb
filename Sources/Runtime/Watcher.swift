import Cluster
import GitOpsAPI

/// Reports changes to the objects of some kinds by listing them every `period` and comparing
/// resourceVersions: a watch that works the same against the embedded cluster, a real API
/// server, or another process (the CLI) writing to the same cluster.
public actor Watcher {
    public struct Kind: Sendable, Hashable {
        public var apiVersion: String
        public var kind: String
        public init(_ apiVersion: String, _ kind: String) {
            self.apiVersion = apiVersion
            self.kind = kind
        }
    }

    let cluster: any ClusterClient
    let kinds: [Kind]
    let period: Duration
    let labelSelector: String?
    private var known: [ObjectID: KubeObject] = [:]

    /// With `labelSelector`, only matching objects are seen (an agent's shard).
    public init(cluster: any ClusterClient, kinds: [Kind], period: Duration = .seconds(1), labelSelector: String? = nil) {
        self.cluster = cluster
        self.labelSelector = labelSelector
        self.kinds = kinds
        self.period = period
    }

    /// One comparison pass; returns the changes since the previous one.
    public func poll() async -> [ObjectChange] {
        var current: [ObjectID: KubeObject] = [:]
        var failedKinds: Set<String> = []
        for kind in kinds {
            do {
                for object in try await cluster.list(ListQuery(apiVersion: kind.apiVersion, kind: kind.kind, labelSelector: labelSelector)) {
                    current[object.id] = object
                }
            } catch {
                // A kind that cannot be listed right now keeps its objects as they were.
                failedKinds.insert(kind.kind)
            }
        }
        var changes: [ObjectChange] = []
        for (id, object) in current.sorted(by: { $0.key < $1.key }) {
            if let old = known[id] {
                if old.resourceVersion != object.resourceVersion { changes.append(ObjectChange(.modified, object)) }
            } else {
                changes.append(ObjectChange(.added, object))
            }
        }
        for (id, old) in known where current[id] == nil {
            if failedKinds.contains(id.kind) { current[id] = old } else { changes.append(ObjectChange(.deleted, old)) }
        }
        known = current
        return changes
    }

    /// Polls until cancelled, handing every change to `deliver`.
    public func run(_ deliver: @Sendable (ObjectChange) async -> Void) async {
        while !Task.isCancelled {
            for change in await poll() { await deliver(change) }
            try? await Task.sleep(for: period)
        }
    }
}
