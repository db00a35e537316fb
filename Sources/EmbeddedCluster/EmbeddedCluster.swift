import Cluster
import Foundation
import GitOpsAPI
import SQLite
import Synchronization

/// A Kubernetes-like API server in one SQLite file: the default cluster, so a newcomer sees the
/// whole GitOps loop on one machine.
///
/// It keeps the API's semantics that GitOps relies on: `uid`, `creationTimestamp`,
/// `resourceVersion` (optimistic concurrency), `generation` (bumped when anything outside
/// metadata and status changes), namespaces (a namespaced object needs its Namespace;
/// `default`, `kube-system`, `kube-public` and `kube-node-lease` always exist), name validation,
/// `generateName`, the status subresource, label selectors, dry-run on every write, server-side
/// apply with `metadata.managedFields`, and deletion with propagation to dependents.
///
/// Kinds are the built-in ones every API server serves, at their real versions, plus those
/// declared by stored CustomResourceDefinitions.
///
/// Simplifications, on purpose: deletion is immediate — `metadata.finalizers` are kept on the
/// object but do not hold deletion back, and Foreground behaves like Background; there are no
/// admission webhooks, defaulting or schema validation; a kind served at several versions is
/// stored once and read back with the requested `apiVersion` (no conversion), as a
/// CustomResourceDefinition with the `None` conversion strategy does. Nothing runs pods:
/// `WorkloadSimulator` can write the status controllers would.
///
/// Thread safety: all state sits behind one `Mutex`; every method may be called from any task.
/// Several processes may open the same file (a CLI reading while the agent writes): SQLite
/// locks, a 5 s busy timeout and `PRAGMA data_version` keep them consistent.
public final class EmbeddedCluster: ClusterClient, Sendable {
    let state: Mutex<ObjectStore>
    /// The database file, or nil for an in-memory cluster.
    public let path: String?

    /// Namespaces that exist from the start and cannot be deleted.
    static let systemNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"]

    /// Opens (or creates) the cluster stored in the SQLite file at `path`.
    public convenience init(path: String) throws {
        try self.init(opening: path)
    }

    /// A private cluster that lives as long as this object (tests, previews).
    public static func inMemory() throws -> EmbeddedCluster {
        try EmbeddedCluster(opening: nil)
    }

    private init(opening path: String?) throws {
        // The connection is made here, so it belongs to nobody else when the Mutex takes it.
        let store = try ObjectStore(db: try path.map { try Database(path: $0) } ?? Database.inMemory())
        try store.write {
            for name in Self.systemNamespaces where !store.namespaceExists(name) {
                _ = try store.create(KubeObject(apiVersion: "v1", kind: "Namespace", name: name),
                    options: WriteOptions(fieldManager: "kube-apiserver"), now: Date())
            }
        }
        self.state = Mutex(store)
        self.path = path
    }

    /// Runs `body` with the store, after picking up other processes' commits.
    func withStore<T: Sendable>(_ body: (ObjectStore) throws -> T) throws -> T {
        try state.withLock { store in
            try store.refreshIfChanged()
            return try body(store)
        }
    }

    /// The cluster-wide resourceVersion: it grows with every write (create, update, status
    /// write, delete) by anyone, this process or another. A poller compares it with the value
    /// it saw last to learn cheaply whether anything changed.
    public func currentResourceVersion() -> Int {
        state.withLock { store in (try? store.storedResourceVersion()) ?? store.resourceVersion }
    }

    // MARK: Reading

    public func get(_ ref: ObjectRef) throws -> KubeObject? {
        try withStore { store in
            let (_, id) = try store.resolve(ref)
            return store.object(id).map { $0.served(at: ref.apiVersion) }
        }
    }

    /// Objects of one kind, sorted by namespace and name (as the API server lists them).
    public func list(_ query: ListQuery) throws -> [KubeObject] {
        let selector = try query.labelSelector.map(LabelSelector.init)
        return try withStore { store in
            let info = try store.kindInfo(apiVersion: query.apiVersion, kind: query.kind)
            let namespace = info.namespaced ? query.namespace : nil
            return store.objects(of: GroupKind(group: info.group, kind: info.kind))
                .filter { key, object in
                    (namespace == nil || key.namespace == namespace) && (selector?.matches(object.labels) ?? true)
                }
                .sorted { $0.key < $1.key }
                .map { $0.value.served(at: query.apiVersion) }
        }
    }

    public func resource(apiVersion: String, kind: String) throws -> ResourceInfo {
        try withStore { store in
            try store.kindInfo(apiVersion: apiVersion, kind: kind).resource(version: GroupVersion(apiVersion).version)
        }
    }

    /// Every kind the cluster serves now (built-in and from CRDs), one entry per served version:
    /// what `kubectl api-resources` would list.
    public func servedResources() throws -> ServedResources {
        try withStore { store in
            ServedResources(resources: (BuiltinKinds.all + store.customKinds.values.sorted { ($0.group, $0.kind) < ($1.group, $1.kind) })
                .flatMap { info in info.versions.map { info.resource(version: $0) } })
        }
    }

    /// The Kubernetes version whose built-in kinds the embedded cluster serves.
    public static let version = ServerVersion(gitVersion: "v1.33.0", major: "1", minor: "33")

    public func serverVersion() -> ServerVersion { Self.version }

    /// The embedded cluster authorizes every request (it has no RBAC): impersonation changes
    /// nothing, so the cluster itself serves.
    public func impersonating(serviceAccount name: String, namespace: String) -> any ClusterClient { self }
}

extension KubeObject {
    /// The object as read at `apiVersion` (the store keeps one copy per object, whatever the
    /// version it was written at).
    func served(at apiVersion: String) -> KubeObject {
        var copy = self
        if copy.apiVersion != apiVersion { copy.apiVersion = apiVersion }
        return copy
    }
}
