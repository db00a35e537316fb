import Foundation
import GitOpsAPI
import YAML

/// An OpenAPI (swagger 2) document reduced to what strategic merge reads: definitions, the kinds
/// they describe (`x-kubernetes-group-version-kind`), and each list field's
/// `x-kubernetes-patch-strategy` / `x-kubernetes-patch-merge-key` / `x-kubernetes-list-map-keys`.
/// kustomize uses its built-in Kubernetes v1.21.2 schema unless a kustomization's `openapi:`
/// names another file, which then *replaces* it (kyaml's `openapi.SetSchema`).
struct OpenAPISchema: Sendable {
    var definitions: [String: JSONValue]
    /// "apiVersion|kind" → definition name.
    var byType: [String: String]

    init(definitions: [String: JSONValue]) {
        self.definitions = definitions
        var index: [String: String] = [:]
        for (name, def) in definitions {
            for gvk in def["x-kubernetes-group-version-kind"]?.arrayValue ?? [] {
                let group = gvk["group"]?.stringValue ?? ""
                let version = gvk["version"]?.stringValue ?? ""
                guard let kind = gvk["kind"]?.stringValue else { continue }
                let apiVersion = group.isEmpty ? version : "\(group)/\(version)"
                index["\(apiVersion)|\(kind)"] = name
            }
        }
        byType = index
    }

    /// Reads a schema file (JSON or YAML) with a top-level `definitions` map.
    init(text: String, file: String) throws {
        let value: JSONValue
        do {
            let trimmed = text.drop { $0.isWhitespace }
            value = trimmed.first == "{" ? try JSONValue.parse(json: text) : try KYAML.parse(text, file: file)
        } catch {
            throw BuildError.invalid(file: file, message: "invalid OpenAPI schema: \(error)")
        }
        var defs: [String: JSONValue] = [:]
        for (k, v) in value["definitions"]?.objectValue ?? [:] { defs[k] = v }
        self.init(definitions: defs)
    }

    /// This schema's definitions with `other`'s added on top (same names: `other` wins).
    func overlaid(by other: OpenAPISchema) -> OpenAPISchema {
        var combined = self
        combined.definitions.merge(other.definitions) { _, theirs in theirs }
        combined.byType.merge(other.byType) { _, theirs in theirs }
        return combined
    }

    /// The schema of a resource type (kyaml's `SchemaForResourceType`), nil for unknown kinds.
    func schema(apiVersion: String, kind: String) -> JSONValue? {
        byType["\(apiVersion)|\(kind)"].flatMap { definitions[$0] }
    }

    /// Follows `$ref: #/definitions/NAME` until a concrete schema.
    func resolve(_ schema: JSONValue) -> JSONValue? {
        var s = schema
        var hops = 0
        while let ref = s["$ref"]?.stringValue {
            hops += 1
            guard hops < 64, let name = ref.split(separator: "/").last.map(String.init), let next = definitions[name] else { return nil }
            s = next
        }
        return s
    }

    /// A property's schema, or the `additionalProperties` schema of a map (kyaml's `Field`).
    func field(_ schema: JSONValue, _ key: String) -> JSONValue? {
        if let p = schema["properties"]?[key] { return resolve(p) }
        if let a = schema["additionalProperties"], a.objectValue != nil { return resolve(a) }
        return nil
    }

    /// The schema of a list's items; nil unless the type is exactly `array` (kyaml's `Elements`).
    func elements(_ schema: JSONValue) -> JSONValue? {
        let type = schema["type"]
        let isArray = type?.stringValue == "array" || type?.arrayValue == [.string("array")]
        guard isArray, let items = schema["items"] else { return nil }
        return resolve(items)
    }

    /// kyaml's `PatchStrategyAndKeyList`: the strategy and the merge keys — the list-map keys
    /// when the schema has them, else the single patch merge key.
    static func patchStrategy(_ schema: JSONValue) -> (strategy: String, keys: [String])? {
        guard let strategy = schema["x-kubernetes-patch-strategy"]?.stringValue else { return nil }
        if let list = schema["x-kubernetes-list-map-keys"]?.arrayValue {
            return (strategy, list.compactMap(\.stringValue))
        }
        if let key = schema["x-kubernetes-patch-merge-key"]?.stringValue { return (strategy, [key]) }
        return (strategy, [])
    }

    /// kyaml's `IsAssociative` with a schema: the strategy includes `merge`.
    static func isAssociative(_ schema: JSONValue) -> Bool {
        guard let (strategy, _) = patchStrategy(schema) else { return false }
        return strategy.split(separator: ",").contains("merge")
    }
}
