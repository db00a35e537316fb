import GitOpsAPI

// Not implemented yet: refuses its fields by name.
/// Name references fixed after renames (a renamed ConfigMap renamed where it is used).
enum NameReferences {
    static func fix(_ context: inout BuildContext) throws {}
}
