import Cluster
import GitOpsAPI
import GoTemplate
import Hashing
import Helm
import TemplateFunctions
import YAML

extension ReleaseController {
    /// The values a release is installed with, as helm-controller composes them: every
    /// `valuesFrom` entry in order (a YAML map merged deeply, or with `targetPath` one value set
    /// at that path the way `--set` sets it), then the inline `values` on top.
    /// - Throws: `ReleaseError` (`ValuesError`) naming the ConfigMap/Secret and key.
    func composeValues(_ hr: HelmRelease) async throws -> GoMap {
        var result = GoMap()
        for reference in hr.spec.valuesFrom {
            let ref = ObjectRef(apiVersion: "v1", kind: reference.kind, namespace: hr.metadata.namespace, name: reference.name)
            guard let object = try await cluster.get(ref) else {
                if reference.optional { continue }
                throw ReleaseError(reason: Reason.valuesError,
                                   message: "could not find \(reference.kind) '\(hr.metadata.namespace)/\(reference.name)' (valuesFrom); create it or mark the reference optional")
            }
            let data: String?
            if reference.kind == "Secret" {
                data = SecretData(object).all[reference.valuesKey]
            } else {
                data = object.body[path: ["data", reference.valuesKey]]?.stringValue
            }
            guard let data else {
                if reference.optional { continue }
                throw ReleaseError(reason: Reason.valuesError,
                                   message: "missing key '\(reference.valuesKey)' in \(reference.kind) '\(hr.metadata.namespace)/\(reference.name)' (valuesFrom)")
            }
            if let path = reference.targetPath, !path.isEmpty {
                // helm-controller sets the whole value as a string at the path (strvals).
                do {
                    try StrVals.parse("\(path)=\(Self.escapeForStrVals(data))", into: result, stringValues: true)
                } catch {
                    throw ReleaseError(reason: Reason.valuesError, message: "unable to set targetPath '\(path)' from \(reference.kind) '\(reference.name)': \(error)")
                }
                continue
            }
            let parsed: JSONValue
            do {
                parsed = try YAML.parse(data, file: "\(reference.kind)/\(hr.metadata.namespace)/\(reference.name) key \(reference.valuesKey)")
            } catch {
                throw ReleaseError(reason: Reason.valuesError, message: "\(error)")
            }
            guard case .map(let map) = Value(json: parsed) else {
                if parsed.isNull { continue }
                throw ReleaseError(reason: Reason.valuesError,
                                   message: "key '\(reference.valuesKey)' of \(reference.kind) '\(reference.name)' is not a YAML map of values")
            }
            Self.mergeValues(into: result, map)
        }
        if let inline = hr.spec.values, case .map(let map) = Value(json: inline) {
            Self.mergeValues(into: result, map)
        }
        return result
    }

    /// Deep merge: maps merge key by key, anything else replaces (helm-controller's `MergeMaps`).
    static func mergeValues(into base: GoMap, _ overlay: GoMap) {
        for (key, value) in overlay.storage {
            if case .map(let incoming) = value, case .map(let existing)? = base[key] {
                mergeValues(into: existing, incoming)
            } else {
                base[key] = value
            }
        }
    }

    /// strvals treats `,` and `\` specially in values; a whole document is set as one string.
    static func escapeForStrVals(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ",", with: "\\,")
    }

    /// `sha256:<hex>` of the values as canonical JSON: what the status records as the config
    /// digest, and what tells an upgrade is needed.
    static func configDigest(_ values: JSONObject) -> String {
        "sha256:" + Hex.encode(SHA256.hash(JSONValue.object(values).sortedKeys().jsonString()))
    }
}
