import Foundation

/// A temporary Git repository built with the `git` command line, for tests that need real
/// history: write files, commit, tag, branch, and publish to a bare repository that servers
/// can serve. The directory is removed when the fixture is released.
///
/// ```swift
/// let repo = try GitFixture()
/// try repo.write("deploy/app.yaml", "kind: ConfigMap\n")
/// let first = try repo.commit("Add app")
/// try repo.tag("v1.0.0")
/// ```
public final class GitFixture {
    /// Root of everything this fixture created (work tree, bare copies).
    public let root: String
    /// The work tree (a normal, non-bare repository on branch `main`).
    public let workTree: String

    /// Creates an empty repository on branch `main` in a fresh temporary directory.
    public init() throws {
        root = try GitFixture.temporaryDirectory(prefix: "gitfixture")
        workTree = root + "/work"
        try FileManager.default.createDirectory(atPath: workTree, withIntermediateDirectories: true)
        try git("init", "--quiet", "--initial-branch=main")
        try git("config", "user.name", "GitOps Test")
        try git("config", "user.email", "test@gitops.invalid")
        try git("config", "commit.gpgsign", "false")
        try git("config", "tag.gpgsign", "false")
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// `file://` URL of the work tree.
    public var fileURL: String { "file://" + workTree }

    /// Writes `content` to `path` (relative to the work tree), creating directories.
    public func write(_ path: String, _ content: String, executable: Bool = false) throws {
        try write(path, Data(content.utf8), executable: executable)
    }

    /// Writes raw bytes to `path` (relative to the work tree), creating directories.
    public func write(_ path: String, _ content: Data, executable: Bool = false) throws {
        let target = workTree + "/" + path
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try content.write(to: URL(fileURLWithPath: target))
        try FileManager.default.setAttributes([.posixPermissions: executable ? 0o755 : 0o644], ofItemAtPath: target)
    }

    /// Deletes `path` from the work tree.
    public func remove(_ path: String) throws {
        try FileManager.default.removeItem(atPath: workTree + "/" + path)
    }

    /// Stages everything and commits; returns the new commit's 40-hex id.
    @discardableResult
    public func commit(_ message: String) throws -> String {
        try git("add", "--all")
        try git("commit", "--quiet", "--allow-empty", "-m", message)
        return try head()
    }

    /// The id of the commit `HEAD` points to.
    public func head() throws -> String {
        try git("rev-parse", "HEAD").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Tags `HEAD` (annotated when `message` is given).
    public func tag(_ name: String, message: String? = nil) throws {
        if let message {
            try git("tag", "-a", name, "-m", message)
        } else {
            try git("tag", name)
        }
    }

    /// Creates branch `name` at `HEAD` and switches to it.
    public func branch(_ name: String) throws {
        try git("checkout", "--quiet", "-b", name)
    }

    /// Switches to an existing branch.
    public func checkout(_ name: String) throws {
        try git("checkout", "--quiet", name)
    }

    /// Creates a bare copy at `<root>/<name>` and remembers it as remote `published`; returns
    /// its path. Servers serve bare repositories; call ``publish()`` after new commits.
    @discardableResult
    public func makeBare(named name: String = "repo.git") throws -> String {
        let path = root + "/" + name
        try GitFixture.run("/usr/bin/env", ["git", "clone", "--quiet", "--bare", workTree, path])
        try git("remote", "add", "published", path)
        return path
    }

    /// Pushes every branch and tag to the bare copy (deletions and rewrites included).
    public func publish() throws {
        try git("push", "--quiet", "--force", "--mirror", "published")
    }

    /// Runs `git <arguments>` in the work tree and returns its standard output.
    @discardableResult
    public func git(_ arguments: String...) throws -> String {
        try GitFixture.run("/usr/bin/env", ["git"] + arguments, directory: workTree)
    }

    /// Runs a program to completion; throws with its standard error when it exits non-zero.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], directory: String? = nil,
                           environment: [String: String] = [:]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var env = ProcessInfo.processInfo.environment
        // Keep the user's git configuration (signing, hooks, templates) out of fixtures.
        env["GIT_CONFIG_GLOBAL"] = "/dev/null"
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env.merge(environment) { _, new in new }
        process.environment = env
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read before waiting so a chatty command cannot fill the pipe and block.
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw GitFixtureError(command: ([executable] + arguments).joined(separator: " "),
                                  status: process.terminationStatus,
                                  stderr: String(decoding: err, as: UTF8.self))
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A new empty directory under the system's temporary directory.
    public static func temporaryDirectory(prefix: String) throws -> String {
        let path = NSTemporaryDirectory() + "/\(prefix)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return URL(fileURLWithPath: path).standardizedFileURL.path
    }
}

/// A fixture command that failed.
public struct GitFixtureError: Error, CustomStringConvertible {
    public let command: String
    public let status: Int32
    public let stderr: String
    public var description: String { "`\(command)` exited with \(status): \(stderr)" }
}
