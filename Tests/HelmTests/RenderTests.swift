import Foundation
import GoTemplate
import Testing
@testable import Helm

/// Small charts rendered end to end; every expected text here is what `helm template rel CHART`
/// (Helm 3.19.0) printed for the same chart.
@Suite struct RenderTests {
    /// Writes a chart named `name` with one template and renders it with helm template's defaults.
    func render(_ name: String, template: String, values: String = "", chartExtra: String = "",
                set: [String] = []) throws -> String {
        let root = NSTemporaryDirectory() + "helm-render-" + UUID().uuidString + "/" + name
        try FileManager.default.createDirectory(atPath: root + "/templates", withIntermediateDirectories: true)
        try "apiVersion: v2\nname: \(name)\nversion: 0.1.0\n\(chartExtra)".write(toFile: root + "/Chart.yaml", atomically: true, encoding: .utf8)
        try values.write(toFile: root + "/values.yaml", atomically: true, encoding: .utf8)
        try template.write(toFile: root + "/templates/t.yaml", atomically: true, encoding: .utf8)
        let chart = try ChartLoader.load(path: root)
        let userValues = try ValueOptions(values: set).merged()
        return try Helm.render(chart: chart, values: userValues, options: RenderOptions(releaseName: "rel"))
            .helmTemplateOutput()
    }

    func error(_ body: () throws -> String) -> String {
        do { _ = try body(); return "rendered" } catch let e as HelmError { return e.message } catch { return "\(error)" }
    }

    @Test func `required and fail report the template position and the chart's message`() {
        #expect(error { try render("req", template: #"{{ required "need x!" .Values.x }}"#) }
            == "execution error at (req/templates/t.yaml:1:3): need x!")
        #expect(error { try render("fail", template: #"{{- define "f" }}{{ fail "boom" }}{{ end }}a: {{ include "f" . }}"#) }
            == "execution error at (fail/templates/t.yaml:1:49): boom")
    }

    @Test func `parse errors and recursion are Helm's errors`() {
        #expect(error { try render("parse", template: "a: {{ .Values.x ") }
            == "parse error at (parse/templates/t.yaml:1): unclosed action")
        #expect(error { try render("rec", template: #"{{- define "r" }}{{ include "r" . }}{{ end }}{{ include "r" . }}"#) }
            .hasPrefix(#"template: rec/templates/t.yaml:1:48: executing "rec/templates/t.yaml" at <include "r" .>: error calling include: "#))
    }

    @Test func `tpl sees its own defines and the values`() throws {
        #expect(try render("tpldef", template: #"a: {{ tpl "{{ define \"z\" }}Z{{ end }}{{ include \"z\" . }}-{{ .Values.x }}" . }}"#, values: "x: 1")
            == "---\n# Source: tpldef/templates/t.yaml\na: Z-1\n")
    }

    @Test func `install checks: kubeVersion, missing dependencies, library charts`() {
        #expect(error { try render("kube", template: "a: 1", chartExtra: "kubeVersion: \">=1.40.0\"\n") }
            == "chart requires kubeVersion: >=1.40.0 which is incompatible with Kubernetes v1.34.0")
        #expect(error { try render("deps", template: "a: 1", chartExtra: "dependencies:\n- name: missing\n  version: 1.0.0\n") }
            == "An error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: missing")
        #expect(error { try render("lib", template: "a: 1", chartExtra: "type: library\n") } == "library charts are not installable")
    }

    @Test func `separators inside a document, unquoted annotation numbers, hooks after manifests`() throws {
        #expect(try render("emptydoc", template: "---\n---\n# just a comment\n")
            == "---\n# Source: emptydoc/templates/t.yaml\n---\n# just a comment\n")
        #expect(try render("ann", template: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  annotations:\n    n: 5")
            == "---\n# Source: ann/templates/t.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  annotations:\n    n: 5\n")
        let hooks = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
              annotations:
                helm.sh/hook: pre-install
                helm.sh/hook-weight: 3
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: q
            """
        #expect(try render("hookw", template: hooks) == """
            ---
            # Source: hookw/templates/t.yaml
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: q
            ---
            # Source: hookw/templates/t.yaml
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
              annotations:
                helm.sh/hook: pre-install
                helm.sh/hook-weight: 3

            """)
    }

    @Test func `--set null deletes a chart default, missing values print nothing`() throws {
        // (`y` would be a YAML 1.1 boolean key, hence `z`.)
        #expect(try render("nul", template: "a: [{{ .Values.x }}]\nb: [{{ .Values.z }}]", values: "x: 1\nz: 2", set: ["x=null"])
            == "---\n# Source: nul/templates/t.yaml\na: []\nb: [2]\n")
    }
}
