import GitOpsAPI

/// kustomize's built-in field-spec tables (`api/konfig/builtinpluginconsts`): the name-reference
/// table in `DefaultNameReferences.swift`, the others in `DefaultFieldSpecs.swift`.
enum Defaults {
    static var transformerConfig: TransformerConfig {
        var config = DefaultFieldSpecs.config
        config.nameReference = DefaultNameReferences.all
        return config
    }
}
