import GitOpsAPI

/// A chart as a Helm 3 release record holds it (`helm.sh/helm/v3/pkg/chart.Chart`): metadata,
/// lock, templates, default values, schema and other files. Dependencies are not stored (Helm's
/// `dependencies` field is unexported), so a record's chart is the parent chart only.
public struct StoredChart: Sendable, Hashable {
    /// Chart.yaml (`json:"metadata"`, null when absent).
    public var metadata: Metadata?
    /// Chart.lock (`json:"lock"`).
    public var lock: Lock?
    /// `templates/…` files; an empty list prints as `null`, as the nil slice Helm's loader leaves.
    public var templates: [File]
    /// values.yaml as loaded; nil (`null`) when the chart has no values.yaml.
    public var values: JSONObject?
    /// values.schema.json bytes; nil prints `null`.
    public var schema: [UInt8]?
    /// Every other file (README, .helmignore, crds/…, charts/… archives are not among them).
    public var files: [File]

    public init(metadata: Metadata? = nil, lock: Lock? = nil, templates: [File] = [], values: JSONObject? = nil,
                schema: [UInt8]? = nil, files: [File] = []) {
        self.metadata = metadata
        self.lock = lock
        self.templates = templates
        self.values = values
        self.schema = schema
        self.files = files
    }

    /// `chart.File`: a path relative to the chart root and its bytes (base64 in JSON).
    public struct File: Sendable, Hashable {
        public var name: String
        public var data: [UInt8]

        public init(name: String, data: [UInt8]) {
            self.name = name
            self.data = data
        }
    }

    /// `chart.Maintainer`.
    public struct Maintainer: Sendable, Hashable {
        public var name: String
        public var email: String
        public var url: String

        public init(name: String = "", email: String = "", url: String = "") {
            self.name = name
            self.email = email
            self.url = url
        }
    }

    /// `chart.Dependency` (an entry of Chart.yaml's or Chart.lock's `dependencies`).
    public struct Dependency: Sendable, Hashable {
        public var name: String
        public var version: String
        public var repository: String
        public var condition: String
        public var tags: [String]
        public var enabled: Bool
        /// `import-values`: strings or `{child:, parent:}` maps.
        public var importValues: [JSONValue]
        public var alias: String

        public init(name: String, version: String = "", repository: String = "", condition: String = "",
                    tags: [String] = [], enabled: Bool = false, importValues: [JSONValue] = [], alias: String = "") {
            self.name = name
            self.version = version
            self.repository = repository
            self.condition = condition
            self.tags = tags
            self.enabled = enabled
            self.importValues = importValues
            self.alias = alias
        }
    }

    /// `chart.Lock` (Chart.lock). `generated` is a plain Go time, so a zero one prints
    /// `0001-01-01T00:00:00Z`.
    public struct Lock: Sendable, Hashable {
        public var generated: GoTime
        public var digest: String
        public var dependencies: [Dependency]

        public init(generated: GoTime = .goZero, digest: String = "", dependencies: [Dependency] = []) {
            self.generated = generated
            self.digest = digest
            self.dependencies = dependencies
        }
    }

    /// `chart.Metadata` (Chart.yaml); every field but none is `omitempty`.
    public struct Metadata: Sendable, Hashable {
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
        public var kubeVersion = ""
        public var dependencies: [Dependency] = []
        public var type = ""

        public init(name: String = "", version: String = "", apiVersion: String = "v2", appVersion: String = "",
                    description: String = "", type: String = "") {
            self.name = name
            self.version = version
            self.apiVersion = apiVersion
            self.appVersion = appVersion
            self.description = description
            self.type = type
        }
    }
}
