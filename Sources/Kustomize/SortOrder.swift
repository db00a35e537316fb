import GitOpsAPI

/// `sortOptions:` (default: kustomize's legacy order).
enum SortOrder {
    static func apply(_ context: inout BuildContext) throws {
        if context.file.raw["sortOptions"] != nil { throw BuildError.unsupported(file: context.file.path, field: "sortOptions") }
        LegacyOrder.sort(&context.objects)
    }
}
