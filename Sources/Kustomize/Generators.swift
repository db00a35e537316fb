import GitOpsAPI

// Not implemented yet: refuses its fields by name.
/// `configMapGenerator:`, `secretGenerator:`, `generatorOptions:`.
enum Generators {
    static func run(_ context: inout BuildContext) throws { try context.refuse("configMapGenerator", "secretGenerator", "generatorOptions") }
}
