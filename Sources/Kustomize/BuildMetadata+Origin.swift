import GitOpsAPI
import YAML

/// Origin and transformer tracking for `buildMetadata: [originAnnotations, transformerAnnotations]`
/// (kustomize's `resource.Origin`). While the top kustomization has any `buildMetadata`, the
/// build records — in internal annotations, stripped at the end — where each resource was read
/// (`path:` relative to the top kustomization's directory), which generator made it
/// (`configuredIn`/`configuredBy`), and every transformer configured over it.
/// `BuildMetadata.apply` turns them into the public annotations the top kustomization asked for.
extension BuildMetadata {
    static let originKey = "config.kubernetes.io/origin"
    static let transformationsKey = "alpha.config.kubernetes.io/transformations"
    static let transformations = ResourceIdentity.prefix + "transformations"

    /// kustomize records origins whenever the top kustomization's `buildMetadata` is non-empty
    /// (`makeCustomizedResMap`); bases inherit the top's `buildMetadata`.
    static func tracksOrigins(_ file: KustomizationFile) -> Bool {
        guard let list = file.raw["buildMetadata"]?.arrayValue else { return false }
        return !list.isEmpty
    }

    /// Go's `filepath.Join`: joined, then cleaned (`..` kept where it leaves the start).
    static func join(_ base: String, _ path: String) -> String {
        var parts: [Substring] = []
        let absolute = (base.isEmpty ? path : base).hasPrefix("/")
        for part in (base + "/" + path).split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            if part == "..", absolute, parts.isEmpty { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    /// The file name of the kustomization being built (`kustomization.yaml`, `Kustomization`…).
    static func kustFileName(_ context: BuildContext) -> String {
        String(context.file.path.split(separator: "/").last ?? "kustomization.yaml")
    }

    /// The origin of a built-in generator or transformer configured by a kustomization field
    /// (`configureBuiltinGenerators`/`configureBuiltinTransformers`): no name.
    static func builtinOrigin(kind: String, _ context: BuildContext) -> JSONValue? {
        guard let dir = context.originPath else { return nil }
        return .object(["configuredIn": .string(join(dir, kustFileName(context))),
                        "configuredBy": .object(["apiVersion": "builtin", "kind": .string(kind)])])
    }

    /// The origin of a plugin configured by an object (`OriginFromCustomPlugin`): where the
    /// config was read, and the config's own identity.
    static func pluginOrigin(_ config: KubeObject) -> JSONValue? {
        guard let text = config.annotations[ResourceIdentity.origin],
              let path = (try? YAML.parse(text))?.objectValue?["path"]?.stringValue else { return nil }
        var by: JSONObject = ["apiVersion": .string(config.apiVersion), "kind": .string(config.kind)]
        if !config.name.isEmpty { by["name"] = .string(config.name) }
        if let ns = config.namespace, !ns.isEmpty { by["namespace"] = .string(ns) }
        return .object(["configuredIn": .string(path), "configuredBy": .object(by)])
    }

    /// Gives every object without an origin this one (as `resources.AnnotateAll` does when read).
    static func recordOrigin(_ origin: JSONValue, on objects: inout [KubeObject]) {
        let text = YAML.emit(origin)
        for i in objects.indices where objects[i].annotations[ResourceIdentity.origin] == nil {
            objects[i].setAnnotation(ResourceIdentity.origin, text)
        }
    }

    /// kustomize's `AddTransformerAnnotation`, after each configured transformer: an object
    /// with an origin records the transformer in its transformations; one without (made by the
    /// transformer) takes the transformer's origin as its own.
    static func recordTransformation(_ origin: JSONValue?, count: Int = 1, on context: inout BuildContext) {
        guard let origin, count > 0 else { return }
        let entry = YAML.emit(.array([origin]))
        for i in context.objects.indices {
            var times = count
            if context.objects[i].annotations[ResourceIdentity.origin] == nil {
                context.objects[i].setAnnotation(ResourceIdentity.origin, YAML.emit(origin))
                times -= 1
            }
            guard times > 0 else { continue }
            let recorded = context.objects[i].annotations[transformations] ?? ""
            context.objects[i].setAnnotation(transformations, recorded + String(repeating: entry, count: times))
        }
    }

    /// Records a built-in transformer step configured `count` times by this kustomization.
    static func recordBuiltin(_ kind: String, count: Int, _ context: inout BuildContext) {
        recordTransformation(builtinOrigin(kind: kind, context), count: count, on: &context)
    }

    /// Writes the requested public annotations from the recorded ones.
    static func publish(origins: Bool, transformers: Bool, on objects: inout [KubeObject]) {
        guard origins || transformers else { return }
        for i in objects.indices {
            let annotations = objects[i].annotations
            if origins, let text = annotations[ResourceIdentity.origin] { objects[i].setAnnotation(originKey, text) }
            if transformers, let text = annotations[transformations] { objects[i].setAnnotation(transformationsKey, text) }
        }
    }
}

extension BuildMetadata {
    /// How many built-in transformers of each kind a kustomization's fields configure, for the
    /// pipeline step named (kustomize's `transformerConfigurators`: one per patch, label set,
    /// image, replica; one for the other fields when set).
    static func builtinTransformers(_ step: String, _ file: KustomizationFile) -> [(kind: String, count: Int)] {
        let raw = file.raw
        func count(_ field: String) -> Int { raw[field]?.arrayValue?.count ?? 0 }
        func set(_ field: String) -> Int {
            guard let value = raw[field] else { return 0 }
            if let s = value.stringValue { return s.isEmpty ? 0 : 1 }
            if let o = value.objectValue { return o.isEmpty ? 0 : 1 }
            if let a = value.arrayValue { return a.isEmpty ? 0 : 1 }
            return 0
        }
        switch step {
        case "patches": return [("PatchStrategicMergeTransformer", set("patchesStrategicMerge")), ("PatchTransformer", count("patches"))]
        case "namespace": return [("NamespaceTransformer", set("namespace"))]
        case "prefixSuffix": return [("PrefixTransformer", set("namePrefix")), ("SuffixTransformer", set("nameSuffix"))]
        case "labels": return [("LabelTransformer", count("labels") + set("commonLabels"))]
        case "annotations": return [("AnnotationsTransformer", set("commonAnnotations"))]
        case "json6902": return [("PatchJson6902Transformer", count("patchesJson6902"))]
        case "replicas": return [("ReplicaCountTransformer", count("replicas"))]
        case "images": return [("ImageTagTransformer", count("images"))]
        case "replacements": return [("ReplacementTransformer", set("replacements"))]
        default: return []
        }
    }

    /// Records the built-in transformers of one pipeline step (no-op unless tracking origins).
    static func recordStep(_ step: String, _ context: inout BuildContext) {
        guard context.originPath != nil else { return }
        for (kind, count) in builtinTransformers(step, context.file) {
            recordTransformation(builtinOrigin(kind: kind, context), count: count, on: &context)
        }
    }
}
