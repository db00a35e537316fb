import GitOpsAPI

// Steps of the pipeline that the earlier, minimal builder already had: the built-in
// transformers driven by simple kustomization fields.

/// `namespace:` (kustomize's NamespaceTransformer).
enum NamespaceStep {
    static func apply(_ context: inout BuildContext) throws {
        guard let ns = context.file.namespace, !ns.isEmpty else { return }
        Transformers.setNamespace(ns, on: &context.objects)
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

/// `commonLabels:` and `labels:` (LabelTransformer).
enum LabelStep {
    static func apply(_ context: inout BuildContext) throws {
        for set in context.file.labels {
            Transformers.addLabels(set.pairs, includeSelectors: set.includeSelectors, includeTemplates: set.includeTemplates, to: &context.objects)
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

/// `replicas:` (ReplicaCountTransformer).
enum ReplicaStep {
    static func apply(_ context: inout BuildContext) throws {
        for r in context.file.replicas { Transformers.setReplicas(name: r.name, count: r.count, on: &context.objects) }
    }
}

/// `images:` (ImageTagTransformer).
enum ImageStep {
    static func apply(_ context: inout BuildContext) throws {
        for image in context.file.images {
            Transformers.setImage(ImageOverride(name: image.name, newName: image.newName, newTag: image.newTag, digest: image.digest), on: &context.objects)
        }
    }
}

/// `sortOptions:` (default: kustomize's legacy order).
enum SortOrder {
    static func apply(_ context: inout BuildContext) throws {
        if context.file.raw["sortOptions"] != nil { throw BuildError.unsupported(file: context.file.path, field: "sortOptions") }
        LegacyOrder.sort(&context.objects)
    }
}
