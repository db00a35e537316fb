import Foundation

/// A repository address checked and normalised for libgit2.
///
/// Accepts `https://`, `http://`, `ssh://user@host:port/path`, `file://`, local paths, and the
/// scp-like `user@host:path`, which Flux rejects but people paste from GitHub; it becomes
/// `ssh://user@host/path` (the path is taken from the server's root, which is what GitHub,
/// GitLab and Bitbucket expect).
struct GitURL: Sendable, Hashable {
    enum Scheme: String, Sendable { case http, https, ssh, file, local }

    /// What the user wrote.
    let original: String
    /// What libgit2 is given.
    let normalized: String
    let scheme: Scheme
    let user: String?
    let password: String?
    let host: String?
    let port: Int?

    /// The URL for messages: the password, if any, masked.
    var display: String {
        guard let password, !password.isEmpty else { return normalized }
        return normalized.replacingAll(":" + password + "@", with: ":***@")
    }

    /// The port SSH connects to (22 unless given).
    var sshPort: Int { port ?? 22 }

    static func parse(_ text: String) throws -> GitURL {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw GitError(.invalidURL, "the repository URL is empty") }
        if let separator = trimmed.range(of: "://") {
            return try parseHierarchical(trimmed, schemeText: trimmed[..<separator.lowerBound].lowercased(),
                                         rest: trimmed[separator.upperBound...])
        }
        if trimmed.hasPrefix("/") || trimmed.hasPrefix("./") || trimmed.hasPrefix("../") {
            return local(trimmed)
        }
        if let scp = scpLike(trimmed) { return scp }
        if FileManager.default.fileExists(atPath: trimmed) { return local(trimmed) }
        throw GitError(.invalidURL,
            "'\(trimmed)' is not a repository URL: use https://host/path, ssh://user@host/path or file:///path")
    }

    private static func local(_ path: String) -> GitURL {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        return GitURL(original: path, normalized: absolute, scheme: .local, user: nil, password: nil, host: nil, port: nil)
    }

    /// `user@host:path` (no `://`, a colon before the first slash) → `ssh://user@host/path`.
    private static func scpLike(_ text: String) -> GitURL? {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let head = text[..<colon], path = text[text.index(after: colon)...]
        guard !head.contains("/"), !path.isEmpty else { return nil }
        var user: String?
        var host = head
        if let at = head.lastIndex(of: "@") {
            user = String(head[..<at])
            host = head[head.index(after: at)...]
        }
        guard !host.isEmpty else { return nil }
        let slashPath = path.hasPrefix("/") ? String(path) : "/" + path
        let normalized = "ssh://" + (user.map { $0 + "@" } ?? "") + host + slashPath
        return GitURL(original: text, normalized: normalized, scheme: .ssh, user: user, password: nil,
                      host: String(host), port: nil)
    }

    private static func parseHierarchical(_ text: String, schemeText: String, rest: Substring) throws -> GitURL {
        guard let scheme = Scheme(rawValue: schemeText), scheme != .local else {
            throw GitError(.invalidURL,
                "unsupported URL scheme '\(schemeText)' in \(text): use https://, http://, ssh:// or file://")
        }
        if scheme == .file {
            return GitURL(original: text, normalized: text, scheme: .file, user: nil, password: nil, host: nil, port: nil)
        }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        var user: String?, password: String?
        if let at = authority.lastIndex(of: "@") {
            let userinfo = authority[..<at]
            if let colon = userinfo.firstIndex(of: ":") {
                user = String(userinfo[..<colon])
                password = String(userinfo[userinfo.index(after: colon)...])
            } else {
                user = String(userinfo)
            }
            authority = authority[authority.index(after: at)...]
        }
        var host = authority, port: Int?
        // "[::1]:2222" keeps its brackets out of the host; "host:2222" splits at the last colon.
        let portColon = authority.hasPrefix("[")
            ? authority.firstIndex(of: "]").flatMap { close in authority[close...].firstIndex(of: ":") }
            : authority.lastIndex(of: ":")
        if let portColon {
            let portText = authority[authority.index(after: portColon)...]
            guard let value = Int(portText), (1...65535).contains(value) else {
                throw GitError(.invalidURL, "invalid port '\(portText)' in \(redacted(text, password))")
            }
            port = value
            host = authority[..<portColon]
        }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        guard !host.isEmpty else { throw GitError(.invalidURL, "no host in \(redacted(text, password))") }
        if scheme == .ssh && rest[authorityEnd...].count <= 1 {
            throw GitError(.invalidURL, "no repository path in \(text)")
        }
        return GitURL(original: text, normalized: text, scheme: scheme, user: user, password: password,
                      host: String(host), port: port)
    }

    private static func redacted(_ text: String, _ password: String?) -> String {
        guard let password, !password.isEmpty else { return text }
        return text.replacingAll(":" + password + "@", with: ":***@")
    }
}
