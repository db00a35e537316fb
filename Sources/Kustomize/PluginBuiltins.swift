import GitOpsAPI

/// Runs one built-in plugin config (kustomize's `builtinhelpers` kinds) over the resources.
/// The label, annotation, image and replica plugins are here; the kinds other steps
/// implement are refused until those steps take plugin configs.
enum PluginBuiltins {
    /// Built-in kinds whose step does not take a plugin config yet.
    static let pendingKinds: Set<String> = ["ValueAddTransformer", "HashTransformer"]

    static func generate(_ config: KubeObject, _ context: inout BuildContext) throws {
        try checkBuiltin(config, context)
        switch config.kind {
        case "ConfigMapGenerator", "SecretGenerator":
            try Generators.runPlugin(kind: config.kind, config: config.body, context: &context)
        case "IAMPolicyGenerator":
            try Generators.absorb(try IAMPolicyGenerator.serviceAccount(config, file: context.file.path), into: &context)
        default:
            throw unsupported(config, context)
        }
    }

    static func transform(_ config: KubeObject, _ context: inout BuildContext) throws {
        try checkBuiltin(config, context)
        let file = context.file.path
        let at = "transformers: \(config.kind) \(config.name)"
        let body = config.body
        func specs() throws -> [FieldSpec] {
            try (body["fieldSpecs"]?.arrayValue ?? []).enumerated().map { i, spec in
                try FieldSpec.parse(spec, at: "\(at).fieldSpecs[\(i)]", file: file)
            }
        }
        switch config.kind {
        case "LabelTransformer":
            let labels = try KustomizationFile.stringMap(body["labels"] ?? .null, "\(at).labels", file)
            try Transformers.setLabels(labels, specs: try specs(), on: &context.objects, file: file)
        case "AnnotationsTransformer":
            let annotations = try KustomizationFile.stringMap(body["annotations"] ?? .null, "\(at).annotations", file)
            try Transformers.setEntries(annotations, specs: try specs(), on: &context.objects, file: file)
        case "ImageTagTransformer":
            let tag = body["imageTag"] ?? .object([:])
            let override = ImageOverride(name: tag["name"]?.stringValue ?? "", newName: tag["newName"]?.stringValue,
                                         newTag: KustomizationFile.scalarString(tag["newTag"]), digest: tag["digest"]?.stringValue,
                                         tagSuffix: KustomizationFile.scalarString(tag["tagSuffix"]))
            try ImageStep.setImage(override, specs: try specs(), on: &context.objects, file: file)
        case "ReplicaCountTransformer":
            let replica = body["replica"] ?? .object([:])
            guard let name = replica["name"]?.stringValue, let count = replica["count"]?.intValue else {
                throw BuildError.invalid(file: file, message: "\(at): replica needs name and count")
            }
            let specs = try specs()
            guard try ReplicaStep.setReplicas(name: name, count: count, specs: specs, on: &context.objects, file: file) else {
                throw BuildError.invalid(file: file, message: "\(at): resource with name \(name) does not match a config with the given fieldSpecs")
            }
        case "PatchTransformer", "PatchStrategicMergeTransformer", "PatchJson6902Transformer":
            try Patches.runPlugin(kind: config.kind, config: body, context: &context)
        case "NamespaceTransformer":
            try NamespaceStep.runPlugin(kind: config.kind, config: body, context: &context)
        case "PrefixSuffixTransformer", "PrefixTransformer", "SuffixTransformer":
            try PrefixSuffixStep.runPlugin(kind: config.kind, config: body, context: &context)
        case "ReplacementTransformer":
            try Replacements.runPlugin(config: body, context: &context)
        default:
            throw unsupported(config, context)
        }
    }

    /// Only `apiVersion: builtin` configs run; anything else names an exec or Go plugin.
    static func checkBuiltin(_ config: KubeObject, _ context: BuildContext) throws {
        guard config.group.isEmpty && config.version == "builtin" else {
            throw BuildError.invalid(file: context.file.path, message:
                "plugin \(config.apiVersion)/\(config.kind) \(config.name) is not built in: the agent runs no exec or Go plugins; render its output into the repository, or use apiVersion: builtin with a built-in kind")
        }
    }

    static func unsupported(_ config: KubeObject, _ context: BuildContext) -> BuildError {
        if pendingKinds.contains(config.kind) {
            return .invalid(file: context.file.path, message:
                "built-in plugin \(config.kind) (\(config.name)) as a plugin config is not supported by this agent yet; use the kustomization field instead (patches, namespace, namePrefix, replacements, configMapGenerator…) or build with kubectl kustomize and commit the output")
        }
        // kustomize cannot load SortOrderTransformer as a plugin either ("unable to load builtin").
        return .invalid(file: context.file.path, message: "unable to load builtin \(config.kind): not a kustomize built-in plugin kind; check the kind (sortOptions is a kustomization field)")
    }
}
