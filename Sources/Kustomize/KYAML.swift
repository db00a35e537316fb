import GitOpsAPI
import YAML

/// YAML as kustomize reads it (kyaml on yaml.v3): only `true`/`false` are booleans (`yes`, `on`,
/// `y` stay strings); kustomization files may repeat a field (the last wins), resources may
/// not (corpus duplicatekeys). Every read in the builder goes through here.
enum KYAML {
    static func parse(_ text: String, file: String? = nil) throws -> JSONValue {
        try YAML.parse(text, file: file, limits: .kustomize)
    }

    static func parseKustomization(_ text: String, file: String) throws -> JSONValue {
        try YAML.parse(text, file: file, limits: .kustomizationFile)
    }

    static func parseDocuments(_ text: String, file: String? = nil) throws -> [YAMLDocument] {
        try YAML.parseDocuments(text, file: file, limits: .kustomize)
    }
}
