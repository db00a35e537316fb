import GitOpsAPI

extension Transformers {
    static let workloadKinds: Set<String> = ["Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "ReplicationController"]

    /// Adds labels to metadata and, when asked, to pod templates and selectors, at the places
    /// kustomize's built-in tables name (commonLabels does both; without either flag only
    /// `metadata/labels`, as Flux's `commonMetadata` does).
    public static func addLabels(_ labels: [String: String], includeSelectors: Bool, includeTemplates: Bool, to objects: inout [KubeObject]) {
        let specs = LabelStep.fieldSpecs(own: [], config: DefaultFieldSpecs.config, includeSelectors: includeSelectors,
                                         includeTemplates: includeTemplates)
        // The built-in tables never meet a scalar in the middle of a path of well-formed objects.
        try? setLabels(labels, specs: specs, on: &objects, file: "")
    }

    /// kustomize's LabelTransformer: every label, sorted by key, at every field spec; maps are
    /// created where the spec says `create`.
    static func setLabels(_ labels: [String: String], specs: [FieldSpec], on objects: inout [KubeObject], file: String) throws {
        try setEntries(labels, specs: specs, on: &objects, file: file)
    }

    /// Sets string entries in the maps the specs reach (labels and annotations alike).
    static func setEntries(_ entries: [String: String], specs: [FieldSpec], on objects: inout [KubeObject], file: String) throws {
        guard !entries.isEmpty else { return }
        let keys = entries.keys.sorted()
        try specs.apply(to: &objects, createKind: .map, file: file) { node in
            guard case .object(var map) = node else {
                throw BuildError.invalid(file: file, message: "expected a map to add \(keys.joined(separator: ", ")) to, found \(node.typeName)")
            }
            for key in keys { map[key] = .string(entries[key]!) }
            node = .object(map)
        }
    }
}

/// `labels:` and `commonLabels:` (LabelTransformer), with the field specs kustomize's
/// `kusttarget_configplugin.go` gives each: `labels` entries first, then `commonLabels`.
enum LabelStep {
    static func apply(_ context: inout BuildContext) throws {
        let file = context.file
        for set in file.labels {
            let specs = fieldSpecs(own: set.fields, config: context.config, includeSelectors: set.includeSelectors,
                                   includeTemplates: set.includeTemplates)
            try Transformers.setLabels(set.pairs, specs: specs, on: &context.objects, file: file.path)
        }
        try Transformers.setLabels(file.commonLabels, specs: context.config.commonLabels, on: &context.objects, file: file.path)
    }

    /// A `labels:` entry's field specs: its own `fields`, the configurations' `labels`, then
    /// either the commonLabels table (`includeSelectors`, which includes templates) or the
    /// template table (`includeTemplates`) and `metadata/labels`.
    static func fieldSpecs(own: [FieldSpec], config: TransformerConfig, includeSelectors: Bool, includeTemplates: Bool) -> [FieldSpec] {
        var specs = own
        func merge(_ more: [FieldSpec]) {
            for spec in more where !specs.contains(where: { $0.path == spec.path && spec.selects($0) }) { specs.append(spec) }
        }
        merge(config.labels)
        if includeSelectors {
            merge(config.commonLabels)
        } else {
            if includeTemplates { merge(config.templateLabels) }
            merge([FieldSpec(path: "metadata/labels", create: true)])
        }
        return specs
    }
}
