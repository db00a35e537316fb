import Foundation
import GitOpsAPI
import Testing
import YAML

/// The kustomize conformance corpus (`expected.yaml` printed by the real `kubectl kustomize`):
/// every expected output must read and print back byte for byte.
@Suite("kubectl kustomize corpus")
struct CorpusRoundTripTests {
    /// `GITOPS_CONFORMANCE` or `../shared/conformance` next to the package.
    static let casesDirectory: URL = {
        if let path = ProcessInfo.processInfo.environment["GITOPS_CONFORMANCE"] {
            return URL(fileURLWithPath: path).appendingPathComponent("kustomize-cases")
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return packageRoot.deletingLastPathComponent()
            .appendingPathComponent("shared/conformance/kustomize-cases")
    }()

    static func files(named name: String) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: casesDirectory.path)) ?? []
        return names.sorted().map { casesDirectory.appendingPathComponent($0).appendingPathComponent(name) }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
    }

    @Test("every expected.yaml of the corpus reads and prints back byte-identical")
    func roundTrip() throws {
        let files = Self.files(named: "expected.yaml")
        try #require(files.count > 200, "corpus not found at \(Self.casesDirectory.path)")
        try expectRoundTrip(files)
    }

    @Test("the Go tests' own expectations (test-expected.yaml) print back byte-identical too")
    func roundTripGoTestExpectations() throws {
        let files = Self.files(named: "test-expected.yaml")
        try #require(files.count > 50, "corpus not found at \(Self.casesDirectory.path)")
        try expectRoundTrip(files)
    }

    private func expectRoundTrip(_ files: [URL]) throws {
        var failures: [String] = []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let caseName = file.deletingLastPathComponent().lastPathComponent
            do {
                let documents = try YAML.parseDocuments(text, file: caseName)
                let printed = YAML.emitDocuments(documents.map(\.value))
                if printed != text { failures.append(caseName + "\n" + firstDifference(printed, text)) }
            } catch {
                failures.append("\(caseName): \(error)")
            }
        }
        print("\(files[0].lastPathComponent) round trip: \(files.count - failures.count) of \(files.count) byte-identical")
        #expect(failures.isEmpty, "\(failures.count) differ:\n\(failures.prefix(10).joined(separator: "\n"))")
    }

    private func firstDifference(_ printed: String, _ expected: String) -> String {
        let a = printed.split(separator: "\n", omittingEmptySubsequences: false)
        let b = expected.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(a.count, b.count) where i >= a.count || i >= b.count || a[i] != b[i] {
            let got = i < a.count ? String(a[i]) : "<end>"
            let want = i < b.count ? String(b[i]) : "<end>"
            return "  line \(i + 1): printed \(got.debugDescription)\n           expected \(want.debugDescription)"
        }
        return "  (same lines)"
    }
}
