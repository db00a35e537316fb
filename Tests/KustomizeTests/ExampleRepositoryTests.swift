import Foundation
import GitOpsAPI
import Kustomize
import Testing
import YAML

/// The example repository under `apps/` and `clusters/` is built here so it cannot rot: each
/// directory must print byte for byte what `kubectl kustomize` prints.
@Suite("Example repository builds like kubectl kustomize")
struct ExampleRepositoryTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let kubectl = "/usr/bin/kubectl"

    /// `apps/*/base`, `apps/*/overlays/*`, `clusters/staging`, `clusters/production`.
    static let directories: [String] = {
        let fm = FileManager.default
        func children(_ dir: String) -> [String] {
            ((try? fm.contentsOfDirectory(atPath: packageRoot + "/" + dir)) ?? []).sorted()
                .filter { !$0.hasPrefix(".") }
                .map { dir + "/" + $0 }
                .filter { var isDir: ObjCBool = false; return fm.fileExists(atPath: packageRoot + "/" + $0, isDirectory: &isDir) && isDir.boolValue }
        }
        var out: [String] = []
        for app in children("apps") {
            if fm.fileExists(atPath: packageRoot + "/" + app + "/base") { out.append(app + "/base") }
            out += children(app + "/overlays")
        }
        return out + ["clusters/staging", "clusters/production"]
    }()

    @Test("the example repository has apps with bases and overlays")
    func found() {
        #expect(Self.directories.count > 4, "found \(Self.directories)")
        #expect(Self.directories.contains("clusters/production"))
    }

    @Test("each directory builds to exactly what kubectl kustomize prints", arguments: directories)
    func matchesKubectl(directory: String) throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.kubectl),
                     "kubectl is needed at \(Self.kubectl) to check the example repository against kubectl kustomize")
        let objects = try Builder(root: Self.packageRoot).build(directory)
        let ours = YAML.emitDocuments(objects.map(\.body))
        let theirs = try Self.kubectlKustomize(Self.packageRoot + "/" + directory)
        #expect(ours == theirs, "\(directory) differs from kubectl kustomize:\n\(Self.firstDifference(ours, theirs))")
    }

    static func kubectlKustomize(_ directory: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: kubectl)
        process.arguments = ["kustomize", directory]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting so a large output cannot fill the pipe and block kubectl.
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "kubectl kustomize \(directory) failed: \(String(decoding: errors, as: UTF8.self))")
        return String(decoding: data, as: UTF8.self)
    }

    static func firstDifference(_ a: String, _ b: String) -> String {
        let x = a.split(separator: "\n", omittingEmptySubsequences: false)
        let y = b.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(x.count, y.count) where i >= x.count || i >= y.count || x[i] != y[i] {
            return "line \(i + 1): ours \((i < x.count ? String(x[i]) : "<end>").debugDescription), kubectl \((i < y.count ? String(y[i]) : "<end>").debugDescription)"
        }
        return "(same lines)"
    }
}
