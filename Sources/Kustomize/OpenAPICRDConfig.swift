import GitOpsAPI
import YAML

/// `crds:` files: OpenAPI definitions keyed by Go type name (`…/v1beta1.Bee`: {Schema, …}), the
/// format kustomize's `LoadConfigFromCRDs` reads. A definition with apiVersion, kind and
/// metadata properties is a kind (named by the type name's last `.` part); its properties,
/// followed through `$ref`, add field specs where tagged.
enum CRDConfig {
    static func load(_ text: String, file: String) throws -> TransformerConfig {
        let value: JSONValue
        do {
            value = text.first == "{" ? try JSONValue.parse(json: text) : try KYAML.parse(text, file: file)
        } catch {
            throw BuildError.invalid(file: file, message: "unable to parse open API definition: \(error)")
        }
        guard case .object(let types) = value else {
            throw BuildError.invalid(file: file, message: "unable to parse open API definition: expected a map of type names")
        }
        var config = TransformerConfig()
        for (name, definition) in types {
            let properties = schema(definition)?["properties"]?.objectValue ?? [:]
            guard properties["kind"] != nil, properties["apiVersion"] != nil, properties["metadata"] != nil else { continue }
            let kind = String(name.split(separator: ".").last ?? "")
            var seen: Set<String> = []
            add(&config, kind: kind, types: types, typeName: name, path: [], seen: &seen)
        }
        return config
    }

    /// A definition's schema; Go's JSON decoding matches the `Schema` field case-insensitively.
    static func schema(_ definition: JSONValue) -> JSONValue? {
        definition.objectValue?.first { $0.key.lowercased() == "schema" }?.value
    }

    static func add(_ config: inout TransformerConfig, kind: String, types: JSONObject, typeName: String, path: [String], seen: inout Set<String>) {
        guard let definition = types[typeName], let properties = schema(definition)?["properties"]?.objectValue else { return }
        guard seen.insert(typeName + "|" + path.joined(separator: "/")).inserted, path.count < 32 else { return }
        for (property, spec) in properties {
            let here = path + [property]
            let fieldSpec = FieldSpec(kind: kind, path: here.joined(separator: "/"))
            if spec["x-kubernetes-annotation"] != nil { add(fieldSpec, to: &config.commonAnnotations) }
            if spec["x-kubernetes-label-selector"] != nil { add(fieldSpec, to: &config.commonLabels) }
            if spec["x-kubernetes-identity"] != nil { add(fieldSpec, to: &config.namePrefix) }
            if let version = spec["x-kubernetes-object-ref-api-version"]?.stringValue,
               let refKind = spec["x-kubernetes-object-ref-kind"]?.stringValue
            {
                let nameKey = spec["x-kubernetes-object-ref-name-key"]?.stringValue ?? "name"
                var extra = TransformerConfig()
                extra.nameReference = [NameBackReference(version: version, kind: refKind,
                                                         referrers: [FieldSpec(kind: kind, path: (here + [nameKey]).joined(separator: "/"))])]
                config.merge(extra)
            }
            if let ref = spec["$ref"]?.stringValue {
                add(&config, kind: kind, types: types, typeName: ref, path: here, seen: &seen)
            }
        }
    }

    static func add(_ spec: FieldSpec, to list: inout [FieldSpec]) {
        if !list.contains(spec) { list.append(spec) }
    }
}
