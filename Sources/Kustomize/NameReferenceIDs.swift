import GitOpsAPI

/// A resource id as kustomize compares them (`resid.ResId`): group, version, kind, name and the
/// *effective* namespace — cluster-scoped kinds have none, and "" means `default`.
struct ResID: Hashable, CustomStringConvertible {
    var group: String
    var version: String
    var kind: String
    var name: String
    var namespace: String

    static let notNamespaced = "_non_namespaceable_"

    var isClusterScoped: Bool { !Scope.isNamespaced(group: group, kind: kind) }

    /// What `equals` compares, as one hashable value (for dictionaries of ids).
    var equalityKey: String { "\(group)/\(version)/\(kind)/\(effectiveNamespace)/\(name)" }

    /// `EffectiveNamespace`: the namespace two ids are compared by.
    var effectiveNamespace: String {
        if isClusterScoped { return Self.notNamespaced }
        return namespace.isEmpty || namespace == "default" ? "default" : namespace
    }

    func equals(_ other: ResID) -> Bool {
        group == other.group && version == other.version && kind == other.kind && name == other.name
            && effectiveNamespace == other.effectiveNamespace
    }

    /// `Gvk.IsSelected`: unset parts of the selector match anything.
    func isSelected(group g: String?, version v: String?, kind k: String?) -> Bool {
        if let g, !g.isEmpty, g != group { return false }
        if let v, !v.isEmpty, v != version { return false }
        if let k, !k.isEmpty, k != kind { return false }
        return true
    }

    var description: String {
        let gvk = group.isEmpty ? "\(version).\(kind)" : "\(group)_\(version).\(kind)"
        return namespace.isEmpty ? "\(kind)/\(name) (\(gvk))" : "\(kind)/\(namespace)/\(name) (\(gvk))"
    }
}

extension ResID {
    /// The object's id now.
    static func current(_ object: KubeObject) -> ResID {
        ResID(group: object.group, version: object.version, kind: object.kind, name: object.name, namespace: object.namespace ?? "")
    }

    /// The ids the object had before renames, oldest first (kustomize's `PrevIds`, read from the
    /// `previousNames`/`previousNamespaces`/`previousKinds` annotations, with today's apiVersion).
    static func previous(_ object: KubeObject) -> [ResID] {
        let annotations = object.annotations
        guard let names = annotations[ResourceIdentity.previousNames] else { return [] }
        func split(_ s: String?) -> [String] { (s ?? "").split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let namespaces = split(annotations[ResourceIdentity.previousNamespaces])
        let kinds = split(annotations[ResourceIdentity.previousKinds])
        return split(names).enumerated().map { i, name in
            ResID(group: object.group, version: object.version, kind: i < kinds.count ? kinds[i] : object.kind, name: name,
                  namespace: i < namespaces.count ? namespaces[i] : "")
        }
    }

    /// The id the object was read or generated with (`OrgId`).
    static func original(_ object: KubeObject) -> ResID {
        previous(object).first ?? current(object)
    }
}
