import GitOpsAPI
import YAML

/// A `kustomization.yaml` (or a Component), read strictly: unknown fields are errors, and fields
/// whose step is not implemented yet are reported by name rather than ignored, because building
/// something other than what `kubectl kustomize` builds would deploy something the team did not
/// test. Simple fields are typed here; the others stay in `raw` for the step that owns them.
public struct KustomizationFile {
    struct Replica { var name: String; var count: Int }
    struct Image { var name: String; var newName: String?; var newTag: String?; var digest: String? }
    struct LabelSet { var pairs: [String: String]; var includeSelectors: Bool; var includeTemplates: Bool }

    /// The file, relative to the build root, for messages.
    public var path: String
    /// Every field as written.
    public var raw: JSONObject = [:]
    /// `kind: Component` (`kustomize.config.k8s.io/v1alpha1`).
    public var isComponent = false
    var resources: [String] = []
    var namespace: String?
    var namePrefix: String?
    var nameSuffix: String?
    var labels: [LabelSet] = []
    var commonAnnotations: [String: String] = [:]
    var replicas: [Replica] = []
    var images: [Image] = []

    static let fileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"]

    /// Fields of kustomize's Kustomization type read by the pipeline's steps from `raw`.
    static let stepFields: Set<String> = [
        "components", "patches", "patchesStrategicMerge", "patchesJson6902", "configMapGenerator", "secretGenerator",
        "generatorOptions", "vars", "replacements", "openapi", "crds", "sortOptions", "buildMetadata", "generators",
        "transformers", "validators", "configurations", "bases",
    ]
    /// Fields kustomize has that this builder refuses.
    static let refused: [String: String] = [
        "helmCharts": "Helm charts inside kustomizations are not supported; use a HelmRelease",
        "helmGlobals": "Helm charts inside kustomizations are not supported; use a HelmRelease",
        "helmChartInflationGenerator": "Helm charts inside kustomizations are not supported; use a HelmRelease",
        "imageTags": "imageTags was removed from kustomize; use images",
    ]

    /// An empty kustomization (Flux's generated one for a plain directory).
    init(path: String) { self.path = path }

    init(text: String, path: String) throws {
        self.path = path
        let value = try YAML.parse(text, file: path)
        guard case .object(let map) = value else {
            if value.isNull { return }  // an empty kustomization file builds nothing
            throw BuildError.invalid(file: path, message: "expected a map of kustomization fields, found \(value.typeName)")
        }
        raw = map
        isComponent = map["kind"]?.stringValue == "Component"
        for (key, field) in map {
            switch key {
            case "apiVersion", "kind", "metadata": continue
            case _ where Self.stepFields.contains(key): continue
            case "resources": resources = try Self.strings(field, key, path)
            case "namespace": namespace = try Self.string(field, key, path)
            case "namePrefix": namePrefix = try Self.string(field, key, path)
            case "nameSuffix": nameSuffix = try Self.string(field, key, path)
            case "commonLabels":
                labels.append(LabelSet(pairs: try Self.stringMap(field, key, path), includeSelectors: true, includeTemplates: true))
            case "commonAnnotations": commonAnnotations = try Self.stringMap(field, key, path)
            case "labels":
                for (i, item) in (field.arrayValue ?? []).enumerated() {
                    let at = "labels[\(i)]"
                    let selectors = item["includeSelectors"]?.boolValue ?? false
                    labels.append(LabelSet(pairs: try Self.stringMap(item["pairs"] ?? .object([:]), "\(at).pairs", path),
                                           includeSelectors: selectors,
                                           includeTemplates: selectors || (item["includeTemplates"]?.boolValue ?? false)))
                }
            case "replicas":
                replicas = try (field.arrayValue ?? []).enumerated().map { i, item in
                    guard let name = item["name"]?.stringValue, let count = item["count"]?.intValue else {
                        throw BuildError.invalid(file: path, message: "replicas[\(i)]: needs name and count")
                    }
                    return Replica(name: name, count: count)
                }
            case "images":
                images = try (field.arrayValue ?? []).enumerated().map { i, item in
                    guard let name = item["name"]?.stringValue else {
                        throw BuildError.invalid(file: path, message: "images[\(i)]: needs a name")
                    }
                    return Image(name: name, newName: item["newName"]?.stringValue, newTag: item["newTag"]?.stringValue ?? item["newTag"]?.intValue.map(String.init),
                                 digest: item["digest"]?.stringValue)
                }
            default:
                if let why = Self.refused[key] { throw BuildError.invalid(file: path, message: "\(key): \(why)") }
                throw BuildError.invalid(file: path, message: "unknown field \"\(key)\" in a kustomization")
            }
        }
    }

    static func string(_ v: JSONValue, _ key: String, _ path: String) throws -> String {
        guard let s = v.stringValue else { throw BuildError.invalid(file: path, message: "\(key): expected a string, found \(v.typeName)") }
        return s
    }

    static func strings(_ v: JSONValue, _ key: String, _ path: String) throws -> [String] {
        if v.isNull { return [] }
        guard let a = v.arrayValue else { throw BuildError.invalid(file: path, message: "\(key): expected a list, found \(v.typeName)") }
        return try a.map { try string($0, key, path) }
    }

    static func stringMap(_ v: JSONValue, _ key: String, _ path: String) throws -> [String: String] {
        if v.isNull { return [:] }
        guard let o = v.objectValue else { throw BuildError.invalid(file: path, message: "\(key): expected a map, found \(v.typeName)") }
        var out: [String: String] = [:]
        for (k, item) in o {
            switch item {
            case .string(let s): out[k] = s
            case .int(let i): out[k] = String(i)
            case .bool(let b): out[k] = String(b)
            default: throw BuildError.invalid(file: path, message: "\(key).\(k): expected a string, found \(item.typeName)")
            }
        }
        return out
    }
}
