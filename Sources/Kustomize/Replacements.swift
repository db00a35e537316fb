import GitOpsAPI

// Not implemented yet: refuses its fields by name.
/// `replacements:`.
enum Replacements {
    static func apply(_ context: inout BuildContext) throws { try context.refuse("replacements") }
}
