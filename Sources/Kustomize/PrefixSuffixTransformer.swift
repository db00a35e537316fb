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
