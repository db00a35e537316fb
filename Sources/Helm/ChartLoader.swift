import Compression
import Foundation
import TemplateFunctions
import GitOpsAPI
import SemVer
import GoTemplate
import YAML

/// Loads charts as Helm's `pkg/chart/loader` does: a directory (honouring `.helmignore` plus the
/// default rule `templates/.?*`) or a gzipped tar archive, then `LoadFiles` sorts the files into
/// metadata, values, templates, other files and subcharts (`charts/<dir>` or `charts/*.tgz`;
/// names starting with `_` or `.` are skipped).
public enum ChartLoader {
    /// Helm's `MaxDecompressedFileSize`.
    static let maxFileSize = 5 << 20

    /// A chart directory or a `.tgz` archive at `path`.
    public static func load(path: String) throws -> Chart {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw HelmError("path \"\(path)\" not found")
        }
        if isDirectory.boolValue { return try loadDirectory(path) }
        guard let data = readFile(path) else { throw HelmError("cannot read \(path)") }
        return try loadArchive(data)
    }

    /// `LoadDir`: every regular file under `directory` that `.helmignore` does not exclude.
    public static func loadDirectory(_ directory: String) throws -> Chart {
        let root = URL(fileURLWithPath: directory).standardizedFileURL.path
        var rules = HelmIgnore()
        if let text = try? String(contentsOfFile: root + "/.helmignore", encoding: .utf8) {
            rules = try HelmIgnore(text)
        }
        rules.addDefaults()
        var files: [ChartFile] = []
        try walk(root: root, relative: "", rules: rules, into: &files)
        return try loadFiles(files)
    }

    /// Depth-first in lexical order, following symbolic links (Helm's `sympath.Walk`).
    private static func walk(root: String, relative: String, rules: HelmIgnore, into files: inout [ChartFile]) throws {
        let directory = relative.isEmpty ? root : root + "/" + relative
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        for name in names {
            let rel = relative.isEmpty ? name : relative + "/" + name
            let full = root + "/" + rel
            var info = stat()
            guard stat(full, &info) == 0 else { continue }
            let type = info.st_mode & S_IFMT
            if type == S_IFDIR {
                if rules.ignores(rel, isDirectory: true) { continue }
                try walk(root: root, relative: rel, rules: rules, into: &files)
                continue
            }
            if rules.ignores(rel, isDirectory: false) { continue }
            guard type == S_IFREG else {
                throw HelmError("cannot load irregular file \(full) as it has file mode type bits set")
            }
            if Int(info.st_size) > maxFileSize {
                throw HelmError("chart file \"\(name)\" is larger than the maximum file size \(maxFileSize)")
            }
            files.append(ChartFile(name: rel, path: full))
        }
    }

    /// A whole file, or nil when it cannot be read.
    static func readFile(_ path: String) -> [UInt8]? {
        guard let handle = fopen(path, "rb") else { return nil }
        defer { fclose(handle) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let n = fread(&buffer, 1, buffer.count, handle)
            if n > 0 { out.append(contentsOf: buffer[0..<n]) }
            if n < buffer.count { return ferror(handle) == 0 ? out : nil }
        }
    }

    /// `LoadArchive`: a gzipped tar whose entries sit under one top directory (`mychart/...`).
    public static func loadArchive(_ bytes: [UInt8]) throws -> Chart {
        let tar: [UInt8]
        do { tar = try Compression.gunzip(bytes) } catch { throw HelmError("\(error)") }
        let entries: [TarEntry]
        do { entries = try TarArchive.read(tar) } catch { throw HelmError("\(error)") }
        var files: [ChartFile] = []
        for entry in entries where entry.kind == .file {
            // Helm drops the first path element (the chart's directory in the archive).
            let parts = entry.path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: true)
            guard parts.count == 2 else { continue }
            let name = String(parts[1])
            if name == ".helmignore" || name.hasPrefix("templates/.") { continue }
            files.append(ChartFile(name: name, data: stripBOM(entry.contents)))
        }
        if files.isEmpty { throw HelmError("no files in chart archive") }
        return try loadFiles(files)
    }

    /// `LoadFiles`: sorts files into a chart and loads its subcharts.
    public static func loadFiles(_ files: [ChartFile]) throws -> Chart {
        var metadata: ChartMetadata?
        for file in files where file.name == "Chart.yaml" {
            var m = ChartMetadata(apiVersion: "")
            try m.apply(try parseYAML(file, what: "Chart.yaml"), file: "Chart.yaml")
            if m.apiVersion.isEmpty { m.apiVersion = "v1" }
            metadata = m
        }
        var chart = Chart(metadata: metadata ?? ChartMetadata(apiVersion: ""))
        var subcharts: [String: [ChartFile]] = [:]
        var subchartOrder: [String] = []
        for file in files {
            switch file.name {
            case "Chart.yaml", "Chart.lock":
                continue
            case "values.yaml":
                let yaml = try parseYAML(file, what: "values.yaml")
                // chartutil.ReadValues unmarshals into map[string]interface{}.
                let kind: String?
                switch yaml {
                case .object, .null: kind = nil
                case .array: kind = "array"
                case .string: kind = "string"
                case .bool: kind = "bool"
                default: kind = "number"
                }
                if let kind {
                    throw HelmError("cannot load values.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal \(kind) into Go value of type map[string]interface {}")
                }
                chart.values = ValueConversion.map(from: yaml)
            case "values.schema.json":
                chart.schema = file.data
            case "requirements.yaml":
                try chart.metadata.apply(try parseYAML(file, what: "requirements.yaml"), file: "requirements.yaml")
                if chart.metadata.apiVersion == "v1" { chart.files.append(file) }
            case "requirements.lock":
                if chart.metadata.apiVersion == "v1" { chart.files.append(file) }
            default:
                if file.name.hasPrefix("templates/") {
                    chart.templates.append(file)
                } else if file.name.hasPrefix("charts/") {
                    if file.name.hasSuffix(".prov") { chart.files.append(file); continue }
                    let rest = String(file.name.dropFirst("charts/".count))
                    let parts = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
                    let sub = String(parts[0])
                    if subcharts[sub] == nil { subchartOrder.append(sub) }
                    var renamed = file
                    renamed.name = rest
                    subcharts[sub, default: []].append(renamed)
                } else {
                    chart.files.append(file)
                }
            }
        }
        guard metadata != nil else { throw HelmError("Chart.yaml file is missing") }
        try validate(chart.metadata)
        for sub in subchartOrder where !(sub.hasPrefix("_") || sub.hasPrefix(".")) {
            let subFiles = subcharts[sub] ?? []
            do {
                if sub.hasSuffix(".tgz") {
                    guard let archive = subFiles.first, archive.name == sub else { continue }
                    chart.dependencies.append(try loadArchive(archive.data))
                } else {
                    let inner = subFiles.compactMap { f -> ChartFile? in
                        let parts = f.name.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
                        guard parts.count == 2 else { return nil }
                        var renamed = f
                        renamed.name = String(parts[1])
                        return renamed
                    }
                    chart.dependencies.append(try loadFiles(inner))
                }
            } catch let error as HelmError {
                throw HelmError("error unpacking subchart \(sub) in \(chart.name): \(error.message)")
            }
        }
        return chart
    }

    /// `Metadata.Validate`: the checks that stop Helm from loading a chart.
    static func validate(_ m: ChartMetadata) throws {
        if m.apiVersion.isEmpty { throw HelmError("validation: chart.metadata.apiVersion is required") }
        if m.name.isEmpty { throw HelmError("validation: chart.metadata.name is required") }
        if m.name.contains("/") || m.name.contains("\\") || m.name == "." || m.name == ".." {
            throw HelmError("validation: chart.metadata.name \"\(m.name)\" is invalid")
        }
        if m.version.isEmpty { throw HelmError("validation: chart.metadata.version is required") }
        if Version(m.version) == nil {
            throw HelmError("validation: chart.metadata.version \"\(m.version)\" is invalid")
        }
        if !["", "application", "library"].contains(m.type) {
            throw HelmError("validation: chart.metadata.type must be application or library")
        }
    }

    /// sigs.k8s.io/yaml's YAMLToJSON: go-yaml v2's syntax errors (`yaml: line N: …`), and
    /// encoding/json's refusal of `.inf` and `.nan` (`json: unsupported value: +Inf`).
    static func parseYAML(_ file: ChartFile, what: String) throws -> JSONValue {
        let value: JSONValue
        do {
            value = try YAML.parse(String(decoding: file.data, as: UTF8.self), file: file.name, limits: .helm)
        } catch let error as YAMLError where !error.message.hasPrefix("unsupported map key") {
            throw HelmError("cannot load \(what): error converting YAML to JSON: \(GoYAMLError.message(error))")
        } catch {
            throw HelmError("cannot load \(what): error converting YAML to JSON: \(error)")
        }
        if let bad = GoYAMLError.firstNonFinite(value) {
            throw HelmError("cannot load \(what): error converting YAML to JSON: json: unsupported value: \(bad)")
        }
        return value
    }


    static func stripBOM(_ data: [UInt8]) -> [UInt8] {
        data.count >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF ? Array(data.dropFirst(3)) : data
    }
}
