import GitOpsAPI
import YAML

/// `configurations:`: transformer configuration files whose field specs (name references,
/// labels, images, replicas, …) are added to the tables in force for this kustomization and
/// the ones that include it (kustomize's `MakeTransformerConfig` + `MergeConfig`).
enum Configurations {
    static func load(_ context: inout BuildContext) throws {
        guard let field = context.file.raw["configurations"], !field.isNull else { return }
        let paths = try KustomizationFile.strings(field, "configurations", context.file.path)
        for path in paths {
            let text = try context.readFile(path)
            let where_ = "\(context.file.path): configurations \(path)"
            let value = try KYAML.parse(text, file: where_)
            let config = try TransformerConfig.parse(value, file: where_)
            try check(config, against: context.config, file: where_)
            context.config.merge(config)
        }
    }

    /// kustomize refuses a spec for a path already in the tables with a different `create`.
    static func check(_ config: TransformerConfig, against current: TransformerConfig, file: String) throws {
        let pairs: [([FieldSpec], [FieldSpec])] = [
            (config.namePrefix, current.namePrefix), (config.nameSuffix, current.nameSuffix), (config.namespace, current.namespace),
            (config.commonLabels, current.commonLabels), (config.labels, current.labels), (config.templateLabels, current.templateLabels),
            (config.commonAnnotations, current.commonAnnotations), (config.images, current.images),
            (config.replicas, current.replicas), (config.varReference, current.varReference),
        ]
        for (incoming, existing) in pairs {
            var specs = existing
            for spec in incoming { try FieldSpec.mergeOne(&specs, spec, file: file) }
        }
    }
}
