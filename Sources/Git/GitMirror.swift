import CGitOpsGit2
import Foundation

/// A bare mirror of one remote repository on disk, fetched incrementally.
///
/// libgit2 1.5 cannot clone shallowly, so the agent keeps every repository as a bare mirror
/// (`refs/heads/*` and `refs/tags/*`) and fetches only what is new on each reconcile; files
/// are read straight from the object database, never checked out.
///
/// Not thread-safe (a `git_repository*` must not be used from two threads at once): create,
/// use and drop a mirror inside one `GitWorker.run` closure. Opening is cheap. Two mirrors
/// on the same directory in one process take turns through a per-directory lock.
public final class GitMirror {
    /// The repository URL as given.
    public let url: String
    /// The bare repository's directory.
    public let directory: String
    let remote: GitURL
    let repository: OpaquePointer
    private let lock: NSLock

    /// Opens the bare mirror in `directory`, creating it (and missing parents) if needed.
    /// Throws `.invalidURL` for a URL libgit2 cannot use.
    public init(url: String, directory: String) throws {
        Libgit2.ensureInitialized()
        self.url = url
        self.remote = try GitURL.parse(url)
        self.directory = URL(fileURLWithPath: directory).standardizedFileURL.path
        self.lock = DirectoryLocks.lock(for: self.directory)
        lock.lock()
        var handle: OpaquePointer?
        do {
            if FileManager.default.fileExists(atPath: self.directory + "/HEAD") {
                try git(git_repository_open_bare(&handle, self.directory), "cannot open the mirror in \(self.directory)",
                        notFound: .other)
            } else {
                try FileManager.default.createDirectory(atPath: self.directory, withIntermediateDirectories: true)
                try git(git_repository_init(&handle, self.directory, 1), "cannot create a mirror in \(self.directory)",
                        notFound: .other)
            }
        } catch {
            lock.unlock()
            throw (error as? GitError) ?? GitError(.other, "cannot create \(self.directory): \(error)")
        }
        self.repository = handle!
    }

    deinit {
        git_repository_free(repository)
        lock.unlock()
    }
}

/// One lock per mirror directory for the whole process, so two reconciles of the same
/// repository never write its refs and packs at the same time.
private enum DirectoryLocks {
    private static let guardLock = NSLock()
    nonisolated(unsafe) private static var locks: [String: NSLock] = [:]

    static func lock(for directory: String) -> NSLock {
        guardLock.lock()
        defer { guardLock.unlock() }
        if let lock = locks[directory] { return lock }
        let lock = NSLock()
        locks[directory] = lock
        return lock
    }
}
