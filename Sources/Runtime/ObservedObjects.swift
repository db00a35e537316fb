import GitOpsAPI

/// What a controller remembers of the objects of its own kind as the watch reports them: the
/// last version seen of each (to tell a change that asks for a reconcile from a status write,
/// and to finalize a deleted object as it was), and which of them reference a given source.
public struct ObservedObjects: Sendable {
    public private(set) var lastSeen: [ObjectKey: KubeObject] = [:]

    public init() {}

    public enum Update: Sendable {
        /// The object is gone; this is how it was last seen.
        case deleted(KubeObject)
        /// Added or changed; `trigger` when the change asks for a reconcile (a new generation or
        /// `reconcile.fluxcd.io/requestedAt`).
        case updated(previous: KubeObject?, trigger: Bool)
    }

    /// Records a change of one of the controller's own objects.
    public mutating func record(_ change: ObjectChange) -> Update {
        let key = ObjectKey(change.object)
        if change.kind == .deleted { return .deleted(lastSeen.removeValue(forKey: key) ?? change.object) }
        let previous = lastSeen.updateValue(change.object, forKey: key)
        return .updated(previous: previous, trigger: change.isTrigger(previous: previous))
    }

    /// The objects whose reference at `path` (`{kind, name, namespace}`, the namespace defaulting
    /// to the object's own, as Flux's cross-namespace references do) names `source`.
    public func referencing(_ source: KubeObject, at path: [String]) -> [ObjectKey] {
        let sourceKey = ObjectKey(source)
        return lastSeen.compactMap { key, object in
            let ref = object.body[path: path]
            guard ref?["kind"]?.stringValue == source.kind, ref?["name"]?.stringValue == source.name,
                  (ref?["namespace"]?.stringValue ?? key.namespace) == sourceKey.namespace else { return nil }
            return key
        }
    }
}
