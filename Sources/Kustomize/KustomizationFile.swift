import GitOpsAPI
import YAML

/// A `kustomization.yaml` (or a Component), read strictly: unknown fields are errors, and fields
/// whose step is not implemented yet are reported by name rather than ignored, because building
/// something other than what `kubectl kustomize` builds would deploy something the team did not
/// test. Simple fields are typed here; the others stay in `raw` for the step that owns them.
public struct KustomizationFile {
    struct Replica { var name: String; var count: Int }
    struct Image { var name: String; var newName: String?; var newTag: String?; var digest: String?; var tagSuffix: String? }
    /// A `labels:` entry: `fields` are its own field specs (kustomize's `Label.FieldSpecs`).
    struct LabelSet { var pairs: [String: String]; var includeSelectors: Bool; var includeTemplates: Bool; var fields: [FieldSpec] = [] }

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
    var commonLabels: [String: String] = [:]
    var commonAnnotations: [String: String] = [:]
    var replicas: [Replica] = []
    var images: [Image] = []

    static let fileNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"]

    /// Fields decoded into typed properties here.
    static let typedFields = ["apiVersion", "kind", "metadata", "resources", "namespace", "namePrefix", "nameSuffix",
                              "commonLabels", "commonAnnotations", "labels", "replicas", "images"]

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
        let value = try KYAML.parseKustomization(text, file: path)
        guard case .object(let map) = value else {
            if value.isNull { return }  // an empty kustomization file builds nothing
            throw BuildError.invalid(file: path, message: "expected a map of kustomization fields, found \(value.typeName)")
        }
        // Go's decoder matches field names without regard to case (`nameprefix:` works).
        var canonical = JSONObject()
        for (key, field) in map {
            let known = Self.typedFields.first { $0.lowercased() == key.lowercased() }
                ?? Self.stepFields.first { $0.lowercased() == key.lowercased() }
            canonical[known ?? key] = field
        }
        raw = canonical
        isComponent = canonical["kind"]?.stringValue == "Component"
        for (key, field) in canonical {
            switch key {
            case "apiVersion", "kind", "metadata": continue
            case _ where Self.stepFields.contains(key): continue
            case "resources": resources = try Self.strings(field, key, path)
            case "namespace": namespace = try Self.string(field, key, path)
            case "namePrefix": namePrefix = try Self.string(field, key, path)
            case "nameSuffix": nameSuffix = try Self.string(field, key, path)
            case "commonLabels": commonLabels = try Self.stringMap(field, key, path)
            case "commonAnnotations": commonAnnotations = try Self.stringMap(field, key, path)
            case "labels":
                for (i, item) in (field.arrayValue ?? []).enumerated() {
                    let at = "labels[\(i)]"
                    let fields = try (item["fields"]?.arrayValue ?? []).enumerated().map { j, spec in
                        try FieldSpec.parse(spec, at: "\(at).fields[\(j)]", file: path)
                    }
                    labels.append(LabelSet(pairs: try Self.stringMap(item["pairs"] ?? .object([:]), "\(at).pairs", path),
                                           includeSelectors: item["includeSelectors"]?.boolValue ?? false,
                                           includeTemplates: item["includeTemplates"]?.boolValue ?? false, fields: fields))
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
                    return Image(name: name, newName: item["newName"]?.stringValue, newTag: Self.scalarString(item["newTag"]),
                                 digest: item["digest"]?.stringValue, tagSuffix: Self.scalarString(item["tagSuffix"]))
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

    /// A scalar written without quotes (`newTag: 1.21`) as the string it spells.
    static func scalarString(_ v: JSONValue?) -> String? {
        switch v {
        case .string(let s)?: return s
        case .int(let i)?: return String(i)
        case .double(let d)?: return JSONValue.double(d).jsonString()
        default: return nil
        }
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
