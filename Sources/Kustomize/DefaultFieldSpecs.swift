import GitOpsAPI

/// kustomize's built-in field specs for prefix/suffix, namespace, labels, annotations, images,
/// replicas and var references (`builtinpluginconsts`: commonlabels.go, namespace.go, …).
enum DefaultFieldSpecs {
    static var config: TransformerConfig { TransformerConfig() }
}
