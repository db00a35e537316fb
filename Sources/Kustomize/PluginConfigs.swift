import GitOpsAPI

// Not implemented yet: refuses its fields by name.
/// `generators:`, `transformers:` and `validators:` (built-in plugin configs).
enum PluginConfigs {
    static func runGenerators(_ context: inout BuildContext) throws { try context.refuse("generators") }
    static func runTransformers(_ context: inout BuildContext) throws { try context.refuse("transformers") }
    static func runValidators(_ context: inout BuildContext) throws { try context.refuse("validators") }
}
