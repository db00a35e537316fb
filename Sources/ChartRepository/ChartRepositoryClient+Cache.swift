import Foundation

extension ChartRepositoryClient {
    /// The cached archive with `digest`, if present and still matching (a corrupt file is removed).
    func cachedArchive(digest: String) -> [UInt8]? {
        guard let path = cachePath(digest: digest), let data = FileManager.default.contents(atPath: path) else { return nil }
        let bytes = [UInt8](data)
        guard ChartDigest.sha256Hex(bytes) == digest else {
            try? FileManager.default.removeItem(atPath: path)
            return nil
        }
        return bytes
    }

    /// Writes a verified archive to the cache atomically (a temporary file renamed into place);
    /// a cache that cannot be written only costs a later download.
    func storeInCache(_ bytes: [UInt8], digest: String) {
        guard let directory = cacheDirectory, let path = cachePath(digest: digest) else { return }
        let manager = FileManager.default
        try? manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = directory + "/.\(digest).\(UUID().uuidString).tmp"
        guard manager.createFile(atPath: temporary, contents: Data(bytes)) else { return }
        if rename(temporary, path) != 0 { try? manager.removeItem(atPath: temporary) }
    }

    func cachePath(digest: String) -> String? {
        cacheDirectory.map { $0 + "/" + digest + ".tgz" }
    }
}
