import GitOpsAPI

/// Where a transformer looks in objects of some kinds, the way kustomize's field-spec tables say
/// (`builtinpluginconsts`): `{group, version, kind, path: spec/template/metadata/labels, create}`.
/// A path is `/`-separated; a component ending in `[]` walks every element of a list
/// (`spec/containers[]/image`); `create` makes missing maps along the way.
public struct FieldSpec: Sendable, Hashable {
    public var group: String?
    public var version: String?
    public var kind: String?
    public var path: String
    public var create: Bool

    public init(group: String? = nil, version: String? = nil, kind: String? = nil, path: String, create: Bool = false) {
        self.group = group
        self.version = version
        self.kind = kind
        self.path = path
        self.create = create
    }

    /// Reads a field-spec map as written in `configurations:` files.
    init(json: JSONValue) {
        group = json["group"]?.stringValue
        version = json["version"]?.stringValue
        kind = json["kind"]?.stringValue
        path = json["path"]?.stringValue ?? ""
        create = json["create"]?.boolValue ?? false
    }

    /// Whether this spec applies to the object's group, version and kind (unset parts match all).
    public func matches(_ object: KubeObject) -> Bool {
        if let kind, kind != object.kind { return false }
        if let group, group != object.group { return false }
        if let version, version != object.version { return false }
        return true
    }

    var components: [String] { path.split(separator: "/").map(String.init) }
}

/// A kind whose name other objects refer to, and the fields of those referrers that hold it
/// (kustomize's `nameReference` table): a renamed ConfigMap is renamed where Deployments,
/// volumes and envFrom refer to it.
public struct NameBackReference: Sendable, Hashable {
    public var group: String?
    public var version: String?
    public var kind: String
    public var referrers: [FieldSpec]

    public init(group: String? = nil, version: String? = nil, kind: String, referrers: [FieldSpec]) {
        self.group = group
        self.version = version
        self.kind = kind
        self.referrers = referrers
    }
}

/// The field-spec tables every transformer reads: kustomize's built-in defaults, extended by a
/// kustomization's `configurations:` and `crds:`.
public struct TransformerConfig: Sendable, Hashable {
    public var namePrefix: [FieldSpec] = []
    public var nameSuffix: [FieldSpec] = []
    public var namespace: [FieldSpec] = []
    public var commonLabels: [FieldSpec] = []
    /// Extra specs for `labels:` entries (kustomize's `TransformerConfig.Labels`).
    public var labels: [FieldSpec] = []
    public var templateLabels: [FieldSpec] = []
    public var commonAnnotations: [FieldSpec] = []
    public var images: [FieldSpec] = []
    public var replicas: [FieldSpec] = []
    public var varReference: [FieldSpec] = []
    public var nameReference: [NameBackReference] = []

    public init() {}

    /// Adds another config's specs (kustomize's `TransformerConfig.Merge`), without duplicates.
    public mutating func merge(_ other: TransformerConfig) {
        func union(_ a: inout [FieldSpec], _ b: [FieldSpec]) { for s in b where !a.contains(s) { a.append(s) } }
        union(&namePrefix, other.namePrefix)
        union(&nameSuffix, other.nameSuffix)
        union(&namespace, other.namespace)
        union(&commonLabels, other.commonLabels)
        union(&labels, other.labels)
        union(&templateLabels, other.templateLabels)
        union(&commonAnnotations, other.commonAnnotations)
        union(&images, other.images)
        union(&replicas, other.replicas)
        union(&varReference, other.varReference)
        for ref in other.nameReference {
            if let i = nameReference.firstIndex(where: { $0.kind == ref.kind && $0.group == ref.group }) {
                for s in ref.referrers where !nameReference[i].referrers.contains(s) { nameReference[i].referrers.append(s) }
            } else {
                nameReference.append(ref)
            }
        }
    }
}
