import GitOpsAPI

// Not implemented yet: refuses its fields by name.
/// `openapi:` and `crds:`: schemas that give custom kinds merge keys for strategic-merge patches
/// (and, for `crds:`, name-reference fields).
enum Schemas {
    static func load(_ context: inout BuildContext) throws { try context.refuse("openapi", "crds") }
}
