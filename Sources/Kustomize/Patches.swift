import GitOpsAPI
import YAML

/// `patchesStrategicMerge:`, `patches:` and `patchesJson6902:`, as kustomize's
/// PatchStrategicMergeTransformer, PatchTransformer and PatchJson6902Transformer apply them.
enum Patches {
    /// `patchesStrategicMerge:` (one transformer for all entries), then each `patches:` entry —
    /// kustomize runs both before the namespace, prefix and label transformers.
    static func applyStrategicMerge(_ context: inout BuildContext) throws {
        let file = context.file.path
        if let entries = context.file.raw["patchesStrategicMerge"], !entries.isNull {
            guard let list = entries.arrayValue else {
                throw BuildError.invalid(file: file, message: "patchesStrategicMerge: expected a list of files or inline patches")
            }
            let paths = try list.map { item -> String in
                guard let s = item.stringValue else {
                    throw BuildError.invalid(file: file, message: "patchesStrategicMerge: each entry is a file path or an inline YAML patch, found \(item.typeName)")
                }
                return s
            }
            // kustomize configures the transformer only for a non-empty list.
            if !paths.isEmpty { try strategicMerge(paths: paths, inline: nil, context: &context) }
        }
        if let entries = context.file.raw["patches"], !entries.isNull {
            guard let list = entries.arrayValue else {
                throw BuildError.invalid(file: file, message: "patches: expected a list of {path or patch, target, options}")
            }
            for (i, entry) in list.enumerated() {
                try patch(entry, label: "patches[\(i)]", context: &context)
            }
        }
    }

    /// `patchesJson6902:`, after the annotation transformer.
    static func applyJSON6902(_ context: inout BuildContext) throws {
        guard let entries = context.file.raw["patchesJson6902"], !entries.isNull else { return }
        guard let list = entries.arrayValue else {
            throw BuildError.invalid(file: context.file.path, message: "patchesJson6902: expected a list of {target, path or patch}")
        }
        for (i, entry) in list.enumerated() {
            try json6902(target: entry["target"], path: entry["path"]?.stringValue, ops: entry["patch"]?.stringValue ?? entry["jsonOp"]?.stringValue,
                         label: "patchesJson6902[\(i)]", context: &context)
        }
    }

    /// Applies one `transformers:` plugin config of kind PatchTransformer,
    /// PatchStrategicMergeTransformer or PatchJson6902Transformer.
    static func runPlugin(kind: String, config: JSONValue, context: inout BuildContext) throws {
        let label = "\(kind) \(config[path: ["metadata", "name"]]?.stringValue ?? "")"
        switch kind {
        case "PatchTransformer":
            try patch(config, label: label, context: &context)
        case "PatchStrategicMergeTransformer":
            let paths = config["paths"]?.arrayValue?.compactMap(\.stringValue) ?? []
            try strategicMerge(paths: paths, inline: config["patches"]?.stringValue, context: &context)
        case "PatchJson6902Transformer":
            try json6902(target: config["target"], path: config["path"]?.stringValue, ops: config["jsonOp"]?.stringValue,
                         label: label, context: &context)
        default:
            throw BuildError.invalid(file: context.file.path, message: "\(kind) is not a patch transformer")
        }
    }

    // MARK: - PatchStrategicMergeTransformer

    static func strategicMerge(paths: [String], inline: String?, context: inout BuildContext) throws {
        let file = context.file.path
        if paths.isEmpty && (inline ?? "").isEmpty {
            throw BuildError.invalid(file: file, message: "patchesStrategicMerge: empty file path and empty patch content")
        }
        var patches: [(object: KubeObject, source: String)] = []
        for path in paths {
            // kustomize first reads an entry as inline YAML, then as a file name.
            if let inlinePatches = try? PatchApply.resources(path, source: "inline patch"), !inlinePatches.isEmpty {
                patches += inlinePatches.map { ($0, "inline patch") }
            } else {
                let text = try PatchApply.readFile(path, context: context)
                patches += try PatchApply.resources(text, source: path, file: file).map { ($0, path) }
            }
        }
        if let inline, !inline.isEmpty { patches += try PatchApply.resources(inline, source: "inline patch", file: file).map { ($0, "inline patch") } }
        if patches.isEmpty {
            throw BuildError.invalid(file: file, message: "patch appears to be empty; files=\(paths); give each patch a Kubernetes object with apiVersion, kind and metadata.name")
        }
        let merge = StrategicMerge(schema: try Schemas.schema(for: context))
        for (patch, source) in patches {
            let index = try PatchApply.uniqueTarget(patch, in: context.objects, source: source, file: file)
            try PatchApply.strategicMerge(patch, at: index, adoptTargetType: true, merge: merge, options: .init(), source: source, context: &context)
        }
    }

