import CGitOpsGit2

/// The one place that talks to libgit2's global state and turns its return codes into errors.
enum Libgit2 {
    /// `git_libgit2_init` must run once before any other call; a lazy static does it exactly
    /// once, thread-safely. The agent never calls shutdown: the library lives as long as the process.
    private static let initialized: Void = { _ = git_libgit2_init() }()

    static func ensureInitialized() { _ = initialized }

    /// The last error on this thread (libgit2 keeps one per thread): read it straight after the
    /// failing call, before anything else can overwrite it.
    static func lastError() -> (message: String, errorClass: Int32) {
        guard let error = git_error_last() else { return ("unknown libgit2 error", 0) }
        let message = error.pointee.message.map { String(cString: $0) } ?? "unknown libgit2 error"
        return (message.trimmingTrailingNewlines(), error.pointee.klass)
    }
}

/// Runs a libgit2 call result through the error check: a negative code becomes a `GitError`
/// whose message is `context: <libgit2's message>`, classified by code and error class.
@discardableResult
func git(_ code: Int32, _ context: @autoclosure () -> String, notFound: GitError.Kind = .notFound) throws -> Int32 {
    guard code < 0 else { return code }
    let (message, errorClass) = Libgit2.lastError()
    let kind = classify(code: code, errorClass: errorClass, message: message, notFound: notFound)
    throw GitError(kind, "\(context()): \(message)")
}

/// Maps a libgit2 failure to a `GitError.Kind`. Codes come first; libgit2 1.5 reports HTTP
/// status and connection failures only in the message, so those are matched by text.
func classify(code: Int32, errorClass: Int32, message: String, notFound: GitError.Kind = .notFound) -> GitError.Kind {
    let lower = message.lowercased()
    if code == GIT_EAUTH.rawValue || lower.contains("401") || lower.contains("403") || lower.contains("authentication") {
        return .authenticationFailed
    }
    if code == GIT_ECERTIFICATE.rawValue { return .untrustedHost }
    if code == GIT_ENOTFOUND.rawValue || lower.contains("404") || lower.contains("not found")
        || lower.contains("could not find repository") || lower.contains("does not appear to be a git repository")
        || lower.contains("not a git repository") || lower.contains("no such file") {
        return notFound
    }
    let networkClasses: Set<UInt32> = [GIT_ERROR_NET.rawValue, GIT_ERROR_SSH.rawValue, GIT_ERROR_HTTP.rawValue, GIT_ERROR_OS.rawValue]
    if networkClasses.contains(UInt32(bitPattern: errorClass)) || lower.contains("connect") || lower.contains("resolve") {
        return .network
    }
    return .other
}

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while text.last == "\n" || text.last == "\r" { text.removeLast() }
        return text
    }
}

/// Facts about the libgit2 this build links, for `gitops check`.
public enum GitLibrary {
    /// `1.5.1 (threads, https, ssh)`.
    public static var version: String {
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        git_libgit2_version(&major, &minor, &patch)
        let features = git_libgit2_features()
        var names: [String] = []
        if features & Int32(GIT_FEATURE_THREADS.rawValue) != 0 { names.append("threads") }
        if features & Int32(GIT_FEATURE_HTTPS.rawValue) != 0 { names.append("https") }
        if features & Int32(GIT_FEATURE_SSH.rawValue) != 0 { names.append("ssh") }
        return "\(major).\(minor).\(patch) (\(names.joined(separator: ", ")))"
    }
}
