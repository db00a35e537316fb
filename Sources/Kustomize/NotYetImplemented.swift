import GitOpsAPI

// Steps of kustomize's pipeline not implemented yet. Each refuses its fields by name, so a
// build never silently differs from `kubectl kustomize`; implementing one means replacing its
// enum here with a file of its own.

extension BuildContext {
    /// Throws `unsupported` when the kustomization sets any of `fields`.
    func refuse(_ fields: String...) throws {
        for field in fields where file.raw[field] != nil {
            throw BuildError.unsupported(file: file.path, field: field)
        }
    }
}

/// `configurations:` and `crds:`: extra field specs for the transformers.
enum Configurations {
    static func load(_ context: inout BuildContext) throws { try context.refuse("configurations", "crds", "openapi") }
}

/// `components:`.
enum Components {
    static func apply(_ context: inout BuildContext) throws { try context.refuse("components") }
}

/// `configMapGenerator:`, `secretGenerator:`, `generatorOptions:`.
enum Generators {
    static func run(_ context: inout BuildContext) throws { try context.refuse("configMapGenerator", "secretGenerator", "generatorOptions") }
}

/// `generators:`, `transformers:` and `validators:` (built-in plugin configs).
enum PluginConfigs {
    static func runGenerators(_ context: inout BuildContext) throws { try context.refuse("generators") }
    static func runTransformers(_ context: inout BuildContext) throws { try context.refuse("transformers") }
    static func runValidators(_ context: inout BuildContext) throws { try context.refuse("validators") }
}

/// `patchesStrategicMerge:`, `patches:` and `patchesJson6902:`.
enum Patches {
    static func applyStrategicMerge(_ context: inout BuildContext) throws { try context.refuse("patchesStrategicMerge", "patches") }
    static func applyJSON6902(_ context: inout BuildContext) throws { try context.refuse("patchesJson6902") }
}

/// `replacements:`.
enum Replacements {
    static func apply(_ context: inout BuildContext) throws { try context.refuse("replacements") }
}

/// `vars:`.
enum Vars {
    static func collect(_ context: inout BuildContext) throws { try context.refuse("vars") }
    static func resolve(_ context: inout BuildContext) throws {}
}

/// Content-hash suffixes on generated ConfigMaps and Secrets.
enum HashSuffix {
    static func apply(_ context: inout BuildContext) throws {}
}

/// Name references fixed after renames (a renamed ConfigMap renamed where it is used).
enum NameReferences {
    static func fix(_ context: inout BuildContext) throws {}
}

/// `buildMetadata:` (origin and transformer annotations).
enum BuildMetadata {
    static func apply(_ context: inout BuildContext) throws { try context.refuse("buildMetadata") }
}
