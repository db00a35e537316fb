import GitOpsAPI
import YAML

/// `generators:`, `transformers:` and `validators:`: built-in plugins configured by objects
/// (`apiVersion: builtin`, `kind: LabelTransformer`, …), written inline as YAML documents or
/// loaded from files or kustomization directories (whose built output are the configs), as
/// kustomize's `configureExternalTransformers` does. Each runs with its own `fieldSpecs`.
/// Exec, Go and remote plugins are refused: the agent never runs code from a repository.
enum PluginConfigs {
    static func runGenerators(_ context: inout BuildContext) throws {
        for config in try configs("generators", &context) {
            context.generatorOrigin = BuildMetadata.pluginOrigin(config)
            defer { context.generatorOrigin = nil }
            try PluginBuiltins.generate(stripped(config), &context)
        }
    }

    static func runTransformers(_ context: inout BuildContext) throws {
        for config in try configs("transformers", &context) {
            try PluginBuiltins.transform(stripped(config), &context)
            BuildMetadata.recordTransformation(BuildMetadata.pluginOrigin(config), on: &context)
        }
    }

    /// Validators must leave the resources as they are; no built-in plugin is a validator,
    /// and other plugins are refused, so any entry is refused here.
    static func runValidators(_ context: inout BuildContext) throws {
        for config in try configs("validators", &context) {
            throw BuildError.invalid(file: context.file.path, message:
                "validators: \(config.kind) \(config.name) is not a built-in validator; the agent runs no plugin programs (exec or Go plugins); validate the output in CI instead")
        }
    }

    /// The plugin config objects of one field, in order: inline documents first as kustomize
    /// collects them, then the files and directories.
    static func configs(_ field: String, _ context: inout BuildContext) throws -> [KubeObject] {
        guard let value = context.file.raw[field], !value.isNull else { return [] }
        let entries = try KustomizationFile.strings(value, field, context.file.path)
        var inline: [KubeObject] = []
        var paths: [String] = []
        for entry in entries {
            if var objects = inlineObjects(entry, context.file.path) {
                // kustomize: an inline config's origin is the kustomization file itself.
                if let dir = context.originPath {
                    BuildMetadata.recordOrigin(.object(["path": .string(BuildMetadata.join(dir, BuildMetadata.kustFileName(context)))]), on: &objects)
                }
                inline += objects
            } else { paths.append(entry) }
        }
        var fromPaths: [KubeObject] = []
        for path in paths {
            if path.contains("://") || path.hasPrefix("git::") || path.hasPrefix("github.com/") {
                throw BuildError.remote(file: context.file.path, resource: path)
            }
            if isDirectory(path, context) {
                let nested = try context.buildNested(path)
                fromPaths += nested.objects.map { object in
                    var object = object
                    let origin = object.annotations[ResourceIdentity.origin]
                    ResourceIdentity.strip(&object)
                    if let origin { object.setAnnotation(ResourceIdentity.origin, origin) }
                    return object
                }
            } else {
                let text = try context.readFile(path)
                let where_ = "\(context.file.path): \(field) \(path)"
                for doc in try KYAML.parseDocuments(text, file: where_) where !doc.value.isNull {
                    guard case .object = doc.value else {
                        throw BuildError.invalid(file: where_, message: "expected a plugin config object, found \(doc.value.typeName)")
                    }
                    var config = KubeObject(doc.value)
                    if let dir = context.originPath {
                        config.setAnnotation(ResourceIdentity.origin, YAML.emit(.object(["path": .string(BuildMetadata.join(dir, path))])))
                    }
                    fromPaths.append(config)
                }
            }
        }
        return inline + fromPaths
    }

    /// kustomize tries each entry as YAML objects first; a plain path does not parse as one.
    static func inlineObjects(_ entry: String, _ file: String) -> [KubeObject]? {
        guard entry.contains("\n") || entry.contains(":"),
              let docs = try? KYAML.parseDocuments(entry, file: file) else { return nil }
        let objects = docs.map(\.value).filter { !$0.isNull }
        guard !objects.isEmpty, objects.allSatisfy({ $0.objectValue != nil }) else { return nil }
        return objects.map(KubeObject.init)
    }

    /// The config without the build's bookkeeping, as the plugin sees it.
    static func stripped(_ config: KubeObject) -> KubeObject {
        var config = config
        ResourceIdentity.strip(&config)
        return config
    }

    static func isDirectory(_ path: String, _ context: BuildContext) -> Bool {
        let full = Builder.canonical(path.hasPrefix("/") ? path : context.directory + "/" + path)
        return context.builder.kustomizationFile(in: full) != nil
    }
}
