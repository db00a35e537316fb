import GitOpsAPI

extension Transformers {
    /// Prefixes and suffixes names the way kustomize's PrefixTransformer and SuffixTransformer do
    /// with their default field spec (`metadata/name`), skipping Namespaces, CRDs and APIServices,
    /// whose names are fixed by what they define.
    public static func addNamePrefixSuffix(prefix: String, suffix: String, to objects: inout [KubeObject]) {
        let specs = [FieldSpec(path: "metadata/name")]
        if !prefix.isEmpty { PrefixSuffix.apply(.prefix, prefix, specs: specs, to: &objects) }
        if !suffix.isEmpty { PrefixSuffix.apply(.suffix, suffix, specs: specs, to: &objects) }
    }
}

/// kustomize's PrefixTransformer / SuffixTransformer.
enum PrefixSuffix {
    enum Side { case prefix, suffix }

    /// Build annotations listing the prefixes and suffixes a resource got, layer by layer; the
    /// name-reference step prefers referral targets whose lists end like the referrer's.
    static let prefixesAnnotation = ResourceIdentity.prefix + "prefixes"
    static let suffixesAnnotation = ResourceIdentity.prefix + "suffixes"

    /// Kinds never renamed (matched on the original id; an unset group matches any).
    static let skipped: [(group: String?, kind: String)] = [
        (nil, "CustomResourceDefinition"), ("apiregistration.k8s.io", "APIService"), (nil, "Namespace"),
    ]

    static func apply(_ side: Side, _ affix: String, specs: [FieldSpec], to objects: inout [KubeObject]) {
        for i in objects.indices {
            let original = ResID.original(objects[i])
            if skipped.contains(where: { original.isSelected(group: $0.group, version: nil, kind: $0.kind) }) { continue }
            for spec in specs where original.isSelected(group: spec.group, version: spec.version, kind: spec.kind) {
                if spec.path == "metadata/name" && !affix.isEmpty {
                    let key = side == .prefix ? prefixesAnnotation : suffixesAnnotation
                    objects[i].setAnnotation(key, objects[i].annotations[key].map { $0 + "," + affix } ?? affix)
                    ResourceIdentity.recordCurrent(&objects[i])
                }
                FieldPathWalker.visit(spec, in: &objects[i]) { value in
                    let current = value.map { Generators.scalarText($0) } ?? ""
                    value = .string(side == .prefix ? affix + current : current + affix)
                }
            }
        }
    }

    /// The prefixes or suffixes recorded on an object, oldest first.
    static func recorded(_ side: Side, _ object: KubeObject) -> [String] {
        let key = side == .prefix ? prefixesAnnotation : suffixesAnnotation
        guard let value = object.annotations[key] else { return [] }
        return value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
}

/// `namePrefix:` and `nameSuffix:` (PrefixTransformer, then SuffixTransformer, each on the
/// kustomization's field specs).
enum PrefixSuffixStep {
    static func apply(_ context: inout BuildContext) throws {
        let file = context.file
        if let prefix = file.namePrefix, !prefix.isEmpty {
            PrefixSuffix.apply(.prefix, prefix, specs: NamespaceStep.mergedSpecs(defaultSpecs, context.config.namePrefix), to: &context.objects)
        }
        if let suffix = file.nameSuffix, !suffix.isEmpty {
            PrefixSuffix.apply(.suffix, suffix, specs: NamespaceStep.mergedSpecs(defaultSpecs, context.config.nameSuffix), to: &context.objects)
        }
    }

    /// kustomize's `namePrefix`/`nameSuffix` field specs.
    static let defaultSpecs = [FieldSpec(path: "metadata/name")]

    /// A `PrefixSuffixTransformer`, `PrefixTransformer` or `SuffixTransformer` config from
    /// `transformers:` (`prefix`, `suffix`, `fieldSpecs`, which kustomize requires).
    static func runPlugin(kind: String, config: JSONValue, context: inout BuildContext) throws {
        guard let specs = config["fieldSpecs"]?.arrayValue else {
            throw BuildError.invalid(file: context.file.path, message: "\(kind): fieldSpecs is not expected to be nil; add fieldSpecs: [{path: metadata/name}]")
        }
        let fieldSpecs = specs.map(FieldSpec.init(json:))
        let prefix = config["prefix"]?.stringValue ?? ""
        let suffix = config["suffix"]?.stringValue ?? ""
        // Even an empty prefix walks the specs (kustomize does, to no visible effect).
        if kind != "SuffixTransformer" { PrefixSuffix.apply(.prefix, prefix, specs: fieldSpecs, to: &context.objects) }
        if kind != "PrefixTransformer" { PrefixSuffix.apply(.suffix, suffix, specs: fieldSpecs, to: &context.objects) }
    }
}
