import GitOpsAPI

// Not implemented yet: refuses its fields by name.
/// `components:`.
enum Components {
    static func apply(_ context: inout BuildContext) throws { try context.refuse("components") }
}
