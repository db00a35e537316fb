import GitOpsAPI

// Not implemented yet: refuses its fields by name.
/// `vars:`.
enum Vars {
    static func collect(_ context: inout BuildContext) throws { try context.refuse("vars") }
    static func resolve(_ context: inout BuildContext) throws {}
}
