import GitOpsAPI

// Not implemented yet: refuses its fields by name.
/// `buildMetadata:` (origin and transformer annotations).
enum BuildMetadata {
    static func apply(_ context: inout BuildContext) throws { try context.refuse("buildMetadata") }
}
