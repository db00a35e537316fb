import GoTemplate
import Testing
@testable import Helm

@Suite struct BuiltinObjectTests {
    let files = FilesObject(
        files: ["conf/a.txt": Array("one\ntwo\n".utf8), "conf/sub/b.txt": Array("b".utf8), "c.json": Array("{}".utf8)],
        toYAML: nil)

    @Test func `Files.Get, GetBytes and Lines read bytes as Helm does`() throws {
        #expect(GoFormat.sprint(try files.callMethod("Get", [.string("c.json")])!) == "{}")
        #expect(GoFormat.sprint(try files.callMethod("GetBytes", [.string("c.json")])!) == "[123 125]")
        #expect(GoFormat.sprint(try files.callMethod("Get", [.string("missing")])!) == "")
        #expect(GoFormat.sprint(try files.callMethod("Lines", [.string("conf/a.txt")])!) == "[one two]")
        #expect(GoFormat.sprint(try files.callMethod("Lines", [.string("missing")])!) == "[]")
    }

    @Test func `Files.Glob: one star stays in a directory, two cross them`() throws {
        guard case .object(let one)? = try files.callMethod("Glob", [.string("conf/*")]),
              case .object(let two)? = try files.callMethod("Glob", [.string("conf/**")]),
              let one = one as? FilesObject, let two = two as? FilesObject
        else { Issue.record("Glob should return files"); return }
        #expect(one.files.keys.sorted() == ["conf/a.txt"])
        #expect(two.files.keys.sorted() == ["conf/a.txt", "conf/sub/b.txt"])
    }

    @Test func `Capabilities: KubeVersion fields and methods, APIVersions.Has with the flags added`() throws {
        let caps = Capabilities(kubeVersion: try KubeVersion.parse("1.33.0"), apiVersions: ["monitoring.coreos.com/v1"])
        guard case .object(let kube)? = caps.field("KubeVersion"), case .object(let apis)? = caps.field("APIVersions") else {
            Issue.record("fields"); return
        }
        #expect(GoFormat.sprint(kube.field("Minor")!) == "33")
        #expect(GoFormat.sprint(try kube.callMethod("GitVersion", [])!) == "v1.33.0")
        #expect(GoFormat.sprint(try apis.callMethod("Has", [.string("monitoring.coreos.com/v1")])!) == "true")
        #expect(GoFormat.sprint(try apis.callMethod("Has", [.string("apps/v1")])!) == "true")
        #expect(GoFormat.sprint(try apis.callMethod("Has", [.string("nope/v1")])!) == "false")
        #expect(VersionSet.defaults.count == 57)
    }

    @Test func `.Chart reads by Go field names`() {
        var metadata = ChartMetadata(name: "app", version: "1.0.0")
        metadata.appVersion = "2.0"
        let chart = ChartObject(metadata: metadata, isRoot: true)
        #expect(GoFormat.sprint(chart.field("AppVersion")!) == "2.0")
        #expect(GoFormat.sprint(chart.field("IsRoot")!) == "true")
        #expect(chart.orderedPairs.map(\.0) == ["name", "version", "apiVersion", "appVersion", "IsRoot"])
    }
}
