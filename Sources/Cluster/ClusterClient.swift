import GitOpsAPI

/// What the agent needs from a Kubernetes API server. Two backends implement it: the embedded
/// SQLite cluster (the default) and a real kube-apiserver over HTTPS. Every method follows the
/// Kubernetes API's documented semantics, so a component written against the embedded cluster
/// behaves the same against a real one.
public protocol ClusterClient: Sendable {
    /// Reads one object; nil when it does not exist.
    func get(_ ref: ObjectRef) async throws -> KubeObject?

    /// Lists objects of one kind, optionally in one namespace and filtered by a label selector
    /// (`app=web,tier!=cache,env in (a,b),!legacy`).
    func list(_ query: ListQuery) async throws -> [KubeObject]

    /// Server-side apply (`PATCH application/apply-patch+yaml`): the object is the applied
    /// configuration of `options.fieldManager`. Fields other managers own are kept; fields this
    /// manager applied before and no longer sets are removed; a field another manager owns with
    /// a different value is a conflict unless `options.force`. `status` is ignored for kinds
    /// with a status subresource. With `options.dryRun` nothing is stored and the result is what
    /// would have been stored.
    func apply(_ object: KubeObject, options: ApplyOptions) async throws -> ApplyResult

    /// Creates an object (`POST`); `alreadyExists` when it exists. `generateName` is honoured.
    func create(_ object: KubeObject, options: WriteOptions) async throws -> KubeObject

    /// Replaces an object (`PUT`). When `metadata.resourceVersion` is set and differs from the
    /// stored one, fails with `conflict`. Status is not changed for kinds with a status
    /// subresource.
    func update(_ object: KubeObject, options: WriteOptions) async throws -> KubeObject

    /// Replaces the status of an object (`PUT …/status`); everything else is kept.
    func updateStatus(_ object: KubeObject, options: WriteOptions) async throws -> KubeObject

    /// Deletes an object. Returns false when it did not exist. Dependents (objects whose
    /// `ownerReferences` name it) go too unless the policy is `orphan`.
    @discardableResult
    func delete(_ ref: ObjectRef, options: DeleteOptions) async throws -> Bool

    /// What the server knows about a kind: plural name, scope. Throws `ClusterError` with
    /// reason `.notFound` and a message saying the cluster does not serve the kind.
    func resource(apiVersion: String, kind: String) async throws -> ResourceInfo

    /// Every resource the server serves now, CRDs included (discovery).
    func servedResources() async throws -> ServedResources

    /// The server's version (`GET /version`).
    func serverVersion() async throws -> ServerVersion

    /// The same server, every request made as the service account `name` in `namespace`
    /// (Flux's `serviceAccountName`: kube's user impersonation, so RBAC decides what it may
    /// do). A backend without authorization returns itself.
    func impersonating(serviceAccount name: String, namespace: String) -> any ClusterClient
}

/// Selects objects of one kind.
public struct ListQuery: Sendable, Hashable {
    public var apiVersion: String
    public var kind: String
    /// nil lists across all namespaces.
    public var namespace: String?
    public var labelSelector: String?

    public init(apiVersion: String, kind: String, namespace: String? = nil, labelSelector: String? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.labelSelector = labelSelector
    }
}

public struct ApplyOptions: Sendable, Hashable {
    public var fieldManager: String
    public var force: Bool
    public var dryRun: Bool
    /// What the caller already knows of the live object, read in bulk (one labelled LIST per
    /// kind) so that a remote backend need not read each object before applying it. A backend
    /// may use it to tell `created` / `configured` / `unchanged` apart; one that can read the
    /// object cheaply (the embedded cluster) may ignore it. It never changes what is stored.
    public var live: LiveState

    public init(fieldManager: String = "gitops", force: Bool = false, dryRun: Bool = false, live: LiveState = .unknown) {
        self.fieldManager = fieldManager
        self.force = force
        self.dryRun = dryRun
        self.live = live
    }
}

/// The live state of an object as a caller read it before an apply.
public enum LiveState: Sendable, Hashable {
    /// Not read: the backend reads the object itself if it needs to.
    case unknown
    /// Known not to exist.
    case absent
    /// As read (with its resourceVersion and managedFields).
    case present(KubeObject)
}

/// What an apply did, in the words of Flux's change set.
public enum ApplyAction: String, Sendable, Hashable, Codable {
    case created, configured, unchanged
}

public struct ApplyResult: Sendable, Hashable {
    /// The object as stored (or as it would be stored, for a dry run).
    public var object: KubeObject
    public var action: ApplyAction

    public init(object: KubeObject, action: ApplyAction) {
        self.object = object
        self.action = action
    }
}

public struct WriteOptions: Sendable, Hashable {
    public var fieldManager: String
    public var dryRun: Bool

    public init(fieldManager: String = "gitops", dryRun: Bool = false) {
        self.fieldManager = fieldManager
        self.dryRun = dryRun
    }
}

public enum PropagationPolicy: String, Sendable, Hashable {
    case background = "Background", foreground = "Foreground", orphan = "Orphan"
}

public struct DeleteOptions: Sendable, Hashable {
    public var propagationPolicy: PropagationPolicy
    public var dryRun: Bool

    public init(propagationPolicy: PropagationPolicy = .background, dryRun: Bool = false) {
        self.propagationPolicy = propagationPolicy
        self.dryRun = dryRun
    }
}

/// A kind the server serves.
public struct ResourceInfo: Sendable, Hashable {
    public var group: String
    public var version: String
    public var kind: String
    /// Lower-case plural, as in the REST path (`deployments`).
    public var plural: String
    public var namespaced: Bool
    /// Whether `status` is a subresource (writes to the main resource leave it alone).
    public var hasStatusSubresource: Bool

    public init(group: String, version: String, kind: String, plural: String, namespaced: Bool, hasStatusSubresource: Bool) {
        self.group = group
        self.version = version
        self.kind = kind
        self.plural = plural
        self.namespaced = namespaced
        self.hasStatusSubresource = hasStatusSubresource
    }
}

extension ClusterClient {
    /// Changes the status of `ref` with optimistic concurrency: reads the object, lets `change`
    /// edit it, and writes it back through the status subresource *with the resourceVersion just
    /// read*. A 409 `Conflict` means another writer stored the object in between; the object is
    /// read again and the change redone, up to `attempts` times, as client-go's
    /// `retry.RetryOnConflict` does (`DefaultRetry`: 5 steps, about 10ms apart). Sending the
    /// resourceVersion is also what a real API server requires of custom resources, whose
    /// strategy refuses unconditional updates. A change that changes nothing sends no write.
    /// - Returns: the stored object; nil when the object does not exist.
    @discardableResult
    public func updateStatus(of ref: ObjectRef, fieldManager: String = "gitops", attempts: Int = 5,
                             _ change: (inout KubeObject) throws -> Void) async throws -> KubeObject? {
        var attempt = 1
        while true {
            guard var object = try await get(ref) else { return nil }
            let read = object
            try change(&object)
            if object == read { return read }
            do {
                return try await updateStatus(object, options: WriteOptions(fieldManager: fieldManager))
            } catch let error as ClusterError where error.reason == .conflict && attempt < attempts {
                attempt += 1
                try await Task.sleep(for: .milliseconds(10 * attempt))
            }
        }
    }
}
