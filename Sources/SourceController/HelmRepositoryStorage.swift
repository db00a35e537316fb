import ChartRepository
import Foundation
import GitOpsAPI

/// Where HelmRepository indexes are kept: `artifacts/helmrepository/<ns>/<name>/index-<hex>.yaml`
/// (Flux's artifact path), written to a temporary file and renamed into place. Only the
/// current index is kept; a stored file is never rewritten.
extension ArtifactStorage {
    func helmRepositoryDirectory(namespace: String, name: String) -> String {
        "\(root)/artifacts/helmrepository/\(namespace)/\(name)"
    }

    /// Stores `index` unless `current` already is this digest and its file is present.
    /// The revision and digest are both `sha256:<hex>` of the bytes, as in Flux.
    func storeHelmIndex(_ index: [UInt8], namespace: String, name: String, current: Artifact?) throws -> Artifact {
        let hex = ChartDigest.sha256Hex(index)
        let revision = "sha256:" + hex
        let directory = helmRepositoryDirectory(namespace: namespace, name: name)
        let path = "\(directory)/index-\(hex).yaml"
        let fm = FileManager.default
        if let current, current.revision == revision, current.url == "file://" + path, fm.fileExists(atPath: path) {
            return current
        }
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if !fm.fileExists(atPath: path) {
            let temporary = "\(directory)/.index-\(hex).\(UUID().uuidString).tmp"
            guard fm.createFile(atPath: temporary, contents: Data(index)) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
            }
            do {
                try fm.moveItem(atPath: temporary, toPath: path)
            } catch {
                try? fm.removeItem(atPath: temporary)
                if !fm.fileExists(atPath: path) { throw error }
            }
        }
        for entry in (try? fm.contentsOfDirectory(atPath: directory)) ?? [] where entry != "index-\(hex).yaml" {
            try? fm.removeItem(atPath: "\(directory)/\(entry)")
        }
        return Artifact(revision: revision, digest: revision, url: "file://" + path, path: relative(path), size: index.count)
    }

    func removeHelmIndexes(namespace: String, name: String) {
        try? FileManager.default.removeItem(atPath: helmRepositoryDirectory(namespace: namespace, name: name))
    }
}
