import Foundation
import GitOpsAPI
import Kustomize
import Testing
import YAML

/// A directory tree written into a fresh temporary directory, removed when the fixture is.
final class Fixture {
    let root: String

    /// - Parameter files: relative path → contents; parent directories are created.
    init(_ files: [String: String]) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("kustomize-tests-\(UUID().uuidString)")
        // Resolve /tmp symlinks up front so messages and checks see the real path.
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        root = base.resolvingSymlinksInPath().path
        for (path, text) in files { try write(path, text) }
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: root + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func path(_ relative: String) -> String { root + "/" + relative }

    /// Builds `directory` (relative to the root) and prints it as `kubectl kustomize` does.
    func build(_ directory: String = ".", restrictor: Builder.LoadRestrictor = .rootOnly) throws -> String {
        let objects = try Builder(root: root, loadRestrictor: restrictor).build(directory)
        return YAML.emitDocuments(objects.map(\.body))
    }

    /// The error building `directory` throws, as text (nil when it builds).
    func buildError(_ directory: String = ".", restrictor: Builder.LoadRestrictor = .rootOnly, plainDirectory: Bool = false) -> String? {
        do {
            _ = try Builder(root: root, loadRestrictor: restrictor).build(directory, plainDirectory: plainDirectory)
            return nil
        } catch {
            return String(describing: error)
        }
    }
}
