import GitOpsAPI

/// Flux's Kustomization options that change the top-level kustomization before it is built:
/// kustomize-controller writes `targetNamespace`, `namePrefix`, `nameSuffix`, `images`,
/// `patches` and `components` into the path's kustomization.yaml (generating one listing every
/// manifest when there is none) and builds that, so they take part in name references, patch
/// targets and hashes exactly as if the repository had written them.
public struct TopLevelOverrides: Sendable {
    public var namespace: String?
    public var namePrefix: String?
    public var nameSuffix: String?
    public var images: [ImageOverride]
    /// Flux's `patches` entries: `{patch: "…", target: {…}}`, as kustomize's `patches` reads them.
    public var patches: [JSONValue]
    /// Component directories, relative to the built directory.
    public var components: [String]

    public init(namespace: String? = nil, namePrefix: String? = nil, nameSuffix: String? = nil, images: [ImageOverride] = [],
                patches: [JSONValue] = [], components: [String] = [])
    {
        self.namespace = namespace
        self.namePrefix = namePrefix
        self.nameSuffix = nameSuffix
        self.images = images
        self.patches = patches
        self.components = components
    }
}

extension KustomizationFile {
    /// The file with Flux's options written into it, the way kustomize-controller's generator
    /// does: set fields replace, lists are appended to.
    func applying(_ overrides: TopLevelOverrides) -> KustomizationFile {
        var file = self
        if let ns = overrides.namespace { file.namespace = ns }
        if let prefix = overrides.namePrefix { file.namePrefix = prefix }
        if let suffix = overrides.nameSuffix { file.nameSuffix = suffix }
        file.images += overrides.images.map { Image(name: $0.name, newName: $0.newName, newTag: $0.newTag, digest: $0.digest, tagSuffix: $0.tagSuffix) }
        if !overrides.patches.isEmpty {
            file.raw["patches"] = .array((file.raw["patches"]?.arrayValue ?? []) + overrides.patches)
        }
        if !overrides.components.isEmpty {
            file.raw["components"] = .array((file.raw["components"]?.arrayValue ?? []) + overrides.components.map { .string($0) })
        }
        return file
    }
}
