import Foundation
import Git
import GitOpsAPI

/// Where the Source component keeps mirrors and artifacts under the agent's state directory.
/// An artifact is an immutable, content-addressed directory:
/// `artifacts/gitrepository/<ns>/<name>/<commit>-<rules>/`, written to a temporary directory
/// first and renamed into place, so a reader never sees half an artifact.
struct ArtifactStorage: Sendable {
    let root: String
    /// How many artifacts to keep per repository (the newest); older ones are removed. A
    /// Kustomization's last healthy revision must survive a few bad commits to be re-applied.
    let retention = 8

    func mirrorDirectory(namespace: String, name: String, url: String) -> String {
        "\(root)/git/\(namespace)/\(name)-\(String(shortHash(url).prefix(12)))"
    }

    func repositoryDirectory(namespace: String, name: String) -> String { "\(root)/artifacts/gitrepository/\(namespace)/\(name)" }

    func artifactDirectory(namespace: String, name: String, commit: String, ignore: IgnoreRules) -> String {
        "\(repositoryDirectory(namespace: namespace, name: name))/\(commit)-\(String(shortHash(ignore.spec ?? "").prefix(8)))"
    }

    /// Writes an artifact through `export` unless it is already there.
    func store(directory: String, revision: String, export: (String) throws -> ExportedTree) throws -> Artifact {
        let fm = FileManager.default
        let digestFile = directory + "/../." + (directory as NSString).lastPathComponent + ".digest"
        if fm.fileExists(atPath: directory), let saved = try? String(contentsOfFile: digestFile, encoding: .utf8) {
            let parts = saved.split(separator: " ")
            if parts.count == 2 {
                return Artifact(revision: revision, digest: String(parts[0]), url: "file://" + directory, path: relative(directory), size: Int(parts[1]) ?? 0)
            }
        }
        let tmp = directory + ".tmp-\(UUID().uuidString)"
        try fm.createDirectory(atPath: (directory as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        do {
            let tree = try export(tmp)
            try? fm.removeItem(atPath: directory)
            try fm.moveItem(atPath: tmp, toPath: directory)
            try "\(tree.digest) \(tree.size)".write(toFile: digestFile, atomically: true, encoding: .utf8)
            return Artifact(revision: revision, digest: tree.digest, url: "file://" + directory, path: relative(directory), size: tree.size)
        } catch {
            try? fm.removeItem(atPath: tmp)
            throw error
        }
    }

    func relative(_ path: String) -> String { path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path }

    /// Keeps the newest `retention` artifacts of a repository (and `keep`).
    func collectGarbage(namespace: String, name: String, keep: String) {
        let fm = FileManager.default
        let dir = repositoryDirectory(namespace: namespace, name: name)
        guard let entries = try? fm.contentsOfDirectory(atPath: dir) else { return }
        let artifacts = entries.filter { !$0.hasPrefix(".") && !$0.contains(".tmp-") }.map { dir + "/" + $0 }
        let dated = artifacts.map { path in
            (path, (try? fm.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? .distantPast)
        }.sorted { $0.1 > $1.1 }
        for (path, _) in dated.dropFirst(retention) where path != keep {
            try? fm.removeItem(atPath: path)
            try? fm.removeItem(atPath: dir + "/." + (path as NSString).lastPathComponent + ".digest")
        }
    }

    func remove(namespace: String, name: String) {
        try? FileManager.default.removeItem(atPath: repositoryDirectory(namespace: namespace, name: name))
    }
}

/// A short, stable FNV-1a hash for directory names (not a security boundary).
func shortHash(_ s: String) -> String {
    var h: UInt64 = 0xcbf29ce484222325
    for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
    return String(format: "%016llx", h)
}
