import Foundation
import GoTemplate
import Testing
@testable import Helm

/// The helm 3 binary for differential tests: $GITOPS_HELM3, or the corpus's bin/helm3.
private let schemaHelm3: String? = {
    var candidates: [String] = []
    if let path = ProcessInfo.processInfo.environment["GITOPS_HELM3"] { candidates.append(path) }
    candidates.append(ConformanceTests.corpus + "/bin/helm3")
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
}()

/// A chart written to a temporary directory: a ConfigMap template, values, a schema, and
/// optional subcharts under charts/.
private func writeChart(
    _ root: String, name: String, values: String, schema: String?, subcharts: [(name: String, values: String, schema: String?)] = []
) throws {
    let fm = FileManager.default
    try fm.createDirectory(atPath: root + "/templates", withIntermediateDirectories: true)
    var chartYAML = "apiVersion: v2\nname: \(name)\nversion: 0.1.0\n"
    if !subcharts.isEmpty {
        chartYAML += "dependencies:\n" + subcharts.map { "- name: \($0.name)\n  version: 0.1.0\n" }.joined()
    }
    try chartYAML.write(toFile: root + "/Chart.yaml", atomically: true, encoding: .utf8)
    try "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Chart.Name }}\n".write(toFile: root + "/templates/cm.yaml", atomically: true, encoding: .utf8)
    try values.write(toFile: root + "/values.yaml", atomically: true, encoding: .utf8)
    if let schema { try schema.write(toFile: root + "/values.schema.json", atomically: true, encoding: .utf8) }
    for sub in subcharts {
        try writeChart(root + "/charts/" + sub.name, name: sub.name, values: sub.values, schema: sub.schema)
    }
}

