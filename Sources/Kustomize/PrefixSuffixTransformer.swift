import GitOpsAPI

extension Transformers {
    /// Prefixes and suffixes names of everything but Namespaces and CRDs, whose names are
    /// fixed by what they define.
    public static func addNamePrefixSuffix(prefix: String, suffix: String, to objects: inout [KubeObject]) {
        for i in objects.indices where !["Namespace", "CustomResourceDefinition"].contains(objects[i].kind) {
            objects[i].name = prefix + objects[i].name + suffix
        }
    }

}

/// `namePrefix:` and `nameSuffix:` (PrefixSuffixTransformer).
enum PrefixSuffixStep {
    static func apply(_ context: inout BuildContext) throws {
        let file = context.file
        guard file.namePrefix != nil || file.nameSuffix != nil else { return }
        Transformers.addNamePrefixSuffix(prefix: file.namePrefix ?? "", suffix: file.nameSuffix ?? "", to: &context.objects)
    }
}
