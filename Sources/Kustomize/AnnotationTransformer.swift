import GitOpsAPI

extension Transformers {
    /// Adds annotations to metadata and pod templates, at the places kustomize's built-in
    /// commonAnnotations table names (AnnotationsTransformer).
    public static func addAnnotations(_ annotations: [String: String], to objects: inout [KubeObject]) {
        try? setEntries(annotations, specs: DefaultFieldSpecs.commonAnnotations, on: &objects, file: "")
    }
}

/// `commonAnnotations:` (AnnotationsTransformer), at the commonAnnotations field specs in force.
enum AnnotationStep {
    static func apply(_ context: inout BuildContext) throws {
        try Transformers.setEntries(context.file.commonAnnotations, specs: context.config.commonAnnotations,
                                    on: &context.objects, file: context.file.path)
    }
}
