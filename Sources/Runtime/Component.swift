import GitOpsAPI

/// A change to an object the agent watches, as a watch would report it.
public struct ObjectChange: Sendable {
    public enum Kind: Sendable { case added, modified, deleted }
    public var kind: Kind
    /// The object after the change (for `deleted`, as last seen).
    public var object: KubeObject

    public init(_ kind: Kind, _ object: KubeObject) {
        self.kind = kind
        self.object = object
    }
}

/// One of the agent's components (Source, Kustomize, Notification, …): an actor that owns its
/// work queue. Components never call each other; they learn of each other's work through
/// object changes in the cluster and through the event log.
public protocol Component: Actor {
    /// Names the component in logs (`source-controller`).
    nonisolated var name: String { get }
    /// Runs until the task is cancelled, then finishes the work in flight.
    func run() async
    /// Called for every change to a watched object, of any kind.
    func observe(_ change: ObjectChange) async
}

/// A key for per-object queues: namespace and name of one object of a component's kind.
public struct ObjectKey: Hashable, Sendable, CustomStringConvertible {
    public var namespace: String
    public var name: String

    public init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }

    public init(_ object: KubeObject) { self.init(namespace: object.namespace ?? "default", name: object.name) }

    public var description: String { "\(namespace)/\(name)" }
}

extension ObjectChange {
    /// Whether this change asks for a reconcile of its object: it is new, its spec changed (a new
    /// generation), or a user asked (`reconcile.fluxcd.io/requestedAt` changed). Status writes
    /// and label edits do not.
    public func isTrigger(previous: KubeObject?) -> Bool {
        guard kind != .deleted else { return false }
        guard let previous else { return true }
        return previous.generation != object.generation
            || previous.annotations[Annotations.requestedAt] != object.annotations[Annotations.requestedAt]
    }
}
