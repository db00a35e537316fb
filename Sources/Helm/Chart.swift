import GoTemplate

/// One file of a chart, by its `/`-separated path relative to the chart root.
///
/// Files of a chart directory that are not read while loading (everything but Chart.yaml,
/// values and requirements) are read when a template first asks for them (`.Files.Get`,
/// `--include-crds`): a chart's data files and CRDs are often most of its bytes.
public struct ChartFile: Sendable, Equatable {
    enum Source: Sendable, Equatable {
        case bytes([UInt8])
        /// A file on disk, read on use (a UTF-8 byte order mark dropped, as Helm's loader does).
        case disk(String)
    }

    public var name: String
    var source: Source

    public init(name: String, data: [UInt8]) {
        self.name = name
        self.source = .bytes(data)
    }

    init(name: String, path: String) {
        self.name = name
        self.source = .disk(path)
    }

    /// The file's bytes (empty if a lazily read file has gone since the chart was loaded).
    public var data: [UInt8] {
        switch source {
        case .bytes(let bytes): return bytes
        case .disk(let path): return ChartLoader.stripBOM(ChartLoader.readFile(path) ?? [])
        }
    }
}

/// A loaded chart, as Helm's `chart.Chart`: metadata, default values, templates, other files
/// (for `.Files` and `crds/`) and subcharts. A value: rendering works on its own copy, since
/// dependency processing (aliases, disabled subcharts, import-values) rewrites it as Helm does.
public struct Chart: @unchecked Sendable {
    public var metadata: ChartMetadata
    /// values.yaml (numbers are float64, as `sigs.k8s.io/yaml` reads them).
    public var values: GoMap
    /// values.schema.json, when the chart has one.
    public var schema: [UInt8]?
    /// Files under `templates/`, in load order.
    public var templates: [ChartFile]
    /// Every other file but Chart.yaml, values.yaml, values.schema.json and `charts/` (Helm's `c.Files`).
    public var files: [ChartFile]
    /// Subcharts found under `charts/` (directories and archives).
    public var dependencies: [Chart]

    public init(
        metadata: ChartMetadata, values: GoMap = GoMap(), schema: [UInt8]? = nil,
        templates: [ChartFile] = [], files: [ChartFile] = [], dependencies: [Chart] = []
    ) {
        self.metadata = metadata
        self.values = values
        self.schema = schema
        self.templates = templates
        self.files = files
        self.dependencies = dependencies
    }

    public var name: String { metadata.name }

    /// Helm's `CRDObjects`: `crds/*.{yaml,yml,json}` of this chart, then of each subchart, named
    /// `<full chart path>/crds/<file>`.
    public func crdObjects(fullPath: String? = nil) -> [Rendering.CRD] {
        let path = fullPath ?? name
        var out: [Rendering.CRD] = []
        for file in files where file.name.hasPrefix("crds/") && Self.isManifestFile(file.name) {
            out.append(Rendering.CRD(name: file.name, filename: path + "/" + file.name, file: file))
        }
        for dependency in dependencies {
            out += dependency.crdObjects(fullPath: path + "/charts/" + dependency.name)
        }
        return out
    }

    static func isManifestFile(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json")
    }
}
