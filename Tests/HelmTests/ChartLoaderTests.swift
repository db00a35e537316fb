import Foundation
import GoTemplate
import Testing
@testable import Helm

@Suite struct ChartLoaderTests {
    func tempDir() throws -> String {
        let dir = NSTemporaryDirectory() + "helmtests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    func write(_ root: String, _ files: [String: String]) throws {
        for (path, text) in files {
            let full = root + "/" + path
            try FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
    }

    var sampleChart: [String: String] {
        [
            "Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.2.3\nappVersion: \"2.0\"\ndependencies:\n- name: sub\n  version: 0.1.0\n  condition: sub.enabled\n",
            "values.yaml": "replicas: 2\n",
            ".helmignore": "ci/\n*.bak\n",
            "templates/deploy.yaml": "kind: Deployment\n",
            "templates/.hidden.yaml": "kind: Secret\n",
            "templates/_helpers.tpl": "{{/* helpers */}}",
            "crds/crd.yaml": "kind: CustomResourceDefinition\n",
            "files/config.json": "{}",
            "files/old.bak": "x",
            "ci/values.yaml": "x: 1",
            "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.1.0\n",
            "charts/sub/templates/svc.yaml": "kind: Service\n",
            "charts/_skip/Chart.yaml": "apiVersion: v2\nname: skip\nversion: 0.1.0\n",
        ]
    }

    @Test func `a directory loads with .helmignore, hidden templates skipped, subcharts and files`() throws {
        let root = try tempDir()
        try write(root, sampleChart)
        let c = try ChartLoader.load(path: root)
        #expect(c.name == "app")
        #expect(c.metadata.appVersion == "2.0")
        #expect(c.templates.map(\.name) == ["templates/_helpers.tpl", "templates/deploy.yaml"])
        #expect(c.files.map(\.name) == [".helmignore", "crds/crd.yaml", "files/config.json"])
        #expect(c.dependencies.map(\.name) == ["sub"])
        #expect(c.crdObjects().map(\.filename) == ["app/crds/crd.yaml"])
        #expect(GoFormat.sprint(.map(c.values)) == "map[replicas:2]")
    }

    @Test func `an archive loads the same chart`() throws {
        let root = try tempDir()
        try write(root + "/app", sampleChart)
        let archive = root + "/app-1.2.3.tgz"
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        tar.arguments = ["tar", "czf", archive, "-C", root, "--exclude", "app/ci", "--exclude", "app/files/old.bak", "app"]
        try tar.run()
        tar.waitUntilExit()
        #expect(tar.terminationStatus == 0)
        let c = try ChartLoader.load(path: archive)
        #expect(c.name == "app")
        #expect(c.dependencies.map(\.name) == ["sub"])
        #expect(c.templates.map(\.name).sorted() == ["templates/_helpers.tpl", "templates/deploy.yaml"])
    }

    @Test func `an unquoted numeric appVersion reads as Go formats the number`() throws {
        let c = try ChartLoader.loadFiles([
            ChartFile(name: "Chart.yaml", data: Array("apiVersion: v2\nname: a\nversion: 0.1.0\nappVersion: 1.10 # comment\n".utf8))
        ])
        // helm template prints .Chart.AppVersion as "1.1" for this Chart.yaml.
        #expect(c.metadata.appVersion == "1.1")
    }

    @Test func `a chart without Chart.yaml is refused`() {
        #expect(throws: HelmError("Chart.yaml file is missing")) {
            try ChartLoader.loadFiles([ChartFile(name: "values.yaml", data: Array("a: 1".utf8))])
        }
    }

    @Test func `globs: filepath.Match for .helmignore, gobwas for .Files.Glob`() throws {
        #expect(GoGlob.filepathMatch("*.bak", "x.bak"))
        #expect(!GoGlob.filepathMatch("*.bak", "d/x.bak"))
        #expect(GoGlob.filepathMatch("[a-c]?", "bz"))
        #expect(GoGlob.filesGlobMatch("files/**.json", "files/a/b.json"))
        #expect(!GoGlob.filesGlobMatch("files/*.json", "files/a/b.json"))
        #expect(GoGlob.filesGlobMatch("dashboards/{a,b}.json", "dashboards/b.json"))
        var rules = try HelmIgnore("ci/\n*.tgz\n/top.txt\n")
        rules.addDefaults()
        #expect(rules.ignores("ci", isDirectory: true))
        #expect(!rules.ignores("ci", isDirectory: false))
        #expect(rules.ignores("charts/x.tgz", isDirectory: false))
        #expect(rules.ignores("top.txt", isDirectory: false))
        #expect(rules.ignores("templates/.x", isDirectory: false))
        #expect(throws: HelmError("double-star (**) syntax is not supported")) { try HelmIgnore("a/**") }
    }

    @Test func `kube versions parse as Helm's ParseKubeVersion does`() throws {
        #expect(try KubeVersion.parse("1.33.0") == KubeVersion(version: "v1.33.0", major: "1", minor: "33"))
        // apimachinery prints the components it was given (helm template --kube-version 1.30 shows v1.30).
        #expect(try KubeVersion.parse("v1.29") == KubeVersion(version: "v1.29", major: "1", minor: "29"))
        #expect(throws: HelmError.self) { try KubeVersion.parse("one") }
    }
}
