import ChartRepository
import Foundation
import Testing

@Suite("index.yaml: parsing and version selection")
struct RepositoryIndexTests {
    static let indexYAML = """
    apiVersion: v1
    entries:
      demo:
      - apiVersion: v2
        name: demo
        version: 1.2.0
        appVersion: "2.0"
        created: "2026-01-02T10:00:00.123456789Z"
        digest: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
        urls:
        - charts/demo-1.2.0.tgz
      - apiVersion: v2
        name: demo
        version: 2.0.0-rc.1
        urls:
        - https://mirror.example.com/demo-2.0.0-rc.1.tgz
      - apiVersion: v2
        name: demo
        version: 1.10.3
        urls: [charts/demo-1.10.3.tgz]
      - apiVersion: v2
        name: demo
        version: 0.9.0
        urls: [charts/demo-0.9.0.tgz]
      - null
      - name: demo
        version: not-semver
        urls: [charts/odd.tgz]
      other:
      - name: other
        version: 3.0.0+build.1
        created: 2026-01-01T00:00:00Z
        urls: [other-a.tgz]
      - name: other
        version: 3.0.0+build.2
        created: 2026-02-01T00:00:00Z
        urls: [other-b.tgz]
    generated: "2026-02-03T00:00:00Z"
    """

    func index() throws -> RepositoryIndex {
        try RepositoryIndex.parse(Array(Self.indexYAML.utf8), source: "https://charts.example.com/index.yaml")
    }

    @Test("entries are read newest first, null entries skipped, fields kept")
    func parse() throws {
        let index = try index()
        #expect(index.apiVersion == "v1")
        #expect(index.generated == "2026-02-03T00:00:00Z")
        #expect(index.entries["demo"]?.map(\.version) == ["2.0.0-rc.1", "1.10.3", "1.2.0", "0.9.0", "not-semver"])
        let entry = try #require(index.entries["demo"]?.first { $0.version == "1.2.0" })
        #expect(entry.urls == ["charts/demo-1.2.0.tgz"])
        #expect(entry.appVersion == "2.0")
        #expect(entry.digest.hasPrefix("9f86d08"))
        #expect(entry.created == "2026-01-02T10:00:00.123456789Z")
        // Equal versions differing in build metadata: the newer `created` first, as Flux orders them.
        #expect(index.entries["other"]?.map(\.urls) == [["other-b.tgz"], ["other-a.tgz"]])
    }

    @Test("selection: exact version, ranges, stable-only by default, pre-releases on request", arguments: [
        ("", "1.10.3"), ("*", "1.10.3"), ("1.2.0", "1.2.0"), ("^1.0", "1.10.3"), ("~1.2", "1.2.0"),
        (">=0.1 <1", "0.9.0"), (">=2.0.0-0", "2.0.0-rc.1"), ("not-semver", "not-semver"), (" 1.2.x ", "1.2.0"),
    ])
    func select(range: String, expected: String) throws {
        #expect(try index().select(chart: "demo", range: range, repository: "https://charts.example.com").version == expected)
    }

    @Test("selection errors name the repository, chart and range and say what to do")
    func selectionErrors() throws {
        let index = try index()
        let none = #expect(throws: ChartRepositoryError.self) { try index.select(chart: "demo", range: ">=5", repository: "https://charts.example.com") }
        #expect(none?.reason == .noMatchingVersion)
        #expect(none?.message == "no version of chart \"demo\" in the repository https://charts.example.com matches \">=5\" (newest: 2.0.0-rc.1, 1.10.3, 1.2.0, 0.9.0, not-semver); widen the range or publish a matching version")
        let missing = #expect(throws: ChartRepositoryError.self) { try index.select(chart: "nginx", range: "*", repository: "https://charts.example.com") }
        #expect(missing?.reason == .chartNotFound)
        #expect(missing?.message.contains("chart \"nginx\" not found in the repository https://charts.example.com (it lists demo, other)") == true)
        let bad = #expect(throws: ChartRepositoryError.self) { try index.select(chart: "demo", range: ">=1.0 <<2", repository: "r") }
        #expect(bad?.reason == .invalidConfiguration)
    }

    @Test("indexes without apiVersion, empty, or not YAML maps are rejected with the URL")
    func invalidIndexes() throws {
        for text in ["entries: {}\n", "", "<html><body>Login</body></html>", "key: [unclosed"] {
            let error = #expect(throws: ChartRepositoryError.self) { try RepositoryIndex.parse(Array(text.utf8), source: "https://x.example.com/index.yaml") }
            #expect(error?.reason == .invalidIndex)
            #expect(error?.message.contains("https://x.example.com/index.yaml") == true)
        }
    }

    @Test("chart URLs resolve as Helm's ResolveReferenceURL does", arguments: [
        ("charts/a.tgz", "https://h.example.com/repo", "https://h.example.com/repo/charts/a.tgz"),
        ("charts/a.tgz", "https://h.example.com/repo/", "https://h.example.com/repo/charts/a.tgz"),
        ("/abs/a.tgz", "https://h.example.com/repo", "https://h.example.com/abs/a.tgz"),
        ("https://cdn.example.com/a.tgz", "https://h.example.com/repo", "https://cdn.example.com/a.tgz"),
        ("a.tgz", "https://h.example.com/repo?token=s3cr3t", "https://h.example.com/repo/a.tgz?token=s3cr3t"),
        ("index.yaml", "http://127.0.0.1:8080", "http://127.0.0.1:8080/index.yaml"),
    ])
    func resolve(reference: String, base: String, expected: String) {
        #expect(ChartRepositoryClient.resolve(reference, against: base) == expected)
    }
}
