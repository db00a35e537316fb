/// The metadata our kinds read.
public struct ObjectMeta: Sendable, Hashable {
    public var name: String
    public var namespace: String
    public var uid: String
    public var generation: Int
    public var resourceVersion: String
    public var labels: [String: String]
    public var annotations: [String: String]

    public init(_ object: KubeObject) {
        name = object.name
        namespace = object.namespace ?? "default"
        uid = object.uid ?? ""
        generation = object.generation
        resourceVersion = object.resourceVersion ?? ""
        labels = object.labels
        annotations = object.annotations
    }
}

/// One of the Flux kinds the agent reconciles, decoded strictly from a Kubernetes object.
public protocol APIObject: Sendable {
    static var apiVersion: String { get }
    static var kind: String { get }
    var metadata: ObjectMeta { get }
    /// The object as read; status writes start from it.
    var object: KubeObject { get }
    init(_ object: KubeObject) throws
}

extension APIObject {
    /// `Kind/namespace/name`, as messages name objects.
    public var displayName: String { "\(Self.kind)/\(metadata.namespace)/\(metadata.name)" }
    public var ref: ObjectRef { ObjectRef(apiVersion: Self.apiVersion, kind: Self.kind, namespace: metadata.namespace, name: metadata.name) }
    public var conditions: Conditions { Conditions(json: object.status?["conditions"]) }
    public var isReady: Bool { conditions.isTrue(ConditionType.ready) }
    /// The value of `reconcile.fluxcd.io/requestedAt`: a user asked for a reconcile now.
    public var requestedAt: String? { metadata.annotations[Annotations.requestedAt] }
    public var lastHandledReconcileAt: String? { object.status?["lastHandledReconcileAt"]?.stringValue }

    /// Checks apiVersion and kind, and opens a strict reader on `spec`.
    static func specReader(_ object: KubeObject) throws -> FieldReader {
        let name = "\(kind)/\(object.namespace ?? "default")/\(object.name)"
        guard object.kind == kind else {
            throw APIError(object: name, field: "kind", message: "expected \(kind), found \(object.kind)")
        }
        guard object.apiVersion == apiVersion else {
            throw APIError(object: name, field: "apiVersion",
                           message: "\(object.apiVersion) is not supported for \(kind); use \(apiVersion)")
        }
        guard object.body["spec"] != nil else { throw APIError(object: name, field: "spec", message: "required field is missing") }
        return try FieldReader(object.body["spec"], object: name, path: "spec")
    }
}

/// Annotations and labels with meaning to the agent (Flux's names).
public enum Annotations {
    public static let requestedAt = "reconcile.fluxcd.io/requestedAt"
    public static let kustomizeName = "kustomize.toolkit.fluxcd.io/name"
    public static let kustomizeNamespace = "kustomize.toolkit.fluxcd.io/namespace"
    public static let prune = "kustomize.toolkit.fluxcd.io/prune"
    public static let reconcile = "kustomize.toolkit.fluxcd.io/reconcile"
    public static let disabled = "disabled"
}

/// A reference to an object in the same namespace by name (`secretRef`, `providerRef`).
public struct LocalObjectReference: Sendable, Hashable {
    public var name: String
    init(_ r: FieldReader) throws { name = try r.requiredString("name") }
}

/// `sourceRef` and `dependsOn` entries: a kind, name and optional namespace.
public struct CrossNamespaceReference: Sendable, Hashable {
    public var apiVersion: String?
    public var kind: String
    public var name: String
    public var namespace: String?

    public init(kind: String, name: String, namespace: String? = nil) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
    }

    init(_ r: FieldReader, defaultKind: String? = nil) throws {
        apiVersion = try r.string("apiVersion")
        kind = try defaultKind.map { try r.string("kind") ?? $0 } ?? r.requiredString("kind")
        name = try r.requiredString("name")
        namespace = try r.string("namespace")
    }
}
