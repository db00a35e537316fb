import GitOpsAPI

extension Transformers {
    /// Adds annotations to metadata and pod templates (kustomize's AnnotationsTransformer).
    public static func addAnnotations(_ annotations: [String: String], to objects: inout [KubeObject]) {
        let keys = annotations.keys.sorted()
        for i in objects.indices {
            for key in keys { objects[i].body.set(["metadata", "annotations", key], .string(annotations[key]!)) }
            if workloadKinds.contains(objects[i].kind) || objects[i].kind == "Job" {
                for key in keys { objects[i].body.set(["spec", "template", "metadata", "annotations", key], .string(annotations[key]!)) }
            }
        }
    }
}

/// `commonAnnotations:` (AnnotationsTransformer).
enum AnnotationStep {
    static func apply(_ context: inout BuildContext) throws {
        guard !context.file.commonAnnotations.isEmpty else { return }
        Transformers.addAnnotations(context.file.commonAnnotations, to: &context.objects)
    }
}
