import GitOpsAPI

/// What kustomize remembers about a resource besides the object itself, kept — as kustomize
/// keeps it — in internal annotations that `Builder` strips before returning:
/// - the names and namespaces it had before prefixes, suffixes and namespaces changed them, so
///   name references to the old name can be fixed up (`previousNames`, `previousNamespaces`);
/// - for generated ConfigMaps and Secrets, that they get a content-hash suffix and how they
///   merge (`needsHash`, `behavior`).
public enum ResourceIdentity {
    static let prefix = "internal.config.kubernetes.io/"
    public static let previousNames = prefix + "previousNames"
    public static let previousNamespaces = prefix + "previousNamespaces"
    public static let previousKinds = prefix + "previousKinds"
    public static let needsHash = prefix + "needsHashAnnotation"
    public static let behavior = "kustomize.config.k8s.io/behavior"
    /// Where a resource was read from (for `buildMetadata: [originAnnotations]`).
    public static let origin = prefix + "origin"

    /// Call before changing an object's name or namespace: records the current ones.
    public static func recordCurrent(_ object: inout KubeObject) {
        var annotations = object.annotations
        func append(_ key: String, _ value: String) {
            annotations[key] = annotations[key].map { $0 + "," + value } ?? value
        }
        append(previousNames, object.name)
        append(previousNamespaces, object.namespace ?? "")
        append(previousKinds, object.kind)
        object.annotations = annotations
    }

    /// Every (namespace, name) the object has had, oldest first, then the current one.
    public static func history(_ object: KubeObject) -> [(namespace: String, name: String)] {
        let names = object.annotations[previousNames]?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) ?? []
        let namespaces = object.annotations[previousNamespaces]?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) ?? []
        var out: [(String, String)] = []
        for (i, name) in names.enumerated() { out.append((i < namespaces.count ? namespaces[i] : "", name)) }
        out.append((object.namespace ?? "", object.name))
        return out
    }

    /// The name the object had when it was first read (before any transformer).
    public static func originalName(_ object: KubeObject) -> String {
        history(object).first?.name ?? object.name
    }

    /// Removes every internal annotation (and an `annotations` map left empty by that).
    public static func strip(_ object: inout KubeObject) {
        var annotations = object.annotations
        let before = annotations.count
        for key in annotations.keys where key.hasPrefix(prefix) || key == behavior { annotations[key] = nil }
        guard annotations.count != before else { return }
        object.annotations = annotations
    }
}
