import GitOpsAPI
import GoTemplate

/// Chart.yaml (`chart.Metadata`), with the dependencies of `requirements.yaml` for apiVersion v1 charts.
public struct ChartMetadata: Sendable, Equatable {
    public struct Maintainer: Sendable, Equatable {
        public var name = "", email = "", url = ""
    }

    public var name = ""
    public var home = ""
    public var sources: [String] = []
    public var version = ""
    public var description = ""
    public var keywords: [String] = []
    public var maintainers: [Maintainer] = []
    public var icon = ""
    public var apiVersion = ""
    public var condition = ""
    public var tags = ""
    public var appVersion = ""
    public var deprecated = false
    public var annotations: [String: String] = [:]
    public var kubeVersion: String?
    public var dependencies: [ChartDependency] = []
    public var type = ""

    public init(name: String = "", version: String = "", apiVersion: String = "v2") {
        self.name = name
        self.version = version
        self.apiVersion = apiVersion
    }

    /// Reads the fields Chart.yaml (or requirements.yaml) sets into `self`, as `yaml.Unmarshal`
    /// into the same struct does: fields absent from `yaml` keep their value.
    mutating func apply(_ yaml: JSONValue, file: String) throws {
        guard case .object(let object) = yaml else {
            if yaml.isNull { return }
            throw HelmError("cannot load \(file): error unmarshaling JSON: json: cannot unmarshal into Go value of type chart.Metadata")
        }
        // sigs.k8s.io/yaml hands a string field a number's Go text: an int in decimal, a float
        // as strconv 'g' (`appVersion: 1.10` is "1.1", as helm template prints it).
        func string(_ key: String) -> String? { object[key].flatMap(Self.scalarString) }
        if let v = string("name") { name = v }
        if let v = string("home") { home = v }
        if let v = object["sources"]?.arrayValue { sources = v.compactMap(Self.scalarString) }
        if let v = string("version") { version = v }
        if let v = string("description") { description = v }
        if let v = object["keywords"]?.arrayValue { keywords = v.compactMap(Self.scalarString) }
        if let v = object["maintainers"]?.arrayValue {
            maintainers = v.map { m in
                Maintainer(
                    name: m.objectValue?["name"].flatMap(Self.scalarString) ?? "",
                    email: m.objectValue?["email"].flatMap(Self.scalarString) ?? "",
                    url: m.objectValue?["url"].flatMap(Self.scalarString) ?? "")
            }
        }
        if let v = string("icon") { icon = v }
        if let v = string("apiVersion") { apiVersion = v }
        if let v = string("condition") { condition = v }
        if let v = string("tags") { tags = v }
        if let v = string("appVersion") { appVersion = v }
        if let v = object["deprecated"]?.boolValue { deprecated = v }
        if let v = object["annotations"]?.objectValue {
            annotations = [:]
            for (key, value) in v { annotations[key] = Self.scalarString(value) ?? "" }
        }
        if let v = string("kubeVersion") { kubeVersion = v }
        if let v = object["dependencies"]?.arrayValue { dependencies = v.map(ChartDependency.init(yaml:)) }
        if let v = string("type") { type = v }
    }

    /// A scalar as `sigs.k8s.io/yaml` decodes it into a Go string field: strings as they are, ints
    /// in decimal, floats in strconv's shortest 'g' form, booleans as `true`/`false`.
    static func scalarString(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return GoFormat.sprint(.float(d))
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }
}

/// One entry of Chart.yaml `dependencies` (`chart.Dependency`).
public struct ChartDependency: Sendable, Equatable {
    public var name = ""
    public var version = ""
    public var repository = ""
    public var condition = ""
    public var tags: [String] = []
    public var enabled = false
    /// Either strings (`exports.<name>`) or `{child, parent}` maps, as written.
    public var importValues: [JSONValue] = []
    public var alias = ""

    init(yaml: JSONValue) {
        let o = yaml.objectValue
        func s(_ key: String) -> String { o?[key].flatMap(ChartMetadata.scalarString) ?? "" }
        name = s("name")
        version = s("version")
        repository = s("repository")
        condition = s("condition")
        tags = o?["tags"]?.arrayValue?.compactMap(ChartMetadata.scalarString) ?? []
        enabled = o?["enabled"]?.boolValue ?? false
        importValues = o?["import-values"]?.arrayValue ?? []
        alias = s("alias")
    }

    public init(name: String, version: String = "", condition: String = "", alias: String = "") {
        self.name = name
        self.version = version
        self.condition = condition
        self.alias = alias
    }
}
