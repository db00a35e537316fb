import CGitOpsGit2
import Foundation
import Hashing

/// What `GitMirror.export` wrote.
public struct ExportedTree: Sendable, Hashable {
    /// `sha256:<hex>` over the sorted listing of every written file's path, mode and content
    /// digest: equal trees give equal digests, whatever order the files were written in.
    public let digest: String
    /// Total bytes of file content written.
    public let size: Int
    /// Number of files written.
    public let fileCount: Int
    /// Paths written, relative to the directory, sorted.
    public let paths: [String]
}

extension GitMirror {
    /// Writes the files of `commit`'s tree (never `.git`) into `directory`, which must not exist
    /// or be empty, leaving out what `ignore` excludes.
    ///
    /// Like Flux's artifact, only regular and executable files are written: symbolic links
    /// (which could point outside the directory) and submodules are skipped.
    public func export(commit: String, to directory: String, ignore: IgnoreRules) throws -> ExportedTree {
        let files = try listFiles(commit: commit)
        let sourceIgnores = try files.filter { $0.path.last == IgnoreRules.sourceIgnoreFileName }
            .map { (directory: Array($0.path.dropLast()), text: String(decoding: try blobContent($0.oid), as: UTF8.self)) }
        let matcher = ignore.matcher(sourceIgnoreFiles: sourceIgnores)
        let kept = files.filter { !matcher.isIgnored($0.path) }
            .sorted { $0.joinedPath.utf8.lexicographicallyPrecedes($1.joinedPath.utf8) }

        try prepareEmptyDirectory(directory)
        var listing = ""
        var size = 0
        for file in kept {
            let content = try blobContent(file.oid)
            let target = directory + "/" + file.joinedPath
            try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            let permissions = file.executable ? 0o755 : 0o644
            guard FileManager.default.createFile(atPath: target, contents: content,
                                                 attributes: [.posixPermissions: permissions]) else {
                throw GitError(.other, "cannot write \(target)")
            }
            size += content.count
            listing += "\(file.executable ? "100755" : "100644") \(SHA256.hash(content).hex) \(file.joinedPath)\n"
        }
        return ExportedTree(digest: "sha256:" + SHA256.hash(listing).hex, size: size,
                            fileCount: kept.count, paths: kept.map(\.joinedPath))
    }

    struct TreeFile {
        let path: [String]
        let oid: git_oid
        let executable: Bool
        var joinedPath: String { path.joined(separator: "/") }
    }

    /// Every regular file in the commit's tree, read from the object database.
    func listFiles(commit: String) throws -> [TreeFile] {
        let full = try commitID(ofSHA: commit)
        var commitOID = try oid(full)
        var commitHandle: OpaquePointer?
        try git(git_commit_lookup(&commitHandle, repository, &commitOID), "commit \(commit) not found in \(remote.display)")
        defer { git_commit_free(commitHandle) }
        var tree: OpaquePointer?
        try git(git_commit_tree(&tree, commitHandle), "cannot read the tree of commit \(commit)")
        defer { git_tree_free(tree) }

        final class Walk {
            var files: [TreeFile] = []
            var unsafeName: String?
        }
        let walk = Walk()
        let code = git_tree_walk(tree, GIT_TREEWALK_PRE, { root, entry, payload in
            guard let entry, let payload else { return -1 }
            let walk = Unmanaged<Walk>.fromOpaque(payload).takeUnretainedValue()
            let name = String(cString: git_tree_entry_name(entry))
            // A crafted tree could name an entry ".." or "a/b" to write outside the directory.
            if name.isEmpty || name == "." || name == ".." || name.contains("/") {
                walk.unsafeName = name
                return -1
            }
            let mode = git_tree_entry_filemode(entry)
            guard mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE else { return 0 }
            let directory = root.map { String(cString: $0) } ?? ""
            let path = directory.split(separator: "/").map(String.init) + [name]
            walk.files.append(TreeFile(path: path, oid: git_tree_entry_id(entry).pointee,
                                       executable: mode == GIT_FILEMODE_BLOB_EXECUTABLE))
            return 0
        }, Unmanaged.passUnretained(walk).toOpaque())
        if let name = walk.unsafeName {
            throw GitError(.other, "commit \(commit) contains an unsafe path component '\(name)'; refusing to export it")
        }
        try git(code, "cannot walk the tree of commit \(commit)")
        return walk.files
    }

    /// A blob's bytes.
    func blobContent(_ oid: git_oid) throws -> Data {
        var oid = oid
        var blob: OpaquePointer?
        try git(git_blob_lookup(&blob, repository, &oid), "blob \(oid.hex) missing from the mirror", notFound: .other)
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let bytes = git_blob_rawcontent(blob) else { return Data() }
        return Data(bytes: bytes, count: size)
    }

    private func prepareEmptyDirectory(_ directory: String) throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: directory) {
            guard (try? manager.contentsOfDirectory(atPath: directory))?.isEmpty == true else {
                throw GitError(.other, "export target \(directory) exists and is not an empty directory")
            }
        } else {
            do {
                try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw GitError(.other, "cannot create \(directory): \(error.localizedDescription)")
            }
        }
    }
}
