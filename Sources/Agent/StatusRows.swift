import Cluster
import GitOpsAPI

/// One Flux object as `gitops status`, `gitops get` and `GET /api/v1/status` show it. The CLI
/// and the HTTP API share this, so they always agree.
public struct StatusRow: Sendable {
    public var kind: String
    public var namespace: String
    public var name: String
    /// True, False, Unknown, or Configured for kinds without a Ready condition.
    public var ready: String
    public var suspended: Bool
    public var revision: String
    public var lastTransition: String
    public var reason: String
    public var message: String

    /// Not ready and not suspended: what `status` puts first and exits 1 for.
    public var failing: Bool { !suspended && ready != "True" && ready != "Configured" }

    /// - Parameter hasReady: false for kinds Flux gives no Ready condition (Provider, Alert in v1beta3).
    public init(_ object: KubeObject, hasReady: Bool) {
        let conditions = Conditions(json: object.status?["conditions"])
        let ready = conditions[ConditionType.ready]
        let stale = (object.status?["observedGeneration"]?.intValue ?? 0) != object.generation
        kind = object.kind
        namespace = object.namespace ?? ""
        name = object.name
        suspended = object.body[path: ["spec", "suspend"]]?.boolValue ?? false
        revision = object.status?[path: ["artifact", "revision"]]?.stringValue
            ?? object.status?["lastAppliedRevision"]?.stringValue ?? object.status?["lastAttemptedRevision"]?.stringValue ?? ""
        lastTransition = ready?.lastTransitionTime ?? object.creationTimestamp ?? ""
        reason = ready?.reason ?? ""
        if !hasReady {
            self.ready = "Configured"
            message = suspended ? "suspended" : "configured"
        } else {
            self.ready = ready.map { stale && $0.status == .true ? "Unknown" : $0.status.rawValue } ?? "Unknown"
            if let ready {
                message = ready.message
            } else {
                message = stale && object.status?["observedGeneration"] != nil ? "reconciliation in progress" : "not reconciled yet"
            }
        }
    }
}

public enum StatusRows {
    /// A kind `status` lists, in the order it groups them.
    public struct Kind: Sendable, Hashable {
        public var apiVersion: String
        public var kind: String
        public var hasReady: Bool

        public init(apiVersion: String, kind: String, hasReady: Bool) {
            self.apiVersion = apiVersion
            self.kind = kind
            self.hasReady = hasReady
        }
    }

    public static let kinds: [Kind] = [
        Kind(apiVersion: GitRepository.apiVersion, kind: GitRepository.kind, hasReady: true),
        Kind(apiVersion: HelmRepository.apiVersion, kind: HelmRepository.kind, hasReady: true),
        Kind(apiVersion: Kustomization.apiVersion, kind: Kustomization.kind, hasReady: true),
        Kind(apiVersion: HelmRelease.apiVersion, kind: HelmRelease.kind, hasReady: true),
        Kind(apiVersion: Provider.apiVersion, kind: Provider.kind, hasReady: false),
        Kind(apiVersion: Alert.apiVersion, kind: Alert.kind, hasReady: false),
        Kind(apiVersion: Receiver.apiVersion, kind: Receiver.kind, hasReady: true),
    ]

    /// The rows of the given kinds, failing first, then by kind (in `kinds` order), namespace, name.
    public static func collect(_ cluster: any ClusterClient, namespace: String? = nil, kinds: [Kind] = StatusRows.kinds) async throws -> [StatusRow] {
        var rows: [StatusRow] = []
        for kind in kinds {
            for object in try await cluster.list(ListQuery(apiVersion: kind.apiVersion, kind: kind.kind, namespace: namespace)) {
                rows.append(StatusRow(object, hasReady: kind.hasReady))
            }
        }
        let order = Self.kinds.map(\.kind)
        return rows.sorted { a, b in
            if a.failing != b.failing { return a.failing }
            let ka = order.firstIndex(of: a.kind) ?? 0, kb = order.firstIndex(of: b.kind) ?? 0
            return (ka, a.namespace, a.name) < (kb, b.namespace, b.name)
        }
    }

    /// The same keys as `gitops status -o json`.
    public static func json(_ rows: [StatusRow]) -> JSONValue {
        .array(rows.map { r in
            ["kind": .string(r.kind), "namespace": .string(r.namespace), "name": .string(r.name), "ready": .string(r.ready),
             "suspended": .bool(r.suspended), "revision": .string(r.revision), "lastTransitionTime": .string(r.lastTransition),
             "reason": .string(r.reason), "message": .string(r.message)]
        })
    }
}