/// Helm's `values.schema.json` check, compared with helm 3.19 byte for byte.
@Suite("values.schema.json validation as helm 3.19 does it")
struct ValuesSchemaTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var schema: String
        var values = "{}\n"
        var set: [String] = []
        var setJSON: [String] = []
        var subcharts: [(name: String, values: String, schema: String?)] = []
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "valid values render", schema: ##"{"type":"object","properties":{"replicas":{"type":"integer","minimum":1}}}"##,
             values: "replicas: 2\n"),
        Case(label: "type from --set", schema: ##"{"properties":{"num":{"type":"integer"}}}"##, set: ["num=1.5"]),
        Case(label: "chart default violates", schema: ##"{"properties":{"replicas":{"type":"integer","minimum":1}}}"##, values: "replicas: 0\n"),
        Case(label: "localized numbers", schema: ##"{"properties":{"num":{"maximum":1000,"multipleOf":3}}}"##, setJSON: ["num=1000000"]),
        Case(label: "float from json", schema: ##"{"properties":{"num":{"minimum":1e300}}}"##, setJSON: ["num=-0.000012345"]),
        Case(label: "required and nested", schema: ##"{"required":["image"],"properties":{"image":{"required":["tag"]}}}"##,
             values: "other: 1\n"),
        Case(label: "additionalProperties", schema: ##"{"additionalProperties":false,"properties":{"a":{}}}"##, set: ["b=1"]),
        Case(label: "enum display", schema: ##"{"properties":{"s":{"enum":["a",1,1.5,true,null]}}}"##, set: ["s=x"]),
        Case(label: "oneOf", schema: ##"{"properties":{"a":{"oneOf":[{"type":"string"},{"minimum":5}]}}}"##, set: ["a=1"]),
        Case(label: "ref group", schema: ##"{"properties":{"a":{"$ref":"#/$defs/x"}},"$defs":{"x":{"type":"integer","minimum":3,"maximum":0}}}"##,
             set: ["a=1"]),
        Case(label: "propertyNames", schema: ##"{"propertyNames":{"maxLength":1,"pattern":"^x"}}"##, set: ["ab=1"]),
        Case(label: "prefixItems index", schema: ##"{"properties":{"l":{"prefixItems":[{"type":"string"}],"items":false}}}"##, set: ["l={1,2}"]),
        Case(label: "draft-07 format", schema: ##"{"$schema":"http://json-schema.org/draft-07/schema#","properties":{"a":{"format":"ipv4"}}}"##,
             set: ["a=1.2.3"]),
        Case(label: "2020-12 format is an annotation", schema: ##"{"properties":{"a":{"format":"ipv4"}}}"##, set: ["a=1.2.3"]),
        Case(label: "dangling pointer", schema: ##"{"$ref":"#/definitions/x"}"##),
        Case(label: "broken JSON", schema: ##"{"properties":{"a":{"type":"string"},}}"##),
        Case(label: "unevaluatedProperties", schema: ##"{"properties":{"a":{}},"allOf":[{"properties":{"b":{}}}],"unevaluatedProperties":false}"##,
             set: ["a=1,b=2,c=3"]),
        // One failure per object: helm's order of sibling failures follows Go's random map order.
        Case(label: "schema invalid against its metaschema", schema: ##"{"$schema":"http://json-schema.org/draft-07/schema#","properties":{"a":{"type":"foo"}}}"##),
        Case(label: "keyword of the wrong type", schema: ##"{"$schema":"http://json-schema.org/draft-07/schema#","properties":{"a":{"minLength":"x"}}}"##),
        Case(label: "nested metaschema failure", schema: ##"{"properties":{"a":{"minLength":-1}}}"##),
        Case(label: "ref to a metaschema", schema: ##"{"properties":{"a":{"$ref":"http://json-schema.org/draft-07/schema#"}}}"##,
             setJSON: [##"a={"type":3}"##]),
        Case(label: "dynamic scope in a 2020-12 tree", schema: ##"{"$defs":{"node":{"$dynamicAnchor":"n","type":"object","properties":{"kids":{"type":"array","items":{"$dynamicRef":"#n"}}}}},"$ref":"#/$defs/node"}"##,
             setJSON: [##"kids=[{"kids":3}]"##]),
        Case(label: "subchart schema", schema: ##"{"properties":{"top":{"type":"string"}}}"##, values: "top: 1\n",
             subcharts: [(name: "sub", values: "port: 80\n", schema: ##"{"properties":{"port":{"type":"string"}}}"##)]),
        Case(label: "subchart from parent values", schema: ##"{"type":"object"}"##, values: "sub:\n  port: high\n",
             subcharts: [(name: "sub", values: "port: 80\n", schema: ##"{"properties":{"port":{"type":"integer"}}}"##)]),
    ]

    /// helm template's exit status and standard error.
    static func helm(_ chart: String, _ c: Case) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(schemaHelm3))
        process.arguments = ["template", "rel", chart] + c.set.flatMap { ["--set", $0] } + c.setJSON.flatMap { ["--set-json", $0] }
        let err = Pipe(), out = Pipe()
        process.standardError = err
        process.standardOutput = out
        try process.run()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        _ = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: errData, as: UTF8.self))
    }

    /// Our render's error message, or nil when it rendered.
    static func ours(_ chart: String, _ c: Case) throws -> String? {
        let loaded = try ChartLoader.load(path: chart)
        let values = try ValueOptions(jsonValues: c.setJSON, values: c.set).merged()
        do {
            _ = try Helm.render(chart: loaded, values: values, options: RenderOptions(releaseName: "rel"))
            return nil
        } catch let error as HelmError {
            return error.message
        }
    }

    @Test(.enabled(if: schemaHelm3 != nil, "no helm 3 binary: set GITOPS_HELM3 (scripts/get-helm)"), arguments: cases)
    func matchesHelm(_ c: Case) throws {
        let dir = NSTemporaryDirectory() + "values-schema-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let chart = dir + "/c"
        try writeChart(chart, name: "c", values: c.values, schema: c.schema, subcharts: c.subcharts)
        let theirs = try Self.helm(chart, c)
        let ours = try Self.ours(chart, c)
        if theirs.status == 0 {
            #expect(ours == nil, "helm rendered; we failed: \(ours ?? "")")
            return
        }
        let expected = theirs.stderr.hasPrefix("Error: ") ? String(theirs.stderr.dropFirst(7)) : theirs.stderr
        // helm prints "Error: <message>\n"; every case here has at most one failure per object,
        // so Go's random map order cannot reorder the lines.
        let ourLine = (ours ?? "(rendered)") + "\n"
        #expect(ourLine == expected)
    }

    /// The corpus charts that ship schemas (prometheus with its alertmanager subchart, and
    /// alertmanager, a draft-07 schema with $refs and patterns) accept their own defaults.
    @Test(arguments: ["prometheus", "alertmanager"])
    func corpusSchemasAcceptTheirDefaults(_ name: String) throws {
        var chart = try ChartLoader.load(path: ConformanceTests.corpus + "/charts/" + name)
        #expect(chart.schema != nil)
        try Dependencies.process(&chart, userValues: GoMap())
        let values = try Coalesce.values(chart: chart, user: GoMap())
        let start = ContinuousClock.now
        let report = ValuesSchema.failures(chart: chart, values: values)
        let elapsed = ContinuousClock.now - start
        #expect(report == "")
        print("values.schema.json of \(name): compiled and validated in \(elapsed)")
    }

    @Test func skipSchemaValidationRenders() throws {
        let dir = NSTemporaryDirectory() + "values-schema-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try writeChart(dir + "/c", name: "c", values: "replicas: 0\n", schema: ##"{"properties":{"replicas":{"minimum":1}}}"##)
        let chart = try ChartLoader.load(path: dir + "/c")
        #expect(throws: HelmError.self) { try Helm.render(chart: chart, values: GoMap(), options: RenderOptions(releaseName: "r")) }
        var options = RenderOptions(releaseName: "r")
        options.skipSchemaValidation = true
        _ = try Helm.render(chart: chart, values: GoMap(), options: options)
    }

    @Test func subchartValuesThatAreNotAMap() throws {
        let dir = NSTemporaryDirectory() + "values-schema-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try writeChart(dir + "/c", name: "c", values: "{}\n", schema: nil,
                       subcharts: [(name: "sub", values: "{}\n", schema: ##"{"type":"object"}"##)])
        let chart = try ChartLoader.load(path: dir + "/c")
        let text = ValuesSchema.failures(chart: chart, values: GoMap(["sub": .string("x")]))
        #expect(text == "sub:\ninvalid type for values: expected object (map), got string\n")
    }
}
