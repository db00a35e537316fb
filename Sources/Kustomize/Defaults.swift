import GitOpsAPI

/// kustomize's built-in field-spec tables (`api/konfig/builtinpluginconsts`). The transformers
/// that still use fixed paths (labels, images, …) will read these as they move to field specs.
enum Defaults {
    static var transformerConfig: TransformerConfig { TransformerConfig() }
}
