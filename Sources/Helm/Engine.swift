import Foundation
import GoTemplate
import TemplateFunctions

/// Helm's `pkg/engine`: every template of the chart and its subcharts parsed into one template
/// set (deepest paths first, then reverse lexical order, so a parent's `define` overrides a
/// subchart's), each non-partial template executed with its chart's data map, `<no value>`
/// removed from the output, errors cleaned up as Helm does.
struct Engine {
    let options: RenderOptions

    /// Helm's `recursionMaxNums` for `include`.
    static let recursionLimit = 1000

    /// One template with its chart's data map (`renderable`).
    struct Renderable {
        var file: ChartFile
        var data: GoMap
        var basePath: String
    }

    func render(chart: Chart, top: GoMap) throws -> [String: String] {
        var templates: [String: Renderable] = [:]
        _ = collect(chart, parentData: top, fullPath: chart.name, isRoot: true, into: &templates)
        let order = Self.sortedForParsing(Array(templates.keys))
        let set = TemplateSet(functions: functions(), missingKey: .zero)
        for name in order {
            do {
                // Each file's body is parsed again when it is rendered: only the `define`s of
                // every file and one body's tree are alive at a time.
                try set.parseDeferringBody(name: name, bytes: templates[name]!.file.data)
            } catch {
                throw Self.cleanupParseError(name, "\(error)")
            }
        }
        var rendered: [String: String] = [:]
        for name in order where !(name.split(separator: "/").last ?? "").hasPrefix("_") {
            let renderable = templates[name]!
            let template = GoMap(["Name": .string(name), "BasePath": .string(renderable.basePath)])
            template.namedType = "chartutil.Values"
            renderable.data["Template"] = .map(template)
            let output: String
            do {
                output = try set.execute(name: name, data: .map(renderable.data))
            } catch {
                throw Self.cleanupExecError(name, "\(error)")
            }
            rendered[name] = Self.removingNoValue(output)
        }
        return rendered
    }

    /// `recAllTpls`: the data map of each chart (`.Values` is the parent's `Values.<name>`).
    private func collect(_ chart: Chart, parentData: GoMap, fullPath: String, isRoot: Bool, into templates: inout [String: Renderable]) -> GoMap {
        let subcharts = GoMap()
        let values: Value
        if isRoot {
            values = parentData["Values"] ?? .map(GoMap())
            // The root's `.Values` is a chartutil.Values. (A subchart's is too, but it is the
            // same map as the parent's `.Values.<name>`, a map[string]interface {}: left unnamed.)
            if case .map(let map) = values { map.namedType = "chartutil.Values" }
        } else if case .map(let parentValues)? = parentData["Values"], case .map(let own)? = parentValues[chart.name] {
            values = .map(own)
        } else {
            values = .map(GoMap())
        }
        let data = GoMap([
            "Chart": .object(ChartObject(metadata: chart.metadata, isRoot: isRoot)),
            "Files": .object(FilesObject(
                entries: Dictionary(chart.files.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last }),
                toYAML: TemplateFunctions.helmConversions["toYaml"])),
            "Release": parentData["Release"] ?? .null,
            "Capabilities": parentData["Capabilities"] ?? .null,
            "Values": values,
            "Subcharts": .map(subcharts),
        ])
        for sub in chart.dependencies {
            subcharts[sub.name] = .map(collect(
                sub, parentData: data, fullPath: fullPath + "/charts/" + sub.name, isRoot: false, into: &templates))
        }
        let library = chart.metadata.type.lowercased() == "library"
        for template in chart.templates {
            if library && !(template.name.split(separator: "/").last ?? "").hasPrefix("_") { continue }
            templates[fullPath + "/" + template.name] = Renderable(
                file: template, data: data, basePath: fullPath + "/templates")
        }
        return data
    }

    /// `sortTemplates`: more path segments first; equal depth in reverse lexical order.
    static func sortedForParsing(_ names: [String]) -> [String] {
        names.sorted { a, b in
            let ca = a.utf8.filter { $0 == UInt8(ascii: "/") }.count
            let cb = b.utf8.filter { $0 == UInt8(ascii: "/") }.count
            if ca != cb { return ca > cb }
            return a > b
        }
    }
}
