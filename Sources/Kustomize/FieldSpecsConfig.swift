import GitOpsAPI
import YAML

extension TransformerConfig {
    /// Reads a transformer configuration file (`configurations:` entries, kustomize's
    /// `builtinconfig.TransformerConfig` YAML): lists of field specs under `namePrefix`,
    /// `nameSuffix`, `namespace`, `commonLabels`, `labels`, `templateLabels`,
    /// `commonAnnotations`, `varReference`, `images`, `replicas`, and `nameReference` entries
    /// (`kind`, `group`, `version`, `fieldSpecs`). kustomize reads it leniently: other keys
    /// are ignored.
    static func parse(_ value: JSONValue, file: String) throws -> TransformerConfig {
        var config = TransformerConfig()
        guard case .object(let map) = value else {
            if value.isNull { return config }
            throw BuildError.invalid(file: file, message: "expected a map of transformer field specs, found \(value.typeName)")
        }
        func specs(_ key: String) throws -> [FieldSpec] {
            guard let field = map[key], !field.isNull else { return [] }
            guard let items = field.arrayValue else {
                throw BuildError.invalid(file: file, message: "\(key): expected a list of field specs, found \(field.typeName)")
            }
            return try items.enumerated().map { i, item in try FieldSpec.parse(item, at: "\(key)[\(i)]", file: file) }
        }
        config.namePrefix = try specs("namePrefix")
        config.nameSuffix = try specs("nameSuffix")
        config.namespace = try specs("namespace")
        config.commonLabels = try specs("commonLabels")
        config.labels = try specs("labels")
        config.templateLabels = try specs("templateLabels")
        config.commonAnnotations = try specs("commonAnnotations")
        config.varReference = try specs("varReference")
        config.images = try specs("images")
        config.replicas = try specs("replicas")
        for (i, item) in (map["nameReference"]?.arrayValue ?? []).enumerated() {
            let at = "nameReference[\(i)]"
            guard let kind = item["kind"]?.stringValue else {
                throw BuildError.invalid(file: file, message: "\(at): needs the kind whose name is referred to")
            }
            let referrers = try (item["fieldSpecs"]?.arrayValue ?? []).enumerated().map { j, spec in
                try FieldSpec.parse(spec, at: "\(at).fieldSpecs[\(j)]", file: file)
            }
            config.nameReference.append(NameBackReference(group: Self.nonEmpty(item["group"]), version: Self.nonEmpty(item["version"]),
                                                          kind: kind, referrers: referrers))
        }
        return config
    }

    static func nonEmpty(_ value: JSONValue?) -> String? {
        guard let s = value?.stringValue, !s.isEmpty else { return nil }
        return s
    }
}

extension FieldSpec {
    /// A field spec map (`group`, `version`, `kind`, `path`, `create`), checked.
    static func parse(_ value: JSONValue, at: String, file: String) throws -> FieldSpec {
        guard case .object = value else {
            throw BuildError.invalid(file: file, message: "\(at): expected a field spec map (path, kind, create), found \(value.typeName)")
        }
        return FieldSpec(group: TransformerConfig.nonEmpty(value["group"]), version: TransformerConfig.nonEmpty(value["version"]),
                         kind: TransformerConfig.nonEmpty(value["kind"]), path: value["path"]?.stringValue ?? "",
                         create: value["create"]?.boolValue ?? false)
    }

    /// kustomize's `FsSlice.MergeOne`: a spec for the same path whose kind/group/version
    /// selects this one is already there (with a different `create`, it is a conflict).
    static func mergeOne(_ specs: inout [FieldSpec], _ spec: FieldSpec, file: String) throws {
        if let existing = specs.first(where: { $0.path == spec.path && spec.selects($0) }) {
            guard existing.create == spec.create else {
                throw BuildError.invalid(file: file, message: "conflicting fieldspecs for path \(spec.path)")
            }
            return
        }
        specs.append(spec)
    }

    /// Whether this spec's group/version/kind select the other's (unset parts select all).
    func selects(_ other: FieldSpec) -> Bool {
        (group == nil || group == other.group) && (version == nil || version == other.version) && (kind == nil || kind == other.kind)
    }
}
