import Foundation
import Hashing

/// An OpenSSH `known_hosts` file, as carried in a Git secret's `known_hosts` key.
///
/// Supports plain host patterns (with `*`, `?` wildcards and `!` negation), `[host]:port`
/// entries for non-standard ports, hashed `|1|salt|hash` entries and the `@revoked` marker.
/// `@cert-authority` lines are skipped: libgit2 hands over the host key, not a certificate.
struct KnownHosts: Sendable {
    struct Entry: Sendable {
        let revoked: Bool
        let patterns: [String]
        let keyType: String
        let key: [UInt8]
    }

    let entries: [Entry]

    init(_ text: String) {
        entries = text.split(whereSeparator: \.isNewline).compactMap(Self.parseLine)
    }

    enum Verdict: Equatable {
        case trusted
        /// The host is listed, but with other keys (a changed key or a man in the middle).
        case mismatch
        /// The key is listed as `@revoked` for this host.
        case revoked
        /// The host is not listed at all.
        case unknown
    }

    /// Checks the server's raw public key blob for `host` reached on `port`.
    func verify(host: String, port: Int, key: [UInt8]) -> Verdict {
        // OpenSSH writes "[host]:port" for any port but 22; accept the bare host too, since
        // hand-written files often omit the port and the key still has to match.
        let names = port == 22 ? [host] : ["[\(host)]:\(port)", host]
        let relevant = entries.filter { entry in names.contains { Self.matches(entry.patterns, name: $0) } }
        if relevant.contains(where: { $0.revoked && $0.key == key }) { return .revoked }
        if relevant.contains(where: { !$0.revoked && $0.key == key }) { return .trusted }
        return relevant.isEmpty ? .unknown : .mismatch
    }

    private static func parseLine(_ line: Substring) -> Entry? {
        var fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let first = fields.first, !first.hasPrefix("#") else { return nil }
        var revoked = false
        if first.hasPrefix("@") {
            guard first == "@revoked" else { return nil }
            revoked = true
            fields.removeFirst()
        }
        guard fields.count >= 3, let key = Data(base64Encoded: String(fields[2])) else { return nil }
        return Entry(revoked: revoked, patterns: fields[0].split(separator: ",").map(String.init),
                     keyType: String(fields[1]), key: Array(key))
    }

    /// A host matches when some pattern matches it and no negated pattern does.
    private static func matches(_ patterns: [String], name: String) -> Bool {
        var matched = false
        for pattern in patterns {
            if pattern.hasPrefix("!") {
                if glob(Array(pattern.dropFirst().lowercased()), Array(name.lowercased())) { return false }
            } else if pattern.hasPrefix("|1|") {
                if hashedMatches(pattern, name: name) { matched = true }
            } else if glob(Array(pattern.lowercased()), Array(name.lowercased())) {
                matched = true
            }
        }
        return matched
    }

    /// `|1|base64(salt)|base64(HMAC-SHA1(salt, name))`.
    private static func hashedMatches(_ pattern: String, name: String) -> Bool {
        let parts = pattern.split(separator: "|", omittingEmptySubsequences: true)
        guard parts.count == 3, let salt = Data(base64Encoded: String(parts[1])),
              let hash = Data(base64Encoded: String(parts[2])) else { return false }
        return constantTimeEquals(HMAC.sha1(key: salt, message: Array(name.utf8)), hash)
    }

    /// `*` any run, `?` one character; everything else literal.
    private static func glob(_ pattern: [Character], _ text: [Character]) -> Bool {
        var p = 0, t = 0, star = -1, mark = 0
        while t < text.count {
            if p < pattern.count && (pattern[p] == "?" || pattern[p] == text[t]) {
                p += 1; t += 1
            } else if p < pattern.count && pattern[p] == "*" {
                star = p; mark = t; p += 1
            } else if star >= 0 {
                p = star + 1; mark += 1; t = mark
            } else {
                return false
            }
        }
        while p < pattern.count && pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
