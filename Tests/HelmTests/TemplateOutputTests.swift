import Foundation
import Testing
@testable import Helm

/// `helm template --show-only` and `--output-dir` (cmd/helm/template.go, Helm 3.19); the
/// expected texts and files are what helm 3.19 printed and wrote for the same chart.
@Suite struct TemplateOutputTests {
    static let stream = """
        ---
        # Source: c/templates/cm.yaml
        kind: ConfigMap
        metadata:
          name: cm
        ---
        # Source: c/templates/cm.yaml
        kind: ConfigMap
        metadata:
          name: cm2
        ---
        # Source: c/charts/sub/templates/svc.yaml
        kind: Service
        ---
        # Source: c/templates/hook.yaml
        kind: Pod

        """

    @Test func `split like releaseutil.SplitManifests: separators, blank documents and trimming`() {
        #expect(Rendering.splitManifests(Self.stream).count == 4)
        // The separator's trailing white space swallows the newline a second `---` would need.
        #expect(Rendering.splitManifests("a: 1\n  \n---  \n\n---\nb: 2\n---") == ["a: 1", "---\nb: 2"])
        #expect(Rendering.splitManifests("---x\n---y") == ["x", "y"])
    }

    @Test func `show-only keeps matching documents, pattern by pattern, paths without the chart name`() throws {
        #expect(try Rendering.showOnly(["charts/sub/templates/*", "templates/cm.yaml"], of: Self.stream) == """
            ---
            # Source: c/charts/sub/templates/svc.yaml
            kind: Service
            ---
            # Source: c/templates/cm.yaml
            kind: ConfigMap
            metadata:
              name: cm
            ---
            # Source: c/templates/cm.yaml
            kind: ConfigMap
            metadata:
              name: cm2

            """)
        #expect(throws: HelmError("could not find template templates/nope.yaml in chart")) {
            try Rendering.showOnly(["templates/*.yaml", "templates/nope.yaml"], of: Self.stream)
        }
    }

    @Test func `output-dir writes each template's documents to its file, hooks appended to existing files`() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gitops-outdir-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let manifest = { (path: String, name: String) in
            Rendering.Manifest(sourcePath: path, content: "kind: ConfigMap\nmetadata:\n  name: \(name)", apiVersion: "v1", kind: "ConfigMap", name: name)
        }
        let hook = Rendering.Hook(name: "t", kind: "Pod", sourcePath: "c/templates/hook.yaml", manifest: "kind: Pod", events: ["test"],
                                  weight: 0, deletePolicies: [], outputLogPolicies: [])
        let rendering = Rendering(manifests: [manifest("c/templates/cm.yaml", "a"), manifest("c/templates/cm.yaml", "b")],
                                  hooks: [hook], crds: [], notes: "")
        var wrote: [String] = []
        for _ in 0..<2 {
            wrote = []
            try rendering.writeHelmTemplateFiles(to: dir + "/", releaseName: "r", includeCRDs: true, includeHooks: true, skipTests: false) {
                wrote.append($0)
            }
        }
        #expect(wrote == ["\(dir)/r/c/templates/cm.yaml", "\(dir)/r/c/templates/cm.yaml", "\(dir)/r/c/templates/hook.yaml"])
        #expect(try String(contentsOfFile: "\(dir)/r/c/templates/cm.yaml", encoding: .utf8) == """
            ---
            # Source: c/templates/cm.yaml
            kind: ConfigMap
            metadata:
              name: a
            ---
            # Source: c/templates/cm.yaml
            kind: ConfigMap
            metadata:
              name: b

            """)
        // A second run truncates manifest files but appends hooks to the file already there (as helm does).
        #expect(try String(contentsOfFile: "\(dir)/r/c/templates/hook.yaml", encoding: .utf8)
                == "---\n# Source: c/templates/hook.yaml\nkind: Pod\n---\n# Source: c/templates/hook.yaml\nkind: Pod\n")
    }
}
