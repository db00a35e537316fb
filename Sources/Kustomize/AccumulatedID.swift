import GitOpsAPI

/// kustomize's `ResId`: group, version, kind, name and namespace of a resource as the
/// accumulator sees them. Two resources collide when their ids are equal with namespaces
/// compared *effectively*: an empty namespace and `default` are the same for a namespaced kind,
/// and the namespace does not count for a cluster-scoped one (`resid.ResId.Equals`).
struct AccumulatedID: Hashable, CustomStringConvertible {
    var group: String
    var version: String
    var kind: String
    var name: String
    var namespace: String

    init(group: String, version: String, kind: String, name: String, namespace: String) {
        self.group = group
        self.version = version
        self.kind = kind
        self.name = name
        self.namespace = namespace
    }

    /// The object's current id.
    init(_ object: KubeObject) {
        self.init(group: object.group, version: object.version, kind: object.kind, name: object.name,
                  namespace: object.namespace ?? "")
    }

    /// The current id followed by every previous one the object had before prefixes, suffixes,
    /// namespaces or patches renamed it (`utils.MakeResIds`; kustomize keeps them in the
    /// `previousNames`/`previousNamespaces`/`previousKinds` build annotations).
    static func all(_ object: KubeObject) -> [AccumulatedID] {
        [AccumulatedID(object)] + previous(object)
    }

    /// The ids the object had before, oldest first (`Resource.PrevIds`).
    static func previous(_ object: KubeObject) -> [AccumulatedID] {
        let annotations = object.annotations
        guard let names = annotations[ResourceIdentity.previousNames] else { return [] }
        let split = { (s: String?) in s?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) ?? [] }
        let nameList = split(names)
        let namespaces = split(annotations[ResourceIdentity.previousNamespaces])
        let kinds = split(annotations[ResourceIdentity.previousKinds])
        return nameList.indices.map { i in
            AccumulatedID(group: object.group, version: object.version, kind: i < kinds.count ? kinds[i] : object.kind,
                          name: nameList[i], namespace: i < namespaces.count ? namespaces[i] : "")
        }
    }

    var isClusterScoped: Bool { Scope.clusterScoped[group]?.contains(kind) ?? false }

    /// kustomize's `EffectiveNamespace`.
    var effectiveNamespace: String {
        if isClusterScoped { return "_non_namespaceable_" }
        return namespace.isEmpty || namespace == "default" ? "default" : namespace
    }

    /// Group, version, kind and name equal (`GvknEquals`).
    func gvknEquals(_ other: AccumulatedID) -> Bool {
        name == other.name && group == other.group && version == other.version && kind == other.kind
    }

    /// `ResId.Equals`: same GVKN in the same effective namespace.
    func equals(_ other: AccumulatedID) -> Bool {
        gvknEquals(other) && effectiveNamespace == other.effectiveNamespace
    }

    /// `ResId.IsSelectedBy`: the selector's empty fields match anything.
    func isSelected(by s: AccumulatedID) -> Bool {
        (s.name.isEmpty || s.name == name)
            && (s.namespace.isEmpty || s.effectiveNamespace == effectiveNamespace)
            && (s.group.isEmpty || s.group == group)
            && (s.version.isEmpty || s.version == version)
            && (s.kind.isEmpty || s.kind == kind)
    }

    /// kustomize's `ResId.String`, used verbatim in its messages:
    /// `Deployment.v1.apps/web.[noNs]`.
    var description: String {
        let gvk = [kind.isEmpty ? "[noKind]" : kind, version.isEmpty ? "[noVer]" : version, group.isEmpty ? "[noGrp]" : group]
        return gvk.joined(separator: ".") + "/" + (name.isEmpty ? "[noName]" : name) + "." + (namespace.isEmpty ? "[noNs]" : namespace)
    }
}

/// The resource list of one accumulation step with kustomize's `resWrangler.Append` check:
/// adding a resource whose current id equals one already present fails.
enum Accumulator {
    static func append(_ incoming: [KubeObject], to objects: inout [KubeObject], file: String) throws {
        var ids = objects.map(AccumulatedID.init)
        for object in incoming {
            let id = AccumulatedID(object)
            if ids.contains(where: { $0.equals(id) }) {
                throw BuildError.invalid(file: file, message: "may not add resource with an already registered id: \(id); "
                    + "two resources (from different files or bases) end up with the same kind, name and namespace — give one another name or namespace, or include the base only once")
            }
            ids.append(id)
            objects.append(object)
        }
    }
}
