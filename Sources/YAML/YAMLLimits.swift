/// Bounds that keep a hostile or broken document from exhausting memory or the stack.
public struct YAMLLimits: Sendable, Hashable {
    /// Nodes that aliases may add to one document. The effective budget is the larger of this
    /// and `aliasExpansionPerNode` times the nodes written out in the document, so a large
    /// document that reuses anchors a lot still reads, while a "billion laughs" does not.
    public var maxAliasExpansion: Int
    /// Nodes aliases may add per node written in the document (see `maxAliasExpansion`).
    public var aliasExpansionPerNode: Int
    /// Deepest nesting of collections, counting what aliases bring in. Deep values would
    /// otherwise overflow the stack when they are compared, encoded or freed.
    public var maxDepth: Int
    /// Largest input accepted, in UTF-8 bytes; `nil` for no limit.
    public var maxBytes: Int?
    /// Whether a mapping may repeat a key (the last one wins). Kubernetes' reader refuses
    /// repeats; kustomize's accepts them, so its builder reads with this set.
    public var allowsDuplicateKeys: Bool = false
    /// Whether `y`, `yes`, `on`, `n`, `no`, `off` (YAML 1.1 booleans) read as booleans, as
    /// Kubernetes' reader takes them. kustomize's reader (kyaml, on yaml.v3) takes only
    /// `true`/`false` and keeps the others as strings, which it then prints quoted.
    public var yaml11Booleans: Bool = true

    /// Limits with the defaults of `YAMLLimits.default` unless given.
    public init(
        maxAliasExpansion: Int = 100_000, aliasExpansionPerNode: Int = 10,
        maxDepth: Int = 512, maxBytes: Int? = nil
    ) {
        self.maxAliasExpansion = maxAliasExpansion
        self.aliasExpansionPerNode = aliasExpansionPerNode
        self.maxDepth = maxDepth
        self.maxBytes = maxBytes
    }

    /// 100,000 alias nodes (or 10 per written node), depth 512, no size limit.
    public static let `default` = YAMLLimits()

    /// How kustomize reads resources (kyaml on yaml.v3): only `true`/`false` are booleans.
    public static let kustomize: YAMLLimits = {
        var limits = YAMLLimits()
        limits.yaml11Booleans = false
        return limits
    }()

    /// How kustomize reads a kustomization file: as `kustomize`, and a repeated field is
    /// allowed (the last one wins), since it decodes into a Go struct.
    public static let kustomizationFile: YAMLLimits = {
        var limits = YAMLLimits.kustomize
        limits.allowsDuplicateKeys = true
        return limits
    }()
}
