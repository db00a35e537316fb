import GitOpsAPI

// Not implemented yet: refuses its fields by name.
/// `configurations:`: extra field specs for the transformers.
enum Configurations {
    static func load(_ context: inout BuildContext) throws { try context.refuse("configurations") }
}