    // MARK: - PatchTransformer

    static func patch(_ entry: JSONValue, label: String, context: inout BuildContext) throws {
        let file = context.file.path
        guard case .object = entry else { throw BuildError.invalid(file: file, message: "\(label): expected a map with path or patch") }
        let inline = (entry["patch"]?.stringValue ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let path = entry["path"]?.stringValue ?? ""
        let text: String
        let source: String
        switch (inline.isEmpty, path.isEmpty) {
        case (true, true): throw BuildError.invalid(file: file, message: "\(label): must specify one of patch and path")
        case (false, false): throw BuildError.invalid(file: file, message: "\(label): patch and path can't be set at the same time; keep one")
        case (false, true): (text, source) = (inline, "\(label) (inline patch)")
        case (true, false): (text, source) = (try PatchApply.readFile(path, context: context), path)
        }
        let target = try entry["target"].flatMap { $0.isNull ? nil : try PatchSelector(json: $0, file: file) }
        let options = PatchOptions(allowNameChange: entry[path: ["options", "allowNameChange"]]?.boolValue ?? false,
                                   allowKindChange: entry[path: ["options", "allowKindChange"]]?.boolValue ?? false)
        let smPatches = try? PatchApply.resources(text, source: source)
        let jsonPatch = PatchApply.isOperationList(text) ? try? JSONPatch(text: text) : nil
        if let jsonPatch {
            guard let target else {
                throw BuildError.invalid(file: file, message: "\(source): must specify a target for a JSON patch")
            }
            for i in try target.select(context.objects, file: file) {
                // PatchTransformer remembers the old id so a JSON patch may rename.
                ResourceIdentity.recordCurrent(&context.objects[i])
                try PatchApply.json(jsonPatch, at: i, source: source, context: &context)
            }
            return
        }
        guard let smPatches else {
            throw BuildError.invalid(file: file, message: "\(source): unable to parse SM or JSON patch; give a Kubernetes object or a list of JSON patch operations")
        }
        let merge = StrategicMerge(schema: try Schemas.schema(for: context))
        if let target {
            guard smPatches.count <= 1 else {
                throw BuildError.invalid(file: file, message: "\(source): Multiple Strategic-Merge Patches in one `patches` entry is not allowed to set `patches.target` field")
            }
            guard let patch = smPatches.first else { return }
            let selected = try target.select(context.objects, file: file)
            // Indices shift as deleted objects leave: apply from the last.
            for i in selected.reversed() {
                try PatchApply.strategicMerge(patch, at: i, adoptTargetType: true, merge: merge, options: options, source: source, context: &context)
            }
            return
        }
        for patch in smPatches {
            let index = try PatchApply.uniqueTarget(patch, in: context.objects, source: source, file: file)
            try PatchApply.strategicMerge(patch, at: index, adoptTargetType: false, merge: merge, options: options, source: source, context: &context)
        }
    }

    // MARK: - PatchJson6902Transformer

    static func json6902(target: JSONValue?, path: String?, ops: String?, label: String, context: inout BuildContext) throws {
        let file = context.file.path
        guard let targetValue = target, !targetValue.isNull else {
            throw BuildError.invalid(file: file, message: "\(label): must specify a target for the JSON patch")
        }
        let selector = try PatchSelector(json: targetValue, file: file)
        guard !selector.name.isEmpty else { throw BuildError.invalid(file: file, message: "\(label): must specify the target name") }
        let text: String
        let source: String
        switch (path.map { !$0.isEmpty } ?? false, ops.map { !$0.isEmpty } ?? false) {
        case (false, false): throw BuildError.invalid(file: file, message: "\(label): empty file path and empty jsonOp; give path or patch")
        case (true, true): throw BuildError.invalid(file: file, message: "\(label): must specify a file path or jsonOp, not both")
        case (true, false):
            text = try PatchApply.readFile(path!, context: context)
            source = path!
            if text.isEmpty { throw BuildError.invalid(file: file, message: "patch file '\(path!)' is empty; add JSON patch operations") }
        case (false, true): (text, source) = (ops!, "\(label) (inline patch)")
        }
        let patch: JSONPatch
        do {
            patch = try JSONPatch(text: text)
        } catch let failure as JSONPatch.Failure {
            throw BuildError.invalid(file: file, message: "\(source): \(failure.message)")
        }
        if patch.operations.isEmpty {
            throw BuildError.invalid(file: file, message: "\(source): patch appears to be empty; add JSON patch operations")
        }
        for i in try selector.select(context.objects, file: file) {
            try PatchApply.json(patch, at: i, source: source, context: &context)
        }
    }
}
